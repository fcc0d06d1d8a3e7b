/**
 * Regenerates `query_response/` and `sample_object/`. The query responses are the mock partner's
 * answers to the hydrators' own operations (found, partial, not found); the samples come from
 * running the order and item hydrators over sample partner events against the mock partner
 * (served over HTTP on localhost): each hydrated S3 object and the `shop.hydration` event detail
 * that announced it. `npm run samples`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ITEM_HYDRATION, ORDER_HYDRATION, type HydrationSpec } from '../lambdas/hydration/hydration-spec';
import { ITEM_BY_ID, SINGLE_ORDER } from '../lambdas/hydration/operations.generated';
import { execute, type ExecutionOptions } from '../lambdas/mock-partner-graphql/execute';
import type { FaultConfig } from '../lambdas/mock-partner-graphql/faults';
import {
  buyabilityEvent,
  orderEvent,
  publishedDetails,
  sqsEvent,
  sqsRecord,
  startHarness,
} from '../test/lambdas/hydration/helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_DIR = path.join(ROOT, 'sample_object');
export const RESPONSE_DIR = path.join(ROOT, 'query_response');

interface QueryResponse {
  readonly name: string;
  readonly query: string;
  readonly variables: Record<string, string>;
  readonly options?: Partial<ExecutionOptions>;
}

const RESPONSES: readonly QueryResponse[] = [
  { name: 'order_found', query: SINGLE_ORDER, variables: { orderId: 'ord-4Q8ZT2MX7K' } },
  {
    name: 'order_partial',
    query: SINGLE_ORDER,
    variables: { orderId: 'ord-4Q8ZT2MX7K' },
    options: { partial: true },
  },
  { name: 'order_not_found', query: SINGLE_ORDER, variables: { orderId: 'missing-ord-1' } },
  { name: 'item_found', query: ITEM_BY_ID, variables: { itemId: 'item-7J3KQ2' } },
  {
    name: 'item_partial',
    query: ITEM_BY_ID,
    variables: { itemId: 'item-7J3KQ2' },
    options: { partial: true },
  },
  { name: 'item_not_found', query: ITEM_BY_ID, variables: { itemId: 'missing-item-1' } },
];

/** File name → content of the generated `query_response/` files. */
export async function generateQueryResponses(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const response of RESPONSES) {
    const answer = await execute(
      { query: response.query, variables: response.variables },
      { notFound: false, partial: false, ...response.options },
    );
    files.set(`${response.name}.json`, JSON.stringify(answer, null, 2) + '\n');
  }
  return files;
}

interface Sample {
  readonly name: string;
  readonly spec: HydrationSpec;
  readonly event: Record<string, unknown>;
  readonly faults?: Partial<FaultConfig>;
}

const SAMPLES: readonly Sample[] = [
  {
    name: 'order_placed',
    spec: ORDER_HYDRATION,
    event: withId(orderEvent('ord-4Q8ZT2MX7K', 'ORDER_PLACED'), '5c1f7a52-3d1e-4f0a-9b7e-0a6c2d9e8f11'),
  },
  {
    name: 'order_refund_success',
    spec: ORDER_HYDRATION,
    event: withId(orderEvent('ord-4Q8ZT2MX7K', 'REFUND_SUCCESS'), '9e2b6c14-8a7d-4c3b-b1f0-5d4e3c2b1a09'),
  },
  {
    name: 'order_partial',
    spec: ORDER_HYDRATION,
    event: withId(orderEvent('ord-4Q8ZT2MX7K', 'ORDER_UPDATED'), '2a9d4e6f-1b3c-4d5e-8f70-6a5b4c3d2e1f'),
    faults: { errorsBlockRate: 1 },
  },
  {
    name: 'item_buyability',
    spec: ITEM_HYDRATION,
    event: withId(buyabilityEvent('item-7J3KQ2'), '7d3e5f70-2c4b-4a69-8e1d-3f2a1b0c9d8e'),
  },
];

function withId(event: Record<string, unknown>, id: string): Record<string, unknown> {
  return { ...event, id };
}

/** File name → content, for every sample. */
export async function generateSamples(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const sample of SAMPLES) {
    const harness = await startHarness({ spec: sample.spec, faults: sample.faults });
    try {
      const result = await harness.handler(sqsEvent(sqsRecord(sample.event)));
      const objects = [...harness.objects.values()];
      if (result.batchItemFailures.length > 0 || objects.length !== 1) {
        throw new Error(
          `Sample ${sample.name} did not hydrate: ${JSON.stringify(harness.telemetry.failures)}`,
        );
      }
      files.set(`${sample.name}.json`, objects[0].body);
      files.set(`${sample.name}.event.json`, JSON.stringify(publishedDetails(harness)[0], null, 2) + '\n');
    } finally {
      await harness.close();
    }
  }
  return files;
}

async function main(): Promise<void> {
  for (const [name, content] of await generateQueryResponses()) {
    writeFileSync(path.join(RESPONSE_DIR, name), content);
    console.log(`wrote query_response/${name}`);
  }
  mkdirSync(SAMPLE_DIR, { recursive: true });
  for (const [name, content] of await generateSamples()) {
    writeFileSync(path.join(SAMPLE_DIR, name), content);
    console.log(`wrote sample_object/${name}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
