/**
 * Cold and warm start of the built plugin (dist/main.js) under the in-memory obsidian stub, on a generated vault
 * (bench's `vaultFiles`): time to the read vault and to the accurate model, notes read, cache size. Not a test.
 *
 *   node esbuild.config.mjs
 *   node_modules/.bin/esbuild packages/obsidian/test/measureCache.ts --bundle --platform=node --format=cjs \
 *     --external:@codemirror/* --external:obsidian --outfile=/tmp/measureCache.cjs
 *   NODE_PATH=$PWD/node_modules node /tmp/measureCache.cjs 10000
 *
 * Without a Worker in Node the remark pass runs in the plugin's main-thread slices.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanModel } from '@plansight/core';
import { vaultFiles } from '../../bench/src/gen';
import { App, Vault } from './obsidianStub';
import { installPluginHost } from './pluginHost';

const ROOT = process.cwd();
const MAIN = join(ROOT, 'packages/obsidian/dist/main.js');
const CACHE = '.obsidian/plugins/plansight/index-cache.bin';

interface Started {
  load(): void;
  unload(): void;
  whenIndexed(): Promise<void>;
  flushCache(): Promise<void>;
  index: { pendingCount(): number; paths(): string[]; model(): PlanModel };
}

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

function loadPluginClass(): new (app: unknown, manifest: unknown) => Started {
  return installPluginHost<Started>(MAIN, { setTimeout, clearTimeout });
}

async function start(PluginClass: ReturnType<typeof loadPluginClass>, vault: Vault, label: string): Promise<PlanModel> {
  const app = new App(vault);
  const plugin = new PluginClass(app, JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')));
  vault.reads = 0;
  plugin.load();
  await tick(20);
  const t0 = performance.now();
  app.stubWorkspace.layoutReady();
  await plugin.whenIndexed();
  const read = performance.now() - t0;
  while (plugin.index.pendingCount() > 0) await tick();
  const model = plugin.index.model();
  const accurate = performance.now() - t0;
  const t1 = performance.now();
  await plugin.flushCache();
  const write = performance.now() - t1;
  plugin.unload();
  await tick(10);
  const mb = (vault.adapter.binaries.get(CACHE)?.byteLength ?? 0) / 1e6;
  console.log(
    `${label}: vault read ${read.toFixed(0)} ms, accurate model ${accurate.toFixed(0)} ms, notes read ${vault.reads}, ` +
      `plan files ${plugin.index.paths().length}, items ${model.items.length}, cache write ${write.toFixed(0)} ms, cache ${mb.toFixed(1)} MB`,
  );
  return model;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 2000);
  const files: Record<string, string> = {};
  let chars = 0;
  for (const f of vaultFiles(n, 1)) {
    files[f.path] = f.text;
    chars += f.text.length;
  }
  console.log(`${n} files, ${(chars / 1e6).toFixed(0)} M chars`);
  const PluginClass = loadPluginClass();
  const vault = new Vault(files);
  const cold = JSON.stringify(await start(PluginClass, vault, 'cold'));
  for (let i = 0; i < 3; i++) {
    const warm = JSON.stringify(await start(PluginClass, vault, 'warm'));
    if (warm !== cold) throw new Error('the warm model differs from the cold one');
  }
}

void main();
