/**
 * `npm run smoke:awscli`: drives the AWS CLI (v1 or v2, e.g. Debian's `awscli` package) through
 * everyday commands against the emulator: S3 (mb, cp small and 20 MB, ls, cp down, presign + fetch,
 * s3api list-objects, sync, rm), SQS (send/receive), EventBridge (put-events) and Secrets Manager
 * (get-secret-value). Prints one line per step; exits 1 when a step fails.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface SmokeStep {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  detail?: string;
}

export interface SmokeOptions {
  endpoint: string;
  /** The CLI executable. @default 'aws' */
  aws?: string;
  log?: (line: string) => void;
}

class StepFailure extends Error {}
class StepSkipped extends Error {}

const MiB = 1024 * 1024;

/** The CLI's output (stdout), or a StepFailure with its stderr. Never blocks the event loop. */
function runCli(aws: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(aws, args, { env, maxBuffer: 64 * MiB, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new StepFailure(`aws ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/** The CLI's JSON output; CLI v2 prints nothing for an empty listing. */
function json<T>(text: string): T {
  return (text.trim() === '' ? {} : JSON.parse(text)) as T;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new StepFailure(message);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function runAwsCliSmoke(options: SmokeOptions): Promise<SmokeStep[]> {
  const log = options.log ?? console.log;
  const aws = options.aws ?? 'aws';
  const work = mkdtempSync(join(tmpdir(), 'hydrant-awscli-'));
  // No user profile or config leaks in: dummy credentials, one region, no pager.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: work,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(work, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'credentials'),
    AWS_PAGER: '',
  };
  const cli = (...args: string[]) =>
    runCli(aws, [...args, '--endpoint-url', options.endpoint, '--output', 'json'], env);
  const bucket = `smoke-${randomBytes(4).toString('hex')}`;
  const small = join(work, 'small.txt');
  const big = join(work, 'big.bin');
  writeFileSync(small, 'hello from the aws cli\n');
  writeFileSync(big, randomBytes(20 * MiB));
  const steps: SmokeStep[] = [];

  async function step(name: string, body: () => Promise<void>): Promise<void> {
    const started = performance.now();
    try {
      await body();
      steps.push({ name, outcome: 'passed' });
      log(`  ok    ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const outcome = error instanceof StepSkipped ? 'skipped' : 'failed';
      steps.push({ name, outcome, detail });
      log(`  ${outcome === 'skipped' ? 'skip' : 'FAIL'}  ${name}: ${detail}`);
    }
  }

  try {
    log(`AWS CLI smoke against ${options.endpoint}: ${(await runCli(aws, ['--version'], env)).trim()}`);
    await step('sts get-caller-identity', async () => {
      const identity = json(await cli('sts', 'get-caller-identity')) as { Account?: string; Arn?: string };
      check(
        /^\d{12}$/.test(identity.Account ?? ''),
        `get-caller-identity answered ${JSON.stringify(identity)}`,
      );
    });
    await step('s3 mb', async () => {
      await cli('s3', 'mb', `s3://${bucket}`);
    });
    await step('s3 cp (small file up)', async () => {
      await cli('s3', 'cp', small, `s3://${bucket}/docs/small file.txt`);
    });
    await step('s3 cp (20 MB file up, multipart)', async () => {
      await cli('s3', 'cp', big, `s3://${bucket}/big.bin`);
      const head = json(await cli('s3api', 'head-object', '--bucket', bucket, '--key', 'big.bin')) as {
        ContentLength: number;
        ETag: string;
      };
      check(head.ContentLength === 20 * MiB, `big.bin has ${head.ContentLength} bytes, not ${20 * MiB}`);
      check(/-\d+"$/.test(head.ETag), `big.bin's ETag ${head.ETag} is not a multipart ETag`);
    });
    await step('s3 ls', async () => {
      const listing = await runCli(
        aws,
        ['s3', 'ls', `s3://${bucket}/`, '--recursive', '--endpoint-url', options.endpoint],
        env,
      );
      check(
        listing.includes('docs/small file.txt') && listing.includes('big.bin'),
        `unexpected listing:\n${listing}`,
      );
    });
    await step('s3 cp (20 MB file down)', async () => {
      const down = join(work, 'down.bin');
      await cli('s3', 'cp', `s3://${bucket}/big.bin`, down);
      check(sha256(readFileSync(down)) === sha256(readFileSync(big)), 'the downloaded file differs');
    });
    await step('s3 presign + fetch', async () => {
      const url = (
        await runCli(
          aws,
          ['s3', 'presign', `s3://${bucket}/docs/small file.txt`, '--endpoint-url', options.endpoint],
          env,
        )
      ).trim();
      const response = await fetch(url);
      const text = await response.text();
      check(response.status === 200, `presigned GET answered ${response.status}: ${text}`);
      check(text === readFileSync(small, 'utf8'), 'presigned GET returned other bytes');
    });
    await step('s3api list-objects (v1, encoding-type=url)', async () => {
      const out = json(await cli('s3api', 'list-objects', '--bucket', bucket, '--prefix', 'docs/')) as {
        Contents?: { Key: string }[];
      };
      const keys = (out.Contents ?? []).map((c) => c.Key);
      check(
        keys.length === 1 && keys[0] === 'docs/small file.txt',
        `unexpected keys ${JSON.stringify(keys)}`,
      );
    });
    await step('s3 sync', async () => {
      const dir = join(work, 'site');
      mkdirSync(join(dir, 'nested'), { recursive: true });
      writeFileSync(join(dir, 'index.html'), '<h1>hi</h1>');
      writeFileSync(join(dir, 'nested', 'a+b.txt'), 'plus');
      await cli('s3', 'sync', dir, `s3://${bucket}/site/`);
      const second = await cli('s3', 'sync', dir, `s3://${bucket}/site/`);
      check(!second.includes('upload:'), `a second sync uploaded again:\n${second}`);
      const out = json(await cli('s3api', 'list-objects-v2', '--bucket', bucket, '--prefix', 'site/')) as {
        Contents?: { Key: string }[];
      };
      const keys = (out.Contents ?? []).map((c) => c.Key).sort();
      check(
        JSON.stringify(keys) === JSON.stringify(['site/index.html', 'site/nested/a+b.txt']),
        `unexpected synced keys ${JSON.stringify(keys)}`,
      );
    });
    await step('s3api list-object-versions / get-bucket-acl', async () => {
      const versions = json(
        await cli('s3api', 'list-object-versions', '--bucket', bucket, '--prefix', 'docs/'),
      ) as { Versions?: { Key: string; VersionId: string; IsLatest: boolean }[] };
      const listed = (versions.Versions ?? []).map((v) => `${v.Key} ${v.VersionId} ${v.IsLatest}`);
      check(
        JSON.stringify(listed) === JSON.stringify(['docs/small file.txt null true']),
        `unexpected versions ${JSON.stringify(listed)}`,
      );
      const acl = json(await cli('s3api', 'get-bucket-acl', '--bucket', bucket)) as {
        Grants?: { Permission: string }[];
      };
      check(acl.Grants?.[0]?.Permission === 'FULL_CONTROL', `get-bucket-acl answered ${JSON.stringify(acl)}`);
    });
    await step('s3 rm', async () => {
      await cli('s3', 'rm', `s3://${bucket}/docs/small file.txt`);
      const out = json(await cli('s3api', 'list-objects', '--bucket', bucket, '--prefix', 'docs/')) as {
        Contents?: unknown[];
      };
      check((out.Contents ?? []).length === 0, 'the object is still listed after s3 rm');
    });
    await step('sqs send-message / receive-message', async () => {
      let created: string;
      try {
        created = await cli('sqs', 'create-queue', '--queue-name', `${bucket}-queue`);
      } catch (error) {
        // CLIs older than botocore's 2023 switch send SQS the form-encoded query protocol.
        if (String(error).includes('query protocol'))
          throw new StepSkipped('this CLI speaks the SQS query protocol, which the emulator does not serve');
        throw error;
      }
      const url = json<{ QueueUrl: string }>(created).QueueUrl;
      await cli('sqs', 'send-message', '--queue-url', url, '--message-body', 'smoke message');
      const received = json(
        await cli('sqs', 'receive-message', '--queue-url', url, '--wait-time-seconds', '1'),
      ) as { Messages?: { Body: string }[] };
      check(received.Messages?.[0]?.Body === 'smoke message', `received ${JSON.stringify(received)}`);
    });
    await step('events put-events', async () => {
      const entries = JSON.stringify([{ Source: 'smoke.test', DetailType: 'Smoke', Detail: '{"ok":true}' }]);
      const out = json(await cli('events', 'put-events', '--entries', entries)) as {
        FailedEntryCount: number;
      };
      check(out.FailedEntryCount === 0, `put-events answered ${JSON.stringify(out)}`);
    });
    await step('secretsmanager get-secret-value', async () => {
      await cli(
        'secretsmanager',
        'create-secret',
        '--name',
        `${bucket}/secret`,
        '--secret-string',
        '{"k":"v"}',
      );
      const out = json(
        await cli('secretsmanager', 'get-secret-value', '--secret-id', `${bucket}/secret`),
      ) as {
        SecretString: string;
      };
      check(out.SecretString === '{"k":"v"}', `get-secret-value answered ${JSON.stringify(out)}`);
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const failed = steps.filter((s) => s.outcome === 'failed').length;
  const passed = steps.filter((s) => s.outcome === 'passed').length;
  log(`${passed} passed, ${failed} failed, ${steps.length - passed - failed} skipped`);
  return steps;
}

const HELP = `Usage: npm run smoke:awscli -- [options]

Runs everyday AWS CLI commands (sts get-caller-identity, s3 mb/cp/ls/presign/sync/rm, s3api
list-objects, list-object-versions and get-bucket-acl, sqs, events, secretsmanager) against the emulator and checks their results.

Options:
  --endpoint <url>  a running emulator (e.g. http://127.0.0.1:4566 from \`npm run emulator\`);
                    without it a bare emulator is started on a free port with a temporary state folder
  --aws <path>      the AWS CLI executable (default: aws on PATH; Debian: apt-get install awscli)
  --help            show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      aws: { type: 'string', default: 'aws' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  let endpoint = values.endpoint;
  let close = async () => {};
  if (!endpoint) {
    const { startEmulator } = await import('../emulator/index');
    const stateDir = mkdtempSync(join(tmpdir(), 'hydrant-smoke-state-'));
    const emulator = await startEmulator({ port: 0, stateDir });
    endpoint = emulator.endpoint;
    close = async () => {
      await emulator.close();
      rmSync(stateDir, { recursive: true, force: true });
    };
  }
  try {
    const steps = await runAwsCliSmoke({ endpoint, aws: values.aws });
    process.exitCode = steps.some((s) => s.outcome === 'failed') ? 1 : 0;
  } finally {
    await close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      message.includes('ENOENT')
        ? 'The AWS CLI was not found: install it (Debian: apt-get install awscli) or pass --aws <path>.'
        : message,
    );
    process.exit(1);
  });
}
