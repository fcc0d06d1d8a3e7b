/**
 * A secret's tags: the checks Secrets Manager applies to the tags of CreateSecret and TagResource
 * (key of 1 to 128 characters, value of 0 to 256, at most 50 tags on a secret, keys starting with
 * `aws:` reserved and not counted), and the merge and removal TagResource and UntagResource make.
 * Tags are a list of { Key, Value } in the order they were first added, as DescribeSecret returns
 * them; a key appears once.
 */
import { InvalidParameterException } from './errors';

export interface Tag {
  Key: string;
  Value: string;
}

const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;
const RESERVED = 'aws:';

/** The request's Tags as stored, each checked; a key given twice keeps its last value. */
export function checkedTags(tags: unknown): Tag[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags)) throw new InvalidParameterException('Tags must be a list of { Key, Value }.');
  const byKey = new Map<string, string>();
  for (const tag of tags as { Key?: unknown; Value?: unknown }[]) {
    const key = checkedKey(tag?.Key);
    // PARITY: the model does not require Value; a tag without one is stored with an empty value.
    const value = tag.Value ?? '';
    if (typeof value !== 'string' || value.length > MAX_VALUE)
      throw new InvalidParameterException(
        `The value of tag ${key} must be a string of 0 to ${MAX_VALUE} characters.`,
      );
    byKey.set(key, value);
  }
  const checked = [...byKey].map(([Key, Value]) => ({ Key, Value }));
  checkCount(checked);
  return checked;
}

/** A tag key of 1 to 128 characters (TagResource's keys and UntagResource's TagKeys). */
export function checkedKey(key: unknown): string {
  if (typeof key !== 'string' || key.length < 1 || key.length > MAX_KEY)
    throw new InvalidParameterException(`A tag key must be a string of 1 to ${MAX_KEY} characters.`);
  return key;
}

/** `existing` with `added` set: a key already there takes the new value in place. */
export function withTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  refuseReserved(added.map((t) => t.Key));
  const merged = new Map(existing.map((t) => [t.Key, t.Value]));
  for (const tag of added) merged.set(tag.Key, tag.Value);
  const tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
  checkCount(tags);
  return tags;
}

/** `existing` without the given keys; a key the secret does not have is not an error. */
export function withoutTags(existing: readonly Tag[], keys: unknown): Tag[] {
  if (!Array.isArray(keys)) throw new InvalidParameterException('TagKeys must be a list of tag keys.');
  const removed = new Set(keys.map(checkedKey));
  refuseReserved(removed);
  return existing.filter((t) => !removed.has(t.Key));
}

function checkCount(tags: readonly Tag[]): void {
  const counted = tags.filter((t) => !t.Key.startsWith(RESERVED)).length;
  if (counted > MAX_TAGS) {
    throw new InvalidParameterException(
      `A secret can have at most ${MAX_TAGS} tags (not counting aws: ones); this request would leave ${counted}.`,
    );
  }
}

// PARITY: AWS documents that aws: tags cannot be added, changed or removed, not the error it
// answers; we answer InvalidParameterException, the error TagResource declares for bad input.
function refuseReserved(keys: Iterable<string>): void {
  for (const key of keys) {
    if (key.startsWith(RESERVED))
      throw new InvalidParameterException(`The tag key ${key} uses the aws: prefix, which AWS reserves.`);
  }
}
