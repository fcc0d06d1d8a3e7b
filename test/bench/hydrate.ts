/**
 * `npm run bench:hydrate`: the order hydrator over batches of 10 and 100 events against the mock
 * partner (real HTTP on localhost) with 50 ms injected latency; prints wall times, the Secrets
 * Manager calls of the warm function, and each Lambda bundle's size from cdk.out.
 * A script, not a timed test: it prints figures and flags missed targets.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  orderEvent,
  sqsEvent,
  sqsRecord,
  startHarness,
  STATIC_SECRET,
  type Harness,
} from '../lambdas/hydration/helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LATENCY_MS = 50;
const HYDRATOR_BUNDLE_LIMIT = 150 * 1024;

async function timeBatch(harness: Harness, size: number, label: string): Promise<number> {
  const records = Array.from({ length: size }, (_, i) => sqsRecord(orderEvent(`ord-${label}-${i}`)));
  const started = performance.now();
  const result = await harness.handler(sqsEvent(...records));
  const elapsed = performance.now() - started;
  if (result.batchItemFailures.length > 0)
    throw new Error(`${label}: ${result.batchItemFailures.length} records failed`);
  return elapsed;
}

async function median(runs: number, measure: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await measure());
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** Starts the mock partner in a child process; resolves with its GraphQL URL. */
async function startRemotePartner(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test/bench/mock-partner-process.ts')],
    {
      env: { ...process.env, PARTNER_TOKEN: STATIC_SECRET.token, LATENCY_MS: String(LATENCY_MS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: `${line.toString().trim()}/graphql`, process: child };
}

async function hydration(): Promise<boolean> {
  const partner = await startRemotePartner();
  try {
    return await measure(partner.url);
  } finally {
    partner.process.kill('SIGTERM');
  }
}

async function measure(endpoint: string): Promise<boolean> {
  // One harness at a time: aws-sdk-client-mock stubs the client classes process-wide.
  const harness = await startHarness({ endpoint });
  let single, ten, hundred, smCalls;
  try {
    await timeBatch(harness, 10, 'warmup');
    single = await median(5, () => timeBatch(harness, 1, 'single'));
    ten = await median(5, () => timeBatch(harness, 10, 'ten'));
    hundred = await median(3, () => timeBatch(harness, 100, 'hundred'));
    smCalls = harness.secretsManager.commandCalls(GetSecretValueCommand).length;
  } finally {
    await harness.close();
  }
  const wide = await startHarness({ endpoint, concurrency: 100 });
  let hundredWide;
  try {
    await timeBatch(wide, 10, 'warmup');
    hundredWide = await median(3, () => timeBatch(wide, 100, 'hundred-wide'));
  } finally {
    await wide.close();
  }
  {
    const batches = 1 + 5 + 5 + 3;
    const tenOk = ten <= 1.5 * single;
    console.log(`order hydrator, mock partner (own process) latency ${LATENCY_MS} ms (median wall time)`);
    console.log(`  1 event                      ${single.toFixed(0).padStart(6)} ms  (one call's latency)`);
    console.log(
      `  batch of 10                  ${ten.toFixed(0).padStart(6)} ms  target ≤ ${(1.5 * single).toFixed(0)} ms (1.5 × one call) ${tenOk ? 'OK' : 'MISSED'}`,
    );
    console.log(`  batch of 100, 10 in flight   ${hundred.toFixed(0).padStart(6)} ms`);
    console.log(`  batch of 100, 100 in flight  ${hundredWide.toFixed(0).padStart(6)} ms`);
    console.log(
      `  Secrets Manager calls        ${String(smCalls).padStart(6)}     over ${batches} batches of one warm function ${smCalls <= 1 ? 'OK' : 'MISSED'}`,
    );
    return tenOk && smCalls <= 1;
  }
}

/** Bytes of the hydrator bundle that are not the AWS SDK (which the Lambda runtime also provides). */
async function withoutAwsSdk(handlerDir: string): Promise<number> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(ROOT, 'lambdas', handlerDir, 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    metafile: true,
    write: false,
    outfile: 'index.mjs',
  });
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output.inputs)
    .filter(([file]) => !/node_modules\/(@aws-sdk|@smithy|@aws-crypto|@aws\/)/.test(file))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
}

async function bundles(): Promise<boolean> {
  const cdkOut = path.join(ROOT, 'cdk.out');
  if (!existsSync(cdkOut) || !readdirSync(cdkOut).some((f) => f.endsWith('.template.json'))) {
    console.log('cdk.out is missing: running npx cdk synth -q …');
    execSync('npx cdk synth -q', { cwd: ROOT, stdio: 'inherit' });
  }
  let ok = true;
  console.log('Lambda bundles in cdk.out (index.mjs, without source map)');
  for (const file of readdirSync(cdkOut).filter((f) => f.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(path.join(cdkOut, file), 'utf8')) as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    };
    for (const resource of Object.values(template.Resources)) {
      const assetPath = resource.Metadata?.['aws:asset:path'];
      if (resource.Type !== 'AWS::Lambda::Function' || !assetPath) continue;
      const bundle = path.join(cdkOut, assetPath, 'index.mjs');
      if (!existsSync(bundle)) continue;
      const size = statSync(bundle).size;
      const name = (resource.Metadata?.['aws:cdk:path'] ?? assetPath).replace(/\/Resource$/, '');
      const hydrator = /Hydration\/(Orders|Items)\/Function/.exec(name)?.[1];
      let verdict = '';
      if (hydrator) {
        const own = await withoutAwsSdk(hydrator === 'Orders' ? 'order-hydrator' : 'item-hydrator');
        const fits = (bytes: number) => (bytes <= HYDRATOR_BUNDLE_LIMIT ? 'OK' : 'MISSED');
        verdict = `  (≤ 150 KB: ${fits(size)} as bundled; ${(own / 1024).toFixed(1)} KB without the AWS SDK: ${fits(own)})`;
        if (size > HYDRATOR_BUNDLE_LIMIT) ok = false;
      }
      console.log(`  ${(size / 1024).toFixed(1).padStart(7)} KB  ${name}${verdict}`);
    }
  }
  return ok;
}

const hydrationOk = await hydration();
const bundlesOk = await bundles();
if (!hydrationOk || !bundlesOk) process.exitCode = 1;
