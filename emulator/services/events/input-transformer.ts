/**
 * What a target receives: the whole event, constant `Input`, the `InputPath` selection, or an
 * `InputTransformer` template. Placeholders inside a JSON string are replaced by the value's text;
 * outside a string by its JSON. Pure: no I/O.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 */
import { ValidationException } from '../../protocol/errors';
import { parseJsonPath, readJsonPath } from './json-path';

export interface TargetInput {
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
}

export interface DeliveryContext {
  ruleArn: string;
  ruleName: string;
  ingestionTime: string;
}

export function validateTargetInput(target: TargetInput): void {
  const given = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined);
  if (given.length > 1)
    throw new ValidationException('Only one of Input, InputPath, or InputTransformer must be provided.');
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      throw new ValidationException('Input must be valid JSON text.');
    }
  }
  if (target.InputPath !== undefined) parseJsonPath(target.InputPath);
  const map = target.InputTransformer?.InputPathsMap ?? {};
  if (Object.keys(map).length > 100)
    throw new ValidationException('InputPathsMap can hold at most 100 variables.');
  for (const [name, path] of Object.entries(map)) {
    if (name.startsWith('aws.'))
      throw new ValidationException(`InputPathsMap variable ${name} uses the reserved prefix aws.`);
    parseJsonPath(path);
  }
  if (target.InputTransformer && typeof target.InputTransformer.InputTemplate !== 'string') {
    throw new ValidationException('InputTransformer needs an InputTemplate.');
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
  // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html#eb-transform-input-predefined
  const { detail: _detail, ...withoutDetail } = event;
  values.set('aws.events.event', withoutDetail);
  values.set('aws.events.event.json', event);
  return renderTemplate(target.InputTransformer.InputTemplate, values);
}

function renderTemplate(template: string, values: Map<string, unknown>): string {
  const trimmed = template.trim();
  const isJson = trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"');
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '<') {
      const end = template.indexOf('>', i);
      const name = end > 0 ? template.slice(i + 1, end) : '';
      if (values.has(name)) {
        out += substitute(values.get(name), isJson, inString);
        i = end;
        continue;
      }
    }
    if (isJson && c === '"' && template[i - 1] !== '\\') inString = !inString;
    out += c;
  }
  return out;
}

function substitute(value: unknown, isJson: boolean, inString: boolean): string {
  if (!isJson) return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (inString) {
    if (value === undefined || value === null) return '';
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return JSON.stringify(text).slice(1, -1);
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}
