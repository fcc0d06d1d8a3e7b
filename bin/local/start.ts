/**
 * `npm start`: synthesizes the CDK app, deploys the template into the local cloud, prints where
 * everything is, writes `<state>/endpoints.json`, and serves until Ctrl-C. State survives a restart;
 * `--reset` clears it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeSkipped } from '../../emulator/cloudformation/deployer';
import { parseContext } from './context-args';
import { startLocalConsole } from '../console/local';
import { startLocalHydrant, type LocalHydrant } from './local-hydrant';
import { keepServingOnStrayErrors } from '../../emulator/server/crash-guard';

const HELP = `Usage: npm start -- [options]

Synthesizes the hydrant CDK app and runs the template locally: API Gateway with its VTL templates,
Lambda functions from their cdk.out bundles, EventBridge, SQS, S3 and Secrets Manager on one port.

Options:
  --port <n>      port to listen on (default 4566; 0 picks a free one)
  --state <dir>   state folder (default $HYDRANT_STATE, else .hydrant)
  --reset         delete the state folder first (only a folder the emulator created)
  --console-port <n>  port of the web console on 127.0.0.1 (default: --port + 1; 0 picks a free one)
  -c, --context <key=value>
                  CDK context over cdk.json's, as \`cdk synth -c\` takes it (repeatable),
                  e.g. -c hydrant:throttleRateLimit=5000
  --lambda-retry-delays <ms,ms>
                  waits before the retries of a failed asynchronous Lambda invocation
                  (default 60000,120000: AWS's 1 and 2 minutes)
  --help          show this help`;

interface StartOptions {
  readonly port: number;
  readonly stateDir: string;
  readonly reset: boolean;
  readonly consolePort: number;
  readonly context: Record<string, string>;
  readonly lambdaRetryDelaysMs?: number[];
}

function parseOptions(argv: string[]): StartOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4566' },
      state: { type: 'string' },
      reset: { type: 'boolean', default: false },
      'console-port': { type: 'string' },
      context: { type: 'string', short: 'c', multiple: true, default: [] },
      'lambda-retry-delays': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535 (got ${values.port})`);
  }
  const consolePort = Number(values['console-port'] ?? (port === 0 ? 0 : port + 1));
  if (!Number.isInteger(consolePort) || consolePort < 0 || consolePort > 65535) {
    throw new Error(`--console-port must be a whole number from 0 to 65535 (got ${values['console-port']})`);
  }
  const delays = values['lambda-retry-delays']?.split(',').map(Number);
  if (delays && (delays.length === 0 || delays.some((d) => !Number.isInteger(d) || d < 0))) {
    throw new Error(
      `--lambda-retry-delays must be whole milliseconds separated by commas, e.g. 1000,2000 (got ${values['lambda-retry-delays']})`,
    );
  }
  // An empty HYDRANT_STATE= counts as unset (it would otherwise name the working directory).
  return {
    port,
    stateDir: values.state ?? (process.env.HYDRANT_STATE || '.hydrant'),
    reset: values.reset,
    consolePort,
    context: parseContext(values.context),
    lambdaRetryDelaysMs: delays,
  };
}

/** The startup banner: URLs, endpoint, state folder, what is not emulated, and commands to try. */
function banner(
  { cloud, endpoints: e }: LocalHydrant,
  consoleUrl: string,
  timings: { readyMs: number; synthMs: number; cached: boolean },
): string {
  const stripe = e.webhooks.stripe ?? '(no Stripe webhook in the template)';
  const skipped = cloud.stacks.flatMap((s) => describeSkipped(s));
  const lines = [
    '',
    `hydrant is running locally: ready in ${(timings.readyMs / 1000).toFixed(1)} s ` +
      `(synth ${(timings.synthMs / 1000).toFixed(1)} s${timings.cached ? ', sources unchanged' : ''})`,
    '',
    `Console           ${consoleUrl}`,
    '',
    'Webhooks',
    `  Stripe          POST ${stripe}`,
    `  Delivery        POST ${e.webhooks.delivery ?? '(none)'}`,
    'Mock partner',
    `  GraphQL         POST ${e.mockPartner.graphql ?? '(not deployed)'}`,
    `  Events          POST ${e.mockPartner.events ?? '(not deployed)'}`,
    'AWS',
    `  Endpoint        ${e.awsEndpoint}  (region ${e.region}, any credentials)`,
    `  Bus / bucket    ${e.bus ?? '-'} / ${e.bucket ?? '-'}`,
    `  Queues          ${Object.keys(e.queues).length}, DLQs ${Object.keys(e.dlqs).length}`,
    `  State           ${cloud.emulator.stateDir}  (kept across restarts; --reset clears it)`,
    `  For tools       ${cloud.endpointsFile}`,
    '',
    'Not created locally (announced, never silent)',
    ...(skipped.length > 0 ? skipped : ['  nothing: every resource is emulated']),
    '',
    'Try it',
    '  npx hydrant stripe use-secret                         # generate and store a local signing secret',
    '  npx hydrant send stripe payment_intent.succeeded --order ord-1001',
    '  npx hydrant send partner order_placed --order ord-1001',
    '  npx hydrant events tail',
    `  stripe listen --forward-to ${stripe}`,
    '  stripe listen --print-secret | npx hydrant stripe use-secret --stdin   # the secret `stripe listen` uses',
    `  AWS_ENDPOINT_URL=${e.awsEndpoint} aws s3 ls s3://${e.bucket ?? '<bucket>'} --recursive`,
    '',
    'Ctrl-C stops (state is kept).',
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(HELP);
    return;
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  keepServingOnStrayErrors();
  const context = Object.entries(options.context).map(([k, v]) => `${k}=${v}`);
  console.log(
    `Synthesizing the CDK app (bundling with local esbuild)${context.length ? ` with ${context.join(', ')}` : ''}…`,
  );
  const local = await startLocalHydrant({
    port: options.port,
    stateDir: options.stateDir,
    reset: options.reset,
    context: options.context,
    onSynthesized: (synth) =>
      console.log(`Deploying ${path.relative(process.cwd(), synth.outdir) || synth.outdir} locally…`),
    lambdaRetryDelaysMs: options.lambdaRetryDelaysMs,
  });
  const { cloud, synth } = local;
  const localConsole = await startLocalConsole({
    stateDir: cloud.emulator.stateDir,
    endpointsFile: cloud.endpointsFile,
    port: options.consolePort,
    env: process.env,
  });
  console.log(
    banner(local, localConsole.url, {
      readyMs: process.uptime() * 1000,
      synthMs: synth.millis,
      cached: !synth.synthesized,
    }),
  );

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
      console.log(`\n${signal}: stopping; state saved in ${cloud.emulator.stateDir}`);
      Promise.all([localConsole.close(), cloud.close()]).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
