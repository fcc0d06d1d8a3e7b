/**
 * `hydrant stripe …`: the webhook endpoint in Stripe (register, endpoints, unregister, rotate) and
 * the signing secrets the verifier accepts (use-secret, secrets). The work is done by
 * `bin/ops/stripe/`, which the console calls too.
 */
import { Command, Option } from 'commander';
import { stripeClient } from '../../ops/stripe/api';
import {
  DEFAULT_KEEP,
  DEFAULT_STRIPE_EVENTS,
  listEndpoints,
  registerEndpoint,
  summarize,
  unregisterEndpoint,
  webhookUrl,
} from '../../ops/stripe/endpoints';
import { DEFAULT_GRACE_HOURS, finishRotation, startRotation } from '../../ops/stripe/rotation';
import { countStripeSecrets, useStripeSecret } from '../../ops/stripe/secrets';
import { action, type ContextFactory } from '../context';
import { UsageError } from '../../ops/errors';
import { table } from '../output';
import { parseCount, parseHours } from './parse';
import { readSecret, refuseArgvSecret } from './secret-input';

const apiKeyOption = () =>
  new Option('--api-key <key>', 'Stripe secret or restricted key (default: $STRIPE_API_KEY)');
const keepOption = () =>
  new Option('--keep <n>', 'signing secrets to keep active, newest first')
    .argParser(parseCount)
    .default(DEFAULT_KEEP);

