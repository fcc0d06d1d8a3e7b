/**
 * The edge: one HTTP server on 127.0.0.1 that routes AWS calls by protocol. `X-Amz-Target`
 * requests go to the JSON provider registered for the target prefix; mounted prefixes (API Gateway)
 * go to their handler; everything else is S3's REST API.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asAwsError, AwsError } from '../protocol/errors';
import { jsonContentType, parseTarget, serializeJsonError } from '../protocol/json';
import type { JsonObject, JsonProvider } from '../protocol/json-provider';
import { readBody } from './body';
import { EdgeError } from './errors';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface JsonRoute {
  provider: JsonProvider;
  version: '1.0' | '1.1';
}

export interface EdgeOptions {
  /** `X-Amz-Target` prefix (before the last dot) → provider, e.g. `AmazonSQS`. */
  json: Record<string, JsonRoute>;
  /** Requests with no target and no mount: S3's REST API. */
  fallback: HttpHandler;
}

export class Edge {
  private readonly server: Server;
  private readonly mounts: { prefix: string; handler: HttpHandler }[] = [];

  constructor(private readonly options: EdgeOptions) {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`local emulator: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
    this.server.keepAliveTimeout = 60_000;
  }

  /** Serves every path starting with `prefix` (e.g. `/restapis/`) with `handler`. */
  mount(prefix: string, handler: HttpHandler): void {
    this.mounts.push({ prefix, handler });
    this.mounts.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new EdgeError(`Cannot listen on ${host}:${port} (${error.code}); pick another --port.`, error),
        ),
      );
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseTarget(req.headers['x-amz-target'] as string | undefined);
    if (target) {
      const route = this.options.json[target.service] ?? unknownService(target.service);
      return this.serveJson(route, target.operation, req, res);
    }
    if (isQueryProtocol(req)) {
      const route = unknownService('AWS query protocol');
      return this.serveJson(route, 'query', req, res, false);
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const mount = this.mounts.find((m) => path.startsWith(m.prefix));
    if (mount) return mount.handler(req, res);
    return this.options.fallback(req, res);
  }

  private async serveJson(
    route: JsonRoute,
    operation: string,
    req: IncomingMessage,
    res: ServerResponse,
    parseBody = true,
  ) {
    const requestId = randomUUID();
    const raw = await readBody(req);
    let status = 200;
    let headers: Record<string, string> = { 'content-type': jsonContentType(route.version) };
    let body: string;
    try {
      const input = parseBody ? parseJsonBody(raw) : {};
      body = JSON.stringify(await route.provider.dispatch(operation, input));
    } catch (error) {
      const serialized = serializeJsonError(asAwsError(error), route.version);
      ({ statusCode: status, headers, body } = serialized);
    }
    res.writeHead(status, {
      ...headers,
      'x-amzn-requestid': requestId,
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }
}

function parseJsonBody(raw: Buffer): JsonObject {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as JsonObject;
  } catch (error) {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.', { cause: error });
  }
}

/** A JSON route whose every operation fails with a message naming what is not emulated. */
function unknownService(service: string): JsonRoute {
  return {
    version: '1.1',
    provider: {
      serviceName: service,
      dispatch: () =>
        Promise.reject(
          new AwsError(
            'UnknownOperationException',
            service === 'AWS query protocol'
              ? 'The local emulator speaks JSON 1.0 to SQS, as current AWS SDKs do; the form-encoded query protocol is not emulated.'
              : `The local emulator does not emulate the service behind X-Amz-Target ${service}; it serves EventBridge, SQS, S3 and Secrets Manager.`,
          ),
        ),
    },
  };
}

// PARITY: the form-encoded AWS query protocol (older SDKs and CLIs for SQS) is not served.
function isQueryProtocol(req: IncomingMessage): boolean {
  return (
    req.method === 'POST' &&
    String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
  );
}
