/**
 * The emulator is a local AWS for any CDK template: its code names nothing of the app it runs.
 * Comments may (they explain why a behaviour exists); code, strings and identifiers may not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const EMULATOR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../emulator');
const APP_WORDS = /stripe|webhook|partner|hydrant/i;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The code without comments, as the TypeScript printer writes it (it knows strings from comments). */
function withoutComments(source: string): string {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return ts.createPrinter({ removeComments: true }).printFile(file);
}

/** `file: code` for every line of code (comments removed) that names the app. */
function appMentions(file: string): string[] {
  return withoutComments(readFileSync(file, 'utf8'))
    .split('\n')
    .flatMap((line) => (APP_WORDS.test(line) ? [`${path.relative(EMULATOR, file)}: ${line.trim()}`] : []));
}

describe('the emulator is generic', () => {
  it('finds app names in code but not in comments', () => {
    const file = 'const a = 1; // hydrant\n/* Stripe */ const url = "http://x/webhooks";\n';
    expect(
      withoutComments(file)
        .split('\n')
        .filter((l) => APP_WORDS.test(l)),
    ).toEqual(['const url = "http://x/webhooks";']);
  });

  it('names nothing of hydrant (Stripe, webhooks, partner, hydrant:) outside comments', () => {
    const files = tsFiles(EMULATOR);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(appMentions)).toEqual([]);
  });
});
