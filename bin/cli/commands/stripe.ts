/**
 * `hydrant stripe …`: register the webhook endpoint with Stripe, rotate its signing secret, or
 * store a secret from `stripe listen`. Secrets go to the front of the stack's Stripe secret and the
 * previous ones stay active, so webhooks signed with either verify during a rotation.
 */
import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import type Stripe from 'stripe';
import { readStripeSecrets, storeStripeSecret } from '../aws/signing-secrets';
import { action, type ContextFactory } from '../context';
import { CliError, NotFoundError, UsageError } from '../errors';
import type { Endpoints } from '../target/endpoints';
import { stripeClient } from './stripe-api';
import { parseCount } from './parse';

/** The Stripe events the shop services consume. */
export const DEFAULT_STRIPE_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'charge.refunded',
];

const apiKeyOption = () =>
  new Option('--api-key <key>', 'Stripe secret or restricted key (default: $STRIPE_API_KEY)');

export function stripeCommand(makeContext: ContextFactory): Command {
  const stripe = new Command('stripe').description('Stripe webhook endpoint and signing secrets');

  stripe
    .command('register')
    .description(
      'create the webhook endpoint in Stripe and store its signing secret (prints the endpoint id)',
    )
    .option('--url <url>', "public webhook URL (default: the target's Stripe webhook URL)")
    .option('--events <types...>', 'event types to subscribe to', DEFAULT_STRIPE_EVENTS)
    .addOption(apiKeyOption())
    .action(
      action(makeContext, async (ctx, opts: { url?: string; events: string[]; apiKey?: string }) => {
        const endpoints = await ctx.endpoints();
        const url = webhookUrl(opts.url, endpoints);
        const api = stripeClient(opts.apiKey, ctx.io);
        const { secrets } = await ctx.clients();
        const created = await api.webhookEndpoints.create({
          url,
          enabled_events: opts.events as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
          description: 'hydrant',
        });
        const activeSecrets = await storeCreatedSecret(endpoints, created, secrets);
        ctx.output.result(
          { endpointId: created.id, url: created.url, enabledEvents: created.enabled_events, activeSecrets },
          (s) => [
            created.id,
            s.dim(`Stripe now sends ${created.enabled_events.join(', ')} to ${created.url}`),
            s.dim(`signing secret stored in ${endpoints.secrets.stripe} (${activeSecrets} active)`),
          ],
        );
      }),
    );

  stripe
    .command('rotate')
    .description(
      'replace the webhook endpoint with a new one and a new secret; the previous secret stays active ' +
        '(the old endpoint is deleted, so Stripe stops retrying deliveries to it)',
    )
    .option('--endpoint <id>', 'the endpoint to replace (default: the one whose URL is --url)')
    .option('--url <url>', "the endpoint's URL (default: the target's Stripe webhook URL)")
    .option('--keep <n>', 'signing secrets to keep active, newest first', parseCount, 2)
    .addOption(apiKeyOption())
    .action(
      action(
        makeContext,
        async (ctx, opts: { endpoint?: string; url?: string; keep: number; apiKey?: string }) => {
          const endpoints = await ctx.endpoints();
          const api = stripeClient(opts.apiKey, ctx.io);
          const { secrets } = await ctx.clients();
          const previous = await findEndpoint(
            api,
            opts.endpoint,
            opts.endpoint ? undefined : webhookUrl(opts.url, endpoints),
          );
          const created = await api.webhookEndpoints.create({
            url: previous.url,
            enabled_events: previous.enabled_events as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
            description: previous.description ?? 'hydrant',
            ...(previous.api_version
              ? { api_version: previous.api_version as Stripe.WebhookEndpointCreateParams.ApiVersion }
              : {}),
          });
          const activeSecrets = await storeCreatedSecret(endpoints, created, secrets, opts.keep);
          await api.webhookEndpoints.del(previous.id);
          ctx.output.result(
            { endpointId: created.id, previousEndpointId: previous.id, url: created.url, activeSecrets },
            (s) => [
              created.id,
              s.dim(`replaced ${previous.id}; ${activeSecrets} signing secrets active (newest first)`),
            ],
          );
        },
      ),
    );

  stripe
    .command('use-secret')
    .description('store a whsec_ signing secret, e.g. the one `stripe listen --forward-to` prints')
    .argument('[secret]', 'whsec_… (default: generate one, for local test webhooks)')
    .option('--keep <n>', 'signing secrets to keep active, newest first', parseCount)
    .action(
      action(makeContext, async (ctx, secret: string | undefined, opts: { keep?: number }) => {
        if (secret !== undefined && !/^whsec_\S+$/.test(secret)) {
          throw new UsageError(
            'A Stripe signing secret starts with whsec_ (copy it from `stripe listen` or the dashboard)',
          );
        }
        const value = secret ?? `whsec_${randomBytes(24).toString('base64')}`;
        const endpoints = await ctx.endpoints();
        const { secrets } = await ctx.clients();
        const activeSecrets = await storeStripeSecret(secrets, endpoints.secrets.stripe, value, opts.keep);
        ctx.output.result({ stored: true, generated: secret === undefined, activeSecrets }, (s) =>
          s.green(
            `${secret === undefined ? 'Generated and stored' : 'Stored'} the signing secret ` +
              `(${activeSecrets} active, newest first)`,
          ),
        );
      }),
    );

  stripe
    .command('secrets')
    .description('how many Stripe signing secrets are active (values are never printed)')
    .action(
      action(makeContext, async (ctx) => {
        const endpoints = await ctx.endpoints();
        const { secrets } = await ctx.clients();
        const list = await readStripeSecrets(secrets, endpoints.secrets.stripe);
        ctx.output.result(
          { secretId: endpoints.secrets.stripe, activeSecrets: list.length },
          () => `${list.length} active signing secret(s) in ${endpoints.secrets.stripe}`,
        );
      }),
    );

  return stripe;
}

