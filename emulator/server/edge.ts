/**
 * The edge: one HTTP server on 127.0.0.1 that routes AWS calls by protocol. `X-Amz-Target`
 * requests go to the JSON provider registered for the target prefix; mounted prefixes (API Gateway)
 * go to their handler; everything else is S3's REST API.
 *
 * Before routing it refuses what must never be served (a non-loopback Host, a cross-site browser
 * request, a body over the protocol's cap, a URI that does not decode); after, it holds every
 * answer until the changes it acknowledges are on disk. Whatever a handler throws becomes an
 * AWS-shaped error; nothing a request carries can end the process.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asAwsError, AwsError } from '../protocol/errors';
import {
  jsonContentType,
  jsonDepthExceeds,
  MAX_REQUEST_DEPTH,
  parseTarget,
  serializeJsonError,
} from '../protocol/json';
import type { JsonObject, JsonService } from '../protocol/json-provider';
import { readBody, RequestTooLarge, setBodyLimit } from './body';
import { EdgeError } from './errors';
import { refusal } from './guard';
import { MAX_JSON_BODY_BYTES, MAX_MOUNT_BODY_BYTES, MAX_S3_BODY_BYTES } from './limits';
import { writeError, type EdgeProtocol } from './refuse';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface JsonRoute {
  provider: JsonService;
  version: '1.0' | '1.1';
}

/** The state store, as the edge sees it: answers wait for `commit()` when something changed. */
export interface Durability {
  readonly uncommitted: boolean;
  commit(): Promise<void>;
}

export interface EdgeOptions {
  /** `X-Amz-Target` prefix (before the last dot) → provider, e.g. `AmazonSQS`. */
  json: Record<string, JsonRoute>;
  /** Requests with no target and no mount: S3's REST API. */
  fallback: HttpHandler;
  /** Query-protocol (form-encoded) requests by the service they are signed for, e.g. `sts`. */
  query?: Record<string, HttpHandler>;
  durability?: Durability;
  /** Browser origins allowed besides the edge's own (e.g. a console on another port). */
  allowedOrigins?: string[];
  log?: (message: string) => void;
}

interface Mount {
  prefix: string;
  handler: HttpHandler;
  maxBodyBytes: number;
}

export class Edge {
  private readonly server: Server;
  private readonly mounts: Mount[] = [];
  private readonly log: (message: string) => void;
  private port = 0;
  private hosts: string[] = [];

  constructor(private readonly options: EdgeOptions) {
    this.log = options.log ?? ((m) => console.error(m));
    this.server = createServer((req, res) => this.serve(req, res));
    this.server.keepAliveTimeout = 60_000;
  }

  /** Serves every path starting with `prefix` (e.g. `/restapis/`) with `handler`. */
  mount(prefix: string, handler: HttpHandler, options: { maxBodyBytes?: number } = {}): void {
    this.mounts.push({ prefix, handler, maxBodyBytes: options.maxBodyBytes ?? MAX_MOUNT_BODY_BYTES });
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
    this.port = (this.server.address() as AddressInfo).port;
    if (!['0.0.0.0', '::', '127.0.0.1', 'localhost', '::1'].includes(host)) this.hosts = [host];
    return this.port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const requestId = randomUUID();
    let protocol: EdgeProtocol = { kind: 'rest-xml' };
    const fail = (error: unknown) => {
      let aws = asAwsError(error);
      if (aws.statusCode >= 500) this.log(`[edge] ${req.method} ${req.url}: ${describe(error)}`);
      const tooLarge = aws instanceof RequestTooLarge;
      if (tooLarge) aws = tooLargeFor(protocol, aws);
      writeError(res, protocol, aws, requestId, { head: req.method === 'HEAD', close: tooLarge });
    };
    try {
      const route = this.classify(req, res);
      protocol = route.protocol;
      const refused = this.refuse(req, route);
      if (refused) return fail(refused);
      this.holdAnswerUntilDurable(res);
      Promise.resolve(route.serve()).catch(fail);
    } catch (error) {
      fail(error);
    }
  }

  private classify(
    req: IncomingMessage,
    res: ServerResponse,
  ): { protocol: EdgeProtocol; maxBody: number; serve: () => unknown } {
    const target = parseTarget(req.headers['x-amz-target'] as string | undefined);
    if (target) {
      const route = this.options.json[target.service] ?? unknownService(target.service);
      const version = String(req.headers['content-type'] ?? '').includes('1.0') ? '1.0' : route.version;
      return {
        protocol: { kind: 'json', version },
        maxBody: MAX_JSON_BODY_BYTES,
        serve: () => this.serveJson(route, target.operation, req, res),
      };
    }
    // Mounts (API Gateway) first: a webhook may well be a form-encoded POST.
    const path = (req.url ?? '/').split('?')[0]!;
    const mount = this.mounts.find((m) => path.startsWith(m.prefix));
    if (mount) {
      return {
        protocol: { kind: 'mount' },
        maxBody: mount.maxBodyBytes,
        serve: () => mount.handler(req, res),
      };
    }
    if (isQueryProtocol(req)) {
      const service = signedService(req) ?? QUERY_PROTOCOL;
      const handler = this.options.query?.[service];
      return {
        protocol: { kind: 'query' },
        maxBody: MAX_JSON_BODY_BYTES,
        serve: async () => {
          if (handler) return handler(req, res);
          await readBody(req);
          throw notServed(service, 'query');
        },
      };
    }
    // A REST request signed for another service (Lambda without a mounted Lambda API, SNS, ...)
    // would otherwise reach S3 and answer about a bucket named after its API version.
    const signedFor = signedService(req);
    if (signedFor !== undefined && signedFor !== 's3') {
      const route = unknownService(signedFor);
      return {
        protocol: { kind: 'json', version: '1.1' },
        maxBody: MAX_JSON_BODY_BYTES,
        serve: () => this.serveJson(route, 'request', req, res, false),
      };
    }
    return {
      protocol: { kind: 'rest-xml' },
      maxBody: MAX_S3_BODY_BYTES,
      serve: () => this.options.fallback(req, res),
    };
  }

