/** invoices Lambda: hydrated orders → invoices and credit notes in S3 (see issue-documents.ts). */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../shared/aws/s3-object-store';
import { requireEnv } from '../shared/env';
import { HydrantError } from '../shared/errors';
import type { BusEnvelope } from '../shop/bus-event';
import { issueDocuments, type InvoiceOutcome } from './issue-documents';

const env = requireEnv('BUCKET_NAME', 'TAX_RATE_BASIS_POINTS');
const taxRateBasisPoints = Number(env.TAX_RATE_BASIS_POINTS);
if (!Number.isSafeInteger(taxRateBasisPoints) || taxRateBasisPoints < 0) {
  throw new HydrantError(
    `TAX_RATE_BASIS_POINTS must be a whole number ≥ 0 (got "${env.TAX_RATE_BASIS_POINTS}")`,
  );
}
const store = new S3ObjectStore(new S3Client({}), env.BUCKET_NAME);
const logger = new Logger();

export const handler = (event: BusEnvelope): Promise<InvoiceOutcome> =>
  issueDocuments(event, { store, logger, taxRateBasisPoints });
