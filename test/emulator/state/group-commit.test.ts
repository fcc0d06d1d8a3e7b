/**
 * The state store's group commit: writes run on the thread pool while the event loop goes on, so
 * these tests pin down what a request may assume when `commit()` resolves, with changes arriving
 * while a commit or a background compaction is being written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../../emulator/state/state-store';
import { tempStateDir } from '../helpers/emulator';

const lines = (dir: string, name: string) =>
  existsSync(join(dir, `${name}.log`))
    ? readFileSync(join(dir, `${name}.log`), 'utf8')
        .split('\n')
        .filter(Boolean)
    : [];

describe('group commit', () => {
  const stores: StateStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  const open = (dir: string, flushDelayMs?: number) => {
    const store = new StateStore(dir, { flushDelayMs });
    stores.push(store);
    return store;
  };

  it('a change taken by the commit being written waits for that commit, not for nothing', async () => {
    const dir = tempStateDir();
    const store = open(dir);
    const log = store.journal<number>('numbers');
    log.append(1);
    const first = store.commit();
    // The commit starts on the next turn of the event loop and takes every change made until then.
    log.append(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.uncommitted).toBe(true);
    // Nothing is left unwritten, yet the second change is not durable until the write finishes.
    await store.commit();
    expect(store.uncommitted).toBe(false);
    await first;
    expect(lines(dir, 'numbers')).toEqual(['1', '2']);
  });

  it('changes made while a commit is written go into the next one, in order', async () => {
    const dir = tempStateDir();
    const store = open(dir);
    const log = store.journal<number>('numbers');
    const commits: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      log.append(i);
      commits.push(store.commit());
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(commits);
    expect(lines(dir, 'numbers')).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
  });

  it('a blob is readable at once and on disk, fsynced, once the commit resolves', async () => {
    const dir = tempStateDir();
    const store = open(dir);
    const id = store.putBlob(Buffer.from('body'));
    expect(store.getBlob(id).toString()).toBe('body');
    expect(existsSync(join(dir, 'blobs', id))).toBe(false);
    await store.commit();
    expect(readFileSync(join(dir, 'blobs', id), 'utf8')).toBe('body');
  });

  it('a compaction keeps the appends made while it is written', async () => {
    const dir = tempStateDir();
    const store = open(dir, 60_000);
    const items: number[] = [];
    const log = store.journal<number>('items');
    let during: Promise<void> | undefined;
    const source = {
      snapshot: () => {
        const copy = { items: [...items] };
        // A change right after the snapshot was taken, while its write is under way.
        during ??= Promise.resolve().then(() => {
          add(100);
          return store.commit();
        });
        return copy;
      },
    };
    const add = (n: number) => {
      items.push(n);
      log.append(n);
      store.markCompactable('items', source);
    };
    for (let i = 0; i < 5; i++) add(i);
    await store.commit();
    await store.compact();
    await during;

    // What a restart sees: the snapshot, then the journal replayed over it.
    const snapshot = JSON.parse(readFileSync(join(dir, 'items.json'), 'utf8')) as { items: number[] };
    expect(snapshot.items).toEqual([0, 1, 2, 3, 4]);
    expect(lines(dir, 'items')).toEqual(['100']);
  });

  it('rewrites a growing journaled document ever less often, and loses nothing by it', async () => {
    const dir = tempStateDir();
    const store = open(dir, 60_000);
    const items: string[] = [];
    let snapshots = 0;
    const source = {
      snapshot: () => {
        snapshots++;
        return { items: [...items] };
      },
    };
    const log = store.journal<string>('grow');
    for (let i = 0; i < 300; i++) {
      items.push(`item-${i}`);
      log.append(`item-${i}`);
      store.markCompactable('grow', source);
      await store.commit();
      await store.compact();
    }
    // Rewritten each time the journal reached twice the last snapshot: a handful of times, not 300.
    expect(snapshots).toBeGreaterThan(1);
    expect(snapshots).toBeLessThan(12);
    const snapshot = JSON.parse(readFileSync(join(dir, 'grow.json'), 'utf8')) as { items: string[] };
    const replayed = lines(dir, 'grow').map((line) => JSON.parse(line) as string);
    expect([...snapshot.items, ...replayed]).toEqual(items);
  });

  it('crossing off pending work waits for nobody; it rides with the next write', async () => {
    const dir = tempStateDir();
    const store = open(dir, 60_000);
    const work = store.pendingWork<number>('jobs');
    work.add('a', 1);
    work.add('b', 2);
    await store.commit();
    work.done('a');
    // Nothing an answer waits for: no commit, no fsync.
    expect(store.uncommitted).toBe(false);
    expect(lines(dir, 'pending-jobs')).toHaveLength(2);
    // The next commit that owes something takes it along, in order.
    work.add('c', 3);
    await store.commit();
    expect(lines(dir, 'pending-jobs').map((line) => JSON.parse(line) as object)).toEqual([
      { add: 'a', item: 1 },
      { add: 'b', item: 2 },
      { done: 'a' },
      { add: 'c', item: 3 },
    ]);
  });

  it('close waits for the commit being written, then releases the folder', async () => {
    const dir = tempStateDir();
    const store = open(dir);
    store.journal<string>('last').append('x');
    const committed = store.commit();
    await new Promise((resolve) => setImmediate(resolve));
    await store.close();
    await committed;
    expect(lines(dir, 'last')).toEqual(['"x"']);
    const again = open(dir);
    expect(again.journal<string>('last').read()).toEqual(['x']);
  });
});
