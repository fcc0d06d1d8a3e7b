/**
 * Step 7: method response. Writes the final status, headers and body, with the request id API
 * Gateway adds to every response.
 */
import type { ServerResponse } from 'node:http';
import type { ApiResponse } from './api-request';

export function writeMethodResponse(res: ServerResponse, response: ApiResponse, requestId: string): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  res.writeHead(response.statusCode, {
    ...response.headers,
    'x-amzn-RequestId': requestId,
    'Content-Length': String(body.length),
  });
  res.end(body);
}
