/**
 * Executes a GraphQL request against `graphql/schema.graphql` over the fixtures, and shapes the
 * answer like AppSync: errors carry `errorType`, `errorInfo`, `data` and `sourceName` locations.
 */
import {
  buildSchema,
  execute as executeDocument,
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
} from 'graphql';
import { BadRequestError } from './errors';
import { buyabilityFixture, inventoryFixture, itemFixture, notFoundError, orderFixture } from './fixtures';
import { PARTNER_SCHEMA } from './schema.generated';

const schema = buildSchema(PARTNER_SCHEMA);
/** Parsed and validated documents by query text: clients send the same few operations over and over. */
const documents = new Map<string, DocumentNode>();
const MAX_CACHED_DOCUMENTS = 100;

export interface GraphQLRequestBody {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
}

interface ItemIdentifier {
  readonly space: string;
  readonly value: string;
}

export interface ExecutionOptions {
  readonly notFound: boolean;
  readonly partial: boolean;
}

export interface AppSyncError {
  readonly path?: readonly (string | number)[];
  readonly data: null;
  readonly errorType: string;
  readonly errorInfo: null;
  readonly locations: readonly { line: number; column: number; sourceName: null }[];
  readonly message: string;
}

export interface AppSyncResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: AppSyncError[];
}

export async function execute(
  request: GraphQLRequestBody,
  options: ExecutionOptions,
): Promise<AppSyncResult> {
  const document = validDocument(request.query);
  const found = <T>(value: T | undefined): T => {
    if (options.notFound || value === undefined) throw notFoundError();
    return value;
  };
  const rootValue = {
    order: ({ orderId }: { orderId: string }) => found(orderFixture(orderId, options.partial)),
    item: ({ identifier }: { identifier: ItemIdentifier }) => found(itemFixture(identifier.value)),
    buyability: ({ item }: { item: { identifier: ItemIdentifier } }) =>
      found(buyabilityFixture(item.identifier.value)),
    inventoryItem: ({ inventoryItemId }: { inventoryItemId: string }) =>
      found(inventoryFixture(inventoryItemId, options.partial)),
  };
  const result = await executeDocument({
    schema,
    document,
    rootValue,
    variableValues: request.variables,
    operationName: request.operationName,
  });
  return {
    data: result.data as Record<string, unknown> | null | undefined,
    ...(result.errors?.length ? { errors: result.errors.map(toAppSyncError) } : {}),
  };
}

function validDocument(query: string): DocumentNode {
  const cached = documents.get(query);
  if (cached) return cached;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    throw new BadRequestError(`Invalid GraphQL document: ${(error as Error).message}`, 'InvalidSyntax');
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0)
    throw new BadRequestError(invalid.map((e) => e.message).join('; '), 'ValidationError');
  if (documents.size >= MAX_CACHED_DOCUMENTS) documents.clear();
  documents.set(query, document);
  return document;
}

function toAppSyncError(error: GraphQLError): AppSyncError {
  return {
    path: error.path,
    data: null,
    errorType: typeof error.extensions.errorType === 'string' ? error.extensions.errorType : 'ExecutionError',
    errorInfo: null,
    locations: (error.locations ?? []).map((l) => ({ line: l.line, column: l.column, sourceName: null })),
    message: error.message,
  };
}
