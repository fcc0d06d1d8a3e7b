/** The shapes of stored objects, shared by the provider, multipart uploads and the REST handlers. */
import type { ChecksumAlgorithm } from './checksums';
import type { Tag } from './object-tags';
import type { StorageClass } from './storage-class';

export interface ObjectHeaders {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
}

export interface S3Object extends ObjectHeaders {
  key: string;
  body: Buffer;
  etag: string;
  lastModified: number;
  metadata: Record<string, string>;
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
  /** Absent when the object has none (so untagged objects are stored as before tags existed). */
  tags?: Tag[];
  /** Absent for STANDARD (so objects are stored as before storage classes were kept). */
  storageClass?: StorageClass;
}

export interface PutObjectInput extends ObjectHeaders {
  bucket: string;
  key: string;
  body: Buffer;
  metadata?: Record<string, string>;
  checksum?: S3Object['checksum'];
  tags?: Tag[];
  storageClass?: StorageClass;
  ifMatch?: string;
  ifNoneMatch?: string;
}
