/**
 * Collects the leaf values an event holds at a pattern path. Arrays anywhere on the path are
 * expanded (a pattern matches when any element matches), and a key containing dots in the event
 * is the same field as the nested path, as EventBridge flattens both to `a.b`.
 */
import type { Leaf } from './leaf-matchers';

export interface CompiledPath {
  readonly segments: readonly string[];
  /** The segments joined by NUL, which no key boundary can fake: the memo's key. */
  readonly key: string;
  /** For each index, the dotted keys starting there (`a.b`, `a.b.c`) with the index after them. */
  readonly dotted: readonly (readonly [string, number][])[];
}

export function compilePath(segments: readonly string[]): CompiledPath {
  const dotted = segments.map((_, i) => {
    const out: [string, number][] = [];
    let key = segments[i]!;
    for (let end = i + 1; end < segments.length; end++) {
      key = `${key}.${segments[end]}`;
      out.push([key, end + 1]);
    }
    return out;
  });
  return { segments, key: segments.join('\u0000'), dotted };
}

function collect(value: unknown, path: CompiledPath, index: number, out: Leaf[]): void {
  if (Array.isArray(value)) {
    for (const element of value) collect(element, path, index, out);
    return;
  }
  if (index === path.segments.length) {
    if (value === null || typeof value !== 'object') out.push(value as Leaf);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const key = path.segments[index]!;
  if (Object.hasOwn(record, key)) collect(record[key], path, index + 1, out);
  for (const [dottedKey, next] of path.dotted[index]!) {
    if (Object.hasOwn(record, dottedKey)) collect(record[dottedKey], path, next, out);
  }
}

/** Leaf values already read from one event, by path key: shared by the patterns tested on it. */
export type ValueMemo = Map<string, Leaf[]>;

export function leafValues(event: unknown, path: CompiledPath, memo?: ValueMemo): Leaf[] {
  const known = memo?.get(path.key);
  if (known) return known;
  const out: Leaf[] = [];
  collect(event, path, 0, out);
  memo?.set(path.key, out);
  return out;
}
