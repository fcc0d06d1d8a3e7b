/**
 * AWS JSON 1.0 / 1.1 (awsJson) wire format: the operation comes from `X-Amz-Target`
 * (`<Service>.<Operation>`), input and output are JSON bodies, errors carry `__type`.
 */
import { AwsError } from './errors';

export interface JsonTarget {
  service: string;
  operation: string;
}

export function parseTarget(header: string | undefined): JsonTarget | undefined {
  if (!header) return undefined;
  const dot = header.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return { service: header.slice(0, dot), operation: header.slice(dot + 1) };
}

export function jsonContentType(version: '1.0' | '1.1'): string {
  return `application/x-amz-json-${version}`;
}

export interface SerializedError {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** `{"__type": code, "message": ...}`, plus `x-amzn-query-error` for query-compatible services. */
export function serializeJsonError(error: AwsError, version: '1.0' | '1.1'): SerializedError {
  const headers: Record<string, string> = {
    'content-type': jsonContentType(version),
    'x-amzn-errortype': error.code,
  };
  if (error.queryCode) headers['x-amzn-query-error'] = `${error.queryCode};${error.fault}`;
  return {
    statusCode: error.statusCode,
    headers,
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}
