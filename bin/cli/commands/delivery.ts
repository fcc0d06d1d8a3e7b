/** `hydrant delivery use-secret`: set a delivery provider's signing secret. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { useDeliverySecret } from '../../ops/delivery/secrets';
import { action, type ContextFactory } from '../context';
import { UsageError } from '../../ops/errors';
import { parseCount } from './parse';
import { readSecret, refuseArgvSecret } from './secret-input';

export function deliveryCommand(makeContext: ContextFactory): Command {
  const delivery = new Command('delivery').description('delivery-provider signing secrets');

  delivery
    .command('use-secret')
    .description(
      "store a provider's signing secret at the front of its list (the previous one stays active), read from " +
        'stdin or a prompt; without --stdin or --prompt, generate one and print it once, to give to the provider',
    )
    .argument('<provider>', 'a provider the stack accepts, e.g. acme-post')
    .argument('[secret]', 'not accepted: secrets on the command line end up in shell history')
    .option('--stdin', 'read the secret from standard input')
    .option('--prompt', 'ask for the secret (not echoed)')
    .option('--secret-file <path>', 'write a generated secret to this file (mode 600) instead of printing it')
    .option('--keep <n>', 'secrets to keep active for this provider, newest first', parseCount)
    .action(
      action(
        makeContext,
        async (
          ctx,
          provider: string,
          given: string | undefined,
          opts: { stdin?: boolean; prompt?: boolean; secretFile?: string; keep?: number },
        ) => {
          refuseArgvSecret(given, `delivery use-secret ${provider}`);
          const secret = await readSecret(ctx.io, opts, `${provider} signing secret`);
          if (secret === undefined && ctx.output.json && opts.secretFile === undefined) {
            throw new UsageError(
              '--json never prints a secret: add --secret-file <path> to receive the generated one',
            );
          }
          if (secret !== undefined && opts.secretFile !== undefined) {
            throw new UsageError(
              '--secret-file receives a generated secret; it applies without --stdin/--prompt',
            );
          }
          const { generatedSecret, ...stored } = await useDeliverySecret(
            await ctx.target(),
            provider,
            secret,
            opts.keep,
          );
          const secretFile = opts.secretFile === undefined ? undefined : resolve(ctx.io.cwd, opts.secretFile);
          if (generatedSecret !== undefined && secretFile !== undefined) {
            await writeFile(secretFile, `${generatedSecret}\n`, { mode: 0o600 });
          }
          ctx.output.result(
            { ...stored, generated: generatedSecret !== undefined, ...(secretFile ? { secretFile } : {}) },
            (s) => [
              // A generated secret is printed once, because the provider needs it; a given one never is.
              ...(generatedSecret !== undefined && secretFile === undefined ? [generatedSecret] : []),
              s.dim(
                `stored for ${provider} (${stored.activeSecrets} active, newest first)` +
                  (secretFile ? `; the generated secret is in ${secretFile}` : ''),
              ),
            ],
          );
        },
      ),
    );

  return delivery;
}
