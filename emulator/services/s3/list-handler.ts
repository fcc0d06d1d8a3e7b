/**
 * Listings over REST: ListBuckets, ListObjects (v1: `marker`), ListObjectsV2 (`list-type=2`:
 * continuation tokens) and ListObjectVersions (`?versions`), all with `encoding-type=url`
 * percent-encoding keys and prefixes.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
 */
import { InvalidArgument } from './errors';
import { decodeToken, encoder } from './list-objects';
import type { S3Object } from './object-model';
import type { S3Provider } from './provider';
import { OWNER, xml, type S3Request, type S3Response } from './s3-response';

export function listBuckets(provider: S3Provider): S3Response {
  return xml('ListAllMyBucketsResult', {
    Owner: OWNER,
    Buckets: {
      Bucket: provider
        .listBuckets()
        .map((b) => ({ Name: b.name, CreationDate: new Date(b.createdAt).toISOString() })),
    },
  });
}

function maxKeys(q: URLSearchParams): number {
  const value = q.get('max-keys');
  if (value === null) return 1000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', value);
  return Math.min(n, 1000);
}

function contents(objects: S3Object[], encode: (s: string) => string, owner: boolean) {
  return objects.map((o) => ({
    Key: encode(o.key),
    LastModified: new Date(o.lastModified).toISOString(),
    ETag: o.etag,
    ...(o.checksum ? { ChecksumAlgorithm: o.checksum.algorithm } : {}),
    Size: o.body.length,
    ...(owner ? { Owner: OWNER } : {}),
    StorageClass: o.storageClass ?? 'STANDARD',
  }));
}

export function listObjectsV2(provider: S3Provider, r: S3Request): S3Response {
  const q = r.query;
  const encode = encoder(q);
  const max = maxKeys(q);
  const out = provider.listObjects(r.bucket, {
    prefix: q.get('prefix') ?? undefined,
    delimiter: q.get('delimiter') ?? undefined,
    startAfter: q.get('start-after') ?? undefined,
    continuationToken: q.get('continuation-token') ?? undefined,
    maxKeys: max,
  });
  return xml('ListBucketResult', {
    Name: r.bucket,
    Prefix: encode(q.get('prefix') ?? ''),
    Delimiter: q.has('delimiter') ? encode(q.get('delimiter')!) : undefined,
    MaxKeys: max,
    EncodingType: q.get('encoding-type') ?? undefined,
    KeyCount: out.keys.length + out.commonPrefixes.length,
    IsTruncated: out.isTruncated,
    ContinuationToken: q.get('continuation-token') ?? undefined,
    NextContinuationToken: out.nextContinuationToken,
    StartAfter: q.has('start-after') ? encode(q.get('start-after')!) : undefined,
    Contents: contents(out.objects, encode, q.get('fetch-owner') === 'true'),
    CommonPrefixes: out.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
  });
}

/** A listing resuming after a key (v1's marker, the versions' key-marker); `next` is its last entry. */
function listAfter(provider: S3Provider, r: S3Request, marker: string) {
  const delimiter = r.query.get('delimiter') || undefined;
  const max = maxKeys(r.query);
  const out = provider.listObjects(r.bucket, {
    prefix: r.query.get('prefix') ?? undefined,
    delimiter,
    startAfter: marker || undefined,
    maxKeys: max,
  });
  const next = out.nextContinuationToken ? decodeToken(out.nextContinuationToken) : undefined;
  return { out, next, delimiter, max };
}

/** v1 resumes after `marker`; NextMarker is only sent with a delimiter (AWS's rule). */
export function listObjectsV1(provider: S3Provider, r: S3Request): S3Response {
  const q = r.query;
  const encode = encoder(q);
  const marker = q.get('marker') ?? '';
  const { out, next, delimiter, max } = listAfter(provider, r, marker);
  return xml('ListBucketResult', {
    Name: r.bucket,
    Prefix: encode(q.get('prefix') ?? ''),
    Marker: encode(marker),
    NextMarker: delimiter && next !== undefined ? encode(next) : undefined,
    MaxKeys: max,
    Delimiter: delimiter ? encode(delimiter) : undefined,
    IsTruncated: out.isTruncated,
    EncodingType: q.get('encoding-type') ?? undefined,
    Contents: contents(out.objects, encode, true),
    CommonPrefixes: out.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
  });
}

/**
 * Buckets here are never versioned, so each object is its one version, `null` (what S3 lists for
 * objects written while versioning was off), and there are no delete markers.
 */
export function listObjectVersions(provider: S3Provider, r: S3Request): S3Response {
  const q = r.query;
  const encode = encoder(q);
  const keyMarker = q.get('key-marker') ?? '';
  const versionIdMarker = q.get('version-id-marker');
  if (versionIdMarker !== null && !keyMarker)
    throw new InvalidArgument(
      'A version-id marker cannot be specified without a key marker.',
      'version-id-marker',
      versionIdMarker,
    );
  if (versionIdMarker !== null && versionIdMarker !== 'null' && versionIdMarker !== '')
    throw new InvalidArgument('Invalid version id specified', 'version-id-marker', versionIdMarker);
  const { out, next, delimiter, max } = listAfter(provider, r, keyMarker);
  const nextIsObject = next !== undefined && out.keys.includes(next);
  return xml('ListVersionsResult', {
    Name: r.bucket,
    Prefix: encode(q.get('prefix') ?? ''),
    KeyMarker: encode(keyMarker),
    VersionIdMarker: versionIdMarker ?? '',
    NextKeyMarker: next !== undefined ? encode(next) : undefined,
    NextVersionIdMarker: nextIsObject ? 'null' : undefined,
    MaxKeys: max,
    Delimiter: delimiter ? encode(delimiter) : undefined,
    IsTruncated: out.isTruncated,
    EncodingType: q.get('encoding-type') ?? undefined,
    Version: out.objects.map((o) => ({
      Key: encode(o.key),
      VersionId: 'null',
      IsLatest: true,
      LastModified: new Date(o.lastModified).toISOString(),
      ETag: o.etag,
      ...(o.checksum ? { ChecksumAlgorithm: o.checksum.algorithm } : {}),
      Size: o.body.length,
      StorageClass: o.storageClass ?? 'STANDARD',
      Owner: OWNER,
    })),
    CommonPrefixes: out.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
  });
}
