/**
 * Collects the leaf values an event holds at a pattern path. Arrays anywhere on the path are
 * expanded (a pattern matches when any element matches), and a key containing dots in the event
 * is the same field as the nested path, as EventBridge flattens both to `a.b`.
 */
import type { Leaf } from './leaf-matchers';

export type CompiledPath = readonly string[];

function collect(value: unknown, path: CompiledPath, index: number, out: Leaf[]): void {
  if (Array.isArray(value)) {
    for (const element of value) collect(element, path, index, out);
    return;
  }
  if (index === path.length) {
    if (value === null || typeof value !== 'object') out.push(value as Leaf);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  let key = path[index]!;
  for (let end = index + 1; ; end++) {
    if (Object.hasOwn(record, key)) collect(record[key], path, end, out);
    if (end >= path.length) break;
    key = `${key}.${path[end]}`;
  }
}

export function leafValues(event: unknown, path: CompiledPath): Leaf[] {
  const out: Leaf[] = [];
  collect(event, path, 0, out);
  return out;
}
