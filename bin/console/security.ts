/**
 * The console's guards. It listens on 127.0.0.1 only, answers only requests addressed to it by a
 * loopback name (so a DNS-rebound page cannot read it), and accepts a state-changing POST only
 * from its own origin with the session's CSRF token. The session is an HttpOnly, SameSite=Strict
 * cookie; the token is an HMAC of it under a key that lives only in this process.
 * https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const COOKIE = 'hydrant_console';

export class ConsoleGuard {
  private readonly key = randomBytes(32);

  constructor(private readonly port: () => number) {}

  /** The Host names this server answers to. */
  private allowedHosts(): string[] {
    const port = this.port();
    return [`127.0.0.1:${port}`, `localhost:${port}`];
  }

  hostAllowed(req: IncomingMessage): boolean {
    return this.allowedHosts().includes(String(req.headers.host ?? '').toLowerCase());
  }

  /** A POST comes from a page of this console: same Origin (browsers send it with every POST). */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) {
      // Old or privacy-stripped clients: fall back on Fetch Metadata, and refuse when both lack.
      return req.headers['sec-fetch-site'] === 'same-origin';
    }
    return this.allowedHosts().some((h) => origin === `http://${h}`);
  }

  /** The session id from the cookie, or a new one (with the Set-Cookie header to send). */
  session(req: IncomingMessage): { id: string; setCookie?: string } {
    const id = parseCookies(req.headers.cookie)[COOKIE];
    if (id && /^[0-9a-f]{64}$/.test(id)) return { id };
    const fresh = randomBytes(32).toString('hex');
    return { id: fresh, setCookie: `${COOKIE}=${fresh}; Path=/; HttpOnly; SameSite=Strict` };
  }

  csrfToken(sessionId: string): string {
    return createHmac('sha256', this.key).update(sessionId).digest('hex');
  }

  csrfValid(req: IncomingMessage, token: string | undefined): boolean {
    const id = parseCookies(req.headers.cookie)[COOKIE];
    if (!id || !token) return false;
    const expected = Buffer.from(this.csrfToken(id));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** Headers on every answer: no framing, no sniffing, scripts only with this response's nonce. */
export function securityHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy':
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self'; ` +
      `connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form POSTs.
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
  };
}
