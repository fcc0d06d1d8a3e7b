/**
 * Storage classes over the real SDK: `x-amz-storage-class` on PutObject, CopyObject and
 * CreateMultipartUpload (InvalidStorageClass for anything else, the classes of special buckets
 * included), the class on HEAD and GET and in every listing, archived classes (GLACIER,
 * DEEP_ARCHIVE) refused to GetObject and copies with InvalidObjectState while HEAD still answers,
 * RestoreObject's NotImplemented, and classes surviving a restart on the same state folder.
 */
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  RestoreObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clientConfig, startTestEmulator, startWithBucket, tempStateDir } from '../helpers/emulator';

const VALID: StorageClass[] = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'GLACIER_IR',
];

describe('S3 storage classes over the real SDK', () => {
  let emulator: Emulator;
  let s3: S3Client;
  const Bucket = 'storage-classes';

  beforeAll(async () => {
    ({ emulator, s3 } = await startWithBucket(Bucket));
  });
  afterAll(() => emulator.close());

  const put = (Key: string, StorageClass?: StorageClass) =>
    s3.send(new PutObjectCommand({ Bucket, Key, Body: `body of ${Key}`, StorageClass }));
  const head = (Key: string) => s3.send(new HeadObjectCommand({ Bucket, Key }));
  const classOf = async (Key: string) => (await head(Key)).StorageClass;
  /** Raw requests, to see the headers and error bodies as sent. */
  const raw = (path: string, init: RequestInit = {}) => fetch(`${emulator.endpoint}/${Bucket}/${path}`, init);

  it('keeps each class of PutObject and reports it on HEAD, but sends no header for STANDARD', async () => {
    for (const StorageClass of VALID) await put(`put/${StorageClass}`, StorageClass);
    await put('put/default');
    for (const StorageClass of VALID)
      expect(await classOf(`put/${StorageClass}`)).toBe(
        StorageClass === 'STANDARD' ? undefined : StorageClass,
      );
    expect(await classOf('put/default')).toBeUndefined();
    const plain = await raw('put/STANDARD', { method: 'HEAD' });
    expect(plain.headers.get('x-amz-storage-class')).toBeNull();
    const ia = await raw('put/STANDARD_IA', { method: 'HEAD' });
    expect(ia.headers.get('x-amz-storage-class')).toBe('STANDARD_IA');
  });

  it('refuses an unknown class, and those of special buckets, with InvalidStorageClass', async () => {
    for (const StorageClass of [
      'BOGUS',
      'standard_ia',
      'OUTPOSTS',
      'SNOW',
      'EXPRESS_ONEZONE',
      'FSX_OPENZFS',
    ]) {
      const error = await put('refused', StorageClass as StorageClass).catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'InvalidStorageClass',
        message: 'The storage class you specified is not valid',
        $metadata: { httpStatusCode: 400 },
      });
    }
    await expect(head('refused')).rejects.toMatchObject({ name: 'NotFound' });
    const body = await (
      await raw('refused', { method: 'PUT', body: 'x', headers: { 'x-amz-storage-class': 'BOGUS' } })
    ).text();
    expect(body).toContain('<Code>InvalidStorageClass</Code>');
    expect(body).toContain('<StorageClassRequested>BOGUS</StorageClassRequested>');
  });

  it('sends the class with GetObject; GLACIER_IR and the infrequent-access classes stay readable', async () => {
    for (const StorageClass of ['GLACIER_IR', 'STANDARD_IA', 'INTELLIGENT_TIERING'] as const) {
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: `put/${StorageClass}` }));
      expect(got.StorageClass).toBe(StorageClass);
      expect(await got.Body!.transformToString()).toBe(`body of put/${StorageClass}`);
    }
  });

  it('refuses GetObject of GLACIER and DEEP_ARCHIVE objects with InvalidObjectState; HEAD answers', async () => {
    for (const StorageClass of ['GLACIER', 'DEEP_ARCHIVE'] as const) {
      const Key = `put/${StorageClass}`;
      await expect(s3.send(new GetObjectCommand({ Bucket, Key }))).rejects.toMatchObject({
        name: 'InvalidObjectState',
        message: "The operation is not valid for the object's storage class",
        StorageClass,
        $metadata: { httpStatusCode: 403 },
      });
      const ranged = await raw(Key, { headers: { range: 'bytes=0-1' } });
      expect(ranged.status).toBe(403);
      expect(await ranged.text()).toContain('<Code>InvalidObjectState</Code>');
      const info = await head(Key);
      expect(info.$metadata.httpStatusCode).toBe(200);
      expect(info.ContentLength).toBe(`body of ${Key}`.length);
    }
    await expect(
      s3.send(new RestoreObjectCommand({ Bucket, Key: 'put/GLACIER', RestoreRequest: { Days: 1 } })),
    ).rejects.toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
  });

  it('lists the real class in ListObjects v1 and v2 and ListObjectVersions', async () => {
    const expected = [...VALID.map((c) => [`put/${c}`, c]), ['put/default', 'STANDARD']].sort(([a], [b]) =>
      a! < b! ? -1 : 1,
    );
    const v2 = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'put/' }));
    expect(v2.Contents!.map((o) => [o.Key, o.StorageClass])).toEqual(expected);
    const v1 = await s3.send(new ListObjectsCommand({ Bucket, Prefix: 'put/' }));
    expect(v1.Contents!.map((o) => [o.Key, o.StorageClass])).toEqual(expected);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'put/' }));
    expect(versions.Versions!.map((o) => [o.Key, o.StorageClass])).toEqual(expected);
  });

  it("gives a copy the header's class, STANDARD without one, whatever the directive", async () => {
    await put('copy/source', 'STANDARD_IA');
    const copy = (Key: string, extra: Partial<ConstructorParameters<typeof CopyObjectCommand>[0]> = {}) =>
      s3.send(new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/copy/source`, ...extra }));
    await copy('copy/default');
    expect(await classOf('copy/default')).toBeUndefined();
    await copy('copy/replaced', { MetadataDirective: 'REPLACE' });
    expect(await classOf('copy/replaced')).toBeUndefined();
    await copy('copy/onezone', { StorageClass: 'ONEZONE_IA' });
    expect(await classOf('copy/onezone')).toBe('ONEZONE_IA');
    await copy('copy/glacier', { StorageClass: 'GLACIER', MetadataDirective: 'REPLACE' });
    expect(await classOf('copy/glacier')).toBe('GLACIER');
    await expect(copy('copy/bogus', { StorageClass: 'BOGUS' as StorageClass })).rejects.toMatchObject({
      name: 'InvalidStorageClass',
    });
  });

  it('changes the class of an object by copying it onto itself, without REPLACE', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket, Key: 'self', Body: 'self', Metadata: { kept: 'yes' }, Tagging: 't=1' }),
    );
    const self = (StorageClass?: StorageClass) =>
      s3.send(new CopyObjectCommand({ Bucket, Key: 'self', CopySource: `${Bucket}/self`, StorageClass }));
    await expect(self()).rejects.toMatchObject({ name: 'InvalidRequest' });
    await self('STANDARD_IA');
    const changed = await head('self');
    expect(changed.StorageClass).toBe('STANDARD_IA');
    expect(changed.Metadata).toEqual({ kept: 'yes' });
    expect(changed.TagCount).toBe(1);
    // Naming the class it already has is accepted too, as AWS does.
    await self('STANDARD_IA');
    await self('STANDARD');
    expect(await classOf('self')).toBeUndefined();
  });

  it('refuses an archived source to CopyObject and UploadPartCopy with InvalidObjectState', async () => {
    const refused = { name: 'InvalidObjectState', StorageClass: 'DEEP_ARCHIVE' };
    const CopySource = `${Bucket}/put/DEEP_ARCHIVE`;
    await expect(s3.send(new CopyObjectCommand({ Bucket, Key: 'thawed', CopySource }))).rejects.toMatchObject(
      refused,
    );
    // Even a copy onto itself that would make it STANDARD: S3 needs a restore first.
    await expect(
      s3.send(
        new CopyObjectCommand({ Bucket, Key: 'put/DEEP_ARCHIVE', CopySource, StorageClass: 'STANDARD' }),
      ),
    ).rejects.toMatchObject(refused);
    expect(await classOf('put/DEEP_ARCHIVE')).toBe('DEEP_ARCHIVE');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'parts' }));
    await expect(
      s3.send(new UploadPartCopyCommand({ Bucket, Key: 'parts', UploadId, PartNumber: 1, CopySource })),
    ).rejects.toMatchObject(refused);
  });

  it("gives a multipart upload's class to ListMultipartUploads, ListParts and the object", async () => {
    const Key = 'multipart/ia';
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket, Key, StorageClass: 'STANDARD_IA' }),
    );
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'multipart/' }));
    expect(uploads.Uploads!.map((u) => [u.Key, u.StorageClass])).toEqual([[Key, 'STANDARD_IA']]);
    const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'one' }));
    expect((await s3.send(new ListPartsCommand({ Bucket, Key, UploadId }))).StorageClass).toBe('STANDARD_IA');
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    expect(await classOf(Key)).toBe('STANDARD_IA');

    const plain = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'multipart/plain' }));
    const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'multipart/' }));
    expect(listed.Uploads!.map((u) => u.StorageClass)).toEqual(['STANDARD']);
    const parts = await s3.send(
      new ListPartsCommand({ Bucket, Key: 'multipart/plain', UploadId: plain.UploadId }),
    );
    expect(parts.StorageClass).toBe('STANDARD');
    await expect(
      s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'multipart/bogus', StorageClass: 'SNOW' })),
    ).rejects.toMatchObject({ name: 'InvalidStorageClass' });
  });
});

describe('S3 storage classes across a restart', () => {
  it('keeps classes of objects and uploads in the state folder, and none for STANDARD', async () => {
    const stateDir = tempStateDir();
    const Bucket = 'durable-classes';
    const { emulator: first, s3: before } = await startWithBucket(Bucket, { stateDir });
    await before.send(new PutObjectCommand({ Bucket, Key: 'cold', Body: 'c', StorageClass: 'GLACIER' }));
    await before.send(new PutObjectCommand({ Bucket, Key: 'plain', Body: 'p', StorageClass: 'STANDARD' }));
    await before.send(new PutObjectCommand({ Bucket, Key: 'moved', Body: 'm' }));
    await before.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'moved',
        CopySource: `${Bucket}/moved`,
        StorageClass: 'ONEZONE_IA',
      }),
    );
    const { UploadId } = await before.send(
      new CreateMultipartUploadCommand({ Bucket, Key: 'pending', StorageClass: 'DEEP_ARCHIVE' }),
    );
    await first.close();
    // STANDARD is stored as no class at all, so state folders look as before classes were kept.
    const saved = ['s3.json', 's3.log'].map((f) => readFileSync(join(stateDir, f), 'utf8')).join('\n');
    expect(saved.match(/"storageClass"/g)).toHaveLength(3);

    const second = await startTestEmulator({ stateDir });
    try {
      const after = new S3Client(clientConfig(second.endpoint));
      const classOf = async (Key: string) =>
        (await after.send(new HeadObjectCommand({ Bucket, Key }))).StorageClass;
      expect(await classOf('cold')).toBe('GLACIER');
      expect(await classOf('plain')).toBeUndefined();
      expect(await classOf('moved')).toBe('ONEZONE_IA');
      await expect(after.send(new GetObjectCommand({ Bucket, Key: 'cold' }))).rejects.toMatchObject({
        name: 'InvalidObjectState',
      });
      const listed = await after.send(new ListObjectsV2Command({ Bucket }));
      expect(listed.Contents!.map((o) => [o.Key, o.StorageClass])).toEqual([
        ['cold', 'GLACIER'],
        ['moved', 'ONEZONE_IA'],
        ['plain', 'STANDARD'],
      ]);
      // The upload started before the restart still gives its class to the object it completes.
      const part = await after.send(
        new UploadPartCommand({ Bucket, Key: 'pending', UploadId, PartNumber: 1, Body: 'x' }),
      );
      await after.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: 'pending',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
        }),
      );
      expect(await classOf('pending')).toBe('DEEP_ARCHIVE');
    } finally {
      await second.close();
    }
  });
});
