/**
 * Runs one `hydrant` invocation and returns its exit code. Errors end here: printed once (and as
 * `{"error": …}` on stdout with --json), mapped to the exit codes documented in `--help`.
 */
import { CommanderError } from 'commander';
import type { CommandContext } from './context';
import { ExitCode, ReportedFailure, toCliError } from '../ops/errors';
import type { CliIo } from './io';
import { Output } from './output';
import { buildProgram } from './program';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const contexts: CommandContext[] = [];
  const program = buildProgram(io, (ctx) => contexts.push(ctx));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the problem (or the help) already.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const ctx = contexts.at(-1);
    const cliError = toCliError(error, ctx?.awsEndpoint);
    const json = ctx?.options.json ?? argv.includes('--json');
    const output = ctx?.output ?? new Output(io, json);
    output.error(cliError.message);
    if (json && !(cliError instanceof ReportedFailure)) {
      io.stdout.write(
        `${JSON.stringify({ error: { name: cliError.name, message: cliError.message, exitCode: cliError.exitCode } }, null, 2)}\n`,
      );
    }
    return cliError.exitCode;
  } finally {
    for (const ctx of contexts) ctx.close();
  }
}
