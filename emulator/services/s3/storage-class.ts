/**
 * Storage classes as a pure engine (no I/O): the `x-amz-storage-class` header of PutObject,
 * CopyObject and CreateMultipartUpload, and which classes are archived (GetObject and CopyObject
 * refuse them until a restore, which is not emulated, so here they are never readable).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html
 */
import { InvalidObjectState, InvalidStorageClass } from './errors';
import type { S3Object } from './object-model';

/**
 * The classes an object in a general purpose bucket can have.
 * PARITY: OUTPOSTS, SNOW, EXPRESS_ONEZONE, FSX_OPENZFS and FSX_ONTAP are in AWS's list too, but
 * each needs a bucket of its own kind (S3 on Outposts, a Snow device, a directory bucket, an FSx
 * access point); the emulator's buckets are all general purpose, so they are refused as unknown.
 */
export const STORAGE_CLASSES = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'GLACIER_IR',
] as const;

export type StorageClass = (typeof STORAGE_CLASSES)[number];

/**
 * Classes whose objects must be restored before a GET or a copy. GLACIER_IR (Instant Retrieval)
 * is read like any other. PARITY: INTELLIGENT_TIERING objects never move to the opt-in archive
 * tiers here, so they stay readable.
 */
const ARCHIVED: readonly StorageClass[] = ['GLACIER', 'DEEP_ARCHIVE'];

/**
 * The class an `x-amz-storage-class` header asks for, or undefined without one. Values are
 * matched exactly, as the SDKs send them (AWS documents no other spelling); anything else,
 * an empty value included, is refused.
 */
export function parseStorageClass(header: string | string[] | undefined): StorageClass | undefined {
  if (header === undefined) return undefined;
  const value = String(header);
  if (!(STORAGE_CLASSES as readonly string[]).includes(value)) throw new InvalidStorageClass(value);
  return value as StorageClass;
}

/** The `storageClass` field of an object or upload: left out for STANDARD, the default. */
export function classed(storageClass: StorageClass | undefined): { storageClass?: StorageClass } {
  return storageClass && storageClass !== 'STANDARD' ? { storageClass } : {};
}

/** Throws InvalidObjectState for an object whose bytes an archive class keeps out of reach. */
export function checkReadable(object: Pick<S3Object, 'storageClass'>): void {
  if (object.storageClass && ARCHIVED.includes(object.storageClass))
    throw new InvalidObjectState(object.storageClass);
}
