/** Storing and counting Stripe signing secrets; no function here returns a stored value. */
import { randomBytes } from 'node:crypto';
import { readStripeSecrets, storeStripeSecret } from '../aws/signing-secrets';
import { UsageError } from '../errors';
import type { OpsTarget } from '../context';
import { DEFAULT_KEEP } from './endpoints';

const STRIPE_SECRET = /^whsec_\S+$/;

export interface StoredSecret {
  readonly stored: true;
  readonly generated: boolean;
  readonly activeSecrets: number;
}

/** Stores `secret` (or a generated one when undefined) at the front, keeping `keep` active. */
export async function useStripeSecret(
  target: OpsTarget,
  secret: string | undefined,
  keep: number = DEFAULT_KEEP,
): Promise<StoredSecret> {
  if (secret !== undefined && !STRIPE_SECRET.test(secret)) {
    throw new UsageError(
      'A Stripe signing secret starts with whsec_ (copy it from `stripe listen --print-secret` or the dashboard)',
    );
  }
  const value = secret ?? `whsec_${randomBytes(24).toString('base64')}`;
  const activeSecrets = await storeStripeSecret(
    target.clients.secrets,
    target.endpoints.secrets.stripe,
    value,
    keep,
  );
  return { stored: true, generated: secret === undefined, activeSecrets };
}

export async function countStripeSecrets(
  target: OpsTarget,
): Promise<{ secretId: string; activeSecrets: number }> {
  const secretId = target.endpoints.secrets.stripe;
  const list = await readStripeSecrets(target.clients.secrets, secretId);
  return { secretId, activeSecrets: list.length };
}
