/**
 * Object operations over REST: PutObject (aws-chunked, checksums, conditional writes), CopyObject,
 * GetObject (Range, conditional reads, checksum mode; archived objects refused), HeadObject,
 * DeleteObject, `x-amz-storage-class` on the writes, and the object's tag set (`?tagging`:
 * PutObjectTagging, GetObjectTagging, DeleteObjectTagging).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { readBody } from '../../server/body';
import { privateAcl, putAcl, refuseObjectAcl } from './bucket-settings';
import { InvalidArgument, InvalidRange, InvalidRequest, NotImplemented, PreconditionFailed } from './errors';
import { handleMultipart } from './multipart-handler';
import {
  headerFields,
  isResponseOverride,
  objectHeaders,
  parseCopySource,
  userMetadata,
} from './object-headers';
import { parseTaggingHeader, parseTaggingXml, type Tag } from './object-tags';
import { etagMatches, type S3Object, type S3Provider } from './provider';
import { decodeUpload } from './request-body';
import { xml, type S3Request, type S3Response } from './s3-response';
import { parseStorageClass } from './storage-class';

const OBJECT_QUERY = new Set(['x-id', 'partNumber', 'versionId']);

export async function handleObject(provider: S3Provider, r: S3Request): Promise<S3Response> {
  if (r.method === 'PUT' || (r.method === 'POST' && r.query.has('uploads'))) {
    provider.headBucket(r.bucket);
    if (!r.query.has('acl')) refuseObjectAcl(r.req.headers);
  }
  if (r.query.has('uploads') || r.query.has('uploadId')) return handleMultipart(provider, r);
  if (r.query.has('acl') && (r.method === 'GET' || r.method === 'PUT')) {
    provider.getObject(r.bucket, r.key);
    return r.method === 'GET' ? privateAcl() : putAcl(r.req.headers, await readBody(r.req));
  }
  if (r.query.has('tagging')) return objectTagging(provider, r);
  // PARITY: RestoreObject is not emulated, so a GLACIER or DEEP_ARCHIVE object, which GetObject
  // and copies refuse until restored, is never readable here (HeadObject and listings still are).
  if (r.query.has('restore')) throw new NotImplemented('S3 RestoreObject (POST ?restore)');
  const unsupported = [...r.query.keys()].find((k) => !OBJECT_QUERY.has(k) && !isResponseOverride(k));
  if (unsupported) throw new NotImplemented(`S3 ${r.method} on an object with ?${unsupported}`);
  switch (r.method) {
    case 'PUT':
      return r.req.headers['x-amz-copy-source'] ? copyObject(provider, r) : putObject(provider, r);
    case 'GET':
    case 'HEAD':
      return getObject(provider, r);
    case 'DELETE':
      await readBody(r.req);
      provider.deleteObject(r.bucket, r.key);
      return { status: 204 };
    default:
      throw new NotImplemented(`S3 ${r.method} on an object`);
  }
}

async function putObject(provider: S3Provider, r: S3Request): Promise<S3Response> {
  const headers = r.req.headers;
  const upload = decodeUpload(headers, await readBody(r.req));
  const object = provider.putObject({
    bucket: r.bucket,
    key: r.key,
    body: upload.data,
    ...headerFields(headers),
    contentType: (headers['content-type'] as string | undefined) ?? 'binary/octet-stream',
    contentEncoding: upload.contentEncoding,
    metadata: userMetadata(headers),
    checksum: upload.checksum,
    tags: parseTaggingHeader(headers['x-amz-tagging']),
    storageClass: parseStorageClass(headers['x-amz-storage-class']),
    ifMatch: headers['if-match'] as string | undefined,
    ifNoneMatch: headers['if-none-match'] as string | undefined,
  });
  const out: Record<string, string> = { etag: object.etag, 'x-amz-server-side-encryption': 'AES256' };
  if (object.checksum)
    out[`x-amz-checksum-${object.checksum.algorithm.toLowerCase()}`] = object.checksum.value;
  return { headers: out };
}

async function copyObject(provider: S3Provider, r: S3Request): Promise<S3Response> {
  await readBody(r.req);
  const headers = r.req.headers;
  const from = parseCopySource(String(headers['x-amz-copy-source']));
  const directive = String(headers['x-amz-metadata-directive'] ?? 'COPY').toUpperCase();
  const storageClass = parseStorageClass(headers['x-amz-storage-class']);
  // A copy onto itself that names a class is how S3 changes an object's class; AWS takes the
  // header as a change even when it names the current class (minio/minio#9357 reports so).
  const changesClass = storageClass !== undefined;
  if (from.bucket === r.bucket && from.key === r.key && directive !== 'REPLACE' && !changesClass) {
    throw new InvalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const original = provider.readObject(from.bucket, from.key);
  const ifMatch = headers['x-amz-copy-source-if-match'];
  if (typeof ifMatch === 'string' && !etagMatches(ifMatch, original.etag))
    throw new PreconditionFailed('x-amz-copy-source-If-Match');
  const replace =
    directive === 'REPLACE' ? { ...headerFields(headers), metadata: userMetadata(headers) } : undefined;
  const target = { bucket: r.bucket, key: r.key };
  const object = provider.copyObject(from, target, replace, copyTags(headers), storageClass);
  return xml('CopyObjectResult', {
    LastModified: new Date(object.lastModified).toISOString(),
    ETag: object.etag,
  });
}

/**
 * The copy's tags: undefined keeps the source's (`x-amz-tagging-directive: COPY`, the default,
 * which ignores `x-amz-tagging`); REPLACE takes the header's, none without one.
 */
