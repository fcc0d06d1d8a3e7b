/**
 * Multipart uploads over REST: CreateMultipartUpload (`POST ?uploads`), UploadPart and
 * UploadPartCopy (`PUT ?partNumber&uploadId`), CompleteMultipartUpload (`POST ?uploadId`),
 * AbortMultipartUpload (`DELETE ?uploadId`), ListParts (`GET ?uploadId`) and
 * ListMultipartUploads (`GET /<bucket>?uploads`).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
 */
import type { CompletedPart } from '@aws-sdk/client-s3';
import { unescapeXml, xmlElements } from '../../protocol/xml';
import { readBody } from '../../server/body';
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithm } from './checksums';
import { InvalidArgument, InvalidRange, MalformedXML, NotImplemented } from './errors';
import { encoder } from './list-objects';
import { checkPartNumber, type MultipartUpload } from './multipart';
import { headerFields, parseCopySource, userMetadata } from './object-headers';
import { parseTaggingHeader } from './object-tags';
import type { S3Provider } from './provider';
import { decodeUpload } from './request-body';
import { OWNER, xml, type S3Request, type S3Response } from './s3-response';
import { parseStorageClass } from './storage-class';

export async function handleMultipart(provider: S3Provider, r: S3Request): Promise<S3Response> {
  const uploadId = r.query.get('uploadId');
  if (uploadId === null) {
    if (r.method !== 'POST') throw new NotImplemented(`S3 ${r.method} on an object with ?uploads`);
    return createUpload(provider, r);
  }
  switch (r.method) {
    case 'PUT':
      return uploadPart(provider, r, uploadId);
    case 'POST':
      return completeUpload(provider, r, uploadId);
    case 'DELETE':
      await readBody(r.req);
      provider.abortMultipartUpload(r.bucket, r.key, uploadId);
      return { status: 204 };
    case 'GET':
      return listParts(provider, r, provider.getUpload(r.bucket, r.key, uploadId));
    default:
      throw new NotImplemented(`S3 ${r.method} on an object with ?uploadId`);
  }
}

async function createUpload(provider: S3Provider, r: S3Request): Promise<S3Response> {
  await readBody(r.req);
  const h = r.req.headers;
  const algorithm = String(h['x-amz-checksum-algorithm'] ?? '').toUpperCase();
  if (algorithm && !CHECKSUM_ALGORITHMS.includes(algorithm as ChecksumAlgorithm)) {
    throw new InvalidArgument(
      `Checksum algorithm ${algorithm} is not supported; use one of ${CHECKSUM_ALGORITHMS.join(', ')}.`,
      'x-amz-checksum-algorithm',
      algorithm,
    );
  }
  const upload = provider.createMultipartUpload({
    bucket: r.bucket,
    key: r.key,
    ...headerFields(h),
    contentType: (h['content-type'] as string | undefined) ?? 'binary/octet-stream',
    metadata: userMetadata(h),
    checksumAlgorithm: (algorithm || undefined) as ChecksumAlgorithm | undefined,
    tags: parseTaggingHeader(h['x-amz-tagging']),
    storageClass: parseStorageClass(h['x-amz-storage-class']),
  });
  const response = xml('InitiateMultipartUploadResult', {
    Bucket: r.bucket,
    Key: r.key,
    UploadId: upload.id,
  });
  if (upload.checksumAlgorithm) response.headers!['x-amz-checksum-algorithm'] = upload.checksumAlgorithm;
  return response;
}

async function uploadPart(provider: S3Provider, r: S3Request, uploadId: string): Promise<S3Response> {
  const number = checkPartNumber(r.query.get('partNumber'));
  const h = r.req.headers;
  if (h['x-amz-copy-source']) {
    await readBody(r.req);
    const from = parseCopySource(String(h['x-amz-copy-source']));
    // An archived source is refused here too, as S3 does until it is restored.
    const source = provider.readObject(from.bucket, from.key).body;
    const body = copyRange(source, h['x-amz-copy-source-range']);
    const part = provider.uploadPart(r.bucket, r.key, uploadId, { number, body });
    return xml('CopyPartResult', {
      ETag: part.etag,
      LastModified: new Date(part.lastModified).toISOString(),
    });
  }
  provider.getUpload(r.bucket, r.key, uploadId);
  const upload = decodeUpload(h, await readBody(r.req));
  const part = provider.uploadPart(r.bucket, r.key, uploadId, {
    number,
    body: upload.data,
    checksum: upload.checksum,
  });
  const headers: Record<string, string> = { etag: part.etag };
  if (part.checksum) headers[`x-amz-checksum-${part.checksum.algorithm.toLowerCase()}`] = part.checksum.value;
  return { headers };
}

/** `x-amz-copy-source-range: bytes=first-last` (both required, inclusive) or the whole source. */
function copyRange(source: Buffer, header: string | string[] | undefined): Buffer {
  if (header === undefined) return source;
  const match = /^bytes=(\d+)-(\d+)$/.exec(String(header).trim());
  if (!match) {
    throw new InvalidArgument(
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      'x-amz-copy-source-range',
      String(header),
    );
  }
  const [first, last] = [Number(match[1]), Number(match[2])];
  if (first > last || last >= source.length) throw new InvalidRange(String(header), source.length);
  return source.subarray(first, last + 1);
}

