/** `/dlqs` and `/dlqs/<name>`: depth, oldest message, reasons and bodies; redrive and purge. */
import { html, prettyJson, raw, scriptJson, csrfField, type PageContext } from '../html';
import { leftBehind } from '../../ops/dlq/redrive';
import { describeRoute } from '../../ops/dlq/route';
import { listDlqs, purgeDlq, redriveDlq, showDlq } from '../dlq-adapter';
import { page, type Handler } from '../routes';

const SHOW_LIMIT = 50;

export const dlqsPage: Handler = async (_req, ctx, services) => {
  const dlqs = await listDlqs(services.target);
  const body = html`<table>
    <thead>
      <tr>
        <th scope="col">DLQ</th>
        <th scope="col">Depth</th>
        <th scope="col">In flight</th>
        <th scope="col">Oldest message</th>
        <th scope="col">Newest reason</th>
      </tr>
    </thead>
    <tbody>
      ${dlqs.map(
        (q) =>
          html`<tr>
            <td><a href="${ctx.base}dlqs/${encodeURIComponent(q.name)}">${q.name}</a></td>
            <td class="${q.depth > 0 ? 'bad' : 'ok'}">${q.depth}</td>
            <td>${q.inFlight}</td>
            <td>${q.oldestSentAt ?? '-'}</td>
            <td>
              ${q.newestReason ? html`<span class="bad">${q.newestReason.errorType}</span> ${q.newestReason.message}` : '-'}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  return page('dlqs', 'Dead-letter queues', body);
};

export const dlqPage: Handler = async (req, ctx, services) => {
  const name = req.segments[1] ?? '';
  const jobId = req.query.get('job');
  const job = jobId ? services.jobs.get(jobId) : undefined;
  // Reading messages hides them for a moment, and a redrive moves only visible ones: while this
  // page's own job runs, it shows the depth and lists the messages once the job has ended.
  const busy = job?.state === 'running';
  const q = await showDlq(services.target, name, busy ? 0 : SHOW_LIMIT);
  const path = `${ctx.base}dlqs/${encodeURIComponent(q.name)}`;
  const body = html`<p>
      Depth <strong>${q.depth}</strong>, in flight ${q.inFlight}.
      <span class="muted">Reading messages leaves them in the queue.</span>
    </p>
    ${
      job
        ? html`<section class="card" aria-labelledby="job-title">
            <h2 id="job-title">${job.label}</h2>
            <p id="job-status" role="status" aria-live="polite">
              ${job.state === 'running' ? `${job.done}${job.total === undefined ? '' : ` of ${job.total}`} ${job.status ?? ''}` : job.message}
            </p>
            <progress
              id="job-progress"
              max="${job.total ?? 1}"
              value="${job.state === 'running' ? job.done : (job.total ?? 1)}"
              aria-labelledby="job-title"
            ></progress>
            ${
              job.state === 'running'
                ? html`<script nonce="${ctx.nonce}">
                    ${raw(pollScript(ctx, job.id))};
                  </script>`
                : ''
            }
          </section>`
        : ''
    }
    ${
      q.depth > 0
        ? html`<div class="actions">
            <form class="card" method="post" action="${path}/redrive">
              ${csrfField(ctx)}
              <h2>Redrive</h2>
              <p>
                Move the messages back to where they failed; each leaves the DLQ only once it was handed back.
              </p>
              <div class="field inline">
                <input type="checkbox" id="confirm-redrive" name="confirm" value="yes" required />
                <label for="confirm-redrive">Yes, redrive ${q.depth} message(s) from ${q.name}</label>
              </div>
              <button type="submit">Redrive</button>
            </form>
            <form class="card" method="post" action="${path}/purge">
              ${csrfField(ctx)}
              <h2>Purge</h2>
              <p>Delete every message in this DLQ. They are gone for good.</p>
              <div class="field inline">
                <input type="checkbox" id="confirm-purge" name="confirm" value="yes" required />
                <label for="confirm-purge">Yes, delete ${q.depth} message(s) for good</label>
              </div>
              <button type="submit" class="danger">Purge</button>
            </form>
          </div>`
        : html`<p class="ok">This DLQ is empty.</p>`
    }
    <h2>Messages</h2>
    ${busy ? html`<p class="muted">Listed once the ${job.label.toLowerCase()} has ended.</p>` : ''}
    ${q.messages.map(
      (m) =>
        html`<section class="card">
          <h3>${m.messageId}</h3>
          <p>
            <span class="bad">${m.reason.errorType}</span>: ${m.reason.message}
            ${m.reason.attempts === undefined ? '' : html` <span class="muted">(${m.reason.attempts} attempts)</span>`}
          </p>
          <p class="muted">
            sent ${m.sentAt ?? '?'}${m.reason.source ? ` · from ${m.reason.source}` : ''} · redrive:
            ${describeRoute(m.redrive)}
          </p>
          <details>
            <summary>Body</summary>
            <pre>${prettyJson(m.body)}</pre>
          </details>
          <details>
            <summary>Attributes</summary>
            <pre>${prettyJson(m.attributes)}</pre>
          </details>
        </section>`,
    )}`;
  return page('dlqs', `DLQ ${q.name}`, body);
};

