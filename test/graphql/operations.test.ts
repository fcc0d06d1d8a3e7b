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

  it('uses integer minor units for money', () => {
    const money = schema.getType('Money');
    expect(money && 'getFields' in money ? String(money.getFields().amount.type) : undefined).toBe('Int!');
  });
});
