/** The shapes of stored objects, shared by the provider, multipart uploads and the REST handlers. */
import type { ChecksumAlgorithm } from './checksums';

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
}

export interface PutObjectInput extends ObjectHeaders {
  bucket: string;
  key: string;
  body: Buffer;
  metadata?: Record<string, string>;
  checksum?: S3Object['checksum'];
  ifMatch?: string;
  ifNoneMatch?: string;
}
