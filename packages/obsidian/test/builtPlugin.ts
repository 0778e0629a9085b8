import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { App, ledger, Vault, type Plugin } from './obsidianStub';
import { installPluginHost, uninstallPluginHost } from './pluginHost';

/** Loading the built `dist/main.js` under the in-memory obsidian stub, shared by the plugin-level tests. */

export const ROOT = join(__dirname, '../../..');
export const MAIN = join(ROOT, 'packages/obsidian/dist/main.js');

/** Timers the plugin starts through `window`, so a test can see none is left after unload. */
export const timers = new Set<unknown>();
/** Idle callbacks queued through `idleApi`, run by `runIdle`. */
export const idles = new Map<number, () => void>();
let nextIdle = 1;

export const windowShim: Record<string, unknown> = {
  setTimeout(fn: () => void, ms?: number) {
    const id = setTimeout(() => {
      timers.delete(id);
      fn();
    }, ms);
    timers.add(id);
    return id;
  },
  clearTimeout(id: unknown) {
    clearTimeout(id as NodeJS.Timeout);
    timers.delete(id);
  },
};

/** `requestIdleCallback`, for tests that put it on `windowShim` (the plugin prefers it when present). */
export const idleApi = {
  requestIdleCallback(fn: () => void) {
    const id = nextIdle++;
    idles.set(id, fn);
    return id;
  },
  cancelIdleCallback(id: number) {
    idles.delete(id);
  },
};

/** Run the idle callbacks queued so far, as the browser would when it is idle. */
export function runIdle(): number {
  const queued = [...idles];
  idles.clear();
  for (const [, fn] of queued) fn();
  return queued.length;
}

export const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/**
 * Load the built plugin class once for the calling test file (building first when `dist/` lacks any of
 * `builtFiles`), with `obsidian` stubbed and `window`/`document` shimmed; undone after the file's tests.
 */
export function useBuiltPlugin<P>(builtFiles: string[] = [MAIN]): () => new (app: unknown, manifest: unknown) => P {
  let PluginClass: new (app: unknown, manifest: unknown) => P;
  beforeAll(() => {
    if (!builtFiles.every((f) => existsSync(f))) execFileSync('node', ['esbuild.config.mjs'], { cwd: ROOT, stdio: 'inherit' });
    PluginClass = installPluginHost<P>(MAIN, windowShim);
  });
  afterAll(() => uninstallPluginHost());
  return () => PluginClass;
}

/** A fresh app over a fresh vault (or a given one: a restart) with the plugin loaded (`configure` runs before `load`). */
export async function loadPlugin<P extends Plugin>(
  PluginClass: new (app: unknown, manifest: unknown) => P,
  files: Record<string, string> | Vault,
  configure?: (plugin: P) => void,
): Promise<{ vault: Vault; app: App; plugin: P }> {
  ledger.reset();
  idles.clear();
  const vault = files instanceof Vault ? files : new Vault(files);
  const app = new App(vault);
  const plugin = new PluginClass(app, JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')));
  configure?.(plugin);
  plugin.load();
  await settle();
  return { vault, app, plugin };
}

/** `loadPlugin`, then the layout becomes ready and the vault is read. */
export async function startIndexed<P extends Plugin & { indexVault(): Promise<void> }>(
  PluginClass: new (app: unknown, manifest: unknown) => P,
  files: Record<string, string> | Vault,
  configure?: (plugin: P) => void,
): Promise<{ vault: Vault; app: App; plugin: P }> {
  const started = await loadPlugin(PluginClass, files, configure);
  started.app.stubWorkspace.layoutReady();
  await started.plugin.indexVault();
  return started;
}

/** `n` plan files big enough that refining them all takes several slices, and one note without plan content. */
export function plans(n: number, pathOf: (i: number) => string = (i) => `plans/Sprint ${i}.md`): Record<string, string> {
  const files: Record<string, string> = { 'notes/shopping.md': '# Shopping\n\n- milk\n' };
  for (let i = 1; i <= n; i++) {
    const items = Array.from({ length: 30 }, (_, k) => `- [${k % 3 ? ' ' : 'x'}] T${i}-${String(k + 1).padStart(3, '0')} task ${k} (depends on: T${i}-001)`);
    files[pathOf(i)] = `# Sprint ${i}\n\n## Worker ${i}\n${items.join('\n')}\n\nDependencies: T${i}-001\n`;
  }
  return files;
}
