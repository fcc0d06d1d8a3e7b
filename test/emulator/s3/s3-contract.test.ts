import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clientConfig, startTestEmulator } from '../helpers/emulator';

describe('S3 over the real SDK', () => {
  let emulator: Emulator;
  let s3: S3Client;
  const bucket = 'contract-bucket';

  beforeAll(async () => {
    emulator = await startTestEmulator();
    s3 = new S3Client(clientConfig(emulator.endpoint));
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(() => emulator.close());

  it('stores the exact bytes of a streamed aws-chunked upload with its CRC32 trailer', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'streamed.bin',
        Body: Readable.from([bytes.subarray(0, 30_000), bytes.subarray(30_000)]),
        ContentLength: bytes.length,
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'streamed.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes)).toBe(true);
  });

  it('accepts a 6 MB upload sent with Expect: 100-continue', async () => {
    const bytes = Buffer.alloc(6 * 1024 * 1024, 7);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'large.bin', Body: bytes }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'large.bin' }));
    expect(head.ContentLength).toBe(bytes.length);
  });

  it('rejects an aws-chunked upload whose trailer checksum does not match', async () => {
    const body = '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n';
    const response = await fetch(`${emulator.endpoint}/${bucket}/trailer.txt`, {
      method: 'PUT',
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-trailer': 'x-amz-checksum-crc32',
        'x-amz-decoded-content-length': '5',
      },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>BadDigest</Code>');
  });

  it.each(['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const)(
    'verifies %s checksums and returns them in checksum mode',
    async (algorithm) => {
      const key = `sum-${algorithm}.txt`;
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: 'checked body',
          ChecksumAlgorithm: algorithm,
        }),
      );
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }));
      expect(await got.Body!.transformToString()).toBe('checked body');
      expect(got[`Checksum${algorithm}`]).toBeDefined();
    },
  );

  it('rejects a body whose checksum does not match with BadDigest', async () => {
    const error = await s3
      .send(
        new PutObjectCommand({ Bucket: bucket, Key: 'bad.txt', Body: 'hello', ChecksumCRC32: 'AAAAAA==' }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ServiceException);
    expect((error as S3ServiceException).name).toBe('BadDigest');
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'bad.txt' }))).rejects.toThrow();
  });

  it('keeps Content-Type, user metadata and the ETag', async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'meta.json',
        Body: '{"a":1}',
        ContentType: 'application/json',
        Metadata: { origin: 'test' },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'meta.json' }));
    expect(head).toMatchObject({
      ContentType: 'application/json',
      Metadata: { origin: 'test' },
      ETag: put.ETag,
      ContentLength: 7,
    });
    expect(put.ETag).toBe(`"${createHash('md5').update('{"a":1}').digest('hex')}"`);
  });

  it('serves byte ranges', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'range.txt', Body: '0123456789' }));
    const part = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'range.txt', Range: 'bytes=2-5' }),
    );
    expect(await part.Body!.transformToString()).toBe('2345');
    expect(part.ContentRange).toBe('bytes 2-5/10');
    const tail = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'range.txt', Range: 'bytes=-3' }));
    expect(await tail.Body!.transformToString()).toBe('789');
    await expect(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'range.txt', Range: 'bytes=20-' })),
    ).rejects.toMatchObject({ name: 'InvalidRange' });
  });

  it('answers conditional writes with 412 PreconditionFailed and conditional reads with 304', async () => {
    const first = await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'cond.txt', Body: 'v1', IfNoneMatch: '*' }),
    );
    await expect(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cond.txt', Body: 'v2', IfNoneMatch: '*' })),
    ).rejects.toMatchObject({
      name: 'PreconditionFailed',
      $metadata: { httpStatusCode: 412 },
    });
    await expect(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cond.txt', Body: 'v2', IfMatch: '"nope"' })),
    ).rejects.toMatchObject({
      name: 'PreconditionFailed',
    });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cond.txt', Body: 'v2', IfMatch: first.ETag }));
    const current = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'cond.txt' }));
    await expect(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'cond.txt', IfNoneMatch: current.ETag })),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 304 },
    });
  });

  it('lists with prefix, delimiter, start-after and continuation tokens', async () => {
    const keys = ['list/a/1', 'list/a/2', 'list/b/1', 'list/c', 'list/d', 'list/e'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }));
    const grouped = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'list/', Delimiter: '/' }),
    );
    expect(grouped.CommonPrefixes!.map((p) => p.Prefix)).toEqual(['list/a/', 'list/b/']);
    expect(grouped.Contents!.map((c) => c.Key)).toEqual(['list/c', 'list/d', 'list/e']);
    expect(grouped.KeyCount).toBe(5);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: 'list/',
          Delimiter: '/',
          MaxKeys: 2,
          ContinuationToken: token,
        }),
      );
      seen.push(
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
        ...(page.Contents ?? []).map((c) => c.Key!),
      );
      token = page.NextContinuationToken;
      expect(page.IsTruncated).toBe(token !== undefined);
    } while (token);
    expect(seen.sort()).toEqual(['list/a/', 'list/b/', 'list/c', 'list/d', 'list/e']);
    const after = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'list/', StartAfter: 'list/c' }),
    );
    expect(after.Contents!.map((c) => c.Key)).toEqual(['list/d', 'list/e']);
  });

  it('copies, deletes and reports missing keys and buckets with the SDK error classes', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'src.txt', Body: 'copy me', Metadata: { a: 'b' } }),
    );
    await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'dst.txt', CopySource: `${bucket}/src.txt` }));
    const copied = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dst.txt' }));
    expect(await copied.Body!.transformToString()).toBe('copy me');
    expect(copied.Metadata).toEqual({ a: 'b' });
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'src.txt' }));
    const deleted = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'dst.txt' }] } }),
    );
    expect(deleted.Deleted).toEqual([{ Key: 'dst.txt' }]);
    await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dst.txt' }))).rejects.toBeInstanceOf(
      NoSuchKey,
    );
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'x' })),
    ).rejects.toBeInstanceOf(NoSuchBucket);
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('creates, lists and deletes buckets', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'temp-bucket' }));
    expect((await s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name)).toContain('temp-bucket');
    await s3.send(new DeleteBucketCommand({ Bucket: 'temp-bucket' }));
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'temp-bucket' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
  });

  it('works with only AWS_ENDPOINT_URL set (the SDK goes path-style for an IP endpoint)', async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = emulator.endpoint;
    try {
      const plain = new S3Client({
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      });
      await plain.send(new PutObjectCommand({ Bucket: bucket, Key: 'env.txt', Body: 'via env' }));
      const got = await plain.send(new GetObjectCommand({ Bucket: bucket, Key: 'env.txt' }));
      expect(await got.Body!.transformToString()).toBe('via env');
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });
});
