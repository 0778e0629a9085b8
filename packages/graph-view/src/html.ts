import type { ViewModelPayload } from './protocol.js';
import { sha256Base64 } from './sha256.js';
import { GRAPH_VIEW_CSS } from './styles.js';

export interface HtmlPageOptions {
  title?: string;
}

const PAGE_CSS = `html, body { margin: 0; height: 100%; }
#plansight-root { height: 100vh; }
${GRAPH_VIEW_CSS}`;

/**
 * A self-contained HTML page of the graph and rollup: the browser bundle (`dist/graph-view.js`) is inlined, the
 * payload travels as JSON data, and a CSP allows only the two inline blocks by hash. Works from file:// with no
 * network. Read-only: clicking an item shows its file:line.
 */
export function renderHtmlPage(payload: ViewModelPayload, bundle: string, options: HtmlPageOptions = {}): string {
  const script = scriptSafe(bundle);
  const data = jsonForScript(payload);
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256Base64(script)}'`,
    `style-src 'sha256-${sha256Base64(PAGE_CSS)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = escapeHtml(options.title ?? 'Plansight — dependency graph');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="plansight">
<title>${title}</title>
<style data-plansight>${PAGE_CSS}</style>
</head>
<body>
<div id="plansight-root"></div>
<script type="application/json" id="plansight-data">${data}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** JSON that cannot close its `<script>` or open a comment: `<`, `>`, `&` and the JS line separators are escaped. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A script body that cannot end its own element early. `<\/` means the same as `</` in JS strings and regexes. */
function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
