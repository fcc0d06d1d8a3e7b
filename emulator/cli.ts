/**
 * `npm run emulator`: the local AWS services alone (EventBridge, SQS, S3, Secrets Manager), with
 * nothing deployed. Ctrl-C / SIGTERM flush state and exit.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './index';
import { keepServingOnStrayErrors } from './server/crash-guard';

const HELP = `Usage: npm run emulator -- [options]

Runs the local AWS services (EventBridge, SQS, S3, Secrets Manager) on one port.

Options:
  --port <n>      port to listen on (default 4566; 0 picks a free one)
  --state <dir>   state folder (default .emulator, unless the npm script passes one); one emulator
                  per folder
  --reset         delete the state folder first (only a folder the emulator created)
  --region <r>    region in ARNs and URLs (default us-east-1)
  --help          show this help

Point the AWS SDK at it with AWS_ENDPOINT_URL=http://127.0.0.1:<port> and any credentials.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      state: { type: 'string', default: '.emulator' },
      reset: { type: 'boolean', default: false },
      region: { type: 'string', default: 'us-east-1' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, not ${values.port}.`);
  keepServingOnStrayErrors();
  const emulator = await startEmulator({
    port,
    stateDir: values.state,
    reset: values.reset,
    region: values.region,
  });
  console.log(`emulator listening on ${emulator.endpoint} (state in ${emulator.stateDir})`);
  console.log(
    `  export AWS_ENDPOINT_URL=${emulator.endpoint} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=${values.region}`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping, state saved in ${emulator.stateDir}`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
