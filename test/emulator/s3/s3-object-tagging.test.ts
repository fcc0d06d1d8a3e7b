/**
 * Object tagging over the real SDK: Put/Get/DeleteObjectTagging, tags given with the object
 * (`x-amz-tagging` on PutObject, CopyObject with REPLACE, CreateMultipartUpload), the copy
 * directive's default COPY, `x-amz-tagging-count` on GET and HEAD, S3's limits with its errors,
 * GetBucketTagging's NoSuchTagSet, and tags surviving a restart on the same state folder.
 */
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectTaggingCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
  type Tag,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clientConfig, startTestEmulator, startWithBucket, tempStateDir } from '../helpers/emulator';

describe('S3 object tagging over the real SDK', () => {
  let emulator: Emulator;
  let s3: S3Client;
  const Bucket = 'tagging-bucket';

  beforeAll(async () => {
    ({ emulator, s3 } = await startWithBucket(Bucket));
  });
  afterAll(() => emulator.close());

  const tagsOf = async (Key: string) => (await s3.send(new GetObjectTaggingCommand({ Bucket, Key }))).TagSet;
  const put = (Key: string, Tagging?: string) =>
    s3.send(new PutObjectCommand({ Bucket, Key, Body: `body of ${Key}`, Tagging }));
  const putTags = (Key: string, TagSet: Tag[]) =>
    s3.send(new PutObjectTaggingCommand({ Bucket, Key, Tagging: { TagSet } }));
  /** Raw requests, for what the SDK would not send (malformed XML, headers it encodes itself). */
  const raw = (path: string, init: RequestInit) => fetch(`${emulator.endpoint}/${Bucket}/${path}`, init);

  it('answers an empty TagSet for an object without tags, and no x-amz-tagging-count', async () => {
    await put('plain.txt');
    expect(await tagsOf('plain.txt')).toEqual([]);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'plain.txt' }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    const got = await raw('plain.txt', {});
    expect(got.headers.get('x-amz-tagging-count')).toBeNull();
  });

  it('replaces the tag set with PutObjectTagging and empties it with DeleteObjectTagging', async () => {
    await put('doc.txt', 'old=1');
    const before = await s3.send(new HeadObjectCommand({ Bucket, Key: 'doc.txt' }));
    const TagSet = [
      { Key: 'project', Value: 'blue' },
      { Key: 'classification', Value: 'internal use/only: a+b=c @x' },
      { Key: 'empty', Value: '' },
      { Key: 'ünïcödé', Value: 'élan' },
    ];
    const putResult = await putTags('doc.txt', TagSet);
    expect(putResult.$metadata.httpStatusCode).toBe(200);
    expect(await tagsOf('doc.txt')).toEqual(TagSet);

    // A tag change is not a write of the object: ETag and LastModified stay.
    const after = await s3.send(new HeadObjectCommand({ Bucket, Key: 'doc.txt' }));
    expect(after.ETag).toBe(before.ETag);
    expect(after.LastModified).toEqual(before.LastModified);
    expect(after.TagCount).toBe(4);

    const deleted = await s3.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'doc.txt' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(await tagsOf('doc.txt')).toEqual([]);
    const cleared = await s3.send(new HeadObjectCommand({ Bucket, Key: 'doc.txt' }));
    expect(cleared.TagCount).toBeUndefined();
    expect(cleared.ETag).toBe(before.ETag);
    const body = await s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' }));
    expect(await body.Body!.transformToString()).toBe('body of doc.txt');
  });

  it('stores the x-amz-tagging header of PutObject, URL-decoded, and counts it on GET and HEAD', async () => {
    await put('header.txt', 'a=1&b=two%20words&c=x%2By&flag');
    expect(await tagsOf('header.txt')).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: 'two words' },
      { Key: 'c', Value: 'x+y' },
      { Key: 'flag', Value: '' },
    ]);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'header.txt' }));
    expect(got.TagCount).toBe(4);
    await got.Body!.transformToString();
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'header.txt' }));
    expect(head.TagCount).toBe(4);
    const ranged = await raw('header.txt', { headers: { range: 'bytes=0-3' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('x-amz-tagging-count')).toBe('4');
  });

  it('overwriting an object replaces its tags with those of the new PutObject', async () => {
    await put('rewritten.txt', 'first=1');
    await put('rewritten.txt');
    expect(await tagsOf('rewritten.txt')).toEqual([]);
  });

  it("copies the source's tags by default and takes x-amz-tagging with REPLACE", async () => {
    await put('source.txt', 'origin=source&keep=yes');
    const source = `${Bucket}/source.txt`;
    await s3.send(new CopyObjectCommand({ Bucket, Key: 'copied.txt', CopySource: source }));
    expect(await tagsOf('copied.txt')).toEqual([
      { Key: 'origin', Value: 'source' },
      { Key: 'keep', Value: 'yes' },
    ]);
    // COPY (given or not) ignores x-amz-tagging.
    await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'copied-explicit.txt',
        CopySource: source,
        TaggingDirective: 'COPY',
        Tagging: 'ignored=1',
      }),
    );
    expect((await tagsOf('copied-explicit.txt'))?.map((t) => t.Key)).toEqual(['origin', 'keep']);

    await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'replaced.txt',
        CopySource: source,
        TaggingDirective: 'REPLACE',
        Tagging: 'origin=copy',
      }),
    );
    expect(await tagsOf('replaced.txt')).toEqual([{ Key: 'origin', Value: 'copy' }]);

    await s3.send(
      new CopyObjectCommand({ Bucket, Key: 'untagged.txt', CopySource: source, TaggingDirective: 'REPLACE' }),
    );
    expect(await tagsOf('untagged.txt')).toEqual([]);
    expect(await tagsOf('source.txt')).toHaveLength(2);

    const bad = await raw('bad-directive.txt', {
      method: 'PUT',
      headers: { 'x-amz-copy-source': source, 'x-amz-tagging-directive': 'MERGE' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<Code>InvalidArgument</Code>');
  });

  it('gives the object completed from a multipart upload the tags of CreateMultipartUpload', async () => {
    const Key = 'multipart.bin';
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket, Key, Tagging: 'stage=upload&parts=1' }),
    );
    const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'only' }));
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    expect(await tagsOf(Key)).toEqual([
      { Key: 'stage', Value: 'upload' },
      { Key: 'parts', Value: '1' },
    ]);
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key }))).TagCount).toBe(2);
  });

  describe("refuses what S3 refuses, with S3's errors", () => {
    beforeAll(() => put('limits.txt', 'kept=yes'));

    const refused = async (TagSet: Tag[], name: string, message: string | RegExp) => {
      const error = await putTags('limits.txt', TagSet).catch((e: unknown) => e);
      expect(error).toMatchObject({ name, $metadata: { httpStatusCode: 400 } });
      expect((error as Error).message).toMatch(message);
      // A refused tag set changes nothing.
      expect(await tagsOf('limits.txt')).toEqual([{ Key: 'kept', Value: 'yes' }]);
    };
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));

    it('at most 10 tags (BadRequest, as AWS answers)', async () => {
      await refused(many(11), 'BadRequest', 'Object tags cannot be greater than 10');
      await putTags('limits.txt', many(10));
      expect(await tagsOf('limits.txt')).toHaveLength(10);
      await putTags('limits.txt', [{ Key: 'kept', Value: 'yes' }]);
    });

    it('a key of 1 to 128 characters, counted in UTF-16 units', async () => {
      await refused([{ Key: 'k'.repeat(129), Value: 'v' }], 'InvalidTag', /TagKey .* too long, max 128/);
      // 𝐀 is one letter but two UTF-16 units: 65 of them are 130 units.
      await refused([{ Key: '𝐀'.repeat(65), Value: 'v' }], 'InvalidTag', /TagKey .* too long/);
      await refused([{ Key: '', Value: 'v' }], 'InvalidTag', /TagKey you have provided is invalid/);
      await putTags('limits.txt', [{ Key: 'k'.repeat(128), Value: 'v' }]);
      await putTags('limits.txt', [{ Key: '𝐀'.repeat(64), Value: 'v' }]);
      await putTags('limits.txt', [{ Key: 'kept', Value: 'yes' }]);
    });

    it('a value of 0 to 256 characters', async () => {
      await refused([{ Key: 'k', Value: 'v'.repeat(257) }], 'InvalidTag', /TagValue .* too long, max 256/);
      await putTags('limits.txt', [{ Key: 'k', Value: 'v'.repeat(256) }]);
      await putTags('limits.txt', [{ Key: 'kept', Value: 'yes' }]);
    });

    it('no key twice', async () => {
      await refused(
        [
          { Key: 'dup', Value: '1' },
          { Key: 'dup', Value: '2' },
        ],
        'InvalidTag',
        'Cannot provide multiple Tags with the same key',
      );
    });

    it('only letters, digits, spaces and _ . : / = + - @, and no aws: prefix', async () => {
      await refused([{ Key: 'k', Value: 'a,b' }], 'InvalidTag', /TagValue you have provided is invalid/);
      await refused([{ Key: 'k(1)', Value: 'v' }], 'InvalidTag', /TagKey you have provided is invalid/);
      await refused([{ Key: 'aws:owner', Value: 'me' }], 'InvalidTag', /prefixed with aws:/);
    });

    it('the same limits on the x-amz-tagging header, which refuses duplicates as InvalidArgument', async () => {
      const many11 = many(11)
        .map((t) => `${t.Key}=${t.Value}`)
        .join('&');
      await expect(put('header-limits.txt', many11)).rejects.toMatchObject({ name: 'BadRequest' });
      await expect(put('header-limits.txt', `k=${'v'.repeat(257)}`)).rejects.toMatchObject({
        name: 'InvalidTag',
      });
      await expect(put('header-limits.txt', 'k=1&k=2')).rejects.toMatchObject({ name: 'InvalidArgument' });
      await expect(put('header-limits.txt', '=v')).rejects.toMatchObject({ name: 'InvalidArgument' });
      await expect(
        s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'header-limits.txt', Tagging: 'aws:x=1' })),
      ).rejects.toMatchObject({ name: 'InvalidTag' });
      // Nothing was stored by a refused PutObject.
      await expect(
        s3.send(new HeadObjectCommand({ Bucket, Key: 'header-limits.txt' })),
      ).rejects.toMatchObject({
        name: 'NotFound',
      });
    });

    it('malformed XML with MalformedXML', async () => {
      for (const body of [
        'not xml',
        '<Tagging></Tagging>',
        '<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>',
        '<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>',
      ]) {
        const res = await raw('limits.txt?tagging', { method: 'PUT', body });
        expect(res.status).toBe(400);
        expect(await res.text()).toContain('<Code>MalformedXML</Code>');
      }
      // An empty TagSet, written either way, is a valid (empty) tag set.
      const empty = await raw('limits.txt?tagging', {
        method: 'PUT',
        body: '<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet/></Tagging>',
      });
      expect(empty.status).toBe(200);
      expect(await tagsOf('limits.txt')).toEqual([]);
      await putTags('limits.txt', [{ Key: 'kept', Value: 'yes' }]);
    });
  });

  it('answers NoSuchKey and NoSuchBucket for what does not exist', async () => {
    const missing = { Bucket, Key: 'missing.txt' };
    await expect(s3.send(new GetObjectTaggingCommand(missing))).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(
      s3.send(new PutObjectTaggingCommand({ ...missing, Tagging: { TagSet: [] } })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(s3.send(new DeleteObjectTaggingCommand(missing))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
    const nowhere = { Bucket: 'no-such-bucket', Key: 'k' };
    await expect(s3.send(new GetObjectTaggingCommand(nowhere))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
    await expect(
      s3.send(new PutObjectTaggingCommand({ ...nowhere, Tagging: { TagSet: [] } })),
    ).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await expect(s3.send(new DeleteObjectTaggingCommand(nowhere))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
  });

  it('answers GetBucketTagging with 404 NoSuchTagSet; PutBucketTagging stays NotImplemented', async () => {
    const error = await s3.send(new GetBucketTaggingCommand({ Bucket })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NoSuchTagSet', $metadata: { httpStatusCode: 404 } });
    expect((error as Error).message).toBe('The TagSet does not exist');
    await expect(s3.send(new GetBucketTaggingCommand({ Bucket: 'no-such-bucket' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
    await expect(
      s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } })),
    ).rejects.toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
  });
});

describe('S3 object tags across a restart', () => {
  it('keeps every tag change in the state folder', async () => {
    const stateDir = tempStateDir();
    const Bucket = 'durable-tags';
    const { emulator: first, s3: before } = await startWithBucket(Bucket, { stateDir });
    await before.send(new PutObjectCommand({ Bucket, Key: 'put.txt', Body: 'p', Tagging: 'from=put' }));
    await before.send(new PutObjectCommand({ Bucket, Key: 'retagged.txt', Body: 'r', Tagging: 'old=1' }));
    await before.send(
      new PutObjectTaggingCommand({
        Bucket,
        Key: 'retagged.txt',
        Tagging: { TagSet: [{ Key: 'new', Value: '2' }] },
      }),
    );
    await before.send(new PutObjectCommand({ Bucket, Key: 'cleared.txt', Body: 'c', Tagging: 'gone=1' }));
    await before.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'cleared.txt' }));
    const { UploadId } = await before.send(
      new CreateMultipartUploadCommand({ Bucket, Key: 'pending.bin', Tagging: 'from=upload' }),
    );
    const etag = (await before.send(new HeadObjectCommand({ Bucket, Key: 'retagged.txt' }))).ETag;
    await first.close();

    const second = await startTestEmulator({ stateDir });
    try {
      const after = new S3Client(clientConfig(second.endpoint));
      const tags = async (Key: string) =>
        (await after.send(new GetObjectTaggingCommand({ Bucket, Key }))).TagSet;
      expect(await tags('put.txt')).toEqual([{ Key: 'from', Value: 'put' }]);
      expect(await tags('retagged.txt')).toEqual([{ Key: 'new', Value: '2' }]);
      expect(await tags('cleared.txt')).toEqual([]);
      expect((await after.send(new HeadObjectCommand({ Bucket, Key: 'retagged.txt' }))).ETag).toBe(etag);
      // The upload started before the restart still gives its tags to the object it completes.
      const part = await after.send(
        new UploadPartCommand({ Bucket, Key: 'pending.bin', UploadId, PartNumber: 1, Body: 'x' }),
      );
      await after.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: 'pending.bin',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
        }),
      );
      expect(await tags('pending.bin')).toEqual([{ Key: 'from', Value: 'upload' }]);
    } finally {
      await second.close();
    }
  });
});
