import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidEventPatternException } from '../../../emulator/services/events/errors';
import { compilePattern } from '../../../emulator/services/events/pattern/compile';

interface PatternCase {
  name: string;
  pattern: unknown;
  event: unknown;
  expected: 'match' | 'no match' | 'invalid';
}

const dir = join(import.meta.dirname, 'patterns');
const tables = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => [file, JSON.parse(readFileSync(join(dir, file), 'utf8')) as PatternCase[]] as const);

describe('event pattern engine', () => {
  for (const [file, cases] of tables) {
    describe(file, () => {
      it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        if (c.expected === 'invalid') {
          expect(() => compilePattern(JSON.stringify(c.pattern))).toThrow(InvalidEventPatternException);
          return;
        }
        const compiled = compilePattern(JSON.stringify(c.pattern));
        expect(compiled.matches(c.event)).toBe(c.expected === 'match');
      });
    });
  }

  it('gives every table case the same verdict when one memo is shared by all patterns, as a bus shares it', () => {
    const valid = tables.flatMap(([, cases]) => cases).filter((c) => c.expected !== 'invalid');
    const patterns = valid.map((c) => compilePattern(JSON.stringify(c.pattern)));
    for (const c of valid) {
      // Every pattern of every table against this event, through one memo, in two orders.
      const memo = new Map();
      const forward = patterns.map((p) => p.matches(c.event, memo));
      const reverse = [...patterns]
        .reverse()
        .map((p) => p.matches(c.event, memo))
        .reverse();
      const fresh = patterns.map((p) => p.matches(c.event));
      expect(forward).toEqual(fresh);
      expect(reverse).toEqual(fresh);
    }
  });

  it('matches a many-star wildcard against a long value without backtracking', () => {
    // A backtracking regex takes exponential steps here; the segment scan takes a few passes.
    const pattern = compilePattern(JSON.stringify({ f: [{ wildcard: '*a*a*a*a*a*b' }] }));
    const as = 'a'.repeat(50_000);
    expect(pattern.matches({ f: as })).toBe(false);
    expect(pattern.matches({ f: `${as}b` })).toBe(true);
    expect(pattern.matches({ f: `${as}ba` })).toBe(false);
    const anythingBut = compilePattern(
      JSON.stringify({ f: [{ 'anything-but': { wildcard: '*a*a*a*a*a*b' } }] }),
    );
    expect(anythingBut.matches({ f: as })).toBe(true);
  });

  it('takes the last of two equal keys, as AWS does (LocalStack complex_multi_key, AWS-validated)', () => {
    const pattern = compilePattern(
      '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}',
    );
    expect(pattern.matches({ detail: { location: 'eu-central-1' } })).toBe(true);
  });

  it('rejects text that is not JSON', () => {
    expect(() => compilePattern('{"source": [')).toThrow(InvalidEventPatternException);
  });
});
