/**
 * S3 provider: buckets, objects (with their tags and storage class) and multipart uploads with
 * typed methods (no HTTP; rest-handler.ts speaks REST-XML). Bodies are kept in memory and
 * persisted as in persistence.ts: object and multipart changes are journaled (s3-journal.ts),
 * bucket changes rewrite the snapshot.
 */
import type { CompletedPart } from '@aws-sdk/client-s3';
import type { AwsContext } from '../../protocol/aws-context';
import type { StateStore } from '../../state/state-store';
import type { ChecksumAlgorithm } from './checksums';
import {
  BucketAlreadyOwnedByYou,
  BucketNotEmpty,
  InvalidBucketName,
  KeyTooLongError,
  MetadataTooLarge,
  NoSuchBucket,
  NoSuchKey,
  NoSuchUpload,
  PreconditionFailed,
} from './errors';
import { listKeys, type ListInput, type ListOutput } from './list-objects';
import { assemble, md5Etag, newUploadId, type MultipartUpload, type UploadedPart } from './multipart';
import type { ObjectHeaders, PutObjectInput, S3Object } from './object-model';
import type { Tag } from './object-tags';
import {
  BlobIndex,
  loadIndex,
  restoreBuckets,
  snapshotBuckets,
  STATE_NAME,
  type Bucket,
  type SavedBucket,
} from './persistence';
import { S3Journal } from './s3-journal';
import { checkReadable, classed, type StorageClass } from './storage-class';

const MAX_KEY_BYTES = 1024;
const MAX_METADATA_BYTES = 2048;

export type { ObjectHeaders, PutObjectInput, S3Object } from './object-model';

export interface NewUpload extends ObjectHeaders {
  bucket: string;
  key: string;
  metadata: Record<string, string>;
  checksumAlgorithm?: ChecksumAlgorithm;
  tags?: Tag[];
  storageClass?: StorageClass;
}

export class S3Provider {
  private readonly buckets = new Map<string, Bucket>();
  private readonly blobs: BlobIndex;
  /** Without a state folder, nothing is persisted. */
  private readonly journal: S3Journal | undefined;

  constructor(
    private readonly context: AwsContext,
    private readonly options: { store?: StateStore; now?: () => number } = {},
  ) {
    const store = options.store;
    this.blobs = new BlobIndex(store);
    this.journal = store && new S3Journal(store, STATE_NAME, this, this.blobs);
    if (!store || !this.journal) return;
    const index = loadIndex(store);
    this.journal.replay(index);
    for (const bucket of restoreBuckets(store, this.blobs, index)) this.buckets.set(bucket.name, bucket);
    this.journal.restored();
  }

  get region(): string {
    return this.context.region;
  }

  snapshot(): SavedBucket[] {
    return snapshotBuckets(this.buckets.values(), this.blobs);
  }

