/**
 * Loopback only. The edge binds 127.0.0.1, but a web page can still reach it: through DNS
 * rebinding (a name of the attacker's that resolves to 127.0.0.1, so the browser sends
 * `Host: rebind.attacker.example`) or with a cross-site "simple" request (a `text/plain` POST needs
 * no CORS preflight). Both are refused: the Host must name a loopback address (or an S3 virtual
 * host under localhost), and a browser request must come from the emulator's own origin.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** `<bucket>.localhost`: S3 virtual-hosted-style requests (bucket names are lower case). */
const S3_VIRTUAL_HOST = /^[a-z0-9][a-z0-9.-]{0,62}\.localhost$/;

export interface GuardOptions {
  /** The port the edge listens on. */
  port: () => number;
  /** Extra host names to accept (the bind address when it is not a loopback name). */
  hosts?: string[];
  /** Extra browser origins to accept, e.g. a local console served elsewhere. */
  origins?: string[];
}

/** Why `req` is refused, or undefined when it may be served. */
export function refusal(req: IncomingMessage, options: GuardOptions): string | undefined {
  const port = options.port();
  const host = req.headers.host;
  // Browsers always send Host; a client that sends none is not a web page.
  if (host !== undefined && !allowedHost(host.toLowerCase(), port, options.hosts ?? [])) {
    return `Host ${host} is not a loopback address; the emulator answers only 127.0.0.1, localhost and [::1] (DNS rebinding protection).`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins(port, options).has(origin.toLowerCase())) {
    return `Cross-origin request from ${origin} refused; the emulator serves only its own origin.`;
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    return 'Cross-site browser request refused (Sec-Fetch-Site: cross-site).';
  }
  return undefined;
}

function allowedHost(host: string, port: number, extra: string[]): boolean {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  if (!match) return false;
  const [, name, hostPort] = match;
  if (hostPort !== undefined && Number(hostPort) !== port) return false;
  return LOOPBACK_NAMES.has(name!) || S3_VIRTUAL_HOST.test(name!) || extra.includes(name!);
}

function ownOrigins(port: number, options: GuardOptions): Set<string> {
  const names = [...LOOPBACK_NAMES, ...(options.hosts ?? [])];
  return new Set([
    ...names.map((name) => `http://${name}:${port}`),
    ...(options.origins ?? []).map((o) => o.toLowerCase()),
  ]);
}
