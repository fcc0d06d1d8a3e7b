/**
 * Serves a Lambda proxy handler on a node:http server (127.0.0.1, any free port), translating each
 * request into an API Gateway proxy event. Tests and the benchmark use it so hydrators talk to the
 * mock partner over real HTTP.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export interface ServedHandler {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Requests served so far, by path. */
  readonly requests: Map<string, number>;
  /** The most requests that were in flight at once. */
  readonly peakConcurrency: () => number;
  close(): Promise<void>;
}

export async function serveProxyHandler(
  handler: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>,
  port = 0,
): Promise<ServedHandler> {
  const requests = new Map<string, number>();
  let inFlight = 0;
  let peak = 0;
  const server = createServer((req, res) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    res.on('close', () => (inFlight -= 1));
    void (async () => {
      const event = await toProxyEvent(req);
      requests.set(event.path, (requests.get(event.path) ?? 0) + 1);
      let result: APIGatewayProxyResult;
      try {
        result = await handler(event);
      } catch {
        // What API Gateway answers when a proxy integration's Lambda throws.
        result = { statusCode: 502, body: JSON.stringify({ message: 'Internal server error' }) };
      }
      res.writeHead(result.statusCode, { ...(result.headers as Record<string, string> | undefined) });
      res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    requests,
    peakConcurrency: () => peak,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function toProxyEvent(req: IncomingMessage): Promise<APIGatewayProxyEvent> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(',') : value;
  }
  const query = Object.fromEntries(url.searchParams);
  return {
    resource: url.pathname,
    path: url.pathname,
    httpMethod: req.method ?? 'GET',
    headers,
    multiValueHeaders: {},
    queryStringParameters: Object.keys(query).length > 0 ? query : null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
    body: chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : null,
    isBase64Encoded: false,
  };
}
