/**
 * A small TypeScript generator for GraphQL operation results: walks each operation's selections
 * over the schema and writes the exact result and variables types (what graphql-codegen's
 * typescript-operations produces, without its dependency tree). Nullable fields become `T | null`,
 * lists `readonly T[]`, a union or interface one object type per possible type (`__typename`
 * literal), fragments are inlined.
 */
import {
  GraphQLEnumType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  isAbstractType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

const SCALARS: Readonly<Record<string, string>> = {
  Int: 'number',
  Float: 'number',
  String: 'string',
  ID: 'string',
  Boolean: 'boolean',
};

/** `export type <Name>Query` and `<Name>QueryVariables` for every operation of the document. */
export function operationTypes(schema: GraphQLSchema, document: DocumentNode): string {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const ctx: Context = { schema, fragments };
  const out: string[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    out.push(...operation(definition, ctx));
  }
  return out.join('\n');
}

interface Context {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

function operation(op: OperationDefinitionNode, ctx: Context): string[] {
  const { schema } = ctx;
  if (!op.name) throw new Error('Every operation needs a name to name its types');
  const root = schema.getRootType(op.operation);
  if (!root) throw new Error(`The schema has no ${op.operation} type`);
  const name = `${op.name.value[0].toUpperCase()}${op.name.value.slice(1)}${op.operation === 'query' ? 'Query' : 'Mutation'}`;
  const variables = (op.variableDefinitions ?? []).map((v) => {
    const type = typeFromAST(schema, v.type) as GraphQLInputType | undefined;
    if (!type) throw new Error(`Unknown variable type in ${name}`);
    const optional = !(type instanceof GraphQLNonNull);
    return `readonly ${v.variable.name.value}${optional ? '?' : ''}: ${inputType(type)};`;
  });
  return [
    `export type ${name} = ${selection(root, op.selectionSet, ctx)};`,
    `export type ${name}Variables = { ${variables.join(' ')} };`,
  ];
}

function inputType(type: GraphQLInputType): string {
  if (type instanceof GraphQLNonNull)
    return inputType(type.ofType as GraphQLInputType).replace(/ \| null$/, '');
  if (type instanceof GraphQLList)
    return `readonly ${wrap(inputType(type.ofType as GraphQLInputType))}[] | null`;
  if (type instanceof GraphQLScalarType) return `${SCALARS[type.name] ?? 'unknown'} | null`;
  if (type instanceof GraphQLEnumType) return `${enumValues(type)} | null`;
  return 'Record<string, unknown> | null';
}

function outputType(type: GraphQLOutputType, set: SelectionSetNode | undefined, ctx: Context): string {
  if (type instanceof GraphQLNonNull) return strip(outputType(type.ofType, set, ctx));
  if (type instanceof GraphQLList) return `readonly ${wrap(outputType(type.ofType, set, ctx))}[] | null`;
  if (type instanceof GraphQLScalarType) return `${SCALARS[type.name] ?? 'unknown'} | null`;
  if (type instanceof GraphQLEnumType) return `${enumValues(type)} | null`;
  if (!set) throw new Error(`${type.name} needs a selection set`);
  return `${selection(type, set, ctx)} | null`;
}

function selection(parent: GraphQLCompositeType, set: SelectionSetNode, ctx: Context): string {
  if (isAbstractType(parent)) {
    // One object type per possible type, so `... on BwPProduct` narrows by __typename.
    return ctx.schema
      .getPossibleTypes(parent)
      .map((t) => objectSelection(t, set, ctx, parent))
      .join(' | ');
  }
  return objectSelection(parent as GraphQLObjectType, set, ctx);
}

function objectSelection(
  type: GraphQLObjectType,
  set: SelectionSetNode,
  ctx: Context,
  abstract?: GraphQLCompositeType,
): string {
  const fields = new Map<string, string>();
  const collect = (s: SelectionSetNode) => {
    for (const node of s.selections) {
      if (node.kind === Kind.FIELD) {
        const key = node.alias?.value ?? node.name.value;
        if (node.name.value === '__typename') {
          fields.set(key, JSON.stringify(type.name));
          continue;
        }
        const field = type.getFields()[node.name.value];
        if (!field) throw new Error(`${type.name} has no field ${node.name.value}`);
        fields.set(key, outputType(field.type, node.selectionSet, ctx));
      } else {
        const condition =
          node.kind === Kind.INLINE_FRAGMENT
            ? node.typeCondition?.name.value
            : ctx.fragments.get(node.name.value)?.typeCondition.name.value;
        if (condition && condition !== type.name && condition !== abstract?.name) continue;
        const inner =
          node.kind === Kind.INLINE_FRAGMENT
            ? node.selectionSet
            : ctx.fragments.get(node.name.value)?.selectionSet;
        if (!inner)
          throw new Error(`Unknown fragment ${node.kind === Kind.FRAGMENT_SPREAD ? node.name.value : ''}`);
        collect(inner);
      }
    }
  };
  collect(set);
  return `{ ${[...fields].map(([k, v]) => `readonly ${k}: ${v};`).join(' ')} }`;
}

function enumValues(type: GraphQLEnumType): string {
  return type
    .getValues()
    .map((v) => JSON.stringify(v.name))
    .join(' | ');
}

function strip(type: string): string {
  return type.endsWith(' | null') ? type.slice(0, -' | null'.length) : type;
}

function wrap(type: string): string {
  return type.includes('|') ? `(${type})` : type;
}
