/**
 * Renders an InputTransformer's InputTemplate. Pure: no I/O.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 *
 * Two kinds of template, as EventBridge treats them:
 * - a JSON template (an object or array, `{…}` / `[…]`): a placeholder inside a JSON string is
 *   replaced by the value's text, escaped, except that an object or array loses its internal
 *   quotes ("If a JSON path references a JSON object or array, but the variable is referenced in
 *   a string, EventBridge removes any internal quotes to ensure a valid string": the guide's
 *   "Common issues with transforming input"); outside a string by the value's JSON, and a path
 *   that is not in the event by `""`. `<aws.events.event>` and `<aws.events.event.json>` are
 *   never escaped ("can only be used as the value of a JSON field").
 * - any other template is text: copied as it is, strings put in raw (no quotes, no escaping),
 *   objects and arrays written compactly with every `"` removed, and a missing path as nothing.
 */
export const RESERVED_VARIABLES = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event',
  'aws.events.event.ingestion-time',
  'aws.events.event.json',
] as const;

/** The event variables, written unescaped even inside a JSON string. */
const UNESCAPED = new Set<string>(['aws.events.event', 'aws.events.event.json']);

/** `<name>` where name is an InputPathsMap key or a reserved variable. */
const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;

export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export function isJsonTemplate(template: string): boolean {
  const start = template.trimStart()[0];
  return start === '{' || start === '[';
}

/** Renders `template`; a placeholder whose name is not in `values` stays as text. */
export function renderTemplate(template: string, values: ReadonlyMap<string, unknown>): string {
  const json = isJsonTemplate(template);
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '<') {
      const end = template.indexOf('>', i);
      const name = end > 0 ? template.slice(i + 1, end) : '';
      if (values.has(name)) {
        const value = values.get(name);
        out += json ? jsonText(value, inString, UNESCAPED.has(name)) : plainText(value);
        i = end;
        continue;
      }
    }
    if (json && inString && c === '\\' && i + 1 < template.length) {
      out += c + template[i + 1]!;
      i++;
      continue;
    }
    if (json && c === '"') inString = !inString;
    out += c;
  }
  return out;
}

function jsonText(value: unknown, inString: boolean, unescaped: boolean): string {
  if (!inString) return value === undefined ? '""' : JSON.stringify(value);
  // PARITY: the docs do not say how null reads inside a string; we write nothing, as for a missing path.
  if (value === undefined || value === null) return '';
  if (unescaped) return typeof value === 'string' ? value : JSON.stringify(value);
  // An object or array in a string: written compactly with its quotes removed, as in a text template.
  const text = typeof value === 'object' ? JSON.stringify(value).replaceAll('"', '') : String(value);
  return JSON.stringify(text).slice(1, -1);
}

function plainText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value).replaceAll('"', '');
  // PARITY: numbers and booleans as their JSON text; null as `null` (undocumented).
  return String(value);
}
