import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  NoSuchUpload,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clientConfig, startTestEmulator, tempStateDir } from '../helpers/emulator';

const MiB = 1024 * 1024;

/** Deterministic bytes that differ between parts (so a wrong part order changes the ETag). */
function bytes(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** S3's multipart ETag, computed independently: md5 of the concatenated binary part md5s, `-n`. */
function multipartEtag(parts: Buffer[]): string {
  const md5s = parts.map((p) => createHash('md5').update(p).digest());
  return `"${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-${parts.length}"`;
}

function split(data: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) parts.push(data.subarray(at, at + size));
  return parts;
}

describe('S3 multipart uploads over the real SDK', () => {
  let emulator: Emulator;
  let s3: S3Client;
  const bucket = 'multipart-bucket';

  beforeAll(async () => {
    emulator = await startTestEmulator();
    s3 = new S3Client(clientConfig(emulator.endpoint));
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(() => emulator.close());

  it('stores a 20 MB stream uploaded by @aws-sdk/lib-storage with the multipart ETag', async () => {
    const data = bytes(20 * MiB + 12_345);
    const partSize = 5 * MiB;
    const upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: 'big/stream.bin', Body: Readable.from(split(data, 64 * 1024)) },
      partSize,
      queueSize: 2,
    });
    const result = await upload.done();
    const expected = multipartEtag(split(data, partSize));
    expect(result.ETag).toBe(expected);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big/stream.bin' }));
    expect(head).toMatchObject({ ContentLength: data.length, ETag: expected });
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big/stream.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
    const pending = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(pending.Uploads ?? []).toEqual([]);
  });

  it('lists parts and uploads, then aborts: the upload id is gone (NoSuchUpload)', async () => {
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'listed.bin', ContentType: 'text/plain' }),
    );
    await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'listed.bin', UploadId, PartNumber: 2, Body: 'two' }),
    );
    await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'listed.bin', UploadId, PartNumber: 1, Body: 'one!' }),
    );
    const parts = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'listed.bin', UploadId }));
    expect(parts.Parts!.map((p) => [p.PartNumber, p.Size])).toEqual([
      [1, 4],
      [2, 3],
    ]);
    const page = await s3.send(
      new ListPartsCommand({ Bucket: bucket, Key: 'listed.bin', UploadId, MaxParts: 1 }),
    );
    expect(page).toMatchObject({ IsTruncated: true, NextPartNumberMarker: '1' });
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: 'listed' }));
    expect(uploads.Uploads!.map((u) => [u.Key, u.UploadId])).toEqual([['listed.bin', UploadId]]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'listed.bin', UploadId }));
    await expect(
      s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'listed.bin', UploadId })),
    ).rejects.toBeInstanceOf(NoSuchUpload);
    await expect(
      s3.send(
        new UploadPartCommand({ Bucket: bucket, Key: 'listed.bin', UploadId, PartNumber: 3, Body: 'x' }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
  });

  it.each([
    {
      name: 'EntityTooSmall for a part under 5 MiB that is not the last',
      parts: (e: string[]) => [
        { PartNumber: 1, ETag: e[0] },
        { PartNumber: 2, ETag: e[1] },
      ],
      code: 'EntityTooSmall',
    },
    {
      name: 'InvalidPartOrder for parts out of ascending order',
      parts: (e: string[]) => [
        { PartNumber: 2, ETag: e[1] },
        { PartNumber: 1, ETag: e[0] },
      ],
      code: 'InvalidPartOrder',
    },
    {
      name: 'InvalidPart for an ETag that is not the uploaded one',
      parts: () => [{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }],
      code: 'InvalidPart',
    },
    {
      name: 'InvalidPart for a part never uploaded',
      parts: (e: string[]) => [
        { PartNumber: 1, ETag: e[0] },
        { PartNumber: 7, ETag: e[1] },
      ],
      code: 'InvalidPart',
    },
  ])('CompleteMultipartUpload answers $name', async ({ parts, code }) => {
    const Key = `bad-${code}.bin`;
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key }));
    const etags: string[] = [];
    for (const [i, body] of ['small', 'last'].entries()) {
      const part = await s3.send(
        new UploadPartCommand({ Bucket: bucket, Key, UploadId, PartNumber: i + 1, Body: body }),
      );
      etags.push(part.ETag!);
    }
    await expect(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts: parts(etags) },
        }),
      ),
    ).rejects.toMatchObject({ name: code, $metadata: { httpStatusCode: 400 } });
    // A failed completion leaves the upload in progress.
    const listed = await s3.send(new ListPartsCommand({ Bucket: bucket, Key, UploadId }));
    expect(listed.Parts).toHaveLength(2);
  });

  it('rejects part numbers outside 1-10000 with InvalidArgument', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'pn.bin' }));
    await expect(
      s3.send(
        new UploadPartCommand({ Bucket: bucket, Key: 'pn.bin', UploadId, PartNumber: 10_001, Body: 'x' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidArgument' });
  });

  it('copies a byte range of an object into a part (UploadPartCopy)', async () => {
    const source = bytes(6 * MiB, 7);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'copy-src.bin', Body: source }));
    const Key = 'copied.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key }));
    const first = await s3.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key,
        UploadId,
        PartNumber: 1,
        CopySource: `${bucket}/copy-src.bin`,
        CopySourceRange: `bytes=0-${5 * MiB - 1}`,
      }),
    );
    const second = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key, UploadId, PartNumber: 2, Body: 'tail' }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: first.CopyPartResult!.ETag },
            { PartNumber: 2, ETag: second.ETag },
          ],
        },
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
    const expected = Buffer.concat([source.subarray(0, 5 * MiB), Buffer.from('tail')]);
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(expected)).toBe(true);
  });
});

describe('S3 multipart uploads across a restart', () => {
  it('keeps uploaded parts in the state folder and completes after the restart', async () => {
    const stateDir = tempStateDir();
    const first = await startTestEmulator({ stateDir });
    const before = new S3Client(clientConfig(first.endpoint));
    await before.send(new CreateBucketCommand({ Bucket: 'durable' }));
    const Key = 'resumed.bin';
    const { UploadId } = await before.send(
      new CreateMultipartUploadCommand({ Bucket: 'durable', Key, ContentType: 'application/x-test' }),
    );
    const one = bytes(5 * MiB, 3);
    const p1 = await before.send(
      new UploadPartCommand({ Bucket: 'durable', Key, UploadId, PartNumber: 1, Body: one }),
    );
    await first.close();

    const second = await startTestEmulator({ stateDir });
    try {
      const after = new S3Client(clientConfig(second.endpoint));
      const p2 = await after.send(
        new UploadPartCommand({ Bucket: 'durable', Key, UploadId, PartNumber: 2, Body: 'end' }),
      );
      const done = await after.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'durable',
          Key,
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: p1.ETag },
              { PartNumber: 2, ETag: p2.ETag },
            ],
          },
        }),
      );
      expect(done.ETag).toBe(multipartEtag([one, Buffer.from('end')]));
      const head = await after.send(new HeadObjectCommand({ Bucket: 'durable', Key }));
      expect(head).toMatchObject({ ContentLength: one.length + 3, ContentType: 'application/x-test' });
    } finally {
      await second.close();
    }
  });
});
