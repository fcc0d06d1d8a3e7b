/**
 * The S3 journal: object and multipart changes are appended to `s3.log` instead of rewriting
 * `s3.json`, a restart (after a crash, simulated by copying the folder as the last commit left it)
 * restores exactly the same objects and bodies, and replaying records the snapshot already holds
 * (a crash between the snapshot's write and the journal's truncation) changes nothing. Tag changes
 * are journaled too, so they survive a crash as objects do, and so are storage classes.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContext } from '../../../emulator/protocol/aws-context';
import { MIN_PART_SIZE } from '../../../emulator/services/s3/multipart';
import { S3Provider } from '../../../emulator/services/s3/provider';
import { LOCK_FILE } from '../../../emulator/state/state-folder';
import { StateStore } from '../../../emulator/state/state-store';
import { tempStateDir } from '../helpers/emulator';

const body = (text: string) => Buffer.from(text);

describe('S3 journal', () => {
  const stores: StateStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  /** No background compaction unless a test asks for it (`store.flush()`). */
  const open = (dir: string) => {
    const store = new StateStore(dir, { flushDelayMs: 3_600_000 });
    stores.push(store);
    return { store, s3: new S3Provider(createContext(), { store }) };
  };

  /** The folder as a SIGKILL right now would leave it (everything committed is on disk). */
  const crashCopy = (dir: string) => {
    const copy = tempStateDir();
    cpSync(dir, copy, { recursive: true, filter: (path) => !path.endsWith(LOCK_FILE) });
    return copy;
  };

  /** Every bucket with its objects (bodies as text) and uploads (parts as text). */
  const contents = (s3: S3Provider) =>
    s3.listBuckets().map(({ name }) => ({
      name,
      objects: s3.listObjects(name, {}).objects.map(({ body, ...o }) => ({ ...o, body: body.toString() })),
      uploads: s3.listMultipartUploads(name).map(({ parts, ...u }) => ({
        ...u,
        parts: [...parts.values()].map(({ body, ...p }) => ({ ...p, body: body.length })),
      })),
    }));

  /**
   * Puts, overwrites, copies, tag changes, deletes and multipart uploads (completed, aborted, in
   * progress), each committed as the edge would before answering. Bucket changes come first, so the
   * last snapshot is written before any change to the `journal` bucket.
   */
  const workload = async (store: StateStore, s3: S3Provider) => {
    const steps: (() => unknown)[] = [
      () => s3.createBucket('journal'),
      // A bucket deleted with an upload in progress, then created again under the same name.
      () => s3.createBucket('again'),
      () => s3.createMultipartUpload({ bucket: 'again', key: 'ghost', metadata: {} }),
      () => s3.putObject({ bucket: 'again', key: 'x', body: body('x') }),
      () => s3.deleteObject('again', 'x'),
      () => s3.deleteBucket('again'),
      () => s3.createBucket('again'),
      () => s3.putObject({ bucket: 'again', key: 'y', body: body('y') }),
      () => s3.putObject({ bucket: 'journal', key: 'a', body: body('first'), metadata: { m: '1' } }),
      () => s3.putObject({ bucket: 'journal', key: 'a', body: body('second'), contentType: 'text/plain' }),
      () => s3.putObject({ bucket: 'journal', key: 'gone', body: body('deleted later') }),
      () => s3.copyObject({ bucket: 'journal', key: 'a' }, { bucket: 'journal', key: 'copy' }),
      () =>
        s3.copyObject(
          { bucket: 'journal', key: 'a' },
          { bucket: 'journal', key: 'replaced' },
          { metadata: { r: '2' }, contentType: 'application/json' },
        ),
      () =>
        s3.putObject({ bucket: 'journal', key: 'tagged', body: body('t'), tags: [{ key: 'a', value: '1' }] }),
      () => s3.putObjectTagging('journal', 'tagged', [{ key: 'b', value: '2' }]),
      () =>
        s3.putObject({
          bucket: 'journal',
          key: 'untagged',
          body: body('u'),
          tags: [{ key: 'c', value: '3' }],
        }),
      () => s3.putObjectTagging('journal', 'untagged', []),
      () => s3.putObject({ bucket: 'journal', key: 'cold', body: body('c'), storageClass: 'GLACIER' }),
      // A tag change of an object deleted later must not bring it back on replay.
      () => s3.putObjectTagging('journal', 'gone', [{ key: 'doomed', value: 'yes' }]),
      () => s3.deleteObject('journal', 'gone'),
      () => s3.deleteObject('journal', 'never existed'),
      () => {
        const done = s3.createMultipartUpload({ bucket: 'journal', key: 'big', metadata: {} });
        const one = s3.uploadPart('journal', 'big', done.id, {
          number: 1,
          body: Buffer.alloc(MIN_PART_SIZE, 1),
        });
        const two = s3.uploadPart('journal', 'big', done.id, { number: 2, body: body('tail') });
        s3.completeMultipartUpload('journal', 'big', done.id, [
          { PartNumber: 1, ETag: one.etag },
          { PartNumber: 2, ETag: two.etag },
        ]);
      },
      () => {
        const aborted = s3.createMultipartUpload({ bucket: 'journal', key: 'aborted', metadata: {} });
        s3.uploadPart('journal', 'aborted', aborted.id, { number: 1, body: body('dropped') });
        s3.abortMultipartUpload('journal', 'aborted', aborted.id);
      },
      () => {
        const open = s3.createMultipartUpload({
          bucket: 'journal',
          key: 'open',
          metadata: { o: '1' },
          tags: [{ key: 'upload', value: 'open' }],
          storageClass: 'STANDARD_IA',
        });
        s3.uploadPart('journal', 'open', open.id, { number: 3, body: body('part three') });
      },
    ];
    for (const step of steps) {
      step();
      await store.commit();
    }
  };

  it('restores exactly the objects, bodies and uploads from the journal after a crash', async () => {
    const dir = tempStateDir();
    const { store, s3 } = open(dir);
    await workload(store, s3);
    const expected = contents(s3);
    expect(expected[1]!.objects.map((o) => o.key)).toEqual([
      'a',
      'big',
      'cold',
      'copy',
      'replaced',
      'tagged',
      'untagged',
    ]);
    expect(readFileSync(join(dir, 's3.json'), 'utf8')).not.toContain('"replaced"');
    expect(readFileSync(join(dir, 's3.log'), 'utf8')).toContain('"replaced"');

    const restarted = open(crashCopy(dir)).s3;
    expect(contents(restarted)).toEqual(expected);
    expect(restarted.getObject('journal', 'big').body.length).toBe(MIN_PART_SIZE + 4);
    expect(restarted.getObject('journal', 'replaced')).toMatchObject({ metadata: { r: '2' } });
    expect(restarted.getObject('journal', 'tagged').tags).toEqual([{ key: 'b', value: '2' }]);
    expect(restarted.getObject('journal', 'untagged')).not.toHaveProperty('tags');
    expect(restarted.listMultipartUploads('journal')[0]!.tags).toEqual([{ key: 'upload', value: 'open' }]);
    expect(restarted.getObject('journal', 'cold').storageClass).toBe('GLACIER');
    expect(restarted.getObject('journal', 'a')).not.toHaveProperty('storageClass');
    expect(restarted.listMultipartUploads('journal')[0]!.storageClass).toBe('STANDARD_IA');
  });

  it('keeps only the blobs the restored state names, including ones only the journal names', async () => {
    const dir = tempStateDir();
    const { store, s3 } = open(dir);
    s3.createBucket('blobs');
    await store.commit();
    s3.putObject({ bucket: 'blobs', key: 'k', body: body('overwritten') });
    s3.putObject({ bucket: 'blobs', key: 'k', body: body('kept') });
    await store.commit();
    const copy = crashCopy(dir);
    expect(readdirSync(join(copy, 'blobs'))).toHaveLength(2);
    const restarted = open(copy);
    expect(readdirSync(join(copy, 'blobs'))).toHaveLength(1);
    expect(restarted.s3.getObject('blobs', 'k').body.toString()).toBe('kept');
    // A second crash before compaction replays the same journal without the superseded blob.
    expect(open(crashCopy(copy)).s3.getObject('blobs', 'k').body.toString()).toBe('kept');
  });

  it('replays records the snapshot already holds (crash between snapshot and truncation) harmlessly', async () => {
    const dir = tempStateDir();
    const { store, s3 } = open(dir);
    await workload(store, s3);
    await store.commit();
    // Bucket changes rewrite the snapshot, so keep this journal growing past the last one.
    s3.putObject({ bucket: 'journal', key: 'late', body: body('late') });
    s3.deleteObject('journal', 'copy');
    await store.commit();
    const log = readFileSync(join(dir, 's3.log'), 'utf8');
    const expected = contents(s3);
    store.flush();
    expect(readFileSync(join(dir, 's3.log'), 'utf8')).toBe('');
    const copy = crashCopy(dir);
    writeFileSync(join(copy, 's3.log'), log + log);
    expect(contents(open(copy).s3)).toEqual(expected);
  });

  it('replays the whole history over the final snapshot harmlessly, bucket re-creation included', async () => {
    const dir = tempStateDir();
    const { store, s3 } = open(dir);
    const records: string[] = [];
    // Capture every record ever appended, across the truncations bucket changes cause.
    const journal = store.journal<unknown>('s3');
    const append = journal.append.bind(journal);
    vi.spyOn(journal, 'append').mockImplementation((record) => {
      records.push(`${JSON.stringify(record)}\n`);
      append(record);
    });
    await workload(store, s3);
    await store.commit();
    const expected = contents(s3);
    expect(expected.find((b) => b.name === 'again')).toMatchObject({ uploads: [] });
    store.flush();
    const copy = crashCopy(dir);
    writeFileSync(join(copy, 's3.log'), records.join(''));
    expect(contents(open(copy).s3)).toEqual(expected);
  });

  it('commits a PutObject without rewriting s3.json; the snapshot is compacted later', async () => {
    const dir = tempStateDir();
    const { store, s3 } = open(dir);
    s3.createBucket('many');
    for (let i = 0; i < 50; i++) s3.putObject({ bucket: 'many', key: `o${i}`, body: body(`${i}`) });
    await store.commit();
    store.flush();
    const document = join(dir, 's3.json');
    const before = statSync(document);
    const snapshot = vi.spyOn(s3, 'snapshot');
    s3.putObject({ bucket: 'many', key: 'o50', body: body('50') });
    await store.commit();
    expect(snapshot).not.toHaveBeenCalled();
    const after = statSync(document);
    expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
    expect(readFileSync(join(dir, 's3.log'), 'utf8').trim().split('\n')).toHaveLength(1);
    store.flush();
    expect(snapshot).toHaveBeenCalledOnce();
    expect(readFileSync(join(dir, 's3.log'), 'utf8')).toBe('');
    expect(readFileSync(document, 'utf8')).toContain('"o50"');
  });

  it('folds a replayed journal into the snapshot, but not when the start fails', async () => {
    const dir = tempStateDir();
    const { store, s3 } = open(dir);
    s3.createBucket('fold');
    await store.commit();
    s3.putObject({ bucket: 'fold', key: 'k', body: body('v') });
    await store.commit();
    const log = readFileSync(join(dir, 's3.log'), 'utf8');

    const broken = crashCopy(dir);
    for (const blob of readdirSync(join(broken, 'blobs'))) rmSync(join(broken, 'blobs', blob));
    const brokenStore = new StateStore(broken, { flushDelayMs: 3_600_000 });
    expect(() => new S3Provider(createContext(), { store: brokenStore })).toThrow(/ENOENT/);
    await brokenStore.close();
    expect(readFileSync(join(broken, 's3.log'), 'utf8')).toBe(log);

    const copy = crashCopy(dir);
    const restarted = open(copy);
    restarted.store.flush();
    expect(readFileSync(join(copy, 's3.log'), 'utf8')).toBe('');
    expect(existsSync(join(copy, 's3.json'))).toBe(true);
    expect(open(crashCopy(copy)).s3.getObject('fold', 'k').body.toString()).toBe('v');
  });
});
