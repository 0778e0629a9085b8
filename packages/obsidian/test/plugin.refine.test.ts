import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildModel, parsePlan } from '@plansight/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App, ledger, obsidianModule, Vault, type Plugin } from './obsidianStub';

const ROOT = join(__dirname, '../../..');
const MAIN = join(ROOT, 'packages/obsidian/dist/main.js');

/** Timers and idle callbacks the plugin starts through `window`, so the test can see none is left after unload. */
const timers = new Set<unknown>();
const idles = new Map<number, () => void>();
let nextIdle = 1;
const windowShim: Record<string, unknown> = {
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
const idleApi = {
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
function runIdle(): number {
  const queued = [...idles];
  idles.clear();
  for (const [, fn] of queued) fn();
  return queued.length;
}

type PluginApi = Plugin & {
  index: { paths(): string[]; pendingCount(): number; progress: { done: number; total: number }; model(): unknown };
  progressText(): string;
  indexVault(): Promise<void>;
};

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** Plan files big enough that refining them all takes several 8 ms slices. */
function plans(n: number): Record<string, string> {
  const files: Record<string, string> = { 'notes/shopping.md': '# Shopping\n\n- milk\n' };
  for (let i = 1; i <= n; i++) {
    const items = Array.from({ length: 30 }, (_, k) => `- [${k % 3 ? ' ' : 'x'}] T${i}-${String(k + 1).padStart(3, '0')} task ${k} (depends on: T${i}-001)`);
    files[`plans/Sprint ${i}.md`] = `# Sprint ${i}\n\n## Worker ${i}\n${items.join('\n')}\n\nDependencies: T${i}-001\n`;
  }
  return files;
}

describe('the built plugin refines the provisional index in slices', () => {
  let PluginClass: new (app: unknown, manifest: unknown) => PluginApi;
  const load = (Module as unknown as { _load: (...a: unknown[]) => unknown })._load;

  beforeAll(() => {
    if (!existsSync(MAIN)) execFileSync('node', ['esbuild.config.mjs'], { cwd: ROOT, stdio: 'inherit' });
    createRequire(MAIN)('@codemirror/view');
    (globalThis as Record<string, unknown>).window = windowShim;
    (globalThis as Record<string, unknown>).document = {
      createElement: () => ({ innerHTML: '', textContent: '' }),
    };
    (Module as unknown as { _load: unknown })._load = function (request: string, ...rest: unknown[]) {
      if (request === 'obsidian') return obsidianModule;
      return load.call(this, request, ...rest);
    };
    PluginClass = (createRequire(__filename)(MAIN) as { default: typeof PluginClass }).default;
  });
  afterAll(() => {
    (Module as unknown as { _load: unknown })._load = load;
    delete (globalThis as Record<string, unknown>).window;
    delete (globalThis as Record<string, unknown>).document;
  });

  async function start(files: Record<string, string>) {
    ledger.reset();
    const vault = new Vault(files);
    const app = new App(vault);
    const plugin = new PluginClass(app, JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')));
    plugin.load();
    await settle();
    app.stubWorkspace.layoutReady();
    await plugin.indexVault();
    return { vault, plugin };
  }

  it('is provisional right after the read, then accurate after timer slices, equal to the remark parse', async () => {
    const files = plans(40);
    const { plugin } = await start(files);
    expect(plugin.index.paths()).toHaveLength(40);
    expect(plugin.index.pendingCount()).toBe(40);
    expect(plugin.progressText()).toBe('40 plan files (refining, 40 left)');
    for (let i = 0; i < 500 && plugin.index.pendingCount() > 0; i++) await settle(5);
    expect(plugin.index.pendingCount()).toBe(0);
    expect(plugin.progressText()).toBe('40 plan files');
    const paths = Object.keys(files).filter((p) => p.startsWith('plans/')).sort();
    expect(plugin.index.model()).toEqual(buildModel(paths.map((p) => parsePlan(p, files[p]!))));
    plugin.unload();
    expect(timers.size).toBe(0);
  });

  it('a modified file is refined again; unload in the middle of refining leaves no timer and stops the work', async () => {
    const { vault, plugin } = await start(plans(40));
    for (let i = 0; i < 500 && plugin.index.pendingCount() > 0; i++) await settle(5);
    expect(plugin.index.pendingCount()).toBe(0);
    await vault.modify(vault.getAbstractFileByPath('plans/Sprint 3.md') as never, '# Sprint 3\n\n## Worker 3\n- [ ] T3-001 again\n');
    await settle(0);
    for (let i = 0; i < 500 && plugin.index.pendingCount() > 0; i++) await settle(5);
    expect(plugin.index.pendingCount()).toBe(0);
    const sprint3 = (plugin.index.model() as { items: { file: string; title: string }[] }).items.filter((it) => it.file === 'plans/Sprint 3.md');
    expect(sprint3.map((it) => it.title)).toEqual(['T3-001 again']);

    // A re-read (settings changed) starts over provisionally; unload before the first slice runs.
    await plugin.indexVault();
    expect(plugin.index.pendingCount()).toBe(40);
    expect(timers.size).toBeGreaterThan(0);
    plugin.unload();
    expect(timers.size).toBe(0);
    await settle(50);
    expect(plugin.index.pendingCount()).toBe(40);
  });

  it('uses requestIdleCallback when the window has it, and cancels it on unload', async () => {
    Object.assign(windowShim, idleApi);
    try {
      const { plugin } = await start(plans(40));
      expect(plugin.index.pendingCount()).toBe(40);
      expect(idles.size).toBe(1);
      expect(runIdle()).toBe(1);
      const left = plugin.index.pendingCount();
      expect(left).toBeLessThan(40);
      expect(idles.size).toBe(1);
      plugin.unload();
      expect(idles.size).toBe(0);
      expect(timers.size).toBe(0);
      expect(plugin.index.pendingCount()).toBe(left);
    } finally {
      delete windowShim.requestIdleCallback;
      delete windowShim.cancelIdleCallback;
    }
  });
});
