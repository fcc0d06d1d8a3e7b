/**
 * Multipart uploads as a pure engine (no I/O): uploads and their parts, and the assembly rules of
 * CompleteMultipartUpload: parts listed in ascending order, each uploaded with the ETag given,
 * every part but the last at least 5 MiB, and the object ETag `"<md5 of the parts' md5s>-<n>"`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
 */
import type { CompletedPart } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import type { ChecksumAlgorithm } from './checksums';
import { EntityTooSmall, InvalidArgument, InvalidPart, InvalidPartOrder, MalformedXML } from './errors';
import type { ObjectHeaders } from './object-model';
import type { Tag } from './object-tags';
import type { StorageClass } from './storage-class';

export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const MAX_PART_NUMBER = 10_000;

export interface UploadedPart {
  number: number;
  etag: string;
  body: Buffer;
  lastModified: number;
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
}

export interface MultipartUpload extends ObjectHeaders {
  id: string;
  key: string;
  initiated: number;
  metadata: Record<string, string>;
  checksumAlgorithm?: ChecksumAlgorithm;
  /** From CreateMultipartUpload's `x-amz-tagging`; the completed object gets them. */
  tags?: Tag[];
  /** From CreateMultipartUpload's `x-amz-storage-class`, absent for STANDARD; the object gets it. */
  storageClass?: StorageClass;
  parts: Map<number, UploadedPart>;
}

export function newUploadId(): string {
  return randomBytes(24).toString('base64url');
}

export function md5Etag(bytes: Uint8Array): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}

export function checkPartNumber(value: string | null): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > MAX_PART_NUMBER) {
    throw new InvalidArgument(
      `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`,
      'partNumber',
      String(value),
    );
  }
  return number;
}

function unquote(etag: string): string {
  return etag.trim().replace(/^"|"$/g, '');
}

export interface Assembled {
  body: Buffer;
  etag: string;
}

/** The object CompleteMultipartUpload makes of `requested` (the parts list of the request body). */
export function assemble(upload: MultipartUpload, requested: CompletedPart[]): Assembled {
  if (requested.length === 0) throw new MalformedXML('CompleteMultipartUpload needs at least one Part');
  const chosen: UploadedPart[] = [];
  let previous = 0;
  for (const entry of requested) {
    const number = entry.PartNumber ?? NaN;
    if (!Number.isInteger(number)) throw new MalformedXML('every Part needs a PartNumber');
    if (number <= previous) throw new InvalidPartOrder(upload.id);
    previous = number;
    const part = upload.parts.get(number);
    if (!part || entry.ETag === undefined || unquote(entry.ETag) !== unquote(part.etag))
      throw new InvalidPart(upload.id, number, entry.ETag ?? '');
    chosen.push(part);
  }
  for (const part of chosen.slice(0, -1)) {
    if (part.body.length < MIN_PART_SIZE)
      throw new EntityTooSmall(part.body.length, MIN_PART_SIZE, part.number, part.etag);
  }
  const md5s = chosen.map((p) => Buffer.from(unquote(p.etag), 'hex'));
  const digest = createHash('md5').update(Buffer.concat(md5s)).digest('hex');
  return { body: Buffer.concat(chosen.map((p) => p.body)), etag: `"${digest}-${chosen.length}"` };
}
