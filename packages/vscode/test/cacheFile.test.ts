import * as fs from 'node:fs/promises';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('vscode', () => import('./workspaceStub.js'));
import { DEFAULT_VOCABULARY, mergeVocabulary, packIndexCache, parsePlan } from '@plansight/core';
import { CACHE_FILE_NAME, LocalCacheStore, readIndexCache, type LocalFs } from '../src/cacheFile.js';
import { CorePlanIndex } from '../src/planIndex.js';

const PLAN = '# Sprint 1\n\n- [ ] T1-001: HTTP server setup\n- [x] T1-002: Router\n';
const NOTE = '# Shopping\n\nMilk, bread and a new kettle.\n';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plansight-cache-'));
  file = join(dir, 'storage', CACHE_FILE_NAME);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An index of one plan and one note, read from disk (each with a stat), refined. */
function filled(build = 'b1'): CorePlanIndex {
  const index = new CorePlanIndex({}, {}, build);
  index.update('sprint.md', PLAN, false, { size: 70, mtime: 1000 });
  index.update('notes.md', NOTE, false, { size: 44, mtime: 2000 });
  index.refine(Infinity, () => 0);
  return index;
}

describe('the index cache file', () => {
  it('round trip: what is written is read back whole, and a new index restores it', async () => {
    const store = new LocalCacheStore(file);
    expect(await readIndexCache(store)).toBeNull(); // no file yet: no cache, not an error
    const cache = filled().cache();
    await store.write(packIndexCache(cache));
    const back = await readIndexCache(store);
    expect(back).toEqual(JSON.parse(JSON.stringify(cache)));
    const warm = new CorePlanIndex({}, {}, 'b1');
    expect(warm.restore(back!)).toBe(true);
    expect(warm.setCached('sprint.md', { size: 70, mtime: 1000 })).toBe(true);
    expect(warm.setCached('notes.md', { size: 44, mtime: 2000 })).toBe(true);
    expect(warm.paths()).toEqual(['sprint.md']);
    expect(warm.model().files[0]).toEqual(parsePlan('sprint.md', PLAN));
    // Only the cache file is left in the folder (the temporary file was renamed).
    expect(readdirSync(join(dir, 'storage'))).toEqual([CACHE_FILE_NAME]);
  });

  it('a corrupt file is refused with the reason', async () => {
    const store = new LocalCacheStore(file);
    await store.write(new TextEncoder().encode('{"key":"b1","snapshot":{"entries":[]},"others":[]}'));
    await expect(readIndexCache(store)).rejects.toThrow(/not a packed value/);
  });

  it('a truncated file is refused', async () => {
    const store = new LocalCacheStore(file);
    const bytes = packIndexCache(filled().cache());
    for (const cut of [10, 100, bytes.length >> 1, bytes.length - 3]) {
      await store.write(bytes.slice(0, cut));
      await expect(readIndexCache(store), `cut at ${cut}`).rejects.toThrow();
    }
  });

  it('a packed value that is not a well-formed cache is refused', async () => {
    const store = new LocalCacheStore(file);
    const cache = filled().cache();
    const damaged = { ...cache, snapshot: { ...cache.snapshot, entries: [{ ...cache.snapshot.entries[0], file: { path: 'x' } }] } };
    await store.write(packIndexCache(damaged as never));
    await expect(readIndexCache(store)).rejects.toThrow(/entry 0 is not a parsed file/);
    await store.write(packIndexCache({ ...cache, others: [['a.md', 'big', 1]] } as never));
    await expect(readIndexCache(store)).rejects.toThrow(/non-plan entry 0/);
  });

  it('a cache of another build or vocabulary is not taken', async () => {
    const store = new LocalCacheStore(file);
    await store.write(packIndexCache(filled('b1').cache()));
    const cache = (await readIndexCache(store))!;
    const otherBuild = new CorePlanIndex({}, {}, 'b2');
    expect(otherBuild.restore(cache)).toBe(false);
    expect(otherBuild.setCached('sprint.md', { size: 70, mtime: 1000 })).toBe(false);
    const otherVocabulary = new CorePlanIndex({ vocabulary: mergeVocabulary(DEFAULT_VOCABULARY, { words: { shipped: 'done' } }) }, {}, 'b1');
    expect(otherVocabulary.cacheKey).not.toBe(cache.key);
    expect(otherVocabulary.restore(cache)).toBe(false);
  });

  it('a write that fails half way leaves the old cache whole and no temporary file', async () => {
    const store = new LocalCacheStore(file);
    const old = packIndexCache(filled().cache());
    await store.write(old);
    // The disk fills up after half the bytes of the new cache.
    const failing: LocalFs = {
      ...fs,
      writeFile: async (path, bytes) => {
        await fs.writeFile(path, bytes.slice(0, bytes.length >> 1));
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const next = filled();
    next.update('more.md', PLAN.replace('Router', 'Auth'), false, { size: 68, mtime: 3000 });
    await expect(new LocalCacheStore(file, failing).write(packIndexCache(next.cache()))).rejects.toThrow(/ENOSPC/);
    expect(new Uint8Array(readFileSync(file))).toEqual(old);
    expect(readdirSync(join(dir, 'storage'))).toEqual([CACHE_FILE_NAME]);
    // A rename that fails also leaves the old file.
    const noRename: LocalFs = { ...fs, rename: async () => Promise.reject(new Error('EXDEV')) };
    await expect(new LocalCacheStore(file, noRename).write(packIndexCache(next.cache()))).rejects.toThrow(/EXDEV/);
    expect(new Uint8Array(readFileSync(file))).toEqual(old);
    expect(readdirSync(join(dir, 'storage'))).toEqual([CACHE_FILE_NAME]);
  });

  it('delete removes the file, and is quiet when there is none', async () => {
    const store = new LocalCacheStore(file);
    await store.write(packIndexCache(filled().cache()));
    await store.delete();
    expect(existsSync(file)).toBe(false);
    await expect(store.delete()).resolves.toBeUndefined();
  });
});
