/**
 * Server-rendered HTML: escaping, the page layout with its navigation, and the stylesheet (light and
 * dark through prefers-color-scheme). Every value that reaches a page goes through `esc` or `attr`.
 */

/** A piece of markup already escaped; strings are escaped when interpolated with `html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Part = Html | string | number | boolean | undefined | null | readonly Part[];

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return esc(part);
}

/** Tagged template: interpolated values are escaped unless they are `Html`. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Raw markup (e.g. an inline script whose only dynamic part is JSON-escaped). */
export function raw(text: string): Html {
  return new Html(text);
}

/** JSON for a `<script>` body: `<` escaped so no value can close the script element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function prettyJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export interface PageContext {
  /** The console's own path, ending in `/` (links are built from it). */
  readonly base: string;
  /** Per-session token that every POST form carries. */
  readonly csrf: string;
  /** Per-response nonce for inline scripts (Content-Security-Policy). */
  readonly nonce: string;
  /** The target, for the header ("local emulator", "stack Hydrant"). */
  readonly targetLabel: string;
  readonly live: boolean;
}

const NAV: readonly [string, string][] = [
  ['', 'Bus'],
  ['objects', 'Objects'],
  ['dlqs', 'DLQs'],
  ['rejected', 'Rejected'],
  ['send', 'Send'],
  ['stripe', 'Stripe'],
];

export function csrfField(ctx: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}" />`;
}

export function layout(ctx: PageContext, current: string, title: string, body: Html): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>${title} · hydrant console</title>
        <style nonce="${ctx.nonce}">
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <a class="brand" href="${ctx.base}">hydrant</a>
          <nav aria-label="Main">
            <ul>
              ${NAV.map(
                ([path, label]) =>
                  html`<li>
                    <a href="${ctx.base}${path}" ${current === path ? raw(' aria-current="page"') : ''}
                      >${label}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
          <form class="order-jump" method="get" action="${ctx.base}orders" role="search">
            <label for="order-jump">Order</label>
            <input id="order-jump" name="id" placeholder="ord-1001" required />
            <button type="submit">Open</button>
          </form>
          <span class="target" title="Where this console operates">${ctx.targetLabel}</span>
        </header>
        <main id="main" tabindex="-1">
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}

const STYLE = `
:root{--bg:#ffffff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--accent:#0550ae;--accent-fg:#ffffff;
--ok:#116329;--warn:#7d4e00;--bad:#a40e26;--code:#f6f8fa;--focus:#0969da}
@media (prefers-color-scheme: dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--panel:#161b22;
--accent:#4493f8;--accent-fg:#0d1117;--ok:#3fb950;--warn:#d29922;--bad:#ff7b72;--code:#161b22;--focus:#58a6ff}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px;z-index:2}
header{display:flex;flex-wrap:wrap;gap:12px 24px;align-items:center;padding:10px 24px;border-bottom:1px solid var(--line);background:var(--panel)}
.brand{font-weight:700;font-size:18px;text-decoration:none;color:var(--fg)}
nav ul{display:flex;gap:4px;list-style:none;margin:0;padding:0;flex-wrap:wrap}
nav a{display:block;padding:4px 10px;border-radius:6px;text-decoration:none;color:var(--fg)}
nav a[aria-current=page]{background:var(--accent);color:var(--accent-fg)}
.order-jump{display:flex;gap:6px;align-items:center}
.target{margin-left:auto;color:var(--muted);font-size:13px}
main{padding:16px 24px;max-width:1200px}
h1{font-size:22px;margin:8px 0 16px}h2{font-size:17px;margin:24px 0 8px}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:13px}
pre,code{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}
pre{background:var(--code);border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto;max-height:480px;white-space:pre-wrap;word-break:break-word}
input,select,button,textarea{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:4px 8px}
button{background:var(--accent);color:var(--accent-fg);border-color:var(--accent);cursor:pointer}
button.danger{background:var(--bad);border-color:var(--bad);color:#fff}
form.card,section.card{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:12px 0;background:var(--panel)}
.field{display:flex;flex-direction:column;gap:2px;margin:6px 0;max-width:420px}
.field.inline{flex-direction:row;align-items:center;gap:8px}
.muted{color:var(--muted)}.ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}
.badge{display:inline-block;padding:0 8px;border-radius:10px;border:1px solid currentColor;font-size:13px}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;margin-bottom:8px}
.crumbs{display:flex;flex-wrap:wrap;gap:4px;list-style:none;padding:0;margin:0 0 8px}
.crumbs li+li::before{content:"/";margin-right:4px;color:var(--muted)}
details>summary{cursor:pointer}
.events td{font-size:14px}
.notice{border-left:4px solid var(--accent);padding:6px 12px;background:var(--panel)}
.notice.error{border-color:var(--bad)}
progress{width:280px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;
