/**
 * `/stripe`: the signing secrets (counted, never shown), the webhook endpoints in Stripe, and the
 * same register / rotate / unregister / use-secret operations as `hydrant stripe`.
 */
import { stripeClient } from '../../ops/stripe/api';
import {
  DEFAULT_STRIPE_EVENTS,
  listEndpoints,
  registerEndpoint,
  summarize,
  unregisterEndpoint,
  webhookUrl,
  type EndpointSummary,
} from '../../ops/stripe/endpoints';
import { finishRotation, startRotation } from '../../ops/stripe/rotation';
import { countStripeSecrets, useStripeSecret } from '../../ops/stripe/secrets';
import { UsageError } from '../../ops/errors';
import { csrfField, html, prettyJson, type PageContext } from '../html';
import { page, type ConsoleServices, type Handler } from '../routes';

export const stripePage: Handler = async (_req, ctx, services) => {
  const { activeSecrets, secretId } = await countStripeSecrets(services.target);
  const hasKey = Boolean(services.env.STRIPE_API_KEY);
  let endpoints: EndpointSummary[] = [];
  let apiError: string | undefined;
  if (hasKey) {
    try {
      endpoints = (await listEndpoints(stripeClient(undefined, services.env))).map(summarize);
    } catch (error) {
      apiError = (error as Error).message;
    }
  }
  const body = html` <p>
      <strong>${activeSecrets}</strong> active signing secret(s) in <code>${secretId}</code>.
      <span class="muted">Values are never shown.</span>
    </p>
    <form class="card" method="post" action="${ctx.base}stripe/use-secret" autocomplete="off">
      ${csrfField(ctx)}
      <h2>Store a signing secret</h2>
      <p class="muted">
        The one <code>stripe listen --print-secret</code> prints, or leave empty to generate one for local
        tests. It goes in front; the previous one stays active.
      </p>
      <div class="field">
        <label for="secret">Signing secret (whsec_…)</label
        ><input id="secret" name="secret" type="password" autocomplete="off" spellcheck="false" />
      </div>
      <button type="submit">Store</button>
    </form>
    <h2>Webhook endpoints in Stripe</h2>
    ${
      !hasKey
        ? html`<p class="notice">
            Set <code>STRIPE_API_KEY</code> where the console runs to manage endpoints here.
          </p>`
        : apiError
          ? html`<p class="notice error" role="alert">${apiError}</p>`
          : endpointTable(ctx, endpoints)
    }
    ${hasKey ? forms(ctx, services) : ''}`;
  return page('stripe', 'Stripe', body);
};

function endpointTable(ctx: PageContext, endpoints: readonly EndpointSummary[]) {
  if (endpoints.length === 0) return html`<p class="muted">None yet.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Id</th>
        <th scope="col">Status</th>
        <th scope="col">URL</th>
        <th scope="col">Events</th>
        <th scope="col">Remove</th>
      </tr>
    </thead>
    <tbody>
      ${endpoints.map(
        (e) =>
          html`<tr>
            <td>
              ${e.id}${e.replaces ? html` <span class="warn">(rotation from ${e.replaces} since ${e.rotatedAt ?? '?'})</span>` : ''}
            </td>
            <td class="${e.status === 'enabled' ? 'ok' : 'muted'}">${e.status}</td>
            <td>${e.url}</td>
            <td>${e.enabledEvents.join(', ')}</td>
            <td>
              <form method="post" action="${ctx.base}stripe/unregister">
                ${csrfField(ctx)}<input type="hidden" name="id" value="${e.id}" />
                <input type="checkbox" id="rm-${e.id}" name="confirm" value="yes" required /><label
                  for="rm-${e.id}"
                  class="sr-only"
                  >Confirm deleting ${e.id}</label
                >
                <button type="submit" class="danger" aria-label="Delete ${e.id}">Delete</button>
              </form>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function forms(ctx: PageContext, services: ConsoleServices) {
  const url =
    services.target.endpoints.kind === 'stack' ? (services.target.endpoints.webhooks.stripe ?? '') : '';
  return html` <form class="card" method="post" action="${ctx.base}stripe/register">
      ${csrfField(ctx)}
      <h2>Register</h2>
      <p class="muted">
        Creates the endpoint and stores its secret, or updates the enabled endpoint for this URL.
      </p>
      <div class="field">
        <label for="reg-url">Webhook URL</label
        ><input id="reg-url" name="url" type="url" value="${url}" required />
      </div>
      <div class="field">
        <label for="reg-events">Events (space-separated)</label
        ><input id="reg-events" name="events" value="${DEFAULT_STRIPE_EVENTS.join(' ')}" required />
      </div>
      <button type="submit">Register</button>
    </form>
    <form class="card" method="post" action="${ctx.base}stripe/rotate">
      ${csrfField(ctx)}
      <h2>Rotate</h2>
      <p class="muted">
        Start: a new endpoint and secret, the old endpoint stays enabled. Finish: disable the old one once the
        new secret verified (or the grace period ended).
      </p>
      <div class="field">
        <label for="rot-url">Webhook URL</label
        ><input id="rot-url" name="url" type="url" value="${url}" required />
      </div>
      <div class="field inline">
        <input type="checkbox" id="rot-force" name="force" value="yes" /><label for="rot-force"
          >Finish now even if unverified</label
        >
      </div>
      <button type="submit" name="step" value="start">Start rotation</button>
      <button type="submit" name="step" value="finish">Finish rotation</button>
    </form>`;
}

function result(ctx: PageContext, title: string, value: unknown) {
  return page(
    'stripe',
    title,
    html`<pre>${prettyJson(value)}</pre>
      <p><a href="${ctx.base}stripe">Back to Stripe</a></p>`,
  );
}

export const stripeUseSecret: Handler = async (req, ctx, services) => {
  const secret = req.form.get('secret')?.trim() || undefined;
  return result(ctx, 'Signing secret stored', await useStripeSecret(services.target, secret));
};

export const stripeRegister: Handler = async (req, ctx, services) => {
  const url = webhookUrl(req.form.get('url') ?? '', services.target.endpoints);
  const events = (req.form.get('events') ?? '').split(/[\s,]+/).filter(Boolean);
  const api = stripeClient(undefined, services.env);
  return result(ctx, 'Registered', await registerEndpoint(api, services.target, { url, events }));
};

export const stripeRotate: Handler = async (req, ctx, services) => {
  const api = stripeClient(undefined, services.env);
  const url = webhookUrl(req.form.get('url') ?? '', services.target.endpoints);
  if (req.form.get('step') === 'finish') {
    const r = await finishRotation(api, services.target, { url, force: req.form.get('force') === 'yes' });
    return result(ctx, r.finished ? 'Rotation finished' : 'Rotation still waiting', r);
  }
  return result(ctx, 'Rotation started', await startRotation(api, services.target, { url }));
};

export const stripeUnregister: Handler = async (req, ctx, services) => {
  if (req.form.get('confirm') !== 'yes') throw new UsageError('Tick the confirmation box first');
  const api = stripeClient(undefined, services.env);
  return result(ctx, 'Endpoint deleted', await unregisterEndpoint(api, req.form.get('id') ?? ''));
};
