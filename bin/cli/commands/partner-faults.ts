/**
 * `hydrant partner faults get|set|clear`: the mock partner's fault control (`/admin/faults`),
 * authorized with the partner bearer token. Only the mock partner has one.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { partnerBearerToken } from '../../ops/aws/partner-token';
import { action, type CommandContext, type ContextFactory } from '../context';
import { CliError, TargetUnavailableError, UsageError } from '../../ops/errors';
import {
  FaultControlError,
  MockPartnerFaultControl,
  type FaultDocument,
  type FaultState,
  type IdFaultSpec,
} from '../../ops/partner/fault-control';
import { requireEndpoint } from '../target/endpoints';
import type { Style } from '../style';

const ID_FAULT_HELP = `
Per-id faults (--id <id>=<kind>[:<n>], repeatable):
  fail[:n]       HTTP 503 for the first n calls naming the id (no n: until cleared)
  throttle[:n]   HTTP 429 with Retry-After: 1
  html[:n]       HTTP 200 with an HTML maintenance page
  slow[:ms]      wait ms milliseconds (default 3000) before every answer

Without the fault control, ids ask for faults by prefix: fail-<n>-…, throttle-<n>-…, html-<n>-…,
slow-<ms>-… (and missing-… is never known). A stored document replaces the deployment's faults
(hydrant:mockPartnerFaults) until \`clear\`; every write restarts the per-id counts.

Examples:
  hydrant partner faults set --error-5xx-rate 0.3 --error-429-rate 0.1 --seed 7
  hydrant partner faults set --id ord-1001=fail:5 --id ord-1002=slow:8000
  hydrant partner faults clear`;

export function partnerFaultsCommand(makeContext: ContextFactory): Command {
  const faults = new Command('faults').description(
    "inject faults into the mock partner's GraphQL API at run time",
  );

  faults
    .command('get')
    .description('show the stored faults and the faults in effect')
    .action(action(makeContext, async (ctx) => show(ctx, await (await control(ctx)).get())));

  faults
    .command('set')
    .description('replace the faults in effect (rates, latency, per-id faults)')
    .option('--file <faults.json>', 'a whole fault document, as GET shows under "stored"')
    .option('--latency <ms>', 'added to every answer', wholeNumber)
    .option('--error-5xx-rate <r>', 'share of requests answered 500 (0–1)', rate)
    .option('--error-429-rate <r>', 'share of requests answered 429 (0–1)', rate)
    .option('--errors-block-rate <r>', 'share of answers with partial data and an errors block (0–1)', rate)
    .option('--not-found-rate <r>', 'share of answers saying the id does not exist (0–1)', rate)
    .option('--seed <n>', 'seed of the rate faults, for a reproducible run', wholeNumber)
    .option('--id <id=kind[:n]>', 'a per-id fault (repeatable)', collectIdFault, {})
    .addHelpText('after', ID_FAULT_HELP)
    .action(
      action(makeContext, async (ctx, opts: SetOptions) => {
        const document = await faultDocument(ctx, opts);
        show(ctx, await (await control(ctx)).set(document));
      }),
    );

  faults
    .command('clear')
    .description("drop the stored faults: back to the deployment's faults, per-id counts restart")
    .action(action(makeContext, async (ctx) => show(ctx, await (await control(ctx)).clear())));

  return faults;
}

interface SetOptions {
  readonly file?: string;
  readonly latency?: number;
  readonly error5xxRate?: number;
  readonly error429Rate?: number;
  readonly errorsBlockRate?: number;
  readonly notFoundRate?: number;
  readonly seed?: number;
  readonly id: Record<string, IdFaultSpec>;
}

async function faultDocument(ctx: CommandContext, opts: SetOptions): Promise<FaultDocument> {
  let base: FaultDocument = {};
  if (opts.file !== undefined) {
    const path = resolve(ctx.io.cwd, opts.file);
    try {
      base = JSON.parse(await readFile(path, 'utf8')) as FaultDocument;
    } catch (cause) {
      throw new UsageError(`Cannot read a JSON fault document from ${path}: ${(cause as Error).message}`, {
        cause,
      });
    }
  }
  const flags: FaultDocument = {
    latencyMs: opts.latency,
    error5xxRate: opts.error5xxRate,
    error429Rate: opts.error429Rate,
    errorsBlockRate: opts.errorsBlockRate,
    notFoundRate: opts.notFoundRate,
    seed: opts.seed,
  };
  const defined = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  const ids = { ...base.ids, ...opts.id };
  return { ...base, ...defined, ...(Object.keys(ids).length > 0 ? { ids } : {}) };
}

async function control(ctx: CommandContext): Promise<Wrapped> {
  const endpoints = await ctx.endpoints();
  const graphql = endpoints.mockPartner.graphql;
  if (!graphql) {
    throw new TargetUnavailableError(
      `${endpoints.description} has no mock partner (mockPartner.graphql): faults can only be injected into ` +
        'the mock partner, deployed with hydrant:mockPartner=true (as `npm start` does)',
    );
  }
  const token = await partnerBearerToken(
    (await ctx.clients()).secrets,
    requireEndpoint(endpoints, 'secrets.partner'),
  );
  return new Wrapped(MockPartnerFaultControl.forGraphqlUrl(graphql, token));
}

/** The client with its failures turned into CLI errors (a refused document is a usage error). */
class Wrapped {
  constructor(private readonly client: MockPartnerFaultControl) {}
  get = () => this.guard(() => this.client.get());
  set = (doc: FaultDocument) => this.guard(() => this.client.set(doc));
  clear = () => this.guard(() => this.client.clear());