function webhookUrl(url: string | undefined, endpoints: Endpoints): string {
  if (url !== undefined) {
    if (!/^https?:\/\/\S+$/.test(url)) throw new UsageError(`--url must be an http(s) URL (got "${url}")`);
    return url;
  }
  if (endpoints.kind === 'stack' && !endpoints.webhooks.stripe) {
    throw new UsageError(`${endpoints.description} has no StripeWebhookUrl output: pass --url <webhook URL>`);
  }
  if (endpoints.kind === 'local') {
    const local = endpoints.webhooks.stripe ?? '<the Stripe webhook URL>';
    throw new UsageError(
      `Stripe cannot reach the local emulator: run \`stripe listen --forward-to ${local}\` and store the ` +
        'secret it prints with `hydrant stripe use-secret whsec_…`, or pass --url <public URL of a tunnel to it>',
    );
  }
  return endpoints.webhooks.stripe!;
}

async function findEndpoint(
  api: Stripe,
  id: string | undefined,
  url: string | undefined,
): Promise<Stripe.WebhookEndpoint> {
  if (id !== undefined) {
    try {
      return await api.webhookEndpoints.retrieve(id);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) {
        throw new NotFoundError(`Stripe has no webhook endpoint ${id}`, { cause: error });
      }
      throw error;
    }
  }
  const matches: Stripe.WebhookEndpoint[] = [];
  for await (const endpoint of api.webhookEndpoints.list({ limit: 100 })) {
    if (endpoint.url === url) matches.push(endpoint);
  }
  if (matches.length === 0) {
    throw new NotFoundError(
      `No Stripe webhook endpoint sends to ${url}: register one with \`hydrant stripe register\``,
    );
  }
  if (matches.length > 1) {
    throw new UsageError(
      `${matches.length} endpoints send to ${url} (${matches.map((m) => m.id).join(', ')}): pick one with --endpoint`,
    );
  }
  return matches[0]!;
}

/** Stripe returns the secret only on creation: if storing it fails, say how to recover. */
async function storeCreatedSecret(
  endpoints: Endpoints,
  created: Stripe.WebhookEndpoint,
  secrets: Parameters<typeof storeStripeSecret>[0],
  keep?: number,
): Promise<number> {
  if (!created.secret) throw new CliError(`Stripe returned no signing secret for ${created.id}`);
  try {
    return await storeStripeSecret(secrets, endpoints.secrets.stripe, created.secret, keep);
  } catch (cause) {
    throw new CliError(
      `Created ${created.id} but could not store its signing secret in ${endpoints.secrets.stripe} ` +
        `(${(cause as Error).message}). Delete ${created.id} in the Stripe dashboard and run the command again.`,
      { cause },
    );
  }
}
