import { ListRulesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUS, hydrant, startLocalHydrant, type LocalHydrant } from './helpers';

let local: LocalHydrant;

beforeAll(async () => {
  local = await startLocalHydrant();
});

afterAll(() => local?.close());

/** Starts `hydrant events tail`; `ready` resolves once its rule and queue exist. */
function startTail(args: string[]) {
  const abort = new AbortController();
  const waiters: { text: string; resolve: () => void }[] = [];
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = hydrant(['events', 'tail', ...args], {
    env: { HYDRANT_STATE: local.stateDir },
    signal: abort.signal,
    onStderr: (text) => text.includes('tailing') && markReady(),
    onStdout: (text) => waiters.filter((w) => text.includes(w.text)).forEach((w) => w.resolve()),
  });
  const failed = done.then((r) => Promise.reject(new Error(`tail ended early (${r.code}): ${r.stderr}`)));
  return {
    ready: Promise.race([ready, failed]),
    /** Resolves when stdout contains `text`. */
    printed: (text: string) =>
      Promise.race([new Promise<void>((resolve) => waiters.push({ text, resolve })), failed]),
    done,
    abort,
  };
}

async function put(source: string, detailType: string, detail: unknown) {
  const out = await local.events.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: BUS, Source: source, DetailType: detailType, Detail: JSON.stringify(detail) },
      ],
    }),
  );
  expect(out.FailedEntryCount).toBe(0);
}

async function tailResources() {
  const rules = await local.events.send(
    new ListRulesCommand({ EventBusName: BUS, NamePrefix: 'hydrant-tail-' }),
  );
  const queues = await local.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'hydrant-tail-' }));
  return { rules: rules.Rules ?? [], queues: queues.QueueUrls ?? [] };
}

describe('hydrant events tail', () => {
  it('prints the events that match its filter as JSON lines, then removes its rule and queue', async () => {
    const tail = startTail([
      '--source',
      'stripe',
      'delivery',
      '--detail-type',
      'Delivered',
      'charge.refunded',
      '--count',
      '2',
      '--json',
    ]);
    await tail.ready;
    expect((await tailResources()).rules).toHaveLength(1);

    await put('stripe', 'charge.refunded', { id: 'ch_1' });
    await put('partner.buywithprime', 'Delivered', { orderId: 'ignored' });
    await put('delivery', 'Delivered', { orderId: 'o-1' });
    const run = await tail.done;

    expect(run.code, run.stderr).toBe(0);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e) => [e.source, e['detail-type'], e.detail])).toEqual([
      ['stripe', 'charge.refunded', { id: 'ch_1' }],
      ['delivery', 'Delivered', { orderId: 'o-1' }],
    ]);
    expect(await tailResources()).toEqual({ rules: [], queues: [] });
  });

  it('shows every event as text until interrupted, and cleans up on interrupt', async () => {
    const tail = startTail([]);
    await tail.ready;

    await put('shop.hydration', 'Order Hydrated', { orderId: 'o-2' });
    await tail.printed('o-2');
    tail.abort.abort();
    const run = await tail.done;

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/shop\.hydration {2}Order Hydrated {2}\S+ {2}\{"orderId":"o-2"\}\n$/);
    expect(await tailResources()).toEqual({ rules: [], queues: [] });
  });
});
