/** The `hydrant` command tree and its global options. */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { CommandContext, type ContextFactory, type GlobalOptions } from './context';
import { colourEnabled, type CliIo } from './io';
import { consoleCommand } from './commands/console';
import { deliveryCommand } from './commands/delivery';
import { dlqCommand } from './commands/dlq';
import { eventsCommand } from './commands/events';
import { objectsCommand } from './commands/objects';
import { orderCommand } from './commands/order';
import { partnerCommand } from './commands/partner';
import { rejectedCommand } from './commands/rejected';
import { sendCommand } from './commands/send';
import { stripeCommand } from './commands/stripe';

const EXIT_CODES_HELP = `
Targets:
  local (default)  the emulator started by \`npm start\`, found through <state>/endpoints.json
                   (state folder: --state, else $HYDRANT_STATE, else .hydrant/)
  deployed         --stack <name> [--region] [--profile]: the stack's CloudFormation outputs

Exit codes:
  0  ok
  1  the operation failed (AWS or HTTP error, rejected webhook, failed redrive)
  2  usage error (bad arguments or options, missing --yes)
  3  no target: emulator not running, stack not found, or the target lacks what the command needs
  4  not found: the named object, queue, order or Stripe endpoint does not exist`;

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function buildProgram(io: CliIo, onContext: (ctx: CommandContext) => void): Command {
  const program = new Command('hydrant')
    .description(
      'Operate hydrant: Stripe webhooks, test events, hydrated objects and DLQs, locally or deployed',
    )
    .addOption(new Option('--json', 'print results as JSON (one document; `events tail`: one per line)'))
    .addOption(
      new Option(
        '--state <dir>',
        'local state folder holding endpoints.json (default: $HYDRANT_STATE or .hydrant)',
      ),
    )
    .addOption(new Option('--stack <name>', 'operate a deployed stack instead of the local emulator'))
    .addOption(new Option('--region <region>', 'AWS region of --stack (default: $AWS_REGION or the profile)'))
    .addOption(new Option('--profile <name>', 'AWS shared-config profile for --stack'))
    .version(version)
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHasColors: () => colourEnabled(io.stdout, io.env),
      getErrHasColors: () => colourEnabled(io.stderr, io.env),
    });

  const makeContext: ContextFactory = (command) => {
    const ctx = new CommandContext(io, command.optsWithGlobals<GlobalOptions>());
    onContext(ctx);
    return ctx;
  };
  for (const command of [
    stripeCommand(makeContext),
    deliveryCommand(makeContext),
    sendCommand(makeContext),
    objectsCommand(makeContext),
    orderCommand(makeContext),
    rejectedCommand(makeContext),
    dlqCommand(makeContext),
    eventsCommand(makeContext),
    partnerCommand(makeContext),
    consoleCommand(makeContext),
  ]) {
    program.addCommand(inheritSettings(command, program));
  }
  return program;
}

/** Commands built apart from the program take its output and exit handling, recursively. */
function inheritSettings(command: Command, parent: Command): Command {
  command.copyInheritedSettings(parent);
  for (const sub of command.commands) inheritSettings(sub, command);
  return command;
}