  /** The reason a request is not served, before any of its body is read. */
  private refuse(req: IncomingMessage, route: { maxBody: number }): AwsError | undefined {
    const reason = refusal(req, {
      port: () => this.port,
      hosts: this.hosts,
      origins: this.options.allowedOrigins,
    });
    if (reason) return new AwsError('AccessDenied', reason, { statusCode: 403 });
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > route.maxBody) return new RequestTooLarge(route.maxBody);
    setBodyLimit(req, route.maxBody);
    const path = (req.url ?? '/').split('?')[0]!;
    // PARITY: a path starting with // (an S3 key starting with / in a virtual-hosted request)
    // would parse as a URL authority; it is refused rather than misrouted.
    if (!path.startsWith('/') || path.startsWith('//'))
      return new AwsError(
        'InvalidURI',
        "Couldn't parse the specified URI: the path must start with a single /.",
      );
    try {
      decodeURIComponent(path);
    } catch {
      return new AwsError('InvalidURI', "Couldn't parse the specified URI: a % escape is malformed.");
    }
    return undefined;
  }

  /** Answers wait until the changes they acknowledge are on disk; if that fails, no answer. */
  private holdAnswerUntilDurable(res: ServerResponse): void {
    const durability = this.options.durability;
    if (!durability) return;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      if (!durability.uncommitted) return end(...args);
      durability.commit().then(
        () => end(...args),
        (error: unknown) => {
          this.log(`[edge] answer withheld, the change was not stored: ${describe(error)}`);
          res.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
      return res;
    }) as ServerResponse['end'];
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
      // Acknowledge only what is stored; a failed write is a 500 the SDK retries.
      await this.options.durability?.commit();
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

/** S3 answers an oversized upload 400 EntityTooLarge, API Gateway 413 Request Too Long. */
function tooLargeFor(protocol: EdgeProtocol, error: RequestTooLarge): AwsError {
  if (protocol.kind === 'json') return error;
  if (protocol.kind === 'mount')
    return new AwsError('RequestTooLarge', 'Request Too Long', { statusCode: 413 });
  return new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', {
    statusCode: 400,
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function parseJsonBody(raw: Buffer): JsonObject {
  if (raw.length === 0) return {};
  const text = raw.toString('utf8');
  if (jsonDepthExceeds(text, MAX_REQUEST_DEPTH)) {
    throw new AwsError(
      'SerializationException',
      `The request body nests deeper than ${MAX_REQUEST_DEPTH} levels.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.', { cause: error });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new AwsError('SerializationException', 'The request body must be a JSON object.');
  return parsed as JsonObject;
}

const QUERY_PROTOCOL = 'the AWS query protocol';

/** A JSON route whose every operation fails with a message naming what is not emulated. */
function unknownService(service: string): JsonRoute {
  return {
    version: '1.1',
    provider: { serviceName: service, dispatch: () => Promise.reject(notServed(service)) },
  };
}

/** What a request for a service the emulator does not serve (or not this way) is told. */
function notServed(service: string, protocol?: 'query'): AwsError {
  if (protocol === 'query' && (service === 'sqs' || service === QUERY_PROTOCOL))
    return new AwsError(
      'UnknownOperationException',
      'The local emulator serves SQS over JSON 1.0, as current AWS SDKs and CLIs speak it; the form-encoded query protocol of older ones is not emulated.',
    );
  let message = `The local emulator does not serve ${service}; it serves EventBridge, SQS, S3, Secrets Manager and STS GetCallerIdentity`;
  if (service === 'lambda')
    message += ', and Lambda only in a local cloud that deploys a CDK app (startLocalCloud)';
  return new AwsError('UnknownOperationException', `${message}.`);
}

// PARITY: the form-encoded AWS query protocol (older SDKs and CLIs for SQS) is not served. A
// request signed for S3 is S3's whatever its content type (`curl -d` sends a form type).
function isQueryProtocol(req: IncomingMessage): boolean {
  return (
    req.method === 'POST' &&
    String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') &&
    signedService(req) !== 's3'
  );
}

/** The service named in a SigV4 credential scope (`<key>/<date>/<region>/<service>/aws4_request`). */
function signedService(req: IncomingMessage): string | undefined {
  const header = /Credential=([^,\s]+)/.exec(String(req.headers.authorization ?? ''))?.[1];
  const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('X-Amz-Credential');
  return (header ?? query ?? undefined)?.split('/')[3];
}
