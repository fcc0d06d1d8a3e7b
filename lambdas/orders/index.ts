/** orders Lambda: EventBridge → order timeline in S3 (see record-order-event.ts). */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../shared/aws/s3-object-store';
import { requireEnv } from '../shared/env';
import type { BusEnvelope } from '../shop/bus-event';
import { recordOrderEvent, type OrderEventOutcome } from './record-order-event';

const env = requireEnv('BUCKET_NAME');
const store = new S3ObjectStore(new S3Client({}), env.BUCKET_NAME);
const logger = new Logger();

export const handler = (event: BusEnvelope): Promise<OrderEventOutcome> =>
  recordOrderEvent(event, { store, logger });
