/**
 * Bearer-token checks of the mock partner, against the same partner secret the hydrators read:
 * `static` → the token itself; `oauth` → the mock issues short-lived tokens at `/oauth/token` for
 * the client credentials (HMAC-signed with the client secret, so any instance can verify them).
 * Every comparison is constant-time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { BadRequestError, UnauthorizedError } from './errors';

export interface BearerAuthOptions {
  /** The partner secret's JSON value (cached by the caller). */
  readonly readSecret: () => Promise<unknown>;
  /** @default 3600 */
  readonly tokenTtlSeconds?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

export interface IssuedToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

interface OAuthSecret {
  readonly type: 'oauth';
  readonly clientId: string;
  readonly clientSecret: string;
}

export class BearerAuth {
  private readonly now: () => number;

  constructor(private readonly options: BearerAuthOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Resolves when the `Authorization` header carries a valid token; throws `UnauthorizedError` otherwise. */
  async verify(authorization: string | undefined): Promise<void> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedError('Missing bearer token: send "Authorization: Bearer <token>".');
    const secret = (await this.options.readSecret()) as Record<string, unknown>;
    if (secret.type === 'static' && typeof secret.token === 'string') {
      if (!safeEqual(token, secret.token)) throw new UnauthorizedError();
      return;
    }
    if (secret.type !== 'oauth')
      throw new UnauthorizedError('The mock partner has no usable credentials configured.');
    const [prefix, exp, signature] = token.split('.');
    const expiresAt = Number(exp);
    if (prefix !== 'mock' || !Number.isInteger(expiresAt) || !signature) throw new UnauthorizedError();
    if (!safeEqual(signature, sign(secret as unknown as OAuthSecret, expiresAt)))
      throw new UnauthorizedError();
    if (expiresAt * 1000 <= this.now())
      throw new UnauthorizedError('The access token has expired; fetch a new one.');
  }

  /** The client-credentials grant: `Authorization: Basic base64(clientId:clientSecret)`. */
  async issue(authorization: string | undefined, formBody: string): Promise<IssuedToken> {
    const form = new URLSearchParams(formBody);
    if (form.get('grant_type') !== 'client_credentials') {
      throw new BadRequestError('grant_type must be client_credentials', 'unsupported_grant_type');
    }
    const secret = (await this.options.readSecret()) as Record<string, unknown>;
    if (secret.type !== 'oauth')
      throw new BadRequestError('The partner secret is not of type oauth', 'unauthorized_client');
    const basic = /^Basic (\S+)$/.exec(authorization ?? '')?.[1];
    const [id, key] = Buffer.from(basic ?? '', 'base64')
      .toString('utf8')
      .split(':')
      .map((part) => decodeURIComponent(part));
    const oauth = secret as unknown as OAuthSecret;
    if (!id || !key || !safeEqual(id, oauth.clientId) || !safeEqual(key, oauth.clientSecret)) {
      throw new UnauthorizedError('Invalid client credentials.');
    }
    const ttl = this.options.tokenTtlSeconds ?? 3600;
    const expiresAt = Math.floor(this.now() / 1000) + ttl;
    return {
      access_token: `mock.${expiresAt}.${sign(oauth, expiresAt)}`,
      token_type: 'Bearer',
      expires_in: ttl,
    };
  }
}

function sign(secret: OAuthSecret, expiresAt: number): string {
  return createHmac('sha256', secret.clientSecret)
    .update(`${secret.clientId}.${expiresAt}`)
    .digest('base64url');
}

/** Constant-time string comparison (hashing first makes the lengths equal). */
export function safeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
