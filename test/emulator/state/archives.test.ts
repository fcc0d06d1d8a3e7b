import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../../emulator/protocol/aws-context';
import { EventsProvider } from '../../../emulator/services/events/provider';
import { SqsProvider } from '../../../emulator/services/sqs/provider';
import { StateStore } from '../../../emulator/state/state-store';
import { tempStateDir } from '../helpers/emulator';

const DAY = 86_400_000;
const BUS = 'arn:aws:events:us-east-1:000000000000:event-bus/default';

describe('archives', () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const stores: StateStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  const open = (dir: string) => {
    const store = new StateStore(dir);
    stores.push(store);
    const context = createContext();
    const sqs = new SqsProvider(context, { store, now: () => now });
    return {
      store,
      events: new EventsProvider(context, { queues: sqs, store, now: () => now, log: () => {} }),
    };
  };
  const put = (events: EventsProvider, n: number) =>
    events.dispatch('PutEvents', {
      Entries: [{ Source: 'app', DetailType: 't', Detail: JSON.stringify({ n }) }],
    });
  const count = async (events: EventsProvider, name: string) =>
    (await events.dispatch('DescribeArchive', { ArchiveName: name })).EventCount;

  it('appends each event to its own log, never rewriting what is there', async () => {
    const dir = tempStateDir();
    const { store, events } = open(dir);
    await events.dispatch('CreateArchive', { ArchiveName: 'all', EventSourceArn: BUS });
    await put(events, 1);
    await store.commit();
    const log = join(dir, 'archive-all.log');
    const first = readFileSync(log, 'utf8');
    await put(events, 2);
    await store.commit();
    const second = readFileSync(log, 'utf8');
    expect(second.startsWith(first)).toBe(true);
    expect(second.trim().split('\n')).toHaveLength(2);
    expect(readFileSync(join(dir, 'events.json'), 'utf8')).not.toContain('"n\\":1');
    await store.close();
    expect(await count(open(dir).events, 'all')).toBe(2);
  });

  it('drops events older than RetentionDays, in memory and on disk; 0 keeps them', async () => {
    const dir = tempStateDir();
    const { store, events } = open(dir);
    await events.dispatch('CreateArchive', { ArchiveName: 'week', EventSourceArn: BUS, RetentionDays: 7 });
    await events.dispatch('CreateArchive', { ArchiveName: 'forever', EventSourceArn: BUS });
    await put(events, 1);
    now += 5 * DAY;
    await put(events, 2);
    now += 3 * DAY;
    expect(await count(events, 'week')).toBe(1);
    expect(await count(events, 'forever')).toBe(2);
    await store.commit();
    expect(readFileSync(join(dir, 'archive-week.log'), 'utf8').trim().split('\n')).toHaveLength(1);
    now += 10 * DAY;
    await store.close();
    const reopened = open(dir).events;
    expect(await count(reopened, 'week')).toBe(0);
    expect(await count(reopened, 'forever')).toBe(2);
  });

  it('rejects a negative RetentionDays', async () => {
    const { events } = open(tempStateDir());
    await expect(
      events.dispatch('CreateArchive', { ArchiveName: 'bad', EventSourceArn: BUS, RetentionDays: -1 }),
    ).rejects.toMatchObject({ code: 'ValidationException' });
  });
});
