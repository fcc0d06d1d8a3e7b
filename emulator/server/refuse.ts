/**
 * The edge's own answers (refused host or origin, oversized body, bad URI, a handler that threw),
 * shaped like the protocol the client speaks so its SDK surfaces a proper error.
 */
import type { ServerResponse } from 'node:http';
import type { AwsError } from '../protocol/errors';
import { serializeJsonError } from '../protocol/json';
import { serializeXmlError, xmlDocument } from '../protocol/xml';

export type EdgeProtocol =
  { kind: 'json'; version: '1.0' | '1.1' } | { kind: 'rest-xml' } | { kind: 'query' } | { kind: 'mount' };

export function writeError(
  res: ServerResponse,
  protocol: EdgeProtocol,
  error: AwsError,
  requestId: string,
  options: { head?: boolean; close?: boolean } = {},
): void {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  let headers: Record<string, string>;
  let body: string;
  switch (protocol.kind) {
    case 'json':
      ({ headers, body } = serializeJsonError(error, protocol.version));
      headers['x-amzn-requestid'] = requestId;
      break;
    case 'rest-xml':
      headers = { 'content-type': 'application/xml', 'x-amz-request-id': requestId };
      body = serializeXmlError(error, requestId);
      break;
    case 'query':
      // The AWS query protocol's <ErrorResponse>, which query clients (SNS, old SQS) parse.
      headers = { 'content-type': 'text/xml', 'x-amzn-requestid': requestId };
      body = xmlDocument('ErrorResponse', {
        Error: { Type: 'Sender', Code: error.code, Message: error.message },
        RequestId: requestId,
      });
      break;
    default:
      // API Gateway's shape: {"message": ...} and the error type in a header.
      headers = {
        'content-type': 'application/json',
        'x-amzn-errortype': error.code,
        'x-amzn-requestid': requestId,
      };
      body = JSON.stringify({ message: error.message });
  }
  if (options.close) headers.connection = 'close';
  const bytes = options.head ? undefined : Buffer.from(body);
  headers['content-length'] = String(bytes?.length ?? 0);
  res.writeHead(error.statusCode, headers);
  res.end(bytes);
}
