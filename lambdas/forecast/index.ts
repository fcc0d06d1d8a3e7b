/** forecast Lambda: placed orders (transformed, PII-free) → demand records in S3 (see record-demand.ts). */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../shared/aws/s3-object-store';
import { requireEnv } from '../shared/env';
import type { ForecastInput } from './forecast-input';
import { recordDemand } from './record-demand';

const env = requireEnv('BUCKET_NAME');
const store = new S3ObjectStore(new S3Client({}), env.BUCKET_NAME);
const logger = new Logger();

export const handler = (input: ForecastInput): Promise<{ key: string }> =>
  recordDemand(input, { store, logger });