  private async guard(call: () => Promise<FaultState>): Promise<FaultState> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof FaultControlError) {
        if (error.status === 400) throw new UsageError(error.message, { cause: error });
        if (error.status === 403 || error.status === 404) {
          throw new TargetUnavailableError(
            `${error.message}\nThe mock partner predates the fault control: redeploy it (restart \`npm start\`).`,
            { cause: error },
          );
        }
        throw new CliError(error.message, { cause: error });
      }
      throw error;
    }
  }
}

function show(ctx: CommandContext, state: FaultState): void {
  ctx.output.result(state, (s) => describe(state, s));
}

function describe(state: FaultState, s: Style): string[] {
  const e = state.effective;
  const rates = [
    `latency ${e.latencyMs} ms`,
    `5xx ${e.error5xxRate}`,
    `429 ${e.error429Rate}`,
    `errors block ${e.errorsBlockRate}`,
    `not found ${e.notFoundRate}`,
    `seed ${e.seed}`,
  ].join(', ');
  const ids = Object.entries(e.ids).map(
    ([id, f]) =>
      `  ${id}  ${f.kind}${f.kind === 'slow' ? ` ${f.ms ?? 3000} ms` : f.times ? ` × ${f.times}` : ' until cleared'}`,
  );
  return [
    `${s.green('faults')} from the ${state.source === 'runtime' ? 'fault control' : 'deployment'}` +
      (state.updatedAt ? s.dim(` (set ${state.updatedAt})`) : ''),
    `  ${rates}`,
    ...(ids.length > 0
      ? ['per id:', ...ids]
      : [
          s.dim(
            '  no per-id faults (id prefixes fail-<n>-, throttle-<n>-, html-<n>-, slow-<ms>- still apply)',
          ),
        ]),
  ];
}

function rate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1))
    throw new InvalidArgumentError('must be a number from 0 to 1');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number of 0 or more');
  return n;
}

const KINDS = ['fail', 'throttle', 'html', 'slow'] as const;

export function parseIdFault(value: string): [string, IdFaultSpec] {
  const match = /^(.+)=(fail|throttle|html|slow)(?::(\d+))?$/.exec(value);
  if (!match) {
    throw new InvalidArgumentError(
      `expected <id>=<${KINDS.join('|')}>[:<n>], e.g. ord-1001=fail:3 (got "${value}")`,
    );
  }
  const [, id, kind, n] = match as unknown as [string, string, IdFaultSpec['kind'], string | undefined];
  const number = n === undefined ? {} : kind === 'slow' ? { ms: Number(n) } : { times: Number(n) };
  return [id, { kind, ...number }];
}

function collectIdFault(value: string, previous: Record<string, IdFaultSpec>): Record<string, IdFaultSpec> {
  const [id, fault] = parseIdFault(value);
  return { ...previous, [id]: fault };
}
