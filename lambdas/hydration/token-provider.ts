/**
 * Bearer tokens for the partner API. The secret is read through the (caching) `SecretSource`, with
 * concurrent callers sharing one read; OAuth access tokens are cached until shortly before they
 * expire and dropped when the partner answers 401, so the next request fetches a fresh one.
 */
import type { SecretSource } from '../shared/ports';
import {
  PartnerCredentialsError,
  PartnerHttpError,
  PartnerNetworkError,
  PartnerTimeoutError,
} from './errors';
import { parsePartnerCredentials, type PartnerCredentials } from './partner-credentials';
import type { TokenProvider } from './ports';

export interface SecretTokenProviderOptions {
  readonly secrets: SecretSource;
  readonly secretId: string;
  readonly timeoutMs: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** Refresh this long before `expires_in` runs out. @default 60_000 */
  readonly expirySkewMs?: number;
  /**
   * The installation id from the deployment (`hydrant:partnerInstallationId` → env
   * PARTNER_INSTALLATION_ID); wins over the secret's `installationId`. @default - the secret's
   */
  readonly installationId?: string;
}

interface CachedToken {
  readonly value: string;
  readonly expiresAt: number;
}

export class SecretTokenProvider implements TokenProvider {
  private credentials?: Promise<PartnerCredentials>;
  /** Set by a 401: the next secret read bypasses the cache, to pick up a rotated secret. */
  private forceNextRead = false;
  private cached?: CachedToken;
  private pending?: Promise<CachedToken>;
  private readonly now: () => number;

  constructor(private readonly options: SecretTokenProviderOptions) {
    this.now = options.now ?? Date.now;
  }

  async token(): Promise<string> {
    const credentials = await this.readCredentials();
    if (credentials.type === 'static') return credentials.token;
    if (this.cached && this.cached.expiresAt > this.now()) return this.cached.value;
    this.pending ??= this.fetchToken(credentials).finally(() => (this.pending = undefined));
    this.cached = await this.pending;
    return this.cached.value;
  }

  async installationId(): Promise<string> {
    if (this.options.installationId) return this.options.installationId;
    const fromSecret = (await this.readCredentials()).installationId;
    if (fromSecret) return fromSecret;
    throw new PartnerCredentialsError(
      'No partner installation id: set the context hydrant:partnerInstallationId, or put "installationId" ' +
        `into secret ${this.options.secretId} (hydrant partner use-credentials), then redrive the DLQ`,
    );
  }

  invalidate(rejected: string): void {
    if (this.cached?.value === rejected) this.cached = undefined;
    // The token or client secret may have been rotated since the secret was cached.
    this.credentials = undefined;
    this.forceNextRead = true;
  }

  /** One secret read shared by concurrent records; later reads go through the SecretSource cache. */
  private readCredentials(): Promise<PartnerCredentials> {
    if (this.credentials) return this.credentials;
    const forceFetch = this.forceNextRead;
    this.forceNextRead = false;
    const read = this.options.secrets
      .getJson<unknown>(this.options.secretId, { forceFetch })
      .then((value) => parsePartnerCredentials(value, this.options.secretId))
      .finally(() => {
        // Drop the memo once settled, so the SecretSource's own cache period governs rotation.
        if (this.credentials === read) this.credentials = undefined;
      });
    this.credentials = read;
    return read;
  }

  private async fetchToken(
    credentials: Extract<PartnerCredentials, { type: 'oauth' }>,
  ): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (credentials.scope) form.set('scope', credentials.scope);
    const basic = Buffer.from(
      `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`,
    ).toString('base64');
    let response: Response;
    try {
      response = await fetch(credentials.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (cause) {
      if (isTimeout(cause)) throw new PartnerTimeoutError(this.options.timeoutMs, { cause });
      throw new PartnerNetworkError(`The OAuth token endpoint ${credentials.tokenUrl} is unreachable`, {
        cause,
      });
    }
    if (!response.ok) {
      throw new PartnerHttpError(
        response.status,
        `The OAuth token endpoint answered HTTP ${response.status}` +
          (response.status === 400 || response.status === 401
            ? '; check clientId/clientSecret in the partner secret'
            : ''),
      );
    }
    const body = (await response.json().catch(() => undefined)) as
      { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof body?.access_token !== 'string' || body.access_token.length === 0) {
      throw new PartnerCredentialsError('The OAuth token endpoint answered without an access_token');
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 300) * 1000;
    const skew = Math.min(this.options.expirySkewMs ?? 60_000, lifetimeMs / 2);
    return { value: body.access_token, expiresAt: this.now() + lifetimeMs - skew };
  }
}

export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}
