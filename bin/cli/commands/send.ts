/**
 * `hydrant send …`: signed test webhooks to the webhook API, and partner events through the mock
 * partner's event API. Each prints what the endpoint answered.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { readDeliverySecrets, readStripeSecrets } from '../aws/signing-secrets';
import { action, type ContextFactory } from '../context';
import { CliError, UsageError } from '../errors';
import { requireEndpoint } from '../target/endpoints';
import { buildDeliveryEvent, deliverySignature, DELIVERY_STATUSES } from '../webhooks/delivery-webhook';
import { postJson } from '../webhooks/http';
import { buildStripeEvent, stripeSignature } from '../webhooks/stripe-event';
import { parseCount, parseRate } from './parse';
import { mockPartnerEventsUrl, sendPartnerEvents, PARTNER_EVENT_TYPES } from './send-partner';

export function sendCommand(makeContext: ContextFactory): Command {
  const send = new Command('send').description('send signed test webhooks and mock partner events');

  send
    .command('stripe')
    .description('POST a Stripe event signed with the newest stored signing secret')
    .argument('<event-type>', 'e.g. payment_intent.succeeded, payment_intent.payment_failed, charge.refunded')
    .option('--file <payload.json>', "JSON for the event's data.object, or a whole event sent unchanged")
    .option('--order <id>', 'sets data.object.metadata.orderId, which links the event to an order')
    .action(
      action(makeContext, async (ctx, type: string, opts: { file?: string; order?: string }) => {
        const payload =
          opts.file === undefined ? undefined : await readJsonFile(resolve(ctx.io.cwd, opts.file));
        const event = buildStripeEvent({ type, orderId: opts.order, payload });
        const endpoints = await ctx.endpoints();
        const url = requireEndpoint(endpoints, 'webhooks.stripe');
        const { secrets } = await ctx.clients();
        const [secret] = await readStripeSecrets(secrets, endpoints.secrets.stripe);
        if (!secret) {
          throw new CliError(
            'No Stripe signing secret is stored yet: run `hydrant stripe use-secret` (generates one for local ' +
              'testing) or `hydrant stripe register --url …`',
          );
        }
        const body = JSON.stringify(event);
        const answer = await postJson(url, body, { 'stripe-signature': stripeSignature(body, secret) });
        ctx.output.result(
          { eventId: event.id, type, url, status: answer.status, response: answer.body },
          (s) =>
            `${s.green('sent')} ${event.id as string} ${type} → ${url} ${s.dim(`HTTP ${answer.status}`)}`,
        );
      }),
    );

  send
    .command('delivery')
    .description("POST a delivery-provider webhook signed with the provider's newest secret")
    .argument('<status>', DELIVERY_STATUSES.join(' | '))
    .requiredOption('--order <id>', 'the order the delivery belongs to')
    .option('--provider <name>', 'delivery provider (default: the first one the stack accepts)')
    .option('--customer <id>', 'customerId in the body', 'cus_local')
    .option('--tracking <number>', 'trackingNumber in the body (default: a random one)')
    .action(
      action(
        makeContext,
        async (
          ctx,
          status: string,
          opts: { order: string; provider?: string; customer: string; tracking?: string },
        ) => {
          const event = buildDeliveryEvent({
            status,
            orderId: opts.order,
            customerId: opts.customer,
            trackingNumber: opts.tracking,
          });
          const endpoints = await ctx.endpoints();
          const template = requireEndpoint(endpoints, 'webhooks.delivery');
          const { secrets } = await ctx.clients();
          const doc = await readDeliverySecrets(secrets, endpoints.secrets.delivery);
          const provider = opts.provider ?? Object.keys(doc)[0];
          if (provider === undefined || !(provider in doc)) {
            throw new UsageError(
              `Unknown delivery provider "${provider ?? ''}": the stack accepts ${Object.keys(doc).join(', ') || 'none'}`,
            );
          }
          const secret = doc[provider]![0];
          if (!secret) {
            throw new CliError(
              `No signing secret for ${provider} yet: run \`hydrant delivery use-secret ${provider}\` to generate one`,
            );
          }
          const url = template.replace('{provider}', encodeURIComponent(provider));
          const body = JSON.stringify(event);
          const answer = await postJson(url, body, {
            'x-hydrant-signature': deliverySignature(body, secret),
          });
          ctx.output.result(
            {
              eventId: event.id,
              type: event.type,
              provider,
              orderId: event.orderId,
              url,
              status: answer.status,
              response: answer.body,
            },
            (s) =>
              `${s.green('sent')} ${event.id} ${event.type} (${provider}) → ${url} ${s.dim(`HTTP ${answer.status}`)}`,
          );
        },
      ),
    );

  send
    .command('partner')
    .description('publish partner events through the mock partner event API')
    .argument('<event-type>', PARTNER_EVENT_TYPES.join(' | '))
    .option('--order <id>', 'order id for order events (default: the mock picks one)')
    .option('--item <id>', 'item id for buyability events (default: the mock picks one)')
    .option(
      '--count <n>',
      'how many events to send (429 and 5xx answers are retried with backoff)',
      parseCount,
      1,
    )
    .option('--rate <n>', 'send at most n events per second (default: as fast as the API answers)', parseRate)
    .action(
      action(
        makeContext,
        async (ctx, type: string, opts: { order?: string; item?: string; count: number; rate?: number }) => {
          const endpoints = await ctx.endpoints();
          const base = mockPartnerEventsUrl(endpoints);
          const result = await sendPartnerEvents(ctx, base, { type, ...opts });
          ctx.output.result(result, (s) => [
            `${s.green('sent')} ${result.sent} ${type} event(s) → ${result.url}` +
              (result.retried > 0 ? s.dim(` (${result.retried} attempt(s) retried after 429/5xx)`) : ''),
            ...result.responses.map((r) => s.dim(`  ${describePublished(r)}`)),
          ]);
        },
      ),
    );

  return send;
}

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new UsageError(`Cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new UsageError(`${path} is not JSON: ${(cause as Error).message}`, { cause });
  }
}

/** One line per mock-partner answer: what it published, for which order or item. */
function describePublished(answer: unknown): string {
  const published = (answer as { published?: { 'detail-type'?: string; detail?: Record<string, unknown> } })
    ?.published;
  if (!published) return typeof answer === 'string' ? answer : JSON.stringify(answer);
  const detail = published.detail ?? {};
  const orderId = (detail.orderIdentifier as { orderId?: string } | undefined)?.orderId;
  const itemId = (detail.item as { identifierValue?: string } | undefined)?.identifierValue;
  return ['published', published['detail-type'], detail.eventType, orderId ?? itemId]
    .filter(Boolean)
    .join(' ');
}
