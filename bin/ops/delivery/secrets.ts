/** A delivery provider's signing secrets: store one at the front of its list. */
import { randomBytes } from 'node:crypto';
import { storeDeliverySecret } from '../aws/signing-secrets';
import { UsageError } from '../errors';
import type { OpsTarget } from '../context';

export const MIN_DELIVERY_SECRET_LENGTH = 16;

export interface StoredDeliverySecret {
  readonly provider: string;
  readonly stored: true;
  readonly activeSecrets: number;
  /** Only for a generated secret: the provider needs it, so the caller shows it once. */
  readonly generatedSecret?: string;
}

export async function useDeliverySecret(
  target: OpsTarget,
  provider: string,
  secret: string | undefined,
  keep?: number,
): Promise<StoredDeliverySecret> {
  if (secret !== undefined && secret.length < MIN_DELIVERY_SECRET_LENGTH) {
    throw new UsageError(
      `A delivery signing secret must be at least ${MIN_DELIVERY_SECRET_LENGTH} characters`,
    );
  }
  const value = secret ?? randomBytes(32).toString('hex');
  const activeSecrets = await storeDeliverySecret(
    target.clients.secrets,
    target.endpoints.secrets.delivery,
    provider,
    value,
    keep,
  );
  return {
    provider,
    stored: true,
    activeSecrets,
    ...(secret === undefined ? { generatedSecret: value } : {}),
  };
}
