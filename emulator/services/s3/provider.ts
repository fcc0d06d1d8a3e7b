/**
 * S3 provider: buckets and objects with typed methods (no HTTP; rest-handler.ts speaks REST-XML).
 * Bodies are kept in memory and, with a state folder, written as blobs before the index that
 * references them, so a crash never leaves an object without its bytes.
 */
import { createHash } from 'node:crypto';
import type { AwsContext } from '../../protocol/aws-context';
import type { StateStore } from '../../state/state-store';
import type { ChecksumAlgorithm } from './checksums';
import {
  BucketAlreadyOwnedByYou,
  BucketNotEmpty,
  InvalidBucketName,
  NoSuchBucket,
  NoSuchKey,
  PreconditionFailed,
} from './errors';
import { listKeys, type ListInput, type ListOutput } from './list-objects';

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

interface Bucket {
  name: string;
  createdAt: number;
  objects: Map<string, S3Object>;
}

interface SavedBucket {
  name: string;
  createdAt: number;
  objects: (Omit<S3Object, 'body'> & { blob: string })[];
}

const STATE_NAME = 's3';

export class S3Provider {
  private readonly buckets = new Map<string, Bucket>();
  private readonly blobs = new WeakMap<Buffer, string>();

  constructor(
    private readonly context: AwsContext,
    private readonly options: { store?: StateStore; now?: () => number } = {},
  ) {
    const store = options.store;
    const saved = store?.load<SavedBucket[]>(STATE_NAME);
    if (!store) return;
    const referenced = new Set<string>();
    for (const b of saved ?? []) {
      const bucket: Bucket = { name: b.name, createdAt: b.createdAt, objects: new Map() };
      for (const { blob, ...o } of b.objects) {
        const body = store.getBlob(blob);
        this.blobs.set(body, blob);
        referenced.add(blob);
        bucket.objects.set(o.key, { ...o, body });
      }
      this.buckets.set(b.name, bucket);
    }
    store.collectBlobs(referenced);
  }

  get region(): string {
    return this.context.region;
  }

  snapshot(): SavedBucket[] {
    return [...this.buckets.values()].map((b) => ({
      name: b.name,
      createdAt: b.createdAt,
      objects: [...b.objects.values()].map(({ body, ...o }) => ({ ...o, blob: this.blobs.get(body)! })),
    }));
  }

  createBucket(name: string): void {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) || name.includes('..'))
      throw new InvalidBucketName(name);
    if (this.buckets.has(name)) {
      // us-east-1 answers 200 to the owner re-creating a bucket; other regions refuse.
      if (this.context.region === 'us-east-1') return;
      throw new BucketAlreadyOwnedByYou(name);
    }
    this.buckets.set(name, { name, createdAt: this.now(), objects: new Map() });
    this.changed();
  }

  headBucket(name: string): void {
    this.bucket(name);
  }

  deleteBucket(name: string): void {
    if (this.bucket(name).objects.size > 0) throw new BucketNotEmpty(name);
    this.buckets.delete(name);
    this.changed();
  }

  listBuckets(): { name: string; createdAt: number }[] {
    return [...this.buckets.values()]
      .map(({ name, createdAt }) => ({ name, createdAt }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  putObject(input: PutObjectInput): S3Object {
    const bucket = this.bucket(input.bucket);
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
    const { bucket: _b, ifMatch: _m, ifNoneMatch: _n, metadata, ...rest } = input;
    const object: S3Object = {
      ...rest,
      metadata: metadata ?? {},
      etag: `"${createHash('md5').update(input.body).digest('hex')}"`,
      lastModified: Math.floor(this.now() / 1000) * 1000,
    };
    if (this.options.store) this.blobs.set(object.body, this.options.store.putBlob(object.body));
    bucket.objects.set(input.key, object);
    this.changed();
    return object;
  }

  getObject(bucket: string, key: string): S3Object {
    const object = this.bucket(bucket).objects.get(key);
    if (!object) throw new NoSuchKey(bucket, key);
    return object;
  }

  deleteObject(bucket: string, key: string): void {
    if (this.bucket(bucket).objects.delete(key)) this.changed();
  }

  copyObject(
    source: { bucket: string; key: string },
    target: { bucket: string; key: string },
    replace?: { metadata: Record<string, string> } & ObjectHeaders,
  ): S3Object {
    const from = this.getObject(source.bucket, source.key);
    const { key: _k, etag: _e, lastModified: _l, ...copied } = from;
    return this.putObject({ ...copied, ...(replace ?? {}), bucket: target.bucket, key: target.key });
  }

  listObjects(bucket: string, input: ListInput): ListOutput & { objects: S3Object[] } {
    const objects = this.bucket(bucket).objects;
    const sorted = [...objects.keys()].sort();
    const out = listKeys(sorted, input);
    return { ...out, objects: out.keys.map((k) => objects.get(k)!) };
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new NoSuchBucket(name);
    return bucket;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private changed(): void {
    this.options.store?.markDirty(STATE_NAME, this);
  }
}

export function etagMatches(condition: string, etag: string): boolean {
  return condition
    .split(',')
    .map((c) => c.trim())
    .some((c) => c === '*' || c === etag || `"${c}"` === etag);
}
