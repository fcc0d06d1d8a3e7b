/**
 * JSONPath for InputPath and InputPathsMap, on the emulator's one JSONPath engine. What is
 * EventBridge's own: a path that does not parse is rejected at PutTargets (ValidationException).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 */
import { compileJsonPath, JsonPathSyntaxError, type CompiledJsonPath } from '../shared/json-path';
import { ValidationException } from './errors';

export { readJsonPath, type CompiledJsonPath } from '../shared/json-path';

export function parseJsonPath(path: string): CompiledJsonPath {
  try {
    return compileJsonPath(path);
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) throw new ValidationException(error.message);
    throw error;
  }
}
