/**
 * `npm run bench:faults`: partner events through the local pipeline while the mock partner fails
 * about 30 % of its GraphQL calls (5xx and 429, set through its fault control). Every event must
 * end as exactly one hydrated object or as a dead-lettered message that says why; the run prints
 * the accounting (sent = hydrated + dead-lettered, duplicates, lost) and how long it took.
 *
 * `BENCH_EVENTS` (default 1000) sets the count; one in twenty orders is unknown to the partner
 * (`missing-…`), so the dead-letter path is measured too. `BENCH_BACKOFF_MAX_SECONDS` (default 8)
 * caps the hydrators' backoff step.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalHydrant } from '../../bin/local/local-hydrant';
import { partnerBearerToken } from '../../bin/ops/aws/partner-token';
import { MockPartnerFaultControl } from '../../bin/ops/partner/fault-control';
import { createClients, type AwsClients } from '../../bin/ops/aws/clients';
import { describeMessage } from '../../bin/ops/dlq/describe';
import { peekMessages, queueDepth } from '../../bin/ops/dlq/peek';
import { postJson } from '../../bin/ops/send/http';
import { partnerEventUrl } from '../../bin/ops/send/partner';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const MISSING_EVERY = 20;
const BACKOFF_MAX_SECONDS = process.env.BENCH_BACKOFF_MAX_SECONDS ?? '8';
const SEND_CONCURRENCY = 8;
const SETTLE_TIMEOUT_MS = 20 * 60_000;
/** 429 on 10 % of calls, 5xx on 22 % of the rest: 30 % of calls fail. */
const FAULTS = { error429Rate: 0.1, error5xxRate: 0.22, seed: 7 };

const orderIdOf = (i: number) => (i % MISSING_EVERY === 0 ? `missing-bench-${i}` : `bench-${i}`);

async function hydratedKeys(clients: AwsClients, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'hydrated/orders/', ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

async function main(): Promise<void> {
  console.log(`bench:faults: ${EVENTS} partner order events, the mock partner failing 30 % of calls`);
  const synthStarted = Date.now();
  const local = await startLocalHydrant({
    // Backoff capped at 8 s instead of 15 min, so a run settles in minutes: the bench measures the
    // accounting under faults, not the hour-long retry budget (test/lib/partner-hydration.test.ts).
    context: { 'hydrant:hydrationBackoffMaxSeconds': BACKOFF_MAX_SECONDS },
    port: 0,
    stateDir: mkdtempSync(path.join(tmpdir(), 'hydrant-bench-faults-')),
    logs: { stdout: process.stderr, stderr: process.stderr },
  });
  console.log(`local stack ready in ${((Date.now() - synthStarted) / 1000).toFixed(1)} s`);
  const { endpoints } = local;
  const clients = createClients({ awsEndpoint: endpoints.awsEndpoint!, region: endpoints.region });
  try {
    const token = await partnerBearerToken(clients.secrets, endpoints.secrets.partner!);
    await MockPartnerFaultControl.forGraphqlUrl(endpoints.mockPartner.graphql!, token).set(FAULTS);

    // Send: each event its own order, through the mock partner's event API with SDK-style retries.
    const started = Date.now();
    let next = 0;
    let retried = 0;
    const retry = { onRetry: () => void (retried += 1) };
    const sender = async () => {
      for (let i = next++; i < EVENTS; i = next++) {
        const url = partnerEventUrl(endpoints.mockPartner.events!, {
          type: 'order_placed',
          order: orderIdOf(i),
        });
        await postJson(
          url,
          JSON.stringify({ orderId: orderIdOf(i) }),
          { authorization: `Bearer ${token}` },
          retry,
        );
      }
    };
    await Promise.all(Array.from({ length: SEND_CONCURRENCY }, sender));
    const sendSeconds = (Date.now() - started) / 1000;
    console.log(`sent ${EVENTS} in ${sendSeconds.toFixed(1)} s (${retried} sends retried after 429/5xx)`);

    // Settle: every event hydrated or dead-lettered.
    const dlqUrl = endpoints.dlqs['order-hydration'];
    let hydratedOrders = new Set<string>();
    let dead = 0;
    let keys: string[] = [];
    for (;;) {
      keys = await hydratedKeys(clients, endpoints.bucket);
      hydratedOrders = new Set(keys.map((k) => k.split('/')[2]));
      dead = (await queueDepth(clients.sqs, dlqUrl)).visible;
      const elapsed = (Date.now() - started) / 1000;
      console.log(
        `  ${elapsed.toFixed(0).padStart(4)} s  hydrated ${hydratedOrders.size}  dead-lettered ${dead}`,
      );
      if (hydratedOrders.size + dead >= EVENTS || Date.now() - started > SETTLE_TIMEOUT_MS) break;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    const totalSeconds = (Date.now() - started) / 1000;

    // Account for every event.
    const messages = (await peekMessages(clients.sqs, dlqUrl, EVENTS)).map(describeMessage);
    const reasons = new Map<string, number>();
    for (const m of messages) {
      const key = m.reason.errorType;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    const unexplained = messages.filter((m) => m.reason.origin !== 'hydrator' || !m.reason.message).length;
    const deadOrders = new Set(
      messages.map(
        (m) =>
          (m.body as { detail?: { orderIdentifier?: { orderId?: string } } }).detail?.orderIdentifier
            ?.orderId,
      ),
    );
    const perOrder = new Map<string, number>();
    for (const k of keys) perOrder.set(k.split('/')[2], (perOrder.get(k.split('/')[2]) ?? 0) + 1);
    const duplicates = [...perOrder.values()].filter((n) => n > 1).length;
    const accounted = new Set([...hydratedOrders, ...deadOrders]);
    const lost = Array.from({ length: EVENTS }, (_, i) => orderIdOf(i)).filter((id) => !accounted.has(id));

    console.log('');
    console.log(`sent            ${EVENTS}`);
    console.log(`hydrated        ${hydratedOrders.size}`);
    console.log(
      `dead-lettered   ${messages.length} (${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')})`,
    );
    console.log(`  without reason ${unexplained}`);
    console.log(`duplicate objs  ${duplicates}`);
    console.log(`lost            ${lost.length}${lost.length ? ` (${lost.slice(0, 5).join(', ')}…)` : ''}`);
    console.log(
      `elapsed         ${totalSeconds.toFixed(1)} s (${(EVENTS / totalSeconds).toFixed(1)} events/s settled)`,
    );
    const ok = hydratedOrders.size + messages.length === EVENTS && duplicates === 0 && unexplained === 0;
    console.log(ok ? 'PASS: sent = hydrated + dead-lettered with a reason, no duplicates' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    clients.destroy();
    await local.close();
  }
}

await main();
