// Builds every bundle: the CLI, the graph-view browser bundle, the Obsidian plugin, the VS Code extension and
// its webview, and the bench. A bundle whose entry does not exist yet is skipped, so packages can land one by one.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, copyFileSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const at = (p) => join(root, p);
const watch = process.argv.includes('--watch');

const alias = {
  '@plansight/core': at('packages/core/src/index.ts'),
  '@plansight/graph-view': at('packages/graph-view/src/index.ts'),
};

/** @type {Array<import('esbuild').BuildOptions & {name: string}>} */
const bundles = [
  {
    name: 'cli',
    entryPoints: [at('packages/cli/src/main.ts')],
    outfile: at('packages/cli/dist/cli.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    name: 'cli-worker',
    entryPoints: [at('packages/cli/src/indexWorker.ts')],
    outfile: at('packages/cli/dist/indexWorker.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    name: 'graph-view',
    entryPoints: [at('packages/graph-view/src/browser.ts')],
    outfile: at('packages/graph-view/dist/graph-view.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
  },
  {
    name: 'obsidian',
    entryPoints: [at('packages/obsidian/src/main.ts')],
    outfile: at('packages/obsidian/dist/main.js'),
    // browser: Obsidian mobile has no node modules (remark's vfile would otherwise pull node:path/url/process).
    platform: 'browser',
    format: 'cjs',
    target: 'es2020',
    external: ['obsidian', 'electron', '@codemirror/*', '@lezer/*'],
  },
  {
    name: 'obsidian-worker',
    entryPoints: [at('packages/obsidian/src/indexWorker.ts')],
    outfile: at('packages/obsidian/dist/indexWorker.js'),
    platform: 'browser',
    // 'worker': decode-named-character-reference's DOM build calls document.createElement, which a Worker lacks.
    conditions: ['worker'],
    format: 'iife',
    target: 'es2020',
  },
  {
    name: 'vscode',
    entryPoints: [at('packages/vscode/src/extension.ts')],
    outfile: at('packages/vscode/dist/extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    name: 'vscode-webview',
    entryPoints: [at('packages/vscode/src/webview.ts')],
    outfile: at('packages/vscode/dist/webview.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
  },
  {
    name: 'bench',
    entryPoints: [at('packages/bench/src/main.ts')],
    outfile: at('packages/bench/dist/bench.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
];

const active = bundles.filter((b) => existsSync(b.entryPoints[0]));
const started = Date.now();
const common = { bundle: true, sourcemap: false, logLevel: 'warning', alias, legalComments: 'none' };
// The Obsidian plugin inlines its parse worker's source: the worker is built first (in watch mode, a change to the
// worker is picked up by main.js on the next run of this script).
const obsidianWorker = active.find((b) => b.name === 'obsidian-worker');
if (obsidianWorker) {
  const { name, ...opts } = obsidianWorker;
  const source = (await esbuild.build({ ...common, ...opts, write: false })).outputFiles[0].text;
  const main = active.find((b) => b.name === 'obsidian');
  if (main) main.define = { __PLANSIGHT_INDEX_WORKER__: JSON.stringify(source) };
}
await Promise.all(
  active.map(async ({ name, ...opts }) => {
    const options = { ...common, ...opts };
    if (watch) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
    } else {
      await esbuild.build(options);
    }
  }),
);

// Post-build steps owned by packages (install the Obsidian plugin into the vault, copy assets, ...).
for (const step of ['packages/graph-view/css.mjs', 'packages/obsidian/install.mjs', 'packages/vscode/assets.mjs']) {
  if (existsSync(at(step))) await import(at(step));
}
if (!watch) console.error(`built ${active.map((b) => b.name).join(', ')} in ${Date.now() - started} ms`);
