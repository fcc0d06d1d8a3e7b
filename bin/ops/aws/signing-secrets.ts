/**
 * The webhook signing secrets in Secrets Manager, in the shapes the verifier reads:
 * Stripe `{"signingSecrets": ["whsec_…", …]}` and delivery `{"<provider>": ["…", …]}`, newest first.
 * New secrets go to the front; older ones stay active so a rotation drops no webhook. Values are
 * never printed by these functions.
 */
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CliError, NotFoundError } from '../errors';

export interface StripeSecretDocument {
  readonly signingSecrets: readonly string[];
}
export type DeliverySecretDocument = Readonly<Record<string, readonly string[]>>;

/** `secret` first, then the previous ones without it; at most `keep` when given. */
export function withSecretFirst(previous: readonly string[], secret: string, keep?: number): string[] {
  const list = [secret, ...previous.filter((s) => s !== secret)];
  return keep === undefined ? list : list.slice(0, Math.max(1, keep));
}

async function readJson(client: SecretsManagerClient, secretId: string): Promise<Record<string, unknown>> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let value: unknown;
  try {
    value = JSON.parse(out.SecretString ?? '');
  } catch (cause) {
    throw new CliError(`Secret ${secretId} does not hold JSON: set it to the documented shape`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`Secret ${secretId} does not hold a JSON object`);
  }
  return value as Record<string, unknown>;
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new CliError(`${what} must be a list of strings`);
  }
  return value as string[];
}

export async function readStripeSecrets(client: SecretsManagerClient, secretId: string): Promise<string[]> {
  const doc = await readJson(client, secretId);
  return stringList(doc.signingSecrets, `signingSecrets in ${secretId}`);
}

/** Puts `secret` at the front; returns how many secrets are active afterwards. */
export async function storeStripeSecret(
  client: SecretsManagerClient,
  secretId: string,
  secret: string,
  keep?: number,
): Promise<number> {
  const doc = await readJson(client, secretId);
  const signingSecrets = withSecretFirst(
    stringList(doc.signingSecrets, `signingSecrets in ${secretId}`),
    secret,
    keep,
  );
  await client.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      SecretString: JSON.stringify({ ...doc, signingSecrets }),
    }),
  );
  return signingSecrets.length;
}

export async function readDeliverySecrets(
  client: SecretsManagerClient,
  secretId: string,
): Promise<DeliverySecretDocument> {
  const doc = await readJson(client, secretId);
  return Object.fromEntries(
    Object.entries(doc).map(([p, v]) => [p, stringList(v, `provider ${p} in ${secretId}`)]),
  );
}

/** Puts `secret` at the front of `provider`'s list; the provider must be one the stack accepts. */
export async function storeDeliverySecret(
  client: SecretsManagerClient,
  secretId: string,
  provider: string,
  secret: string,
  keep?: number,
): Promise<number> {
  const doc = await readDeliverySecrets(client, secretId);
  if (!(provider in doc)) {
    throw new NotFoundError(
      `Unknown delivery provider "${provider}": the stack accepts ${Object.keys(doc).join(', ') || 'none'} ` +
        '(configure more with the hydrant:deliveryProviders context)',
    );
  }
  const list = withSecretFirst(doc[provider]!, secret, keep);
  await client.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      SecretString: JSON.stringify({ ...doc, [provider]: list }),
    }),
  );
  return list.length;
}
