/**
 * The hydrant console: a small HTTP server on 127.0.0.1 that renders pages from the operations
 * layer (`bin/ops/`), for the local emulator (`npm start`) or a deployed stack (`hydrant console
 * --stack`). AWS calls are made here with the operator's credentials; pages get only results.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError, ExitCode, toCliError } from '../ops/errors';
import type { OpsTarget } from '../ops/context';
import { BusFeed } from './bus-feed';
import { html, layout, type PageContext } from './html';
import { Jobs } from './jobs';
import { busPage, busStream } from './pages/bus';
import { dlqPage, dlqPurge, dlqRedrive, dlqsPage, jobStatus } from './pages/dlqs';
import { objectDownload, objectsPage } from './pages/objects';
import { orderJump, orderPage } from './pages/order';
import { rejectedPage } from './pages/rejected';
import { sendDelivery, sendPage, sendPartner, sendStripe } from './pages/send';
import { stripePage, stripeRegister, stripeRotate, stripeUnregister, stripeUseSecret } from './pages/stripe';
import type { Answer, ConsoleRequest, ConsoleServices, Handler } from './routes';
import { ConsoleGuard, securityHeaders } from './security';

export interface ConsoleOptions {
  readonly target: OpsTarget;
  /** 0 picks a free port. */
  readonly port: number;
  /** STRIPE_API_KEY / STRIPE_API_BASE for the Stripe page. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Watch the bus with a temporary rule and queue (default true). */
  readonly watchBus?: boolean;
}

export interface ConsoleServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** Why the bus is not watched, when it is not. */
  readonly busProblem?: string;
  /** Stops serving and deletes the bus watcher's rule and queue; returns what could not be deleted. */
  close(): Promise<string[]>;
}

const MAX_FORM_BYTES = 64 * 1024;
const KEEPALIVE_MS = 15_000;

type Route = readonly [method: string, pattern: RegExp, handler: Handler];

/** Paths below the base; `[^/]+` segments are URL-decoded before handlers see them. */
const ROUTES: readonly Route[] = [
  ['GET', /^$/, busPage],
  ['GET', /^bus\/stream$/, busStream],
  ['GET', /^orders$/, orderJump],
  ['GET', /^orders\/[^/]+$/, orderPage],
  ['GET', /^objects$/, objectsPage],
  ['GET', /^objects\/download$/, objectDownload],
  ['GET', /^dlqs$/, dlqsPage],
  ['GET', /^dlqs\/[^/]+$/, dlqPage],
  ['POST', /^dlqs\/[^/]+\/redrive$/, dlqRedrive],
  ['POST', /^dlqs\/[^/]+\/purge$/, dlqPurge],
  ['GET', /^jobs\/[^/]+$/, jobStatus],
  ['GET', /^rejected$/, rejectedPage],
  ['GET', /^send$/, sendPage],
  ['POST', /^send\/stripe$/, sendStripe],
  ['POST', /^send\/delivery$/, sendDelivery],
  ['POST', /^send\/partner$/, sendPartner],
  ['GET', /^stripe$/, stripePage],
  ['POST', /^stripe\/use-secret$/, stripeUseSecret],
  ['POST', /^stripe\/register$/, stripeRegister],
  ['POST', /^stripe\/rotate$/, stripeRotate],
  ['POST', /^stripe\/unregister$/, stripeUnregister],
];