  createBucket(name: string): void {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) || name.includes('..'))
      throw new InvalidBucketName(name);
    if (this.buckets.has(name)) {
      // us-east-1 answers 200 to the owner re-creating a bucket; other regions refuse.
      if (this.context.region === 'us-east-1') return;
      throw new BucketAlreadyOwnedByYou(name);
    }
    this.buckets.set(name, { name, createdAt: this.now(), objects: new Map(), uploads: new Map() });
    this.bucketsChanged();
  }

  headBucket(name: string): void {
    this.bucket(name);
  }

  // PARITY: in-progress multipart uploads do not keep a bucket from being deleted; they go with it.
  deleteBucket(name: string): void {
    const bucket = this.bucket(name);
    if (bucket.objects.size > 0) throw new BucketNotEmpty(name);
    // Journaled, so a replay over a bucket re-created under this name cannot bring them back.
    for (const id of bucket.uploads.keys()) this.journal?.aborted(name, id);
    this.buckets.delete(name);
    this.bucketsChanged();
  }

  listBuckets(): { name: string; createdAt: number }[] {
    return [...this.buckets.values()]
      .map(({ name, createdAt }) => ({ name, createdAt }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  putObject(input: PutObjectInput): S3Object {
    const bucket = this.bucket(input.bucket);
    checkNewObject(input.key, input.metadata);
    const existing = bucket.objects.get(input.key);
    if (
      input.ifNoneMatch !== undefined &&
      existing &&
      (input.ifNoneMatch === '*' || input.ifNoneMatch === existing.etag)
    ) {
      throw new PreconditionFailed('If-None-Match');
    }
    if (input.ifMatch !== undefined) {
      if (!existing) throw new NoSuchKey(input.bucket, input.key);
      if (!etagMatches(input.ifMatch, existing.etag)) throw new PreconditionFailed('If-Match');
    }
    const { bucket: _b, ifMatch: _m, ifNoneMatch: _n, metadata, tags, storageClass, ...rest } = input;
    const stored = this.store(bucket, {
      ...rest,
      metadata: metadata ?? {},
      ...tagged(tags),
      ...classed(storageClass),
      etag: md5Etag(input.body),
    });
    this.journal?.put(bucket.name, stored);
    return stored;
  }

  /** Writes the body's blob (before any record names it) and sets the object. */
  private store(bucket: Bucket, object: Omit<S3Object, 'lastModified'>): S3Object {
    const stored: S3Object = { ...object, lastModified: this.second() };
    this.blobs.keep(stored.body);
    bucket.objects.set(stored.key, stored);
    return stored;
  }

  getObject(bucket: string, key: string): S3Object {
    const object = this.bucket(bucket).objects.get(key);
    if (!object) throw new NoSuchKey(bucket, key);
    return object;
  }

  /**
   * An object whose bytes are about to be read (GetObject, the source of a copy): an archived one
   * answers InvalidObjectState. HeadObject, tags and ACLs use getObject, which AWS allows.
   */
  readObject(bucket: string, key: string): S3Object {
    const object = this.getObject(bucket, key);
    checkReadable(object);
    return object;
  }

  deleteObject(bucket: string, key: string): void {
    if (this.bucket(bucket).objects.delete(key)) this.journal?.deleted(bucket, key);
  }

  /**
   * PutObjectTagging (DeleteObjectTagging with `[]`): replaces the object's whole tag set. The body,
   * ETag and LastModified stay: on S3 a tag change is not a new write of the object.
   */
  putObjectTagging(bucket: string, key: string, tags: Tag[]): void {
    const objects = this.bucket(bucket).objects;
    const object = objects.get(key);
    if (!object) throw new NoSuchKey(bucket, key);
    const { tags: _t, ...rest } = object;
    // A new object rather than a mutation: a GET being answered keeps the tags it read.
    objects.set(key, { ...rest, ...tagged(tags) });
    this.journal?.tagged(bucket, key, tags);
  }

  /**
   * `tags` replaces the source's tag set (`x-amz-tagging-directive: REPLACE`); without it the copy
   * keeps the source's tags (COPY, the default). The copy's class is `storageClass`, STANDARD
   * without one, whatever the source's: on S3 the class is not copied under either directive.
   */
  copyObject(
    source: { bucket: string; key: string },
    target: { bucket: string; key: string },
    replace?: { metadata: Record<string, string> } & ObjectHeaders,
    tags?: Tag[],
    storageClass?: StorageClass,
  ): S3Object {
    const from = this.readObject(source.bucket, source.key);
    const { key: _k, etag: _e, lastModified: _l, storageClass: _s, ...copied } = from;
    return this.putObject({
      ...copied,
      ...(replace ?? {}),
      ...(tags ? { tags } : {}),
      storageClass,
      bucket: target.bucket,
      key: target.key,
    });
  }

  listObjects(bucket: string, input: ListInput): ListOutput & { objects: S3Object[] } {
    const objects = this.bucket(bucket).objects;
    const sorted = [...objects.keys()].sort();
    const out = listKeys(sorted, input);
    return { ...out, objects: out.keys.map((k) => objects.get(k)!) };
  }

  createMultipartUpload(input: NewUpload): MultipartUpload {
    const { bucket, tags, storageClass, ...rest } = input;
    const target = this.bucket(bucket);
    checkNewObject(input.key, input.metadata);
    const upload: MultipartUpload = {
      ...rest,
      ...tagged(tags),
      ...classed(storageClass),
      id: newUploadId(),
      initiated: this.now(),
      parts: new Map(),
    };
    target.uploads.set(upload.id, upload);
    this.journal?.started(bucket, upload);
    return upload;
  }

  uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    part: Pick<UploadedPart, 'number' | 'body' | 'checksum'>,
  ): UploadedPart {
    const upload = this.upload(bucket, key, uploadId);
    const stored: UploadedPart = { ...part, etag: md5Etag(part.body), lastModified: this.second() };
    this.blobs.keep(stored.body);
    upload.parts.set(stored.number, stored);
    this.journal?.uploaded(bucket, uploadId, stored);
    return stored;
  }

  completeMultipartUpload(bucket: string, key: string, uploadId: string, parts: CompletedPart[]): S3Object {
    const upload = this.upload(bucket, key, uploadId);
    const { body, etag } = assemble(upload, parts);
    const { id: _i, initiated: _t, parts: _p, checksumAlgorithm: _c, ...headers } = upload;
    this.bucket(bucket).uploads.delete(uploadId);
    // The upload's key, metadata, headers, tags and storage class become the object's.
    // PARITY: the object keeps no composite checksum of its parts (GetObject sends none).
    const stored = this.store(this.bucket(bucket), { ...headers, body, etag });
    this.journal?.completed(bucket, uploadId, stored);
    return stored;
  }

  abortMultipartUpload(bucket: string, key: string, uploadId: string): void {
    this.upload(bucket, key, uploadId);
    this.bucket(bucket).uploads.delete(uploadId);
    this.journal?.aborted(bucket, uploadId);
  }

  getUpload(bucket: string, key: string, uploadId: string): MultipartUpload {
    return this.upload(bucket, key, uploadId);
  }

  /** In-progress uploads by key, then by initiation time (ListMultipartUploads' order). */
  listMultipartUploads(bucket: string): MultipartUpload[] {
    return [...this.bucket(bucket).uploads.values()].sort((a, b) =>
      a.key === b.key ? a.initiated - b.initiated : a.key < b.key ? -1 : 1,
    );
  }

  private upload(bucket: string, key: string, uploadId: string): MultipartUpload {
    const upload = this.bucket(bucket).uploads.get(uploadId);
    if (!upload || upload.key !== key) throw new NoSuchUpload(uploadId);
    return upload;
  }

  private second(): number {
    return Math.floor(this.now() / 1000) * 1000;
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new NoSuchBucket(name);
    return bucket;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Rare: a full snapshot at the next commit (which also empties the journal). */
  private bucketsChanged(): void {
    this.options.store?.markDirty(STATE_NAME, this);
  }
}

/** The `tags` field of an object or upload: left out when there are none. */
function tagged(tags: Tag[] | undefined): { tags?: Tag[] } {
  return tags?.length ? { tags } : {};
}

export function etagMatches(condition: string, etag: string): boolean {
  return condition
    .split(',')
    .map((c) => c.trim())
    .some((c) => c === '*' || c === etag || `"${c}"` === etag);
}

/**
 * What S3 checks of a new object's name and metadata: a key of at most 1,024 bytes of UTF-8 and
 * user metadata of at most 2 KB, counted as the UTF-8 bytes of every name and value.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html and UsingMetadata.html
 */
function checkNewObject(key: string, metadata: Record<string, string> | undefined): void {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new KeyTooLongError();
  let size = 0;
  for (const [name, value] of Object.entries(metadata ?? {}))
    size += Buffer.byteLength(name) + Buffer.byteLength(value);
  if (size > MAX_METADATA_BYTES) throw new MetadataTooLarge();
}
