/**
 * HTTP headers ↔ stored object fields: the standard entity headers, `x-amz-meta-*` user metadata,
 * `x-amz-tagging-count`, `x-amz-storage-class`, the `response-*` overrides of GetObject, and
 * `x-amz-copy-source`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { InvalidArgument } from './errors';
import type { ObjectHeaders, S3Object } from './object-model';

export const HEADER_FIELDS: [keyof ObjectHeaders, string][] = [
  ['contentType', 'content-type'],
  ['contentDisposition', 'content-disposition'],
  ['contentLanguage', 'content-language'],
  ['cacheControl', 'cache-control'],
  ['expires', 'expires'],
];

/** GetObject's `response-content-type` etc.: headers to send instead of the stored ones. */
const RESPONSE_OVERRIDES = [
  'content-type',
  'content-language',
  'expires',
  'cache-control',
  'content-disposition',
  'content-encoding',
];

export function headerFields(headers: IncomingHttpHeaders): ObjectHeaders {
  const out: ObjectHeaders = {};
  for (const [field, header] of HEADER_FIELDS) {
    const value = headers[header];
    if (typeof value === 'string') out[field] = value;
  }
  return out;
}

export function userMetadata(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string')
      out[name.slice('x-amz-meta-'.length)] = value;
  }
  return out;
}

export function objectHeaders(object: S3Object, query?: URLSearchParams): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    etag: object.etag,
    'last-modified': new Date(object.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    'content-type': object.contentType ?? 'binary/octet-stream',
  };
  for (const [field, header] of HEADER_FIELDS) {
    const value = object[field];
    if (value !== undefined && field !== 'contentType') headers[header] = value;
  }
  if (object.contentEncoding) headers['content-encoding'] = object.contentEncoding;
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  // S3 sends the count only when there are tags; the tags themselves take a GetObjectTagging.
  if (object.tags?.length) headers['x-amz-tagging-count'] = object.tags.length;
  // Sent for every class but STANDARD, which is stored as no class at all.
  if (object.storageClass) headers['x-amz-storage-class'] = object.storageClass;
  for (const header of RESPONSE_OVERRIDES) {
    const value = query?.get(`response-${header}`);
    if (value !== null && value !== undefined) headers[header] = value;
  }
  return headers;
}

export function isResponseOverride(name: string): boolean {
  return name.startsWith('response-') && RESPONSE_OVERRIDES.includes(name.slice('response-'.length));
}

/**
 * `x-amz-copy-source`: `<bucket>/<key>`, URL-encoded, with an optional leading slash and
 * `?versionId=`. https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 */
export function parseCopySource(header: string): { bucket: string; key: string } {
  let source: string;
  try {
    source = decodeURIComponent(header.split('?')[0]!).replace(/^\//, '');
  } catch {
    throw new InvalidArgument('Invalid copy source encoding.', 'x-amz-copy-source', header);
  }
  const slash = source.indexOf('/');
  if (slash <= 0 || slash === source.length - 1)
    throw new InvalidArgument(
      'Invalid copy source object key; x-amz-copy-source must be <bucket>/<key>.',
      'x-amz-copy-source',
      header,
    );
  return { bucket: source.slice(0, slash), key: source.slice(slash + 1) };
}
