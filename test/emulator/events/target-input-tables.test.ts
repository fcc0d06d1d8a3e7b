import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  renderTargetInput,
  validateTargetInput,
  type TargetInput,
} from '../../../emulator/services/events/input-transformer';

interface RenderCase {
  name: string;
  target: TargetInput;
  expected: string;
}
interface ValidationCase {
  name: string;
  target: TargetInput;
  expected: 'valid' | 'invalid';
}

const table = <T>(file: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'target-inputs', file), 'utf8')) as T[];

const event = {
  version: '0',
  id: 'e-1',
  'detail-type': 'Order Updated',
  source: 'shop',
  account: '000000000000',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { order: 'A-1', qty: 3, tags: ['x', 'y'], note: 'say "hi"', nested: { ok: true }, nothing: null },
};
const context = {
  ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/r',
  ruleName: 'r',
  ingestionTime: '2026-01-01T00:00:01.000Z',
};

describe('target input tables', () => {
  for (const file of ['string-templates.json', 'json-templates.json']) {
    describe(file, () => {
      it.each(table<RenderCase>(file).map((c) => [c.name, c] as const))('%s', (_name, c) => {
        validateTargetInput(c.target);
        expect(renderTargetInput(c.target, event, context)).toBe(c.expected);
      });
    });
  }

  describe('validation.json (PutTargets)', () => {
    it.each(table<ValidationCase>('validation.json').map((c) => [c.name, c] as const))('%s', (_name, c) => {
      if (c.expected === 'valid') expect(() => validateTargetInput(c.target)).not.toThrow();
      else
        expect(() => validateTargetInput(c.target)).toThrow(
          expect.objectContaining({ code: 'ValidationException' }),
        );
    });
  });

  it('writes the event JSON unescaped inside a JSON string, as the docs warn', () => {
    const target = { InputTransformer: { InputTemplate: '{"e": "<aws.events.event.json>"}' } };
    expect(renderTargetInput(target, event, context)).toBe(`{"e": "${JSON.stringify(event)}"}`);
  });
});

describe('PutTargets messages', () => {
  // AWS's text, as recorded in LocalStack's tests/aws/services/events/test_events_inputs.snapshot.json.
  it('names the target and the placeholder', () => {
    expect(() =>
      validateTargetInput({
        Id: 't-1',
        InputTransformer: { InputTemplate: '"key <notdefinedkey>"', InputPathsMap: {} },
      }),
    ).toThrow('InputTemplate for target t-1 contains invalid placeholder notdefinedkey.');
    expect(() =>
      validateTargetInput({ Id: 't-1', InputPath: '$.detail', InputTransformer: { InputTemplate: '"x"' } }),
    ).toThrow('Only one of Input, InputPath, or InputTransformer must be provided for target t-1.');
  });
});
