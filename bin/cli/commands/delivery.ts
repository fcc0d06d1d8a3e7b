/** `hydrant delivery use-secret`: set a delivery provider's signing secret. */
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { storeDeliverySecret } from '../aws/signing-secrets';
import { action, type ContextFactory } from '../context';
import { UsageError } from '../errors';
import { parseCount } from './parse';

export function deliveryCommand(makeContext: ContextFactory): Command {
  const delivery = new Command('delivery').description('delivery-provider signing secrets');

  delivery
    .command('use-secret')
    .description("store a provider's signing secret at the front of its list (the previous one stays active)")
    .argument('<provider>', 'a provider the stack accepts, e.g. acme-post')
    .argument('[secret]', 'the shared secret (default: generate one and print it, to give to the provider)')
    .option('--keep <n>', 'secrets to keep active for this provider, newest first', parseCount)
    .action(
      action(
        makeContext,
        async (ctx, provider: string, secret: string | undefined, opts: { keep?: number }) => {
          if (secret !== undefined && secret.length < 16) {
            throw new UsageError('A delivery signing secret must be at least 16 characters');
          }
          const value = secret ?? randomBytes(32).toString('hex');
          const endpoints = await ctx.endpoints();
          const { secrets } = await ctx.clients();
          const activeSecrets = await storeDeliverySecret(
            secrets,
            endpoints.secrets.delivery,
            provider,
            value,
            opts.keep,
          );
          // A generated secret is printed once, because the provider needs it; a given one never is.
          const generated = secret === undefined ? { secret: value } : {};
          ctx.output.result({ provider, stored: true, activeSecrets, ...generated }, (s) => [
            ...(secret === undefined ? [value] : []),
            s.dim(`stored for ${provider} (${activeSecrets} active, newest first)`),
          ]);
        },
      ),
    );

  return delivery;
}
