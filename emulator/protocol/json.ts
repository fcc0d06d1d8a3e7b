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

/**
 * The nesting depth of a JSON text, scanning at most until `limit` is exceeded (linear, no
 * recursion): JSON.parse accepts any depth, but a value nested thousands of levels deep later
 * overflows the stack of every recursive walk over it (matching, JSON.stringify of the state).
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/** Nesting the edge accepts in a JSON request body; real AWS JSON requests nest a few levels. */
export const MAX_REQUEST_DEPTH = 100;
