/**
 * The bytes of an upload: aws-chunked framing removed, flexible checksums (header or trailer)
 * and Content-MD5 verified. Returns the exact object bytes and the checksum to keep.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { decodeAwsChunked } from './aws-chunked';
import { algorithmOfHeader, checksum, type ChecksumAlgorithm } from './checksums';
import { BadDigest, IncompleteBody, InvalidRequest } from './errors';

export interface UploadBody {
  data: Buffer;
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
  /** Content-Encoding without the aws-chunked transfer coding. */
  contentEncoding?: string;
}

export function decodeUpload(headers: IncomingHttpHeaders, raw: Buffer): UploadBody {
  const encodings = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const chunked =
    encodings.includes('aws-chunked') ||
    String(headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
  let data = raw;
  const supplied: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (algorithmOfHeader(name) && typeof value === 'string') supplied[name.toLowerCase()] = value;
  }
  if (chunked) {
    const decoded = decodeAwsChunked(raw);
    data = decoded.data;
    Object.assign(
      supplied,
      Object.fromEntries(Object.entries(decoded.trailers).filter(([n]) => algorithmOfHeader(n))),
    );
    const declared = headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== data.length) {
      throw new IncompleteBody(
        `x-amz-decoded-content-length is ${String(declared)} but the chunks hold ${data.length} bytes.`,
      );
    }
  }
  const md5 = headers['content-md5'];
  if (typeof md5 === 'string' && createHash('md5').update(data).digest('base64') !== md5)
    throw new BadDigest('Content-MD5');
  let kept: UploadBody['checksum'];
  const names = Object.keys(supplied);
  if (names.length > 1)
    throw new InvalidRequest(
      'Expecting a single x-amz-checksum- header; multiple checksum types are not allowed.',
    );
  for (const name of names) {
    const algorithm = algorithmOfHeader(name)!;
    const expected = supplied[name]!;
    if (checksum(algorithm, data) !== expected) throw new BadDigest(algorithm);
    kept = { algorithm, value: expected };
  }
  const rest = encodings.filter((e) => e !== 'aws-chunked');
  return { data, checksum: kept, contentEncoding: rest.length ? rest.join(',') : undefined };
}
