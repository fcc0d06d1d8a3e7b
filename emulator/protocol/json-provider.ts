/**
 * The in-process face of every JSON-protocol service: `dispatch(operation, input)` with the
 * wire shapes, so the edge, API Gateway integrations and the CloudFormation deployer share it.
 */
import { UnknownOperationException } from './errors';

export type JsonObject = Record<string, unknown>;
export type Operation = (input: JsonObject) => JsonObject | Promise<JsonObject>;

export interface JsonProvider {
  /** Service name for messages, e.g. `SQS`. */
  readonly serviceName: string;
  dispatch(operation: string, input: JsonObject): Promise<JsonObject>;
}

export function dispatchTo(
  serviceName: string,
  operations: Record<string, Operation>,
  operation: string,
  input: JsonObject,
): Promise<JsonObject> {
  const handler = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
  if (!handler) return Promise.reject(new UnknownOperationException(serviceName, operation));
  try {
    return Promise.resolve(handler(input ?? {}));
  } catch (error) {
    return Promise.reject(error);
  }
}
