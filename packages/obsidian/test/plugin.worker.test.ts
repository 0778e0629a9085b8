import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { buildModel, parsePlan } from '@plansight/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkerReply, WorkerRequest } from '../src/index/workerProtocol';
import type { WorkerLike } from '../src/index/workerRefine';
import { idleApi, idles, loadPlugin, MAIN, plans, ROOT, runIdle, settle, startIndexed, timers, useBuiltPlugin, windowShim } from './builtPlugin';
import type { Plugin } from './obsidianStub';

const WORKER = join(ROOT, 'packages/obsidian/dist/indexWorker.js');

/**
 * The built worker bundle (dist/indexWorker.js) run in a vm context whose `self` stands in for the worker
 * global; messages cross asynchronously and are structured-cloned, as between a page and its Worker.
 */
class VmWorker implements WorkerLike {
  onmessage: ((e: { data: WorkerReply }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  batches: string[][] = [];
  /** Pack requests (the index cache) seen, and packed buffers the worker sent back. */
  packs = 0;
  packed = 0;
  terminated = false;
  /** Run before each batch is parsed (the test changes files "while the worker is busy"). */
  beforeParse: (() => void) | null = null;
  private scope: { onmessage: ((e: { data: WorkerRequest }) => void) | null; postMessage(r: WorkerReply): void };

  constructor(source: string) {
    this.scope = {
      onmessage: null,
      postMessage: (r) => {
        if ('packed' in r) this.packed++;
        const data = structuredClone(r);
        setImmediate(() => !this.terminated && this.onmessage?.({ data }));
      },
    };
    // What a worker global has and the bundle uses besides `self`.
    runInNewContext(source, { self: this.scope, TextEncoder, TextDecoder, URL, console });
  }

  postMessage(message: WorkerRequest): void {
    if ('pack' in message) this.packs++;
    else this.batches.push(message.jobs.map((j) => j.path));
    const data = structuredClone(message);
    setImmediate(() => {
      if (this.terminated) return;
      this.beforeParse?.();
      this.scope.onmessage?.({ data });
    });
  }

  terminate(): void {
    this.terminated = true;
  }
}

type PluginApi = Plugin & {
  index: { paths(): string[]; pendingCount(): number; model(): unknown };
  makeWorker: () => WorkerLike | null;
  indexVault(): Promise<void>;
  whenIndexed(): Promise<void>;
  flushCache(): Promise<void>;
};

const paddedPlans = (n: number) => plans(n, (i) => `plans/Sprint ${String(i).padStart(3, '0')}.md`);

const accurateModel = (files: Record<string, string>) => {
  const paths = Object.keys(files).filter((p) => p.startsWith('plans/')).sort();
  return buildModel(paths.map((p) => parsePlan(p, files[p]!)));
};

describe('the built plugin refines through the parse worker when it has one', () => {
  // The window has requestIdleCallback here, so the test can see which refine path ran.
  Object.assign(windowShim, idleApi);
  const PluginClass = useBuiltPlugin<PluginApi>([MAIN, WORKER]);
  let source: string;
  beforeAll(() => {
    source = readFileSync(WORKER, 'utf8');
  });
  const start = (files: Record<string, string>, makeWorker: () => WorkerLike | null) =>
    startIndexed(PluginClass(), files, (plugin) => {
      plugin.makeWorker = makeWorker;
    });

  const untilRefined = async (plugin: PluginApi) => {
    for (let i = 0; i < 500 && plugin.index.pendingCount() > 0; i++) await settle(5);
  };

  it('the provisional files become accurate from the worker results (accept), with no main-thread slice', async () => {
    const files = paddedPlans(100);
    const worker = new VmWorker(source);
    const { plugin } = await start(files, () => worker);
    // The first batch may be back already: the vault was read twice (layout ready, then the test's call).
    expect(plugin.index.pendingCount()).toBeGreaterThan(0);
    await untilRefined(plugin);
    expect(plugin.index.pendingCount()).toBe(0);
    expect(idles.size).toBe(0);
    // Batches of at most 64 files; every plan went to the worker (one result can land between the two reads and
    // find its file not set yet: that file is simply sent again).
    expect(Math.max(...worker.batches.map((b) => b.length))).toBe(64);
    expect(new Set(worker.batches.flat()).size).toBe(100);
    expect(plugin.index.model()).toEqual(accurateModel(files));
    plugin.unload();
    expect(worker.terminated).toBe(true);
    expect(timers.size).toBe(0);
  });

  it('a file changed while its batch is parsed is not taken from the stale result: it is sent again', async () => {
    const files = paddedPlans(3);
    const worker = new VmWorker(source);
    const { vault, plugin } = await start(files, () => worker);
    const changed = '# Sprint 2\n\n## Worker 2\n- [ ] T2-001 changed meanwhile\n';
    worker.beforeParse = () => {
      worker.beforeParse = null;
      void vault.modify(vault.getAbstractFileByPath('plans/Sprint 002.md') as never, changed);
    };
    await untilRefined(plugin);
    expect(plugin.index.pendingCount()).toBe(0);
    expect(worker.batches).toEqual([['plans/Sprint 001.md', 'plans/Sprint 002.md', 'plans/Sprint 003.md'], ['plans/Sprint 002.md']]);
    expect(plugin.index.model()).toEqual(accurateModel({ ...files, 'plans/Sprint 002.md': changed }));
    plugin.unload();
  });

  it('falls back to idle slices when the worker errors or cannot be created, and unload stops everything', async () => {
    const files = paddedPlans(20);
    const worker = new VmWorker(source);
    worker.postMessage = () => setImmediate(() => worker.onerror?.({ message: 'boom' }));
    const warn = console.warn;
    const warned: string[] = [];
    console.warn = (m: string) => warned.push(m);
    try {
      const { plugin } = await start(files, () => worker);
      await settle(5);
      expect(worker.terminated).toBe(true);
      expect(warned.join('\n')).toContain('the parse worker failed (boom)');
      expect(idles.size).toBe(1);
      while (runIdle() > 0);
      expect(plugin.index.pendingCount()).toBe(0);
      expect(plugin.index.model()).toEqual(accurateModel(files));
      plugin.unload();

      const none = await start(files, () => null);
      expect(idles.size).toBe(1);
      none.plugin.unload();
      expect(idles.size).toBe(0);
      expect(timers.size).toBe(0);
    } finally {
      console.warn = warn;
    }
  });

  it('packs the index cache in the worker (off the UI thread); a restart from that cache reads no note', async () => {
    const files = paddedPlans(10);
    const worker = new VmWorker(source);
    const { vault, plugin } = await start(files, () => worker);
    await untilRefined(plugin);
    await plugin.flushCache();
    expect([worker.packs, worker.packed]).toEqual([1, 1]);
    expect(vault.adapter.binaries.size).toBe(1);
    plugin.unload();

    vault.reads = 0;
    const again = await loadPlugin(PluginClass(), vault, (p) => {
      p.makeWorker = () => new VmWorker(source);
    });
    again.app.stubWorkspace.layoutReady();
    await again.plugin.whenIndexed();
    expect(vault.reads).toBe(0);
    expect(again.plugin.index.pendingCount()).toBe(0);
    expect(again.plugin.index.model()).toEqual(accurateModel(files));
    again.plugin.unload();
    expect(timers.size).toBe(0);
  });

  it('unload while a batch is in the worker terminates it and accepts nothing more', async () => {
    const worker = new VmWorker(source);
    const { plugin } = await start(paddedPlans(10), () => worker);
    expect(worker.batches).toHaveLength(1);
    plugin.unload();
    expect(worker.terminated).toBe(true);
    await settle(20);
    expect(plugin.index.pendingCount()).toBe(10);
    expect(timers.size).toBe(0);
  });
});
