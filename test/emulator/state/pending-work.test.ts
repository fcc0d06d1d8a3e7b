import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../../emulator/protocol/aws-context';
import { EventsProvider } from '../../../emulator/services/events/provider';
import { SqsProvider } from '../../../emulator/services/sqs/provider';
import { StateStore } from '../../../emulator/state/state-store';
import { tempStateDir } from '../helpers/emulator';

describe('pending work', () => {
  const stores: StateStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  const open = (dir: string) => {
    const store = new StateStore(dir);
    stores.push(store);
    return store;
  };

  it('keeps what is not done across a restart, ignoring a line torn by a crash', async () => {
    const dir = tempStateDir();
    const store = open(dir);
    const work = store.pendingWork<{ n: number }>('jobs');
    work.add('a', { n: 1 });
    work.add('b', { n: 2 });
    work.update('b', { n: 3 });
    work.done('a');
    await store.commit();
    await store.close();
    appendFileSync(join(dir, 'pending-jobs.log'), '{"add":"c","it');
    expect(open(dir).pendingWork('jobs').entries()).toEqual([['b', { n: 3 }]]);
  });

  it('compacts its log once most of it is done', async () => {
    const dir = tempStateDir();
    const store = open(dir);
    const work = store.pendingWork<number>('many');
    for (let i = 0; i < 2000; i++) {
      work.add(String(i), i);
      if (i !== 7) work.done(String(i));
    }
    await store.commit();
    const lines = readFileSync(join(dir, 'pending-many.log'), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(1000);
    await store.close();
    expect(open(dir).pendingWork('many').entries()).toEqual([['7', 7]]);
  });

  it('resumes an EventBridge Lambda target delivery left waiting for a retry at shutdown', async () => {
    const dir = tempStateDir();
    const setup = (store: StateStore) => {
      const context = createContext();
      const sqs = new SqsProvider(context, { store });
      const events = new EventsProvider(context, {
        queues: sqs,
        store,
        retryBaseDelayMs: 3_600_000,
        log: () => {},
      });
      return { sqs, events };
    };
    const first = setup(open(dir));
    await first.events.dispatch('PutRule', { Name: 'r', EventPattern: JSON.stringify({ source: ['app'] }) });
    await first.events.dispatch('PutTargets', {
      Rule: 'r',
      Targets: [{ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:f' }],
    });
    let attempts = 0;
    first.events.setLambdaInvoker({
      invoke: () => {
        attempts++;
        return Promise.reject(Object.assign(new Error('throttled'), { errorCode: 'ThrottlingException' }));
      },
    });
    const put = await first.events.dispatch('PutEvents', {
      Entries: [{ Source: 'app', DetailType: 't', Detail: '{"order":42}' }],
    });
    await stores[0]!.commit();
    await expect.poll(() => attempts).toBe(1);
    first.events.close();
    first.sqs.close();
    await stores[0]!.close();

    const second = setup(open(dir));
    const payloads: string[] = [];
    second.events.setLambdaInvoker({
      invoke: async (_arn, payload) => {
        payloads.push(payload);
      },
    });
    await second.events.idle();
    expect(payloads).toHaveLength(1);
    expect(JSON.parse(payloads[0]!)).toMatchObject({
      id: (put.Entries as { EventId: string }[])[0]!.EventId,
    });
    await stores[1]!.commit();
    await stores[1]!.close();
    expect(open(dir).pendingWork('events-deliveries').size).toBe(0);
  });
});