export async function startConsole(options: ConsoleOptions): Promise<ConsoleServer> {
  let port = options.port;
  const guard = new ConsoleGuard(() => port);
  let bus: BusFeed | undefined;
  let busProblem: string | undefined;
  if (options.watchBus !== false) {
    const feed = new BusFeed(options.target);
    try {
      await feed.start();
      bus = feed;
    } catch (error) {
      busProblem = (error as Error).message;
    }
  }
  const services: ConsoleServices = { target: options.target, bus, jobs: new Jobs(), env: options.env ?? {} };
  const targetLabel =
    options.target.endpoints.kind === 'stack' ? options.target.endpoints.description : 'local emulator';
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String((error as Error).message));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const nonce = randomBytes(16).toString('base64');
    const headers = securityHeaders(nonce);
    if (!guard.hostAllowed(req)) {
      res
        .writeHead(421, { ...headers, 'content-type': 'text/plain' })
        .end('Misdirected request: open the console at 127.0.0.1');
      return;
    }
    const session = guard.session(req);
    if (session.setCookie) headers['set-cookie'] = session.setCookie;
    const ctx: PageContext = {
      base: '/',
      csrf: guard.csrfToken(session.id),
      nonce,
      targetLabel,
      live: bus !== undefined,
    };
    const url = new URL(req.url ?? '/', 'http://console');
    const path = url.pathname.replace(/^\/+/, '').replace(/\/+$/, '');
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const route = ROUTES.find(([m, pattern]) => m === method && pattern.test(path));
    const render = (answer: Answer) => write(res, headers, ctx, answer);
    if (!route) {
      const exists = ROUTES.some(([, pattern]) => pattern.test(path));
      return render(
        errorPage(exists ? 405 : 404, exists ? `${method} is not allowed here` : `No page at /${path}`),
      );
    }
    try {
      let form = new URLSearchParams();
      if (method === 'POST') {
        if (!guard.originAllowed(req)) return render(errorPage(403, 'Cross-origin request refused'));
        form = new URLSearchParams(await readBody(req));
        if (!guard.csrfValid(req, form.get('_csrf') ?? undefined)) {
          return render(
            errorPage(
              403,
              'The form expired or did not come from this console: reload the page and try again',
            ),
          );
        }
      }
      const request: ConsoleRequest = {
        method,
        segments: path.split('/').map((s) => decodeURIComponent(s)),
        query: url.searchParams,
        form,
        raw: req,
      };
      render(await route[2](request, ctx, services));
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status) return render(errorPage(status, (error as Error).message));
      const cli = toCliError(error, options.target.endpoints.awsEndpoint);
      render(errorPage(httpStatusOf(cli), cli.message));
    }
  }

  function write(
    res: ServerResponse,
    headers: Record<string, string>,
    ctx: PageContext,
    answer: Answer,
  ): void {
    switch (answer.kind) {
      case 'page':
        res
          .writeHead(answer.status ?? 200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
          .end(layout(ctx, answer.nav, answer.title, answer.body).text);
        return;
      case 'redirect':
        res.writeHead(303, { ...headers, location: answer.to }).end();
        return;
      case 'json':
        res
          .writeHead(answer.status ?? 200, { ...headers, 'content-type': 'application/json' })
          .end(JSON.stringify(answer.value));
        return;
      case 'download':
        res
          .writeHead(200, {
            ...headers,
            'content-type': answer.contentType,
            'content-disposition': `attachment; filename="${answer.name.replace(/[^\w.-]/g, '_')}"`,
          })
          .end(answer.body);
        return;
      case 'stream': {
        res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        const stop = answer.start((event, data) =>
          res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
        );
        const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
        res.on('close', () => {
          clearInterval(keepalive);
          stop();
          streams.delete(res);
        });
        return;
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    busProblem,
    async close() {
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return (await bus?.close()) ?? [];
    },
  };
}

function errorPage(status: number, message: string): Answer {
  return {
    kind: 'page',
    status,
    nav: 'none',
    title: status === 404 ? 'Not found' : status >= 500 ? 'Something failed' : 'Not done',
    body: html`<p class="notice error" role="alert">${message}</p>`,
  };
}

function httpStatusOf(error: CliError): number {
  switch (error.exitCode) {
    case ExitCode.usage:
      return 400;
    case ExitCode.notFound:
      return 404;
    case ExitCode.targetUnavailable:
      return 503;
    default:
      return 502;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw Object.assign(new Error('Form too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
