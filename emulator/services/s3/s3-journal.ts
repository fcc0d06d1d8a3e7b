/**
 * Durable S3 object changes without rewriting every bucket: each PutObject, CopyObject, delete
 * and multipart step is a line in the `s3` journal naming the object's index entry and its blob
 * (the body was stored by `putBlob` before the line is appended), fsynced before the request is
 * answered; a tag change is a line with the new tag set alone (the body and ETag stay). The full
 * snapshot is compacted in the background. Bucket changes (create, delete) are rare and rewrite
 * the snapshot instead, which empties the journal.
 *
 * Replaying a record twice is harmless, which the store's compaction relies on (a crash between
 * the snapshot's write and the journal's truncation replays records the snapshot holds): objects,
 * tag sets and parts are set by key, deletes of what is missing do nothing, an upload is started
 * only if absent, and records for a bucket or object that does not exist are skipped. Records are
 * replayed on the index of blob ids, so no body is read for a record a later one supersedes.
 */
import type { Journal } from '../../state/journal';
import type { Persistable, StateStore } from '../../state/state-store';
import type { BlobIndex, SavedIndex, SavedObject, SavedPart, UploadHead } from './persistence';
import type { MultipartUpload, UploadedPart } from './multipart';
import type { S3Object } from './object-model';
import type { Tag } from './object-tags';

type S3Record =
  | { put: string; object: SavedObject }
  | { deleted: string; key: string }
  /** The object's whole tag set after PutObjectTagging or DeleteObjectTagging (`[]`). */
  | { tagged: string; key: string; tags: Tag[] }
  | { started: string; upload: UploadHead }
  | { uploaded: string; uploadId: string; part: SavedPart }
  | { aborted: string; uploadId: string }
  /** One record, so a torn write cannot leave the upload gone without its object. */
  | { completed: string; uploadId: string; object: SavedObject };

export class S3Journal {
  private readonly journal: Journal<S3Record>;

  constructor(
    private readonly store: StateStore,
    private readonly name: string,
    private readonly source: Persistable,
    private readonly blobs: BlobIndex,
  ) {
    this.journal = store.journal<S3Record>(name);
  }

  /** Applies the records written after the snapshot `index` was loaded from. */
  replay(index: SavedIndex): void {
    for (const record of this.journal.read()) apply(index, record);
  }

  /**
   * Once the state is restored: folds the replayed records into the snapshot in the background,
   * so the next start replays less. Not earlier: a start that fails after replay must not write
   * a half-restored snapshot over the journal.
   */
  restored(): void {
    if (this.journal.length > 0) this.store.markCompactable(this.name, this.source);
  }

  put(bucket: string, object: S3Object): void {
    this.append({ put: bucket, object: this.blobs.save(object) });
  }

  deleted(bucket: string, key: string): void {
    this.append({ deleted: bucket, key });
  }

  tagged(bucket: string, key: string, tags: Tag[]): void {
    this.append({ tagged: bucket, key, tags });
  }

  started(bucket: string, { parts: _p, ...upload }: MultipartUpload): void {
    this.append({ started: bucket, upload });
  }

  uploaded(bucket: string, uploadId: string, part: UploadedPart): void {
    this.append({ uploaded: bucket, uploadId, part: this.blobs.save(part) });
  }

  aborted(bucket: string, uploadId: string): void {
    this.append({ aborted: bucket, uploadId });
  }

  completed(bucket: string, uploadId: string, object: S3Object): void {
    this.append({ completed: bucket, uploadId, object: this.blobs.save(object) });
  }

  private append(record: S3Record): void {
    this.journal.append(record);
    this.store.markCompactable(this.name, this.source);
  }
}

function apply(index: SavedIndex, record: S3Record): void {
  if ('put' in record) index.get(record.put)?.objects.set(record.object.key, record.object);
  else if ('deleted' in record) index.get(record.deleted)?.objects.delete(record.key);
  else if ('tagged' in record) {
    const objects = index.get(record.tagged)?.objects;
    const object = objects?.get(record.key);
    if (!objects || !object) return;
    const { tags: _t, ...rest } = object;
    objects.set(record.key, record.tags.length ? { ...rest, tags: record.tags } : rest);
  } else if ('started' in record) {
    const uploads = index.get(record.started)?.uploads;
    if (uploads && !uploads.has(record.upload.id))
      uploads.set(record.upload.id, { ...record.upload, parts: new Map() });
  } else if ('uploaded' in record) {
    index.get(record.uploaded)?.uploads.get(record.uploadId)?.parts.set(record.part.number, record.part);
  } else if ('aborted' in record) index.get(record.aborted)?.uploads.delete(record.uploadId);
  else {
    const bucket = index.get(record.completed);
    bucket?.uploads.delete(record.uploadId);
    bucket?.objects.set(record.object.key, record.object);
  }
}
