/**
 * S3's state document: buckets with their objects and in-progress multipart uploads. Bodies and
 * parts are content-addressed blobs written before the document that names them, so a crash never
 * leaves an object or a part without its bytes; on load, blobs nothing names are deleted.
 */
import type { StateStore } from '../../state/state-store';
import type { MultipartUpload, UploadedPart } from './multipart';
import type { S3Object } from './object-model';

export interface Bucket {
  name: string;
  createdAt: number;
  objects: Map<string, S3Object>;
  uploads: Map<string, MultipartUpload>;
}

type Saved<T extends { body: Buffer }> = Omit<T, 'body'> & { blob: string };

interface SavedUpload extends Omit<MultipartUpload, 'parts'> {
  parts: Saved<UploadedPart>[];
}

export interface SavedBucket {
  name: string;
  createdAt: number;
  objects: Saved<S3Object>[];
  /** Absent in state folders written before multipart uploads were emulated. */
  uploads?: SavedUpload[];
}

export const STATE_NAME = 's3';

/** Remembers which blob holds which body, so snapshots name blobs without hashing again. */
export class BlobIndex {
  private readonly ids = new WeakMap<Buffer, string>();

  constructor(private readonly store: StateStore | undefined) {}

  /** Writes `body` durably (with a state folder) before anything references it. */
  keep(body: Buffer): void {
    if (this.store) this.ids.set(body, this.store.putBlob(body));
  }

  save<T extends { body: Buffer }>({ body, ...rest }: T): Saved<T> {
    return { ...rest, blob: this.ids.get(body)! } as Saved<T>;
  }

  load<T extends { body: Buffer }>({ blob, ...rest }: Saved<T>, referenced: Set<string>): T {
    const body = this.store!.getBlob(blob);
    this.ids.set(body, blob);
    referenced.add(blob);
    return { ...rest, body } as unknown as T;
  }
}

export function snapshotBuckets(buckets: Iterable<Bucket>, blobs: BlobIndex): SavedBucket[] {
  return [...buckets].map((b) => ({
    name: b.name,
    createdAt: b.createdAt,
    objects: [...b.objects.values()].map((o) => blobs.save(o)),
    uploads: [...b.uploads.values()].map(({ parts, ...u }) => ({
      ...u,
      parts: [...parts.values()].map((p) => blobs.save(p)),
    })),
  }));
}

export function restoreBuckets(store: StateStore, blobs: BlobIndex): Bucket[] {
  const saved = store.load<SavedBucket[]>(STATE_NAME) ?? [];
  const referenced = new Set<string>();
  const buckets = saved.map((b) => {
    const bucket: Bucket = { name: b.name, createdAt: b.createdAt, objects: new Map(), uploads: new Map() };
    for (const o of b.objects) bucket.objects.set(o.key, blobs.load<S3Object>(o, referenced));
    for (const { parts, ...u } of b.uploads ?? []) {
      const restored = parts.map((p) => blobs.load<UploadedPart>(p, referenced));
      bucket.uploads.set(u.id, { ...u, parts: new Map(restored.map((p) => [p.number, p])) });
    }
    return bucket;
  });
  store.collectBlobs(referenced);
  return buckets;
}
