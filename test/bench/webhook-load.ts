/**
 * The load generator of `bench:local`, in its own process so it does not share the emulator's
 * thread: uniquely signed Stripe webhooks posted to a URL at an evenly paced rate, or as fast as
 * autocannon's connections go, for some seconds or for a fixed number of webhooks.
 * Prints one JSON line: autocannon's counts and latencies, and when each event id was posted.
 *
 *   tsx test/bench/webhook-load.ts '{"url": "...", "secret": "whsec_...", "rate": 200, "seconds": 5}'
 */
import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import Stripe from 'stripe';

interface LoadOptions {
  readonly url: string;
  readonly secret: string;
  /** Requests per second over all connections; unset means as fast as possible. */
  readonly rate?: number;
  readonly seconds: number;
  /** Flat out only: send exactly this many webhooks instead of running for `seconds`. */
  readonly amount?: number;
  /**
   * `customer.updated` (no shop service consumes it: the webhook path alone) or
   * `payment_intent.succeeded` for an order of its own (the orders service writes its timeline).
   * @default 'customer'
   */
  readonly kind?: 'customer' | 'payment';
  readonly connections?: number;
  /** Prefix of the event ids, unique per run. */
  readonly idPrefix: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const postedAt: Record<string, number> = {};
let sequence = 0;

/** A uniquely signed Stripe event of the configured kind. */
function signedRequest(): { body: string; signature: string; id: string } {
  const n = ++sequence;
  const id = `${options.idPrefix}_${n}`;
  const created = Math.floor(Date.now() / 1000);
  const body = JSON.stringify(
    options.kind === 'payment'
      ? {
          id,
          object: 'event',
          type: 'payment_intent.succeeded',
          created,
          data: {
            object: {
              id: `pi_${options.idPrefix}_${n}`,
              object: 'payment_intent',
              amount: 4200,
              currency: 'eur',
              metadata: { orderId: `ord_${options.idPrefix}_${n}` },
            },
          },
        }
      : {
          id,
          object: 'event',
          type: 'customer.updated',
          created,
          data: { object: { id: 'cus_bench', object: 'customer', name: "Zoë O'Hara" } },
        },
  );
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret,
    timestamp: Math.floor(Date.now() / 1000),
  });
  return { body, signature, id };
}

interface Outcome {
  ok: number;
  non2xx: number;
  errors: number;
  httpP50: number;
  httpP99: number;
}

/** As fast as the connections go (32 unless told): autocannon, closed loop. */
async function flatOut(): Promise<Outcome> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections ?? 32,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    requests: [
      {
        setupRequest: (req) => {
          const { body, signature, id } = signedRequest();
          postedAt[id] = Date.now();
          return {
            ...req,
            body,
            headers: { 'content-type': 'application/json', 'stripe-signature': signature },
          };
        },
      },
    ],
  });
  return {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    httpP50: result.latency.p50,
    httpP99: result.latency.p99,
  };
}

/**
 * A fixed rate, paced evenly (open loop). autocannon's rate limit sends each connection's quota at
 * the start of every second, which measures bursts of a whole second's traffic, not a steady rate.
 */
async function paced(rate: number): Promise<Outcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(options.url);
  const latencies: number[] = [];
  const outcome = { ok: 0, non2xx: 0, errors: 0 };
  const total = rate * options.seconds;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const { body, signature, id } = signedRequest();
    postedAt[id] = Date.now();
    const sentAt = performance.now();
    inFlight.push(
      post(agent, target, body, signature).then(
        (status) => {
          latencies.push(performance.now() - sentAt);
          if (status >= 200 && status < 300) outcome.ok++;
          else outcome.non2xx++;
        },
        () => void outcome.errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN);
  return { ...outcome, httpP50: at(0.5), httpP99: at(0.99) };
}

function post(agent: Agent, url: URL, body: string, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'stripe-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const result = options.rate ? await paced(options.rate) : await flatOut();
const { userCPUTime, systemCPUTime } = process.resourceUsage();
const cpuMs = Math.round((userCPUTime + systemCPUTime) / 1000);
process.stdout.write(`${JSON.stringify({ ...result, cpuMs, postedAt })}\n`);
