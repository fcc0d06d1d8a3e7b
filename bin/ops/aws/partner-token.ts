/**
 * The bearer token for the (mock) partner API, from the partner secret the hydrators use:
 * `{"type": "static", "token"}` as it is, or `{"type": "oauth", "tokenUrl", "clientId",
 * "clientSecret"}` through the client-credentials grant. The token is never printed.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CliError } from '../errors';

export async function partnerBearerToken(client: SecretsManagerClient, secretId: string): Promise<string> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let secret: Record<string, unknown>;
  try {
    secret = JSON.parse(out.SecretString ?? '') as Record<string, unknown>;
  } catch (cause) {
    throw new CliError(`The partner secret ${secretId} does not hold JSON`, { cause });
  }
  if (secret.type === 'static' && typeof secret.token === 'string') return secret.token;
  if (secret.type === 'oauth') return oauthToken(secret, secretId);
  throw new CliError(
    `The partner secret ${secretId} is neither {"type":"static","token"} nor {"type":"oauth","tokenUrl","clientId","clientSecret"}`,
  );
}

async function oauthToken(secret: Record<string, unknown>, secretId: string): Promise<string> {
  const { tokenUrl, clientId, clientSecret } = secret;
  if (typeof tokenUrl !== 'string' || typeof clientId !== 'string' || typeof clientSecret !== 'string') {
    throw new CliError(`The oauth partner secret ${secretId} needs tokenUrl, clientId and clientSecret`);
  }
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString(
    'base64',
  );
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string };
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new CliError(
      `The partner token endpoint ${tokenUrl} answered HTTP ${response.status} without a token`,
    );
  }
  return body.access_token;
}
