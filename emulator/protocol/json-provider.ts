/**
 * The in-process face of every JSON-protocol service: `dispatch(operation, input)` with the
 * wire shapes, so the edge, API Gateway integrations and the CloudFormation deployer share it.
 *
 * A provider is typed by an operation map built from the AWS SDK's own request and result types
 * (`{ SendMessage: [SendMessageRequest, SendMessageResult] }`, type-only imports), seen through
 * `Wire<T>`: what JSON carries for them (timestamps as epoch seconds, blobs as base64 text).
 * Inputs still arrive as parsed JSON from the edge, so providers keep validating them: the SDK
 * types say what a well-formed request looks like, not that this one is.
 */
import { UnknownOperationException } from './errors';

export type JsonObject = Record<string, unknown>;

/** An SDK shape as the JSON protocols carry it: `Date` → epoch seconds, `Uint8Array` → base64. */
export type Wire<T> = T extends Date
  ? number
  : T extends Uint8Array
    ? string
    : T extends readonly (infer E)[]
      ? Wire<E>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** Operation name → [SDK request type, SDK result type]. */
export type OperationMap = { [operation: string]: readonly [input: object, output: object] };

/** The map of a provider not typed yet: any operation, parsed JSON in and out. */
export type UntypedOperations = { [operation: string]: [input: JsonObject, output: JsonObject] };

export type InputOf<M extends OperationMap, K extends keyof M> = Wire<M[K][0]>;
export type OutputOf<M extends OperationMap, K extends keyof M> = Wire<M[K][1]>;

/** A provider's handlers: one per operation of its map. */
export type Operations<M extends OperationMap> = {
  [K in keyof M]: (input: InputOf<M, K>) => OutputOf<M, K> | Promise<OutputOf<M, K>>;
};

/** The one in-process service interface, typed by the provider's operation map. */
export interface JsonProvider<M extends OperationMap = UntypedOperations> {
  /** Service name for messages, e.g. `SQS`. */
  readonly serviceName: string;
  dispatch<K extends keyof M & string>(operation: K, input: InputOf<M, K>): Promise<OutputOf<M, K>>;
}

/** What an in-process caller (a deployer, an event source) needs of a provider: its typed dispatch. */
export type Dispatcher<M extends OperationMap> = Pick<JsonProvider<M>, 'dispatch'>;

/**
 * What callers that route by name hold (the edge, API Gateway integrations): any operation
 * string and parsed JSON. Every `JsonProvider<M>` is one; operations outside `M` reject with
 * `UnknownOperationException` at run time.
 */
export interface JsonService {
  readonly serviceName: string;
  dispatch(operation: string, input: JsonObject): Promise<object>;
}

/** @deprecated an untyped handler; type the provider with an `OperationMap` instead. */
export type Operation = (input: JsonObject) => JsonObject | Promise<JsonObject>;

/** Runs `operations[operation]`, turning a synchronous throw into a rejection. */
export function dispatchTo<M extends OperationMap, K extends keyof M & string>(
  serviceName: string,
  operations: Operations<M>,
  operation: K,
  input: InputOf<M, K>,
): Promise<OutputOf<M, K>>;
/** @deprecated the untyped form, until every provider has an `OperationMap`. */
export function dispatchTo(
  serviceName: string,
  operations: Record<string, Operation>,
  operation: string,
  input: JsonObject,
): Promise<JsonObject>;
export function dispatchTo(
  serviceName: string,
  operations: object,
  operation: string,
  input: object,
): Promise<unknown> {
  const handlers = operations as Record<string, (input: object) => unknown>;
  const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
  if (!handler)
    return Promise.reject(new UnknownOperationException(serviceName, operation, Object.keys(handlers)));
  try {
    return Promise.resolve(handler(input ?? {}));
  } catch (error) {
    return Promise.reject(error);
  }
}
