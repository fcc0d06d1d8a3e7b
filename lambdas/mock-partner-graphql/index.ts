/**
 * mock-partner-graphql: the partner GraphQL API for stacks without a real partner endpoint.
 * Env: PARTNER_SECRET_ID, fault injection (LATENCY_MS, ERROR_5XX_RATE, ERROR_429_RATE,
 * ERRORS_BLOCK_RATE, NOT_FOUND_RATE, FAULT_SEED), TOKEN_TTL_SECONDS.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerSource } from '../shared/aws/secrets-manager-source';
import { requireEnv } from '../shared/env';
import { faultConfigFromEnv } from './faults';
import { createMockPartnerHandler } from './handler';

const { PARTNER_SECRET_ID } = requireEnv('PARTNER_SECRET_ID');
const secrets = new SecretsManagerSource(new SecretsManagerClient({}), 60);

export const handler = createMockPartnerHandler({
  faults: faultConfigFromEnv(process.env),
  readSecret: () => secrets.getJson(PARTNER_SECRET_ID),
  tokenTtlSeconds: Number(process.env.TOKEN_TTL_SECONDS ?? 3600),
});
