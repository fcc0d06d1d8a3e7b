/**
 * mock-partner-graphql: the partner GraphQL API for stacks deployed with `hydrant:mockPartner=true`.
 * Env: PARTNER_SECRET_ID, FAULTS_BUCKET (run-time faults under `mock-partner/`), the deployment's
 * faults (LATENCY_MS, ERROR_5XX_RATE, ERROR_429_RATE, ERRORS_BLOCK_RATE, NOT_FOUND_RATE,
 * FAULT_SEED), TOKEN_TTL_SECONDS.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { S3ObjectStore } from '../shared/aws/s3-object-store';
import { SecretsManagerSource } from '../shared/aws/secrets-manager-source';
import { requireEnv } from '../shared/env';
import { ObjectFaultStore } from './fault-store';
import { faultConfigFromEnv } from './faults';
import { createMockPartnerHandler } from './handler';

const { PARTNER_SECRET_ID, FAULTS_BUCKET } = requireEnv('PARTNER_SECRET_ID', 'FAULTS_BUCKET');
const secrets = new SecretsManagerSource(new SecretsManagerClient({}), 60);

export const handler = createMockPartnerHandler({
  faults: faultConfigFromEnv(process.env),
  faultStore: new ObjectFaultStore(new S3ObjectStore(new S3Client({}), FAULTS_BUCKET)),
  readSecret: () => secrets.getJson(PARTNER_SECRET_ID),
  tokenTtlSeconds: Number(process.env.TOKEN_TTL_SECONDS ?? 3600),
});
