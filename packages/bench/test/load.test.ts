import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, parsePlan } from '@plansight/core';
import { loadVault, loadVaultAsync } from '../../cli/src/io.js';
import { bar, createProgress } from '../../cli/src/progress.js';
import { cacheDir } from '../../cli/src/cache.js';
import { vaultFiles } from '../src/gen.js';

const WORKER = resolve(__dirname, '../../cli/dist/indexWorker.cjs');
const root = mkdtempSync(join(tmpdir(), 'plansight-load-'));
const files = [...vaultFiles(40, 11, 6000)];
for (const f of files) {
  mkdirSync(dirname(join(root, f.path)), { recursive: true });
  writeFileSync(join(root, f.path), f.text);
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

const expected = buildModel(files.map((f) => parsePlan(f.path, f.text)).sort((a, b) => (a.path < b.path ? -1 : 1)));

describe('CLI vault loading (cache, workers, fast pass)', () => {
  it('gives the same model as parsing every file with remark', () => {
    const v = loadVault([root], root, { cache: false, workers: 0, progress: false });
    expect(v.model).toEqual(expected);
    expect(v.texts.size).toBe(40);
    expect(v.stats).toMatchObject({ files: 40, cached: 0, workers: 0 });
    expect(v.stats!.accurateParsed).toBeGreaterThanOrEqual(4);
  });

  it('gives the same model from worker threads, sync and async', async () => {
    if (!existsSync(WORKER)) {
      console.warn(`worker bundle missing (${WORKER}): run \`node esbuild.config.mjs\`; worker test SKIPPED`);
      return;
    }
    const sync = loadVault([root], root, { cache: false, workers: 2, workerScript: WORKER, progress: false });
    expect(sync.stats!.workers).toBe(2);
    expect(sync.model).toEqual(expected);
    const async = await loadVaultAsync([root], root, { cache: false, workers: 2, workerScript: WORKER, progress: false });
    expect(async.model).toEqual(expected);
  });

  it('gives the same provisional model when workers share the fast pass, or when the worker dies at start', () => {
    if (!existsSync(WORKER)) {
      console.warn(`worker bundle missing (${WORKER}): run \`node esbuild.config.mjs\`; worker test SKIPPED`);
      return;
    }
    const fast = { cache: false, accurate: false, progress: false } as const;
    const alone = loadVault([root], root, { ...fast, workers: 0 });
    expect(alone.stats!.workers).toBe(0);
    for (const workers of [1, 2]) {
      const shared = loadVault([root], root, { ...fast, workers, workerScript: WORKER });
      expect(shared.stats!.workers).toBe(workers);
      expect(shared.model).toEqual(alone.model);
      for (const f of files) expect(shared.texts.get(f.path)).toBe(f.text);
    }
    const broken = join(root, '..', `broken-worker-${process.pid}.cjs`);
    writeFileSync(broken, 'throw new Error("worker failed to start");');
    try {
      const v = loadVault([root], root, { ...fast, workers: 1, workerScript: broken });
      expect(v.model).toEqual(alone.model);
    } finally {
      rmSync(broken, { force: true });
    }
  });

  it('serves unchanged files from the persistent cache and re-parses a changed one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plansight-cache-'));
    const prev = process.env.PLANSIGHT_CACHE;
    process.env.PLANSIGHT_CACHE = dir;
    try {
      const first = loadVault([root], root, { cache: true, workers: 0, progress: false });
      expect(first.stats!.cached).toBe(0);
      const warm = loadVault([root], root, { cache: true, workers: 0, progress: false });
      expect(warm.stats).toMatchObject({ cached: 40, accurateParsed: 0 });
      expect(warm.model).toEqual(expected);
      const plan = files.find((f) => f.path.includes('SPRINT'))!;
      const changed = plan.text.replace('- [ ]', '- [x]');
      writeFileSync(join(root, plan.path), changed);
      utimesSync(join(root, plan.path), new Date(), new Date(Date.now() + 5000));
      const after = loadVault([root], root, { cache: true, workers: 0, progress: false });
      expect(after.stats).toMatchObject({ cached: 39, accurateParsed: 1 });
      const texts = files.map((f) => (f === plan ? { ...f, text: changed } : f));
      expect(after.model).toEqual(buildModel(texts.map((f) => parsePlan(f.path, f.text)).sort((a, b) => (a.path < b.path ? -1 : 1))));
      writeFileSync(join(root, plan.path), plan.text);
    } finally {
      if (prev === undefined) delete process.env.PLANSIGHT_CACHE;
      else process.env.PLANSIGHT_CACHE = prev;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts the cache where the environment says', () => {
    expect(cacheDir('/w', { PLANSIGHT_CACHE: 'off' })).toBeNull();
    expect(cacheDir('/w', { PLANSIGHT_CACHE: '/c' })).toBe('/c');
    expect(cacheDir('/nonexistent-dir', { XDG_CACHE_HOME: '/x' })).toBe('/x/plansight');
  });
});

describe('progress bar', () => {
  it('draws n/N fitted to the width', () => {
    expect(bar('indexing', 5, 10, 37)).toBe('indexing [##########..........] 5/10');
    expect(bar('indexing', 0, 0, 80)).toMatch(/^indexing \[#+\] 0\/0$/);
  });

  it('writes to a terminal only when enabled, and clears its line', () => {
    const out: string[] = [];
    const stream = { isTTY: true, columns: 60, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream;
    let t = 0;
    const p = createProgress({ enabled: true, stream, now: () => (t += 200) });
    p.update(1, 4);
    p.update(4, 4);
    p.done();
    expect(out.join('')).toContain('1/4');
    expect(out[out.length - 1]).toBe('\r\x1b[2K');
    const quiet: string[] = [];
    createProgress({ enabled: false, stream: { ...stream, write: (s: string) => quiet.push(s) } as unknown as NodeJS.WriteStream }).update(1, 2);
    expect(quiet).toEqual([]);
  });
});