export function stripeCommand(makeContext: ContextFactory): Command {
  const stripe = new Command('stripe').description('Stripe webhook endpoint and signing secrets');

  stripe
    .command('register')
    .description(
      'create the webhook endpoint in Stripe and store its signing secret, or update the enabled endpoint ' +
        'that already sends to the URL (prints the endpoint id)',
    )
    .option('--url <url>', "public webhook URL (default: the target's Stripe webhook URL)")
    .option('--events <types...>', 'event types to subscribe to', DEFAULT_STRIPE_EVENTS)
    .addOption(keepOption())
    .addOption(apiKeyOption())
    .action(
      action(
        makeContext,
        async (ctx, opts: { url?: string; events: string[]; keep: number; apiKey?: string }) => {
          const target = await ctx.target();
          const url = webhookUrl(opts.url, target.endpoints);
          const api = stripeClient(opts.apiKey, ctx.io.env);
          const r = await registerEndpoint(api, target, { url, events: opts.events, keep: opts.keep });
          ctx.output.result(r, (s) => [
            r.endpointId,
            s.dim(`Stripe ${r.created ? 'now sends' : 'sends'} ${r.enabledEvents.join(', ')} to ${r.url}`),
            r.created
              ? s.dim(
                  `signing secret stored in ${target.endpoints.secrets.stripe} (${r.activeSecrets} active)`,
                )
              : s.dim(`updated the existing endpoint; its signing secret was stored when it was created`),
          ]);
        },
      ),
    );

  stripe
    .command('endpoints')
    .description('the webhook endpoints in Stripe, with any unfinished rotation')
    .addOption(apiKeyOption())
    .action(
      action(makeContext, async (ctx, opts: { apiKey?: string }) => {
        const list = (await listEndpoints(stripeClient(opts.apiKey, ctx.io.env))).map(summarize);
        ctx.output.result({ endpoints: list }, (s) =>
          list.length === 0
            ? s.dim('Stripe has no webhook endpoints: create one with `hydrant stripe register`')
            : table(
                ['ID', 'STATUS', 'URL', 'EVENTS'],
                list.map((e) => [
                  e.replaces ? `${e.id} ${s.yellow(`(replacing ${e.replaces})`)}` : e.id,
                  e.status === 'enabled' ? s.green(e.status) : s.dim(e.status),
                  e.url,
                  e.enabledEvents.join(','),
                ]),
                s,
              ),
        );
      }),
    );

  stripe
    .command('unregister')
    .description('delete a webhook endpoint in Stripe (needs --yes: Stripe drops its pending retries)')
    .argument('<endpoint-id>', 'we_… (see `hydrant stripe endpoints`)')
    .option('--yes', 'confirm the deletion')
    .addOption(apiKeyOption())
    .action(
      action(makeContext, async (ctx, id: string, opts: { yes?: boolean; apiKey?: string }) => {
        const api = stripeClient(opts.apiKey, ctx.io.env);
        if (!opts.yes) {
          throw new UsageError(
            `Deleting ${id} stops Stripe sending to it and drops its pending retries: add --yes`,
          );
        }
        const removed = await unregisterEndpoint(api, id);
        ctx.output.result({ deleted: true, ...removed }, (s) =>
          s.yellow(`deleted ${removed.id} (${removed.url})`),
        );
      }),
    );

  stripe
    .command('rotate')
    .description(
      'start a rotation: a new endpoint for the same URL with a new secret stored in front; the old endpoint ' +
        'stays enabled. --finish disables it once a delivery signed with the new secret verified, or after ' +
        'the grace period',
    )
    .option('--finish', 'finish the rotation in progress (safe to run again, e.g. hourly)')
    .option(
      '--grace <hours>',
      'with --finish: disable the old endpoint after this long regardless',
      parseHours,
      DEFAULT_GRACE_HOURS,
    )
    .option('--force', 'with --finish: disable the old endpoint now, verified or not')
    .option('--endpoint <id>', 'the endpoint to replace (default: the enabled one whose URL is --url)')
    .option('--url <url>', "the endpoint's URL (default: the target's Stripe webhook URL)")
    .addOption(keepOption())
    .addOption(apiKeyOption())
    .action(
      action(
        makeContext,
        async (
          ctx,
          opts: {
            finish?: boolean;
            grace: number;
            force?: boolean;
            endpoint?: string;
            url?: string;
            keep: number;
            apiKey?: string;
          },
        ) => {
          const target = await ctx.target();
          const api = stripeClient(opts.apiKey, ctx.io.env);
          if (opts.finish) {
            const r = await finishRotation(api, target, {
              endpoint: opts.endpoint,
              url: opts.url,
              graceHours: opts.grace,
              force: opts.force,
            });
            ctx.output.result(r, (s) =>
              r.finished
                ? s.green(
                    `rotation finished (${r.reason}): ${r.previousEndpointId} disabled, ${r.endpointId} current`,
                  )
                : s.yellow(
                    `waiting: no delivery signed with the new secret of ${r.endpointId} has verified yet; ` +
                      `${r.previousEndpointId} stays enabled until then or ${r.graceEndsAt}`,
                  ),
            );
            return;
          }
          if (opts.force) throw new UsageError('--force applies to --finish');
          const url = opts.endpoint ? undefined : webhookUrl(opts.url, target.endpoints);
          const r = await startRotation(api, target, { endpoint: opts.endpoint, url, keep: opts.keep });
          ctx.output.result(r, (s) => [
            r.endpointId,
            s.dim(
              `new endpoint for ${r.url}; ${r.previousEndpointId} stays enabled; ${r.activeSecrets} signing secrets ` +
                'active. Run `hydrant stripe rotate --finish` to disable the old endpoint once the new secret verifies.',
            ),
          ]);
        },
      ),
    );

  stripe
    .command('use-secret')
    .description(
      'store a whsec_ signing secret (e.g. from `stripe listen --print-secret`) read from stdin or a prompt; ' +
        'without --stdin or --prompt, generate one for local test webhooks',
    )
    .argument('[secret]', 'not accepted: secrets on the command line end up in shell history')
    .option('--stdin', 'read the secret from standard input')
    .option('--prompt', 'ask for the secret (not echoed)')
    .addOption(keepOption())
    .action(
      action(
        makeContext,
        async (ctx, given: string | undefined, opts: { stdin?: boolean; prompt?: boolean; keep: number }) => {
          refuseArgvSecret(given, 'stripe use-secret');
          const secret = await readSecret(ctx.io, opts, 'Stripe signing secret (whsec_…)');
          const r = await useStripeSecret(await ctx.target(), secret, opts.keep);
          ctx.output.result(r, (s) =>
            s.green(
              `${r.generated ? 'Generated and stored' : 'Stored'} the signing secret (${r.activeSecrets} active, newest first)`,
            ),
          );
        },
      ),
    );

  stripe
    .command('secrets')
    .description('how many Stripe signing secrets are active (values are never printed)')
    .action(
      action(makeContext, async (ctx) => {
        const r = await countStripeSecrets(await ctx.target());
        ctx.output.result(r, () => `${r.activeSecrets} active signing secret(s) in ${r.secretId}`);
      }),
    );

  return stripe;
}