function copyTags(headers: IncomingHttpHeaders): Tag[] | undefined {
  const directive = String(headers['x-amz-tagging-directive'] ?? 'COPY').toUpperCase();
  if (directive === 'COPY') return undefined;
  if (directive === 'REPLACE') return parseTaggingHeader(headers['x-amz-tagging']) ?? [];
  throw new InvalidArgument('Unknown tagging directive.', 'x-amz-tagging-directive', directive);
}

/** `?tagging` on an object; versionId is ignored, as every object here is version null. */
async function objectTagging(provider: S3Provider, r: S3Request): Promise<S3Response> {
  switch (r.method) {
    case 'GET': {
      const tags = provider.getObject(r.bucket, r.key).tags ?? [];
      return xml('Tagging', { TagSet: { Tag: tags.map((t) => ({ Key: t.key, Value: t.value })) } });
    }
    case 'PUT': {
      const body = decodeUpload(r.req.headers, await readBody(r.req)).data.toString('utf8');
      // A missing bucket or key is reported before anything wrong with the body.
      provider.getObject(r.bucket, r.key);
      provider.putObjectTagging(r.bucket, r.key, parseTaggingXml(body));
      return {};
    }
    case 'DELETE':
      await readBody(r.req);
      provider.putObjectTagging(r.bucket, r.key, []);
      return { status: 204 };
    default:
      throw new NotImplemented(`S3 ${r.method} on an object with ?tagging`);
  }
}

function getObject(provider: S3Provider, r: S3Request): S3Response {
  // HEAD answers for an archived object too (with its class); only a GET of the bytes is refused.
  const object =
    r.method === 'GET' ? provider.readObject(r.bucket, r.key) : provider.getObject(r.bucket, r.key);
  const h = r.req.headers;
  const notModified = conditionalRead(object, h);
  const headers = objectHeaders(object, r.query);
  if (notModified)
    return { status: 304, headers: { etag: object.etag, 'last-modified': headers['last-modified']! } };
  const range = typeof h.range === 'string' ? parseRange(h.range, object.body.length) : undefined;
  if (range) {
    const [start, end] = range;
    headers['content-range'] = `bytes ${start}-${end}/${object.body.length}`;
    headers['content-length'] = end - start + 1;
    return { status: 206, headers, body: object.body.subarray(start, end + 1) };
  }
  if (object.checksum && String(h['x-amz-checksum-mode']).toUpperCase() === 'ENABLED') {
    headers[`x-amz-checksum-${object.checksum.algorithm.toLowerCase()}`] = object.checksum.value;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  headers['content-length'] = object.body.length;
  return { headers, body: object.body };
}

/** True when the client's copy is current (304); throws 412 for failed If-Match conditions. */
function conditionalRead(object: S3Object, h: IncomingHttpHeaders): boolean {
  const modified = object.lastModified;
  if (typeof h['if-match'] === 'string' && !etagMatches(h['if-match'], object.etag))
    throw new PreconditionFailed('If-Match');
  if (
    typeof h['if-unmodified-since'] === 'string' &&
    h['if-match'] === undefined &&
    modified > Date.parse(h['if-unmodified-since'])
  ) {
    throw new PreconditionFailed('If-Unmodified-Since');
  }
  if (typeof h['if-none-match'] === 'string') return etagMatches(h['if-none-match'], object.etag);
  if (typeof h['if-modified-since'] === 'string') return modified <= Date.parse(h['if-modified-since']);
  return false;
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; undefined for forms S3 ignores (serves the whole object). */
function parseRange(header: string, size: number): [number, number] | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) throw new InvalidRange(header, size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (match[2] !== '' && Number(match[2]) < start) return undefined;
  }
  if (start >= size) throw new InvalidRange(header, size);
  return [start, end];
}
