// Post-build step (imported by esbuild.config.mjs): copy the extension's static assets and the graph-view
// browser bundle (used by "Export Graph → HTML") into packages/vscode/dist.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
mkdirSync(dist, { recursive: true });
const copies = [
  [join(here, 'media/icon.svg'), join(dist, 'icon.svg')],
  [join(here, 'media/webview.css'), join(dist, 'webview.css')],
  [join(here, '../graph-view/dist/graph-view.js'), join(dist, 'graph-view.js')],
  [join(here, '../graph-view/dist/graph-view.css'), join(dist, 'graph-view.css')],
];
for (const [from, to] of copies) if (existsSync(from)) copyFileSync(from, to);
