/** The pipeline bucket: list by prefix (flat or by folder), read an object as text or bytes. */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { NotFoundError } from '../errors';
import type { OpsTarget } from '../context';

export interface ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly lastModified?: string;
}

/** Every key under `prefix`, up to `limit`. */
export async function listObjects(
  target: OpsTarget,
  prefix: string,
  limit: number,
): Promise<ObjectSummary[]> {
  const found: ObjectSummary[] = [];
  let token: string | undefined;
  do {
    const page = await target.clients.s3.send(
      new ListObjectsV2Command({
        Bucket: target.endpoints.bucket,
        Prefix: prefix || undefined,
        ContinuationToken: token,
        MaxKeys: Math.min(1000, limit - found.length),
      }),
    );
    for (const o of page.Contents ?? []) {
      found.push({ key: o.Key!, size: o.Size ?? 0, lastModified: o.LastModified?.toISOString() });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token && found.length < limit);
  return found;
}

export interface FolderListing {
  readonly prefix: string;
  /** Sub-prefixes ending in `/`, one level down. */
  readonly folders: readonly string[];
  readonly objects: readonly ObjectSummary[];
  /** More keys exist than `limit` allowed. */
  readonly truncated: boolean;
}

/** One level of the bucket under `prefix`, as folders (`/`-delimited) and objects. */
export async function listFolder(target: OpsTarget, prefix: string, limit: number): Promise<FolderListing> {
  const folders: string[] = [];
  const objects: ObjectSummary[] = [];
  let token: string | undefined;
  let truncated = false;
  do {
    const page = await target.clients.s3.send(
      new ListObjectsV2Command({
        Bucket: target.endpoints.bucket,
        Prefix: prefix || undefined,
        Delimiter: '/',
        ContinuationToken: token,
        MaxKeys: Math.min(1000, limit - folders.length - objects.length),
      }),
    );
    for (const p of page.CommonPrefixes ?? []) folders.push(p.Prefix!);
    for (const o of page.Contents ?? []) {
      objects.push({ key: o.Key!, size: o.Size ?? 0, lastModified: o.LastModified?.toISOString() });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
    truncated = token !== undefined && folders.length + objects.length >= limit;
  } while (token && !truncated);
  return { prefix, folders, objects, truncated };
}

export interface ObjectBytes {
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType?: string;
}

export async function getObjectBytes(target: OpsTarget, key: string): Promise<ObjectBytes> {
  const { bucket } = target.endpoints;
  try {
    const out = await target.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return {
      key,
      body: (await out.Body?.transformToByteArray()) ?? new Uint8Array(),
      contentType: out.ContentType,
    };
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') {
      throw new NotFoundError(
        `No object ${key} in ${bucket}: list keys with \`hydrant objects ls <prefix>\``,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

export interface ObjectText {
  readonly key: string;
  readonly contentType?: string;
  readonly text: string;
  /** The parsed body when it is JSON. */
  readonly json?: unknown;
}

export async function getObjectText(target: OpsTarget, key: string): Promise<ObjectText> {
  const { body, contentType } = await getObjectBytes(target, key);
  const text = new TextDecoder().decode(body);
  try {
    return { key, contentType, text, json: JSON.parse(text) as unknown };
  } catch {
    return { key, contentType, text };
  }
}

/** Reads `keys` a few at a time, keeping their order. */
export async function readMany<T>(keys: readonly string[], read: (key: string) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += READ_CONCURRENCY) {
    out.push(...(await Promise.all(keys.slice(i, i + READ_CONCURRENCY).map(read))));
  }
  return out;
}

const READ_CONCURRENCY = 8;
