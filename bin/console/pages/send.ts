/** `/send`: forms for a test Stripe event, a delivery webhook and partner events. */
import { DELIVERY_STATUSES } from '../../ops/send/delivery-webhook';
import { PARTNER_EVENT_TYPES, sendPartnerEvents } from '../../ops/send/partner';
import { deliveryProviders, sendDeliveryWebhook, sendStripeEvent } from '../../ops/send/webhooks';
import { DEFAULT_STRIPE_EVENTS } from '../../ops/stripe/endpoints';
import { UsageError } from '../../ops/errors';
import { csrfField, html, prettyJson, type Html, type PageContext } from '../html';
import { page, type ConsoleServices, type Handler } from '../routes';

function liveGuard(ctx: PageContext, services: ConsoleServices, id: string): Html {
  if (services.target.endpoints.kind !== 'stack') return html``;
  return html`<div class="field inline">
    <input type="checkbox" id="${id}" name="confirmStack" value="yes" required />
    <label for="${id}"
      >Send to ${services.target.endpoints.description}, where it reaches the shop services like a real
      event</label
    >
  </div>`;
}

function options(values: readonly string[], selected?: string): Html[] {
  return values.map((v) => html`<option value="${v}" ${v === selected ? html` selected` : ''}>${v}</option>`);
}

export const sendPage: Handler = async (req, ctx, services) => {
  const providers = await deliveryProviders(services.target).catch(() => [] as string[]);
  const order = req.query.get('order') ?? '';
  const body = html` <form
      class="card"
      method="post"
      action="${ctx.base}send/stripe"
      aria-labelledby="stripe-title"
    >
      ${csrfField(ctx)}
      <h2 id="stripe-title">Stripe event</h2>
      <p class="muted">Signed with the newest stored Stripe signing secret.</p>
      <div class="field">
        <label for="stripe-type">Event type</label>
        <input
          id="stripe-type"
          name="type"
          list="stripe-types"
          value="${DEFAULT_STRIPE_EVENTS[0]}"
          required
        />
        <datalist id="stripe-types">${options(DEFAULT_STRIPE_EVENTS)}</datalist>
      </div>
      <div class="field">
        <label for="stripe-order">Order id (metadata.orderId)</label
        ><input id="stripe-order" name="order" value="${order}" />
      </div>
      ${liveGuard(ctx, services, 'stripe-live')}
      <button type="submit">Send Stripe event</button>
    </form>
    <form class="card" method="post" action="${ctx.base}send/delivery" aria-labelledby="delivery-title">
      ${csrfField(ctx)}
      <h2 id="delivery-title">Delivery webhook</h2>
      <p class="muted">Signed with the provider's newest secret.</p>
      <div class="field">
        <label for="delivery-status">Status</label
        ><select id="delivery-status" name="status">
          ${options(DELIVERY_STATUSES)}
        </select>
      </div>
      <div class="field">
        <label for="delivery-order">Order id</label
        ><input id="delivery-order" name="order" value="${order}" required />
      </div>
      <div class="field">
        <label for="delivery-provider">Provider</label
        ><select id="delivery-provider" name="provider">
          ${options(providers)}
        </select>
      </div>
      ${liveGuard(ctx, services, 'delivery-live')}
      <button type="submit">Send delivery webhook</button>
    </form>
    <form class="card" method="post" action="${ctx.base}send/partner" aria-labelledby="partner-title">
      ${csrfField(ctx)}
      <h2 id="partner-title">Partner event</h2>
      <p class="muted">Published through the mock partner's event API.</p>
      <div class="field">
        <label for="partner-type">Event type</label
        ><select id="partner-type" name="type">
          ${options(PARTNER_EVENT_TYPES)}
        </select>
      </div>
      <div class="field">
        <label for="partner-order">Order id (order events)</label
        ><input id="partner-order" name="order" value="${order}" />
      </div>
      <div class="field">
        <label for="partner-item">Item id (buyability)</label><input id="partner-item" name="item" />
      </div>
      <div class="field">
        <label for="partner-count">Count</label
        ><input id="partner-count" name="count" type="number" min="1" max="100" value="1" />
      </div>
      ${liveGuard(ctx, services, 'partner-live')}
      <button type="submit">Send partner event</button>
    </form>`;
  return page('send', 'Send test events', body);
};

function confirmLive(form: URLSearchParams, services: ConsoleServices): void {
  if (services.target.endpoints.kind === 'stack' && form.get('confirmStack') !== 'yes') {
    throw new UsageError(
      `Tick the box to confirm sending a test event to ${services.target.endpoints.description}`,
    );
  }
}

const optional = (v: string | null) => (v === null || v.trim() === '' ? undefined : v.trim());

function sentPage(ctx: PageContext, what: string, result: unknown, orderId: string | undefined) {
  return page(
    'send',
    `Sent: ${what}`,
    html`<p class="ok" role="status">Accepted.</p>
      ${orderId ? html`<p><a href="${ctx.base}orders/${encodeURIComponent(orderId)}">Open order ${orderId}</a> · <a href="${ctx.base}">Watch the bus</a></p>` : html`<p><a href="${ctx.base}">Watch the bus</a></p>`}
      <pre>${prettyJson(result)}</pre>
      <p>
        <a href="${ctx.base}send${orderId ? `?order=${encodeURIComponent(orderId)}` : ''}">Send another</a>
      </p>`,
  );
}

export const sendStripe: Handler = async (req, ctx, services) => {
  confirmLive(req.form, services);
  const orderId = optional(req.form.get('order'));
  const sent = await sendStripeEvent(services.target, { type: req.form.get('type') ?? '', orderId });
  return sentPage(ctx, sent.type, sent, orderId);
};

export const sendDelivery: Handler = async (req, ctx, services) => {
  confirmLive(req.form, services);
  const sent = await sendDeliveryWebhook(services.target, {
    status: req.form.get('status') ?? '',
    orderId: optional(req.form.get('order')) ?? '',
    provider: optional(req.form.get('provider')),
  });
  return sentPage(ctx, sent.type, sent, sent.orderId);
};

export const sendPartner: Handler = async (req, ctx, services) => {
  confirmLive(req.form, services);
  const count = Number(req.form.get('count') ?? '1');
  if (!Number.isInteger(count) || count < 1 || count > 100)
    throw new UsageError('Count must be a whole number from 1 to 100');
  const type = req.form.get('type') ?? '';
  const orderId = type === 'buyability' ? undefined : optional(req.form.get('order'));
  const sent = await sendPartnerEvents(services.target, {
    type,
    order: orderId,
    item: type === 'buyability' ? optional(req.form.get('item')) : undefined,
    count,
  });
  return sentPage(ctx, `${sent.sent} ${type}`, sent, orderId);
};
