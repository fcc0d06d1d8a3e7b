/**
 * Signing secrets from Secrets Manager, through the caching `SecretSource`. Stripe's secret is
 * `{"signingSecrets": ["whsec_…", …]}`, the delivery secret `{"<provider>": ["secret", …]}`, newest
 * first; every listed secret is accepted so a rotation never rejects a genuine webhook.
 * A forced re-read (after a signature matched no cached secret, or none was configured) is allowed
 * at most once per `minRefreshIntervalMs` and provider, so forged traffic cannot turn into a Secrets
 * Manager flood, and forged Stripe webhooks do not hold back a carrier's re-read.
 */
import type { SecretSource } from '../shared/ports';
import { SigningSecretMissingError } from './errors';

export interface SigningSecretsOptions {
  readonly stripeSecretId: string;
  readonly deliverySecretId: string;
  /** @default 30_000 */
  readonly minRefreshIntervalMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

export class SigningSecrets {
  private readonly lastForcedFetch = new Map<string, number>();

  constructor(
    private readonly source: SecretSource,
    private readonly options: SigningSecretsOptions,
  ) {}

  get minRefreshIntervalMs(): number {
    return this.options.minRefreshIntervalMs ?? 30_000;
  }

  /** Whether a forced re-read of `provider`'s secrets is allowed now; claims it when it is. */
  claimRefresh(provider: string): boolean {
    const now = (this.options.now ?? Date.now)();
    const last = this.lastForcedFetch.get(provider) ?? Number.NEGATIVE_INFINITY;
    if (now - last < this.minRefreshIntervalMs) return false;
    this.lastForcedFetch.set(provider, now);
    return true;
  }

  async stripe(forceFetch = false): Promise<readonly string[]> {
    const value = await this.source.getJson<unknown>(this.options.stripeSecretId, { forceFetch });
    const list = (value as { signingSecrets?: unknown } | null)?.signingSecrets;
    return requireSecrets(
      list,
      `Stripe has no signing secret: store {"signingSecrets": ["whsec_..."]} in ${this.options.stripeSecretId} ` +
        '(hydrant stripe register / use-secret), then run `hydrant dlq redrive webhook-verifier`',
    );
  }

  async delivery(provider: string, forceFetch = false): Promise<readonly string[]> {
    const value = await this.source.getJson<unknown>(this.options.deliverySecretId, { forceFetch });
    const list =
      typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, provider)
        ? (value as Record<string, unknown>)[provider]
        : undefined;
    return requireSecrets(
      list,
      `Delivery provider ${provider} has no signing secret: add {"${provider}": ["<secret>"]} to ` +
        `${this.options.deliverySecretId}, then run \`hydrant dlq redrive webhook-verifier\``,
    );
  }
}

function requireSecrets(list: unknown, message: string): readonly string[] {
  if (!Array.isArray(list)) throw new SigningSecretMissingError(message);
  const secrets = list.filter((s): s is string => typeof s === 'string' && s !== '');
  if (secrets.length === 0) throw new SigningSecretMissingError(message);
  return secrets;
}
