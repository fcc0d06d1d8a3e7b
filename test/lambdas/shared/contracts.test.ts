import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_RECEIVED, WEBHOOK_SOURCES } from '../../../lambdas/shared/contracts';

const vtl = (name: string) => readFileSync(path.join(__dirname, '../../../vtl', name), 'utf8');

describe('event contract', () => {
  // Mapping templates are text API Gateway runs, so they cannot import the contract; this holds
  // them to it.
  it.each([
    ['webhook-stripe.request.vtl', WEBHOOK_SOURCES.stripe],
    ['webhook-delivery.request.vtl', WEBHOOK_SOURCES.delivery],
  ])('%s puts the contract source and detail-type on the bus', (file, source) => {
    const template = vtl(file);
    expect(template).toContain(`"Source":"${source}"`);
    expect(template).toContain(`"DetailType":"${WEBHOOK_RECEIVED}"`);
  });
});
