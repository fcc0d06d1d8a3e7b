import { describe, expect, it } from 'vitest';
import { VtlRenderError } from '../../../emulator/services/apigateway/vtl/errors';
import { evaluateJsonPath } from '../../../emulator/services/apigateway/vtl/json-path';
import { ValidationException } from '../../../emulator/services/events/errors';
import { parseJsonPath, readJsonPath } from '../../../emulator/services/events/json-path';

const doc = {
  detail: { order: 'A-1', tags: ['x', 'y'], items: [{ sku: 'a' }, { sku: 'b' }, {}], 'a.b': 1, n: null },
};
const viaEvents = (path: string) => readJsonPath(doc, parseJsonPath(path));

describe('one JSONPath for EventBridge and API Gateway templates', () => {
  it.each([
    ['$', doc],
    ['$.detail.order', 'A-1'],
    ['$.detail.tags[1]', 'y'],
    ['$.detail.tags[-1]', 'y'],
    ['$.detail.tags[5]', undefined],
    ["$['detail']['a.b']", 1],
    ['$["detail"].order', 'A-1'],
    ['$.detail.items[*].sku', ['a', 'b']],
    ['$.detail.items.*.sku', ['a', 'b']],
    ['$.detail.tags[*]', ['x', 'y']],
    ['$.detail.missing', undefined],
    ['$.detail.missing[*]', []],
    ['$.detail.n', null],
    ['$.detail.tags.length', undefined],
    ['$.detail.constructor', undefined],
    ['$.detail.order.length', undefined],
  ])('%s reads the same in both services', (path, expected) => {
    expect(viaEvents(path)).toEqual(expected);
    expect(evaluateJsonPath(doc, path)).toEqual(expected);
  });

  it.each(['detail.order', '$.detail..order', '$.detail[', '$.detail[x]'])(
    'rejects %s in each service its own way',
    (path) => {
      expect(() => parseJsonPath(path)).toThrow(ValidationException);
      expect(() => evaluateJsonPath(doc, path)).toThrow(VtlRenderError);
    },
  );
});
