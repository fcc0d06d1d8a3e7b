/**
 * What a command runs with: the output (json or text), the target's endpoints and AWS clients,
 * resolved once on first use from the global options.
 */
import type { Command } from 'commander';
import { createClients, type AwsClients } from '../ops/aws/clients';
import type { OpsTarget } from '../ops/context';
import type { CliIo } from './io';
import { Output } from './output';
import type { Endpoints } from './target/endpoints';
import { resolveTarget, type TargetOptions } from './target/resolve-target';

export interface GlobalOptions extends TargetOptions {
  readonly json?: boolean;
}

export class CommandContext {
  readonly output: Output;
  private endpointsPromise?: Promise<Endpoints>;
  private awsClients?: AwsClients;
  /** Known once the target is resolved, for connection-refused messages. */
  awsEndpoint?: string;

  constructor(
    readonly io: CliIo,
    readonly options: GlobalOptions,
  ) {
    this.output = new Output(io, options.json === true);
  }

  endpoints(): Promise<Endpoints> {
    this.endpointsPromise ??= resolveTarget(this.options, this.io).then((e) => {
      this.awsEndpoint = e.awsEndpoint;
      return e;
    });
    return this.endpointsPromise;
  }

  async clients(): Promise<AwsClients> {
    const endpoints = await this.endpoints();
    this.awsClients ??= createClients(endpoints);
    return this.awsClients;
  }

  /** The target as the operations layer (`bin/ops/`) takes it. */
  async target(): Promise<OpsTarget> {
    return { endpoints: await this.endpoints(), clients: await this.clients() };
  }

  close(): void {
    this.awsClients?.destroy();
  }
}

export type ContextFactory = (command: Command) => CommandContext;

/**
 * Adapts a command body to commander's action signature: positional arguments first, then the
 * command's own options; the context comes from the command's options merged with the globals.
 */
export function action<A extends unknown[]>(
  makeContext: ContextFactory,
  run: (ctx: CommandContext, ...args: A) => Promise<void>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const ctx = makeContext(command);
    await run(ctx, ...(args.slice(0, -1) as A));
  };
}
