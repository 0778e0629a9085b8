// Renders docs/images/obsidian-{inline,rollup,graph}.png in headless Chromium from the plugin's own code
// (src/main.ts on the in-memory obsidian of test/obsidianStub.ts, real CodeMirror, real graph-view).
// Run: node packages/obsidian/scripts/screenshots.mjs
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(pkg, '../..');
const vault = join(root, 'vault-template');
const out = join(root, 'docs/images');

function vaultFiles(dir = vault, acc = {}) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) vaultFiles(p, acc);
    else if (name.endsWith('.md')) acc[relative(vault, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return acc;
}

const built = await esbuild.build({
  entryPoints: [join(pkg, 'test/browser/appPage.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  logLevel: 'warning',
  alias: {
    obsidian: join(pkg, 'test/obsidianStub.ts'),
    '@plansight/core': join(root, 'packages/core/src/index.ts'),
    '@plansight/graph-view': join(root, 'packages/graph-view/src/index.ts'),
  },
});
const css = readFileSync(join(pkg, 'styles.css'), 'utf8');
const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; font: 14px/1.5 "Inter", "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; background: #fff; color: #222; }
.frame { display: flex; height: 640px; border: 1px solid #d0d0d0; }
.tab { padding: 6px 14px; font-size: 12px; color: #555; background: #f3f3f3; border-bottom: 1px solid #ddd; }
.cm-editor { height: 100%; } .cm-scroller { font-family: "DejaVu Sans Mono", monospace; font-size: 13.5px; }
#side { width: 400px; border-left: 1px solid #d0d0d0; overflow: auto; background: #fafafa; }
#graph { height: 640px; border: 1px solid #d0d0d0; } #graph > div, #side > div { height: 100%; }
${css}</style></head><body>
<div id="editorShot"><div class="tab">DAILY_STATUS.md</div><div class="frame"><div id="editor" style="flex:1;overflow:auto"></div></div></div>
<div id="rollupShot"><div class="tab">Sprint Plan M1.md — Plansight rollup</div><div class="frame"><div id="editor2" style="flex:1;overflow:auto"></div><div id="side"></div></div></div>
<div id="graphShot"><div class="tab">Plansight graph</div><div id="graph"></div></div>
<script>${built.outputFiles[0].text.replace(/<\/script/g, '<\\/script')}</script></body></html>`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2200 }, deviceScaleFactor: 1 });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.setContent(html);
  await page.evaluate((files) => window.psApp.start(files, 'Sprint Plan M1.md'), vaultFiles());
  await page.evaluate(() => {
    window.psApp.openEditor('DAILY_STATUS.md', document.getElementById('editor'));
    window.psApp.openEditor('Sprint Plan M1.md', document.getElementById('editor2'));
  });
  await page.evaluate(() => window.psApp.openView('plansight-rollup', document.getElementById('side')));
  await page.evaluate(() => window.psApp.openView('plansight-graph', document.getElementById('graph')));
  await page.evaluate(() => window.psApp.idle());
  // The graph pane with only linked items: the vault's dependency chains.
  await page.check('#graph label:has-text("Linked only") input');
  await page.click('#graph button:has-text("Fit")');
  // Open the inline status control on Worker 2's in-progress line, as a person would.
  const controls = await page.$$('#editor .pso-status-btn[data-status="in-progress"]');
  if (controls[1]) await controls[1].click();
  mkdirSync(out, { recursive: true });
  for (const [id, name] of [
    ['#editorShot', 'obsidian-inline.png'],
    ['#rollupShot', 'obsidian-rollup.png'],
    ['#graphShot', 'obsidian-graph.png'],
  ]) {
    await (await page.$(id)).screenshot({ path: join(out, name) });
    console.error(`wrote docs/images/${name}`);
  }
} finally {
  await browser.close();
}
