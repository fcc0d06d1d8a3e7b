/**
 * What everyday S3 clients do beyond Put/Get: presigned URLs used by plain fetch, ListObjects v1
 * with encoding-type=url, ranged GETs, CopyObject of an encoded key, DeleteObjects, HeadBucket and
 * GetBucketLocation.
 */
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clientConfig, startTestEmulator } from '../helpers/emulator';

describe('S3 for everyday clients', () => {
  let emulator: Emulator;
  let s3: S3Client;
  const bucket = 'everyday';

  beforeAll(async () => {
    emulator = await startTestEmulator();
    s3 = new S3Client(clientConfig(emulator.endpoint));
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(() => emulator.close());

  it('serves presigned GET and PUT URLs (SigV4 query auth) to plain fetch', async () => {
    const putUrl = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: bucket, Key: 'signed/doc.txt', ContentType: 'text/plain' }),
      { expiresIn: 300 },
    );
    expect(new URL(putUrl).searchParams.get('X-Amz-Signature')).toBeTruthy();
    const put = await fetch(putUrl, {
      method: 'PUT',
      body: 'presigned body',
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(200);
    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'signed/doc.txt' }), {
      expiresIn: 300,
    });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/plain');
    expect(await got.text()).toBe('presigned body');
  });

  it('honours response-* overrides on a presigned GET', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'report.csv', Body: 'a,b' }));
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: bucket,
        Key: 'report.csv',
        ResponseContentDisposition: 'attachment; filename="r.csv"',
        ResponseContentType: 'text/csv',
      }),
    );
    const got = await fetch(url);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="r.csv"');
    expect(got.headers.get('content-type')).toBe('text/csv');
  });

  it('accepts the SigV2 query form of AWS CLI v1 and refuses expired URLs with 403 AccessDenied', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'v2.txt', Body: 'sigv2' }));
    const future = Math.floor(Date.now() / 1000) + 600;
    const ok = await fetch(
      `${emulator.endpoint}/${bucket}/v2.txt?AWSAccessKeyId=test&Signature=abc%3D&Expires=${future}`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('sigv2');
    const past = Math.floor(Date.now() / 1000) - 5;
    const expired = await fetch(
      `${emulator.endpoint}/${bucket}/v2.txt?AWSAccessKeyId=test&Signature=abc%3D&Expires=${past}`,
    );
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/<Code>AccessDenied<\/Code><Message>Request has expired/);
    const v4 = new URL(
      await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'v2.txt' }), { expiresIn: 1 }),
    );
    v4.searchParams.set('X-Amz-Date', '20200101T000000Z');
    expect((await fetch(v4)).status).toBe(403);
  });

  it('lists with ListObjects v1: marker, NextMarker with a delimiter, encoding-type=url', async () => {
    const keys = ['v1/a b.txt', 'v1/dir/x', 'v1/dir/y', 'v1/plus+sign', 'v1/z'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x' }));
    const raw = await fetch(`${emulator.endpoint}/${bucket}?prefix=v1%2F&encoding-type=url`);
    const xml = await raw.text();
    expect(raw.status).toBe(200);
    expect(xml).toContain('<Key>v1/a%20b.txt</Key>');
    expect(xml).toContain('<Key>v1/plus%2Bsign</Key>');
    expect(xml).toContain('<EncodingType>url</EncodingType>');
    expect(xml).not.toContain('<KeyCount>');

    const first = await s3.send(
      new ListObjectsCommand({ Bucket: bucket, Prefix: 'v1/', Delimiter: '/', MaxKeys: 2 }),
    );
    expect(first.Contents!.map((c) => c.Key)).toEqual(['v1/a b.txt']);
    expect(first.CommonPrefixes!.map((p) => p.Prefix)).toEqual(['v1/dir/']);
    expect(first).toMatchObject({ IsTruncated: true, NextMarker: 'v1/dir/' });
    const rest = await s3.send(
      new ListObjectsCommand({ Bucket: bucket, Prefix: 'v1/', Delimiter: '/', Marker: first.NextMarker }),
    );
    expect(rest.Contents!.map((c) => c.Key)).toEqual(['v1/plus+sign', 'v1/z']);
    expect(rest.IsTruncated).toBe(false);
  });

  it.each([
    { range: 'bytes=2-5', status: 206, body: '2345', contentRange: 'bytes 2-5/10' },
    { range: 'bytes=7-', status: 206, body: '789', contentRange: 'bytes 7-9/10' },
    { range: 'bytes=-4', status: 206, body: '6789', contentRange: 'bytes 6-9/10' },
    { range: 'bytes=8-100', status: 206, body: '89', contentRange: 'bytes 8-9/10' },
    { range: 'bytes=10-', status: 416, body: undefined, contentRange: undefined },
    { range: 'bytes=5-2', status: 200, body: '0123456789', contentRange: undefined },
  ])('answers Range: $range with $status', async ({ range, status, body, contentRange }) => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'digits.txt', Body: '0123456789' }));
    const response = await fetch(`${emulator.endpoint}/${bucket}/digits.txt`, { headers: { range } });
    expect(response.status).toBe(status);
    const text = await response.text();
    if (body !== undefined) expect(text).toBe(body);
    else expect(text).toContain('<Code>InvalidRange</Code>');
    expect(response.headers.get('content-range') ?? undefined).toBe(contentRange);
  });

  it('copies a key that needs URL-encoding and deletes several keys quietly', async () => {
    const source = 'dir with space/ü+&.txt';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: source, Body: 'unicode' }));
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: 'copy/target.txt',
        CopySource: encodeURIComponent(`${bucket}/${source}`),
      }),
    );
    expect(copied.CopyObjectResult!.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy/target.txt' }));
    expect(await got.Body!.transformToString()).toBe('unicode');
    await expect(
      s3.send(new CopyObjectCommand({ Bucket: bucket, Key: source, CopySource: `${bucket}/${source}` })),
    ).rejects.toMatchObject({ name: 'InvalidRequest' });

    const quiet = await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Quiet: true, Objects: [{ Key: source }, { Key: 'copy/target.txt' }, { Key: 'never' }] },
      }),
    );
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(quiet.Errors ?? []).toEqual([]);
    await expect(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy/target.txt' })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(
      s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: '' }] } })),
    ).rejects.toMatchObject({ name: 'MalformedXML' });
  });

  it('answers HeadBucket with the region and GetBucketLocation with us-east-1 as empty', async () => {
    const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    expect(head.BucketRegion).toBe('us-east-1');
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
    expect(location.LocationConstraint).toBeUndefined();
  });

  it('refuses a key over 1,024 bytes of UTF-8 and user metadata over 2 KB, as S3 does', async () => {
    const put = (Key: string, Metadata?: Record<string, string>) =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x', Metadata }));
    await put('k'.repeat(1024));
    await expect(put('k'.repeat(1025))).rejects.toMatchObject({ name: 'KeyTooLongError' });
    await expect(put('é'.repeat(513))).rejects.toMatchObject({ name: 'KeyTooLongError' });
    await put('meta-ok', { a: 'x'.repeat(2047) });
    await expect(put('meta-big', { a: 'x'.repeat(2048) })).rejects.toMatchObject({
      name: 'MetadataTooLarge',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers bad percent-encoding with 400 InvalidURI instead of a 500', async () => {
    const response = await fetch(`${emulator.endpoint}/${bucket}/bad%E0%A4%A.txt`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>InvalidURI</Code>');
  });
});
