/**
 * Step 1: parse. Turns an HTTP request on the edge's API Gateway mount
 * (`/restapis/<apiId>/<stage>/_user_request_/<path>`, LocalStack's scheme) into an `ApiRequest`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { missingAuthenticationToken } from '../errors';
import type { ApiRequest } from './api-request';

export const USER_REQUEST_PREFIX = '/restapis/';
const USER_REQUEST = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/;

export function parseRequest(req: IncomingMessage, body: Buffer, now = Date.now()): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = USER_REQUEST.exec(url.pathname);
  if (!match) throw missingAuthenticationToken();
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const [name, value] = [req.rawHeaders[i], req.rawHeaders[i + 1]];
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    (multiValueQuery[name] ??= []).push(value);
  }
  return {
    apiId: match[1],
    stageName: decodeURIComponent(match[2]),
    httpMethod: (req.method ?? 'GET').toUpperCase(),
    path: decodeURI(match[3] ?? '/'),
    headers,
    multiValueHeaders,
    query,
    multiValueQuery,
    body,
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    requestId: randomUUID(),
    requestTimeEpoch: now,
  };
}