async function completeUpload(provider: S3Provider, r: S3Request, uploadId: string): Promise<S3Response> {
  const body = decodeUpload(r.req.headers, await readBody(r.req)).data.toString('utf8');
  provider.getUpload(r.bucket, r.key, uploadId);
  if (!/<CompleteMultipartUpload[\s>]/.test(body))
    throw new MalformedXML('no CompleteMultipartUpload element');
  const parts: CompletedPart[] = xmlElements(body, 'Part').map((part) => {
    const number = xmlElements(part, 'PartNumber')[0];
    const etag = xmlElements(part, 'ETag')[0];
    return {
      PartNumber: number === undefined ? undefined : Number(number.trim()),
      ETag: etag === undefined ? undefined : unescapeXml(etag),
    };
  });
  const object = provider.completeMultipartUpload(r.bucket, r.key, uploadId, parts);
  const host = String(r.req.headers.host ?? '127.0.0.1');
  const path = `${r.bucket}/${r.key.split('/').map(encodeURIComponent).join('/')}`;
  return xml('CompleteMultipartUploadResult', {
    Location: `http://${host}/${path}`,
    Bucket: r.bucket,
    Key: r.key,
    ETag: object.etag,
  });
}

function pageSize(value: string | null, name: string): number {
  if (value === null) return 1000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgument(`Provided ${name} not an integer or within integer range`, name, value);
  return Math.min(n, 1000);
}

function listParts(provider: S3Provider, r: S3Request, upload: MultipartUpload): S3Response {
  const max = pageSize(r.query.get('max-parts'), 'max-parts');
  const marker = Number(r.query.get('part-number-marker') ?? 0);
  const after = [...upload.parts.values()]
    .filter((p) => p.number > marker)
    .sort((a, b) => a.number - b.number);
  const page = after.slice(0, max);
  const truncated = after.length > page.length;
  return xml('ListPartsResult', {
    Bucket: r.bucket,
    Key: r.key,
    UploadId: upload.id,
    Initiator: OWNER,
    Owner: OWNER,
    StorageClass: upload.storageClass ?? 'STANDARD',
    PartNumberMarker: marker,
    NextPartNumberMarker: page.length ? page[page.length - 1]!.number : undefined,
    MaxParts: max,
    IsTruncated: truncated,
    ...(upload.checksumAlgorithm ? { ChecksumAlgorithm: upload.checksumAlgorithm } : {}),
    Part: page.map((p) => ({
      PartNumber: p.number,
      LastModified: new Date(p.lastModified).toISOString(),
      ETag: p.etag,
      Size: p.body.length,
      ...(p.checksum ? { [`Checksum${p.checksum.algorithm}`]: p.checksum.value } : {}),
    })),
  });
}

export function listMultipartUploads(provider: S3Provider, r: S3Request): S3Response {
  const q = r.query;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') || undefined;
  const keyMarker = q.get('key-marker') ?? '';
  const idMarker = q.get('upload-id-marker') ?? '';
  const max = pageSize(q.get('max-uploads'), 'max-uploads');
  const encode = encoder(q);
  const uploads: MultipartUpload[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  for (const upload of provider.listMultipartUploads(r.bucket)) {
    if (!upload.key.startsWith(prefix)) continue;
    // key-marker alone skips the key; with upload-id-marker, uploads of the key after that id stay.
    if (upload.key < keyMarker || (upload.key === keyMarker && (!idMarker || upload.id <= idMarker)))
      continue;
    const at = delimiter ? upload.key.indexOf(delimiter, prefix.length) : -1;
    const common = at >= 0 ? upload.key.slice(0, at + delimiter!.length) : undefined;
    if (common && prefixes.includes(common)) continue;
    if (uploads.length + prefixes.length >= max) {
      truncated = true;
      break;
    }
    if (common) prefixes.push(common);
    else uploads.push(upload);
  }
  const last = uploads[uploads.length - 1];
  return xml('ListMultipartUploadsResult', {
    Bucket: r.bucket,
    KeyMarker: encode(keyMarker),
    UploadIdMarker: idMarker,
    NextKeyMarker: truncated && last ? encode(last.key) : undefined,
    NextUploadIdMarker: truncated && last ? last.id : undefined,
    Delimiter: delimiter ? encode(delimiter) : undefined,
    Prefix: encode(prefix),
    MaxUploads: max,
    EncodingType: q.get('encoding-type') ?? undefined,
    IsTruncated: truncated,
    Upload: uploads.map((u) => ({
      Key: encode(u.key),
      UploadId: u.id,
      Initiator: OWNER,
      Owner: OWNER,
      StorageClass: u.storageClass ?? 'STANDARD',
      Initiated: new Date(u.initiated).toISOString(),
      ...(u.checksumAlgorithm ? { ChecksumAlgorithm: u.checksumAlgorithm } : {}),
    })),
    CommonPrefixes: prefixes.map((p) => ({ Prefix: encode(p) })),
  });
}
