/** inventory Lambda: hydrated items → latest item state in S3 (see update-inventory.ts). */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../shared/aws/s3-object-store';
import { requireEnv } from '../shared/env';
import type { BusEnvelope } from '../shop/bus-event';
import { updateInventory, type InventoryOutcome } from './update-inventory';

const env = requireEnv('BUCKET_NAME');
const store = new S3ObjectStore(new S3Client({}), env.BUCKET_NAME);
const logger = new Logger();

export const handler = (event: BusEnvelope): Promise<InventoryOutcome> =>
  updateInventory(event, { store, logger });
