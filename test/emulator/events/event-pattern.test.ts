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

  it('rejects text that is not JSON', () => {
    expect(() => compilePattern('{"source": [')).toThrow(InvalidEventPatternException);
  });
});
