/** `/`: the bus, live. Rows are rendered here once; new ones arrive as server-sent events. */
import type { BusEventRecord } from '../../ops/events/bus-watcher';
import { html, prettyJson, raw, scriptJson, type Html, type PageContext } from '../html';
import { page, type Handler } from '../routes';
import { orderIdOf } from './order-id';

export interface BusFilter {
  readonly source: string;
  readonly detailType: string;
}

function matches(event: BusEventRecord, filter: BusFilter): boolean {
  return (
    (filter.source === '' || event.source === filter.source) &&
    (filter.detailType === '' || event['detail-type'] === filter.detailType)
  );
}

export function eventRow(ctx: PageContext, event: BusEventRecord): Html {
  const orderId = orderIdOf(event);
  const time = typeof event.time === 'string' ? event.time : '';
  return html`<tr data-source="${event.source ?? ''}" data-detail-type="${event['detail-type'] ?? ''}">
    <td><time datetime="${time}">${time.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}</time></td>
    <td>${event.source ?? '?'}</td>
    <td>${event['detail-type'] ?? '?'}</td>
    <td>
      ${orderId ? html`<a href="${ctx.base}orders/${encodeURIComponent(orderId)}">${orderId}</a>` : html`<span class="muted">-</span>`}
    </td>
    <td>
      <details>
        <summary>${event.id ?? 'event'}</summary>
        <pre>${prettyJson(event)}</pre>
      </details>
    </td>
  </tr>`;
}

export const busPage: Handler = async (req, ctx, services) => {
  const filter: BusFilter = {
    source: req.query.get('source') ?? '',
    detailType: req.query.get('detailType') ?? '',
  };
  const events = services.bus?.events() ?? [];
  const sources = [...new Set(events.map((e) => String(e.source ?? '')))].filter(Boolean).sort();
  const detailTypes = [...new Set(events.map((e) => String(e['detail-type'] ?? '')))].filter(Boolean).sort();
  const shown = events.filter((e) => matches(e, filter));
  const body = html` <p class="muted">
      Events crossing <code>${services.target.endpoints.bus}</code>, newest first. New ones appear as they
      arrive (a temporary rule and queue watch the bus while the console runs).
    </p>
    ${services.bus?.lastError ? html`<p class="notice error" role="alert">Reading the bus failed: ${services.bus.lastError}</p>` : ''}
    ${services.bus ? '' : html`<p class="notice error" role="alert">The bus is not watched: the console could not create its rule and queue.</p>`}
    <form class="filters" method="get" action="${ctx.base}">
      <div class="field">
        <label for="f-source">Source</label>
        <input id="f-source" name="source" list="sources" value="${filter.source}" placeholder="any" />
        <datalist id="sources">${sources.map((s) => html`<option value="${s}"></option>`)}</datalist>
      </div>
      <div class="field">
        <label for="f-type">Detail-type</label>
        <input
          id="f-type"
          name="detailType"
          list="detail-types"
          value="${filter.detailType}"
          placeholder="any"
        />
        <datalist id="detail-types">${detailTypes.map((s) => html`<option value="${s}"></option>`)}</datalist>
      </div>
      <button type="submit">Filter</button>
      ${filter.source || filter.detailType ? html`<a href="${ctx.base}">Clear</a>` : ''}
    </form>
    <p id="live-status" class="muted" role="status" aria-live="polite">${shown.length} event(s)</p>
    <table class="events">
      <caption class="sr-only">
        Bus events, newest first
      </caption>
      <thead>
        <tr>
          <th scope="col">Time (UTC)</th>
          <th scope="col">Source</th>
          <th scope="col">Detail-type</th>
          <th scope="col">Order</th>
          <th scope="col">Event</th>
        </tr>
      </thead>
      <tbody id="events">
        ${shown.map((e) => eventRow(ctx, e))}
      </tbody>
    </table>
    <script nonce="${ctx.nonce}">
      ${raw(liveScript(ctx, filter))};
    </script>`;
  return page('', 'Bus', body);
};

/** Prepends each streamed row that passes the filter; the row markup comes escaped from the server. */
function liveScript(ctx: PageContext, filter: BusFilter): string {
  return `(() => {
  const filter = ${scriptJson(filter)};
  const body = document.getElementById('events');
  const status = document.getElementById('live-status');
  let count = body.rows.length;
  const source = new EventSource(${scriptJson(`${ctx.base}bus/stream`)});
  source.addEventListener('bus', (message) => {
    const { row, source: src, detailType } = JSON.parse(message.data);
    if ((filter.source && src !== filter.source) || (filter.detailType && detailType !== filter.detailType)) return;
    body.insertAdjacentHTML('afterbegin', row);
    count += 1;
    status.textContent = count + ' event(s)';
  });
})();`;
}

export const busStream: Handler = async (_req, ctx, services) => ({
  kind: 'stream',
  start: (write) =>
    services.bus?.subscribe((event) =>
      write('bus', {
        row: eventRow(ctx, event).text,
        source: event.source,
        detailType: event['detail-type'],
      }),
    ) ?? (() => undefined),
});
