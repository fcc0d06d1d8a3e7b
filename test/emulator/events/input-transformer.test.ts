import { describe, expect, it } from 'vitest';
import {
  renderTargetInput,
  validateTargetInput,
  type TargetInput,
} from '../../../emulator/services/events/input-transformer';

const event = {
  version: '0',
  id: 'e-1',
  'detail-type': 'Order Updated',
  source: 'shop',
  time: '2026-01-01T00:00:00Z',
  detail: { order: 'A-1', qty: 3, tags: ['x'], note: 'say "hi"', nested: { ok: true } },
};
const context = {
  ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/r',
  ruleName: 'r',
  ingestionTime: '2026-01-01T00:00:01.000Z',
};
const transformer = (InputTemplate: string, InputPathsMap: Record<string, string> = {}): TargetInput => ({
  InputTransformer: { InputTemplate, InputPathsMap },
});

describe('input transformer', () => {
  it.each([
    ['no input setting: the whole event', {}, JSON.stringify(event)],
    ['constant Input', { Input: '{"fixed":1}' }, '{"fixed":1}'],
    ['InputPath selects an object', { InputPath: '$.detail.nested' }, '{"ok":true}'],
    ['InputPath selects a string', { InputPath: '$.detail.order' }, '"A-1"'],
    ['InputPath to nothing', { InputPath: '$.detail.missing' }, 'null'],
    ['InputPath with an index', { InputPath: '$.detail.tags[0]' }, '"x"'],
    [
      'placeholders outside strings become JSON',
      transformer('{"o": <o>, "q": <q>, "t": <t>}', {
        o: '$.detail.order',
        q: '$.detail.qty',
        t: '$.detail.tags',
      }),
      '{"o": "A-1", "q": 3, "t": ["x"]}',
    ],
    [
      'placeholders inside strings become text',
      transformer('{"msg": "order <o> x<q>"}', { o: '$.detail.order', q: '$.detail.qty' }),
      '{"msg": "order A-1 x3"}',
    ],
    [
      'quotes inside a string value are escaped',
      transformer('{"msg": "<n>"}', { n: '$.detail.note' }),
      '{"msg": "say \\"hi\\""}',
    ],
    [
      'a missing path is an empty string outside strings',
      transformer('{"m": <m>}', { m: '$.detail.missing' }),
      '{"m": ""}',
    ],
    ['a string template', transformer('"<o> is ready"', { o: '$.detail.order' }), '"A-1 is ready"'],
    [
      'a plain text template',
      transformer('order <o> has <q> items', { o: '$.detail.order', q: '$.detail.qty' }),
      'order A-1 has 3 items',
    ],
    [
      'rule name and ARN',
      transformer('{"n": "<aws.events.rule-name>", "a": <aws.events.rule-arn>}'),
      `{"n": "r", "a": "${context.ruleArn}"}`,
    ],
    [
      'ingestion time',
      transformer('{"t": "<aws.events.event.ingestion-time>"}'),
      '{"t": "2026-01-01T00:00:01.000Z"}',
    ],
    ['the event as JSON', transformer('{"e": <aws.events.event.json>}'), `{"e": ${JSON.stringify(event)}}`],
    ['unknown placeholders stay as text', transformer('{"x": "<unknown>"}'), '{"x": "<unknown>"}'],
  ] as const)('%s', (_name, target, expected) => {
    expect(renderTargetInput(target as TargetInput, event, context)).toBe(expected);
  });

  it('passes <aws.events.event> as the event without its detail, detail-type spelled detailType', () => {
    const out = JSON.parse(renderTargetInput(transformer('{"e": <aws.events.event>}'), event, context));
    const { detail: _detail, 'detail-type': detailType, ...rest } = event;
    expect(out.e).toEqual({ ...rest, detailType });
    expect(Object.keys(out.e)).toEqual(['version', 'id', 'detailType', 'source', 'time']);
  });

  it('collects values through JSONPath wildcards', () => {
    const items = { ...event, detail: { items: [{ sku: 'a' }, { sku: 'b' }] } };
    expect(renderTargetInput({ InputPath: '$.detail.items[*].sku' }, items, context)).toBe('["a","b"]');
    expect(renderTargetInput(transformer('{"s": <s>}', { s: '$.detail.items.*.sku' }), items, context)).toBe(
      '{"s": ["a","b"]}',
    );
  });

  it.each([
    ['Input and InputPath together', { Input: '{}', InputPath: '$.detail' }],
    ['Input that is not JSON', { Input: '{oops' }],
    ['InputPath that is not a path', { InputPath: 'detail.order' }],
    ['a reserved variable name', transformer('<aws.x>', { 'aws.x': '$.detail' })],
  ] as const)('rejects %s', (_name, target) => {
    expect(() => validateTargetInput(target as TargetInput)).toThrow(
      expect.objectContaining({ code: 'ValidationException' }),
    );
  });
});
