/** `hydrant console`: the web console for the target, served on 127.0.0.1 until Ctrl-C. */
import { Command, InvalidArgumentError } from 'commander';
import { action, type ContextFactory } from '../context';

export const DEFAULT_CONSOLE_PORT = 4568;

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('must be a port from 0 to 65535');
  return n;
}

export function consoleCommand(makeContext: ContextFactory): Command {
  return new Command('console')
    .description(
      'serve the web console (bus, orders, objects, DLQs, rejected webhooks, send, Stripe) on 127.0.0.1; ' +
        'AWS calls use your credentials in this process, never in the browser',
    )
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, DEFAULT_CONSOLE_PORT)
    .action(
      action(makeContext, async (ctx, opts: { port: number }) => {
        const target = await ctx.target();
        // Loaded on use: the console's pages are not needed by the other commands' startup.
        const { startConsole } = await import('../../console/server');
        const server = await startConsole({ target, port: opts.port, env: ctx.io.env });
        ctx.output.result({ console: server.url, target: target.endpoints.description }, (s) => [
          `${s.bold('hydrant console')} ${server.url}  ${s.dim(`(${target.endpoints.description})`)}`,
          ...(server.busProblem ? [s.yellow(`the bus is not watched: ${server.busProblem}`)] : []),
          s.dim('Ctrl-C stops it (and deletes its temporary bus rule and queue)'),
        ]);
        await new Promise<void>((resolve) => {
          if (ctx.io.signal?.aborted) return resolve();
          ctx.io.signal?.addEventListener('abort', () => resolve(), { once: true });
        });
        for (const problem of await server.close())
          ctx.output.error(`cleanup failed, remove it by hand: ${problem}`);
      }),
    );
}
