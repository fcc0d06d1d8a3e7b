/**
 * What a target receives: the whole event, constant `Input`, the `InputPath` selection, or an
 * `InputTransformer` template (rendered by input-template.ts). Checked at PutTargets as
 * EventBridge checks it. Pure: no I/O.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html
 */
import type { InputTransformer, Target } from '@aws-sdk/client-eventbridge';
import { ValidationException } from './errors';
import { RESERVED_VARIABLES, renderTemplate, templatePlaceholders } from './input-template';
import { parseJsonPath, readJsonPath } from './json-path';

export type TargetInput = Pick<Target, 'Input' | 'InputPath' | 'InputTransformer'> & { Id?: string };

export interface DeliveryContext {
  ruleArn: string;
  ruleName: string;
  ingestionTime: string;
}

const MAX_INPUT_CHARS = 8192;
const MAX_TEMPLATE_CHARS = 8192;
const MAX_PATH_CHARS = 256;
const MAX_VARIABLES = 100;
const VARIABLE_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const RESERVED = new Set<string>(RESERVED_VARIABLES);

export function validateTargetInput(target: TargetInput): void {
  const given = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined);
  // The messages are AWS's, as recorded in LocalStack's tests/aws/services/events/test_events_inputs.snapshot.json.
  const forTarget = target.Id === undefined ? '' : ` for target ${target.Id}`;
  if (given.length > 1)
    throw new ValidationException(
      `Only one of Input, InputPath, or InputTransformer must be provided${forTarget}.`,
    );
  if (target.Input !== undefined) {
    if (typeof target.Input !== 'string' || target.Input.length > MAX_INPUT_CHARS)
      throw new ValidationException(`Input must be JSON text of at most ${MAX_INPUT_CHARS} characters.`);
    try {
      JSON.parse(target.Input);
    } catch {
      throw new ValidationException('Input must be valid JSON text.');
    }
  }
  if (target.InputPath !== undefined) checkPath('InputPath', target.InputPath);
  if (target.InputTransformer !== undefined) checkTransformer(target.InputTransformer, forTarget);
}

function checkPath(field: string, path: unknown): void {
  if (typeof path !== 'string' || path.length > MAX_PATH_CHARS)
    throw new ValidationException(`${field} must be a JSONPath of at most ${MAX_PATH_CHARS} characters.`);
  parseJsonPath(path);
}

function checkTransformer(transformer: InputTransformer, forTarget: string): void {
  const template = transformer.InputTemplate;
  if (typeof template !== 'string' || template.length === 0 || template.length > MAX_TEMPLATE_CHARS) {
    throw new ValidationException(
      `InputTransformer needs an InputTemplate of 1 to ${MAX_TEMPLATE_CHARS} characters.`,
    );
  }
  const map = transformer.InputPathsMap ?? {};
  if (typeof map !== 'object' || Array.isArray(map))
    throw new ValidationException('InputPathsMap must map variable names to JSONPaths.');
  const names = Object.keys(map);
  if (names.length > MAX_VARIABLES)
    throw new ValidationException(`InputPathsMap can hold at most ${MAX_VARIABLES} variables.`);
  for (const name of names) {
    if (RESERVED.has(name) || name.startsWith('aws.'))
      throw new ValidationException(`InputPathsMap variable ${name} is reserved; choose another name.`);
    if (!VARIABLE_NAME.test(name)) {
      throw new ValidationException(
        `InputPathsMap variable ${name} is not valid: use 1 to 256 letters, digits, _ or -.`,
      );
    }
    const path = map[name];
    checkPath(`InputPathsMap value of ${name}`, path);
    // The API reference: "You must use JSON dot notation, not bracket notation" (indices aside).
    if (/\[\s*['"]/.test(path!))
      throw new ValidationException(`InputPathsMap value of ${name} must use dot notation: ${path}.`);
  }
  for (const placeholder of templatePlaceholders(template)) {
    if (!Object.hasOwn(map, placeholder) && !RESERVED.has(placeholder)) {
      throw new ValidationException(`InputTemplate${forTarget} contains invalid placeholder ${placeholder}.`);
    }
  }
}

export function renderTargetInput(
  target: TargetInput,
  event: Record<string, unknown>,
  context: DeliveryContext,
): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    const value = readJsonPath(event, parseJsonPath(target.InputPath));
    // PARITY: AWS does not document what an InputPath to nothing sends; we send JSON null.
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (!target.InputTransformer) return JSON.stringify(event);
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(target.InputTransformer.InputPathsMap ?? {})) {
    values.set(name, readJsonPath(event, parseJsonPath(path)));
  }
  values.set('aws.events.rule-arn', context.ruleArn);
  values.set('aws.events.rule-name', context.ruleName);
  values.set('aws.events.event.ingestion-time', context.ingestionTime);
  values.set('aws.events.event', eventWithoutDetail(event));
  values.set('aws.events.event.json', event);
  return renderTemplate(target.InputTransformer.InputTemplate ?? '', values);
}

/** `<aws.events.event>`: the event without `detail`, and `detail-type` spelled `detailType`. */
function eventWithoutDetail(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'detail') continue;
    out[key === 'detail-type' ? 'detailType' : key] = value;
  }
  return out;
}
