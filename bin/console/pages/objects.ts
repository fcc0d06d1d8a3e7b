/** `/objects?prefix=…`: the bucket one folder at a time; `?key=…` one object, pretty; download. */
import { getObjectBytes, getObjectText, listFolder } from '../../ops/objects/objects';
import { html, prettyJson, type Html, type PageContext } from '../html';
import { page, type Handler } from '../routes';

const LIMIT = 500;

export function objectLink(ctx: PageContext, key: string, label: string = key): Html {
  return html`<a href="${ctx.base}objects?key=${encodeURIComponent(key)}">${label}</a>`;
}

export function folderLink(ctx: PageContext, prefix: string, label: string = prefix): Html {
  return html`<a href="${ctx.base}objects?prefix=${encodeURIComponent(prefix)}">${label}</a>`;
}

/** bucket / a/ / b/ … with each step a link. */
function breadcrumbs(ctx: PageContext, bucket: string, path: string): Html {
  const parts = path.split('/').filter((p, i, all) => p !== '' || i < all.length - 1);
  const crumbs: Html[] = [html`<li>${folderLink(ctx, '', bucket)}</li>`];
  let prefix = '';
  parts.forEach((part, i) => {
    const isLast = i === parts.length - 1;
    const folder = !isLast || path.endsWith('/');
    prefix += part + (folder ? '/' : '');
    crumbs.push(
      isLast ? html`<li aria-current="page">${part}</li>` : html`<li>${folderLink(ctx, prefix, part)}</li>`,
    );
  });
  return html`<nav aria-label="Breadcrumbs">
    <ol class="crumbs">
      ${crumbs}
    </ol>
  </nav>`;
}

export const objectsPage: Handler = async (req, ctx, services) => {
  const { bucket } = services.target.endpoints;
  const key = req.query.get('key');
  if (key !== null) {
    const object = await getObjectText(services.target, key);
    const body = html`${breadcrumbs(ctx, bucket, key)}
      <p>
        <a href="${ctx.base}objects/download?key=${encodeURIComponent(key)}" download>Download</a>
        <span class="muted">${object.contentType ?? ''} · ${object.text.length} characters</span>
      </p>
      <pre tabindex="0" aria-label="Object content">
${object.json === undefined ? object.text : prettyJson(object.json)}</pre>`;
    return page('objects', key.split('/').at(-1) || key, body);
  }
  const prefix = req.query.get('prefix') ?? '';
  const listing = await listFolder(services.target, prefix, LIMIT);
  const body = html`${breadcrumbs(ctx, bucket, prefix)}
    <form class="filters" method="get" action="${ctx.base}objects">
      <div class="field">
        <label for="prefix">Prefix</label><input id="prefix" name="prefix" value="${prefix}" size="50" />
      </div>
      <button type="submit">List</button>
    </form>
    ${listing.truncated ? html`<p class="notice">Showing the first ${LIMIT} entries.</p>` : ''}
    ${
      listing.folders.length + listing.objects.length === 0
        ? html`<p class="muted">Nothing under <code>${prefix || '/'}</code>.</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Size</th>
                <th scope="col">Last modified</th>
              </tr>
            </thead>
            <tbody>
              ${listing.folders.map(
                (f) =>
                  html`<tr>
                    <td>${folderLink(ctx, f, f.slice(prefix.length))}</td>
                    <td class="muted">folder</td>
                    <td></td>
                  </tr>`,
              )}
              ${listing.objects.map(
                (o) =>
                  html`<tr>
                    <td>${objectLink(ctx, o.key, o.key.slice(prefix.length))}</td>
                    <td>${o.size}</td>
                    <td>${o.lastModified ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
  return page('objects', 'Objects', body);
};

export const objectDownload: Handler = async (req, _ctx, services) => {
  const key = req.query.get('key') ?? '';
  const object = await getObjectBytes(services.target, key);
  return {
    kind: 'download',
    name: key.split('/').at(-1) || 'object',
    contentType: object.contentType ?? 'application/octet-stream',
    body: object.body,
  };
};
