/** One error tree in lambdas/: every error class a module's errors.ts exports is a HydrantError. */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HydrantError } from '../../lambdas/shared/errors';

const LAMBDAS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../lambdas');
const errorModules = readdirSync(LAMBDAS)
  .map((dir) => path.join(LAMBDAS, dir, 'errors.ts'))
  .filter((file) => existsSync(file));

describe('the Lambdas’ error tree', () => {
  it('has errors.ts in several modules', () => {
    expect(errorModules.length).toBeGreaterThanOrEqual(4);
  });

  it.each(errorModules.map((f) => [path.relative(LAMBDAS, f), f]))(
    '%s: every exported error class extends HydrantError',
    async (_, file) => {
      const exported = Object.entries((await import(file)) as Record<string, unknown>);
      const errorClasses = exported.filter(
        ([, value]) => typeof value === 'function' && value.prototype instanceof Error,
      );
      expect(errorClasses.length).toBeGreaterThan(0);
      const outside = errorClasses
        .filter(
          ([name, value]) =>
            name !== 'HydrantError' && !((value as { prototype: unknown }).prototype instanceof HydrantError),
        )
        .map(([name]) => name);
      expect(outside).toEqual([]);
    },
  );
});
