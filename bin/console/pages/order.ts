/**
 * `/orders/<orderId>`: the derived status and timeline, the hydrated objects, invoice and credit
 * notes, and any DLQ messages or rejected webhooks that mention the order.
 */
import { NotFoundError } from '../../ops/errors';
import { orderDocuments } from '../../ops/orders/documents';
import { readOrder, type OrderView } from '../../ops/orders/order';
import { listRejected } from '../../ops/rejected/rejected';
import { dlqMessagesMentioning } from '../dlq-adapter';
import { html, prettyJson } from '../html';
import { page, type Handler } from '../routes';
import { objectLink } from './objects';
import { rejectedTable } from './rejected';

export const orderJump: Handler = async (req, ctx) => ({
  kind: 'redirect',
  to: `${ctx.base}orders/${encodeURIComponent((req.query.get('id') ?? '').trim())}`,
});

export const orderPage: Handler = async (req, ctx, services) => {
  const orderId = req.segments[1] ?? '';
  const target = services.target;
  let view: OrderView | undefined;
  let missing: string | undefined;
  try {
    view = await readOrder(target, orderId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    missing = error.message;
  }
  const [docs, dlq, rejected] = await Promise.all([
    orderDocuments(target, orderId),
    dlqMessagesMentioning(target, orderId),
    listRejected(target, { limit: 20, mentioning: orderId }),
  ]);
  const body = html` ${
      view
        ? html`<p>
            Status
            <strong class="badge">${view.status}</strong>
            ${view.since ? html` <span class="muted">since ${view.since}</span>` : ''}
            ${view.partiallyRefunded ? html` <span class="warn">(partially refunded)</span>` : ''}
          </p>`
        : html`<p class="notice" role="status">${missing}</p>`
    }
    <h2>Timeline</h2>
    ${
      view
        ? html`<table>
            <thead>
              <tr>
                <th scope="col">Occurred at</th>
                <th scope="col">Kind</th>
                <th scope="col">Source</th>
                <th scope="col">Event</th>
              </tr>
            </thead>
            <tbody>
              ${view.timeline.map(
                (e) => html`<tr${e.eventId === view!.decidedBy ? html` class="decided"` : ''}>
<td>${e.occurredAt}</td><td>${e.eventId === view!.decidedBy ? html`<strong>${e.kind}</strong>` : e.kind}</td>
<td>${[e.source, e.detailType].filter(Boolean).join(' / ')}</td>
<td>${objectLink(ctx, e.key, e.eventId)}</td></tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">No timeline entries.</p>`
    }
    <h2>Hydrated objects</h2>
    ${
      docs.hydrated.length === 0
        ? html`<p class="muted">None under <code>hydrated/orders/${orderId}/</code>.</p>`
        : html`<ul>
            ${docs.hydrated.map((o) => html`<li>${objectLink(ctx, o.key, o.key.split('/').at(-1))} <span class="muted">${o.size} bytes</span></li>`)}
          </ul>`
    }
    <h2>Invoice and credit notes</h2>
    <ul>
      <li>
        Invoice: ${docs.invoice ? objectLink(ctx, docs.invoice.key) : html`<span class="muted">none</span>`}
      </li>
      ${docs.creditNotes.map((c) => html`<li>Credit note: ${objectLink(ctx, c.key)}</li>`)}
    </ul>
    <h2>Dead-lettered messages</h2>
    ${
      dlq.length === 0
        ? html`<p class="muted">No DLQ message mentions this order.</p>`
        : html`<ul>
            ${dlq.map(
              ({ dlq: name, message }) =>
                html`<li>
                  <a href="${ctx.base}dlqs/${encodeURIComponent(name)}">${name}</a>:
                  <span class="bad">${message.reason.errorType}</span> ${message.reason.message}
                  <details>
                    <summary>${message.messageId}</summary>
                    <pre>${prettyJson(message.body)}</pre>
                  </details>
                </li>`,
            )}
          </ul>`
    }
    <h2>Rejected webhooks</h2>
    ${rejectedTable(ctx, rejected)}`;
  return page('orders', `Order ${orderId}`, body, view ? 200 : 404);
};