function pollScript(ctx: PageContext, jobId: string): string {
  return `(() => {
  const url = ${scriptJson(`${ctx.base}jobs/${jobId}`)};
  const status = document.getElementById('job-status');
  const bar = document.getElementById('job-progress');
  const tick = async () => {
    const job = await (await fetch(url)).json();
    if (job.total !== undefined) bar.max = Math.max(job.total, 1);
    bar.value = job.state === 'running' ? job.done : bar.max;
    status.textContent = job.state === 'running' ? job.done + (job.total === undefined ? '' : ' of ' + job.total) + ' ' + (job.status || '') : job.message;
    if (job.state === 'running') setTimeout(tick, 300); else location.reload();
  };
  setTimeout(tick, 300);
})();`;
}

function requireConfirm(form: URLSearchParams): void {
  if (form.get('confirm') !== 'yes') throw new ConfirmationMissing();
}

export class ConfirmationMissing extends Error {
  readonly status = 400;
  constructor() {
    super('Tick the confirmation box first');
  }
}

export const dlqRedrive: Handler = async (req, ctx, services) => {
  requireConfirm(req.form);
  const name = req.segments[1] ?? '';
  const job = services.jobs.start(`Redrive of ${name}`, async (progress) => {
    const r = await redriveDlq(services.target, name, progress);
    const left = leftBehind(r);
    const moved = `Moved ${r.moved} message(s) from ${r.queue} to ${r.destination}${left ? `. ${left}` : ''}`;
    if (r.failed > 0 || r.status === 'FAILED') {
      const why = r.messages?.find((m) => m.outcome !== 'redriven')?.error;
      throw new Error(
        `${moved}; ${r.failed} could not be handed back and stay in the DLQ${why ? ` (${why})` : ''}`,
      );
    }
    return moved;
  });
  return { kind: 'redirect', to: `${ctx.base}dlqs/${encodeURIComponent(name)}?job=${job.id}` };
};

export const dlqPurge: Handler = async (req, ctx, services) => {
  requireConfirm(req.form);
  const name = req.segments[1] ?? '';
  const job = services.jobs.start(`Purge of ${name}`, async (progress) => {
    const r = await purgeDlq(services.target, name);
    progress(r.purged, r.purged);
    return `Purged ${r.purged} message(s) from ${r.name}`;
  });
  return { kind: 'redirect', to: `${ctx.base}dlqs/${encodeURIComponent(name)}?job=${job.id}` };
};

export const jobStatus: Handler = async (req, _ctx, services) => {
  const job = services.jobs.get(req.segments[1] ?? '');
  return job
    ? { kind: 'json', value: job }
    : { kind: 'json', status: 404, value: { message: 'no such job' } };
};
