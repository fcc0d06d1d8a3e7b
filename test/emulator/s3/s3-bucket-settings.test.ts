/**
 * The settings clients read from every bucket (versioning, encryption, ACLs) and ListObjectVersions,
 * through the AWS SDK: buckets here are never versioned, private and SSE-S3 encrypted, with ACLs
 * disabled as on every bucket created on AWS since April 2023.
 */
import {
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  GetObjectAclCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketAclCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { startWithBucket } from '../helpers/emulator';

describe('S3 bucket settings and object versions', () => {
  let emulator: Emulator;
  let s3: S3Client;
  const bucket = 'settings';
  const keys = ['a/1.txt', 'a/2.txt', 'b/3 with space.txt', 'c.txt'];

  beforeAll(async () => {
    ({ emulator, s3 } = await startWithBucket(bucket));
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }));
  });
  afterAll(() => emulator.close());

  it('reads a never-versioned, SSE-S3 encrypted bucket; changing versioning stays NotImplemented', async () => {
    const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    expect(versioning.Status).toBeUndefined();
    expect(versioning.MFADelete).toBeUndefined();
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules).toEqual([
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
    ]);
    await expect(
      s3.send(
        new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
      ),
    ).rejects.toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
    await expect(s3.send(new GetBucketVersioningCommand({ Bucket: 'no-such-bucket' }))).rejects.toMatchObject(
      {
        name: 'NoSuchBucket',
      },
    );
  });

  it('answers the private canned ACL for a bucket and an existing object, NoSuchKey for a missing one', async () => {
    const owner = (await s3.send(new GetBucketAclCommand({ Bucket: bucket }))).Owner!;
    for (const acl of [
      await s3.send(new GetBucketAclCommand({ Bucket: bucket })),
      await s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'c.txt' })),
    ]) {
      expect(acl.Owner).toEqual(owner);
      expect(acl.Grants).toEqual([
        {
          Grantee: { Type: 'CanonicalUser', ID: owner.ID, DisplayName: owner.DisplayName },
          Permission: 'FULL_CONTROL',
        },
      ]);
    }
    await expect(s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'gone.txt' }))).rejects.toMatchObject(
      {
        name: 'NoSuchKey',
      },
    );
  });

  it('lists each object as its one version, "null" and latest, with common prefixes', async () => {
    const all = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    expect(all.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest, v.Size])).toEqual(
      keys.map((key) => [key, 'null', true, key.length]),
    );
    expect(all.DeleteMarkers).toBeUndefined();
    expect(all.IsTruncated).toBe(false);

    const grouped = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Delimiter: '/' }));
    expect(grouped.Versions?.map((v) => v.Key)).toEqual(['c.txt']);
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'b/']);

    const encoded = await s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'b/', EncodingType: 'url' }),
    );
    // The AWS SDK for JavaScript hands encoded keys over as they came; AWS keeps `/` as it is.
    expect(encoded.Versions?.map((v) => v.Key)).toEqual(['b/3%20with%20space.txt']);
    expect(encoded.Prefix).toBe('b/');
  });

  it('pages with key and version-id markers, and refuses a version-id marker without a key marker', async () => {
    const seen: string[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (let page = 0; page < 10; page++) {
      const out = await s3.send(
        new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 3, KeyMarker, VersionIdMarker }),
      );
      seen.push(...(out.Versions ?? []).map((v) => v.Key!));
      if (!out.IsTruncated) break;
      expect(out.NextVersionIdMarker).toBe('null');
      KeyMarker = out.NextKeyMarker;
      VersionIdMarker = out.NextVersionIdMarker;
    }
    expect(seen).toEqual(keys);
    await expect(
      s3.send(new ListObjectVersionsCommand({ Bucket: bucket, VersionIdMarker: 'null' })),
    ).rejects.toMatchObject({ name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } });
  });

  it('refuses ACLs that give anyone but the owner access, as a bucket with ACLs disabled does', async () => {
    const notSupported = { name: 'AccessControlListNotSupported', $metadata: { httpStatusCode: 400 } };
    await expect(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'public.txt', Body: 'x', ACL: 'public-read' })),
    ).rejects.toMatchObject(notSupported);
    await expect(
      s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'granted.txt',
          Body: 'x',
          GrantRead: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"',
        }),
      ),
    ).rejects.toMatchObject(notSupported);
    await expect(
      s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: 'copy.txt',
          CopySource: `${bucket}/c.txt`,
          ACL: 'public-read',
        }),
      ),
    ).rejects.toMatchObject(notSupported);
    await expect(
      s3.send(
        new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'big.bin', ACL: 'authenticated-read' }),
      ),
    ).rejects.toMatchObject(notSupported);
    await expect(
      s3.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' })),
    ).rejects.toMatchObject(notSupported);
    await expect(
      s3.send(
        new PutObjectAclCommand({
          Bucket: bucket,
          Key: 'c.txt',
          AccessControlPolicy: { Owner: { ID: 'someone' }, Grants: [] },
        }),
      ),
    ).rejects.toMatchObject(notSupported);
    await expect(
      s3.send(new CreateBucketCommand({ Bucket: 'public-bucket', ACL: 'public-read' })),
    ).rejects.toMatchObject({
      name: 'InvalidBucketAclWithObjectOwnership',
      $metadata: { httpStatusCode: 400 },
    });
    expect(
      await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'public.txt' })).catch((e: Error) => e.name),
    ).toBe('NotFound');

    // The owner's own canned ACLs are still taken.
    for (const ACL of ['private', 'bucket-owner-full-control'] as const)
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `owned-${ACL}.txt`, Body: 'x', ACL }));
    await s3.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'private' }));
    await s3.send(
      new PutObjectAclCommand({ Bucket: bucket, Key: 'c.txt', ACL: 'bucket-owner-full-control' }),
    );
    await s3.send(new CreateBucketCommand({ Bucket: 'private-bucket', ACL: 'private' }));
  });
});
