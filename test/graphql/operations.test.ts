import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('partner GraphQL operations', () => {
  const schema: GraphQLSchema = buildSchema(read('graphql/schema.graphql'));

  it.each(['graphql/singleOrder.graphql', 'graphql/itemByID.graphql'])(
    '%s validates against the schema',
    (file) => {
      const errors = validate(schema, parse(read(file)));
      expect(errors.map((e) => e.message)).toEqual([]);
    },
  );

  it('rejects an operation that selects a field the schema does not have', () => {
    const drifted = read('graphql/itemByID.graphql').replace('title', 'name');
    const errors = validate(schema, parse(drifted));
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('Cannot query field "name"')]);
  });

  it("speaks the partner's money: a decimal in major units, as the Buy with Prime samples show", () => {
    const money = schema.getType('Money');
    expect(money && 'getFields' in money ? String(money.getFields().amount.type) : undefined).toBe('Float');
  });

  it.each([
    ['singleOrder', 'graphql/singleOrder.graphql', 'query singleOrder($orderId: ID!)'],
    ['itemByID', 'graphql/itemByID.graphql', 'query itemByID($itemId: ID!)'],
  ])('%s takes String! variables as the real API does (ID! does not validate)', (_name, file, idHeader) => {
    const source = read(file);
    expect(source).toMatch(/\(\$(orderId|itemId): String!\)/);
    const drifted = source.replace(/query \w+\(\$\w+: String!\)/, idHeader);
    expect(validate(schema, parse(drifted)).map((e) => e.message)).toEqual([
      expect.stringMatching(/of type "ID!" used in position expecting type "String!"/),
      ...(file.includes('itemByID') ? [expect.any(String), expect.any(String)] : []),
    ]);
  });

  it('selects the product with an inline fragment on BwPProduct', () => {
    const item = schema.getType('Item');
    expect(item && 'getTypes' in item ? item.getTypes().map(String) : []).toEqual(['BwPProduct']);
    expect(read('graphql/itemByID.graphql')).toContain('... on BwPProduct');
  });
});
