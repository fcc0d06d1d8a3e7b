import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, TARGETS } from '../../scripts/generate-graphql';

describe('generated GraphQL modules', () => {
  it.each(TARGETS.map((t) => [t.out, t] as const))(
    '%s matches its .graphql source (run `npm run graphql:generate`)',
    async (out, target) => {
      const current = readFileSync(path.resolve(import.meta.dirname, '../..', out), 'utf8');
      expect(current).toBe(await render(target));
    },
  );
});
