/**
 * JSONPath for `$input.json` / `$input.path`, on the emulator's one JSONPath engine. What is
 * API Gateway's own: a path that does not parse is a render failure (500), not a client error.
 */
import { compileJsonPath, JsonPathSyntaxError, readJsonPath } from '../../shared/json-path';
import { VtlRenderError } from './errors';

/** The value at `path`, or `undefined` when the path does not exist. */
export function evaluateJsonPath(root: unknown, path: string): unknown {
  try {
    return readJsonPath(root, compileJsonPath(path));
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) throw new VtlRenderError(error.message, { cause: error });
    throw error;
  }
}
