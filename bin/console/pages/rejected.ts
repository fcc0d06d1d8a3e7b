/** `/rejected`: webhooks the verifier quarantined, with its reasons. */
import { listRejected, type RejectedWebhook } from '../../ops/rejected/rejected';
import { html, prettyJson, type Html, type PageContext } from '../html';
import { page, type Handler } from '../routes';
import { objectLink } from './objects';

const LIMIT = 100;

export function rejectedTable(ctx: PageContext, records: readonly RejectedWebhook[]): Html {
  if (records.length === 0) return html`<p class="muted">No rejected webhooks.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Rejected at</th>
        <th scope="col">Provider</th>
        <th scope="col">Reason</th>
        <th scope="col">Envelope</th>
      </tr>
    </thead>
    <tbody>
      ${records.map(
        (r) =>
          html`<tr>
            <td>${r.rejectedAt ?? ''}</td>
            <td>${r.provider}</td>
            <td><span class="bad">${r.reason}</span><br /><span class="muted">${r.message}</span></td>
            <td>
              <details>
                <summary>${objectLink(ctx, r.key, r.key.split('/').at(-1))}</summary>
                <pre>${prettyJson(r.envelope)}</pre>
              </details>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export const rejectedPage: Handler = async (req, ctx, services) => {
  const provider = req.query.get('provider') || undefined;
  const records = await listRejected(services.target, { provider, limit: LIMIT });
  const body = html`<p class="muted">
      Webhooks whose signature or shape the verifier refused, kept under <code>rejected/</code> with the
      envelope as it arrived. They never reach the shop services.
    </p>
    <form class="filters" method="get" action="${ctx.base}rejected">
      <div class="field">
        <label for="provider">Provider</label
        ><input
          id="provider"
          name="provider"
          value="${provider ?? ''}"
          placeholder="any (stripe, a carrier…)"
        />
      </div>
      <button type="submit">Filter</button>
    </form>
    ${rejectedTable(ctx, records)}`;
  return page('rejected', 'Rejected webhooks', body);
};
