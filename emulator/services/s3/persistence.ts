/**
 * S3's state document: buckets with their objects and in-progress multipart uploads. Bodies and
 * parts are content-addressed blobs written before the document or journal record that names
 * them, so a crash never leaves an object or a part without its bytes. On load the snapshot is
 * indexed by key, the journal (s3-journal.ts) is applied to that index, and only then are bodies
 * read and the blobs nothing names deleted.
 */
import type { StateStore } from '../../state/state-store';
import type { MultipartUpload, UploadedPart } from './multipart';
import type { S3Object } from './object-model';

/** An in-progress upload whose parts are `P` (bodies in memory, or blob ids on disk). */
export type UploadOf<P> = Omit<MultipartUpload, 'parts'> & { parts: Map<number, P> };

/** A bucket whose objects are `O` and parts `P`. */
export interface BucketOf<O, P> {
  name: string;
  createdAt: number;
  objects: Map<string, O>;
  uploads: Map<string, UploadOf<P>>;
}

export type Bucket = BucketOf<S3Object, UploadedPart>;

type Saved<T extends { body: Buffer }> = Omit<T, 'body'> & { blob: string };
export type SavedObject = Saved<S3Object>;
export type SavedPart = Saved<UploadedPart>;
export type UploadHead = Omit<MultipartUpload, 'parts'>;

/** The stored state by bucket name, keyed for replay: bodies are blob ids. */
export type SavedIndex = Map<string, BucketOf<SavedObject, SavedPart>>;

interface SavedUpload extends UploadHead {
  parts: SavedPart[];
}

export interface SavedBucket {
  name: string;
  createdAt: number;
  objects: SavedObject[];
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

/** The snapshot as written last, indexed by key (no body read yet). */
export function loadIndex(store: StateStore): SavedIndex {
  const saved = store.load<SavedBucket[]>(STATE_NAME) ?? [];
  return new Map(
    saved.map((b) => [
      b.name,
      {
        name: b.name,
        createdAt: b.createdAt,
        objects: new Map(b.objects.map((o) => [o.key, o])),
        uploads: new Map(
          (b.uploads ?? []).map(({ parts, ...u }) => [
            u.id,
            { ...u, parts: new Map(parts.map((p) => [p.number, p])) },
          ]),
        ),
      },
    ]),
  );
}

/**
 * Reads the bodies `index` names, then deletes every other blob (left by overwrites, deletes,
 * completed uploads or a crash between a blob's write and the record naming it).
 */
export function restoreBuckets(store: StateStore, blobs: BlobIndex, index: SavedIndex): Bucket[] {
  const referenced = new Set<string>();
  const buckets = [...index.values()].map((b) => {
    const bucket: Bucket = { name: b.name, createdAt: b.createdAt, objects: new Map(), uploads: new Map() };
    for (const [key, o] of b.objects) bucket.objects.set(key, blobs.load<S3Object>(o, referenced));
    for (const [id, { parts, ...u }] of b.uploads) {
      const restored = [...parts.values()].map((p) => blobs.load<UploadedPart>(p, referenced));
      bucket.uploads.set(id, { ...u, parts: new Map(restored.map((p) => [p.number, p])) });
    }
    return bucket;
  });
  store.collectBlobs(referenced);
  return buckets;
}
