/**
 * `hydrant send …`: signed test webhooks to the webhook API, and partner events through the mock
 * partner's event API. Each prints what the endpoint answered.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { DELIVERY_STATUSES } from '../../ops/send/delivery-webhook';
import { sendPartnerEvents, PARTNER_EVENT_TYPES } from '../../ops/send/partner';
import { sendDeliveryWebhook, sendStripeEvent } from '../../ops/send/webhooks';
import type { OpsTarget } from '../../ops/context';
import { action, type CommandContext, type ContextFactory } from '../context';
import { UsageError } from '../../ops/errors';
import { parseCount, parseRate } from './parse';

const yesOption = () => new Option('--yes', 'confirm sending a test event to a deployed stack (--stack)');

/** Test events are for test stacks: sending one to a deployed stack takes `--yes`. */
export async function sendTarget(ctx: CommandContext, yes: boolean | undefined): Promise<OpsTarget> {
  const endpoints = await ctx.endpoints();
  if (endpoints.kind === 'stack' && !yes) {
    throw new UsageError(
      `This sends a test event to ${endpoints.description}, where it reaches the shop services like a real ` +
        'one: add --yes to confirm',
    );
  }
  return { endpoints, clients: await ctx.clients() };
}

export function sendCommand(makeContext: ContextFactory): Command {
  const send = new Command('send').description('send signed test webhooks and mock partner events');

  send
    .command('stripe')
    .description('POST a Stripe event signed with the newest stored signing secret')
    .argument('<event-type>', 'e.g. payment_intent.succeeded, payment_intent.payment_failed, charge.refunded')
    .option('--file <payload.json>', "JSON for the event's data.object, or a whole event sent unchanged")
    .option('--order <id>', 'sets data.object.metadata.orderId, which links the event to an order')
    .addOption(yesOption())
    .action(
      action(
        makeContext,
        async (ctx, type: string, opts: { file?: string; order?: string; yes?: boolean }) => {
          const payload =
            opts.file === undefined ? undefined : await readJsonFile(resolve(ctx.io.cwd, opts.file));
          const target = await sendTarget(ctx, opts.yes);
          const sent = await sendStripeEvent(target, { type, orderId: opts.order, payload });
          ctx.output.result(
            sent,
            (s) => `${s.green('sent')} ${sent.eventId} ${type} → ${sent.url} ${s.dim(`HTTP ${sent.status}`)}`,
          );
        },
      ),
    );

  send
    .command('delivery')
    .description("POST a delivery-provider webhook signed with the provider's newest secret")
    .argument('<status>', DELIVERY_STATUSES.join(' | '))
    .requiredOption('--order <id>', 'the order the delivery belongs to')
    .option('--provider <name>', 'delivery provider (default: the first one the stack accepts)')
    .option('--customer <id>', 'customerId in the body', 'cus_local')
    .option('--tracking <number>', 'trackingNumber in the body (default: a random one)')
    .addOption(yesOption())
    .action(
      action(
        makeContext,
        async (
          ctx,
          status: string,
          opts: { order: string; provider?: string; customer: string; tracking?: string; yes?: boolean },
        ) => {
          const target = await sendTarget(ctx, opts.yes);
          const sent = await sendDeliveryWebhook(target, {
            status,
            orderId: opts.order,
            provider: opts.provider,
            customerId: opts.customer,
            trackingNumber: opts.tracking,
          });
          ctx.output.result(
            sent,
            (s) =>
              `${s.green('sent')} ${sent.eventId} ${sent.type} (${sent.provider}) → ${sent.url} ${s.dim(`HTTP ${sent.status}`)}`,
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
    .addOption(yesOption())
    .action(
      action(
        makeContext,
        async (
          ctx,
          type: string,
          opts: { order?: string; item?: string; count: number; rate?: number; yes?: boolean },
        ) => {
          const target = await sendTarget(ctx, opts.yes);
          const progress = opts.count > 1 ? ctx.output.progress(`sending ${type}`) : undefined;
          const result = await sendPartnerEvents(
            target,
            { type, order: opts.order, item: opts.item, count: opts.count, rate: opts.rate },
            (done, total, status) => progress?.update(done, total, status),
          );
          progress?.done(`sent ${result.sent} ${type} event(s)`);
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
