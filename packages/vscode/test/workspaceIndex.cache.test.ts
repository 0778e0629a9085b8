import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('vscode', () => import('./workspaceStub.js'));
import { unpackIndexCache } from '@plansight/core';
import { fake, FileUri, workspace as vscodeWorkspace } from './workspaceStub.js';
import { WorkspaceIndex, type WorkspaceIndexOptions } from '../src/workspaceIndex.js';
import type { IndexState } from '../src/indexProgress.js';
import { CACHE_FILE_NAME } from '../src/cacheFile.js';

const plan = (i: number, extra = '') => `# Plan ${i}\n\n## Tasks\n\n- [ ] Task ${i}.1${extra}\n- [x] Task ${i}.2\n`;
const note = (i: number) => `# Note ${i}\n\nJust prose, nothing a plan is made of.\n`;

let dir: string;
let ws: string;
let cacheFile: string;
let lines: string[];
const open: WorkspaceIndex[] = [];

function workspace(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`d${i % 3}/file-${i}.md`] = i % 5 === 0 ? plan(i) : note(i);
  return files;
}

/** The files on disk (mtime fixed, so a rewrite of the same size can keep it) and in the stub's findFiles. */
function put(files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(ws, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    utimesSync(p, 1_700_000_000, 1_700_000_000);
  }
  fake.files = new Map([...fake.files, ...Object.entries(files)]);
}

function start(options: Partial<WorkspaceIndexOptions> = {}): WorkspaceIndex {
  const index = new WorkspaceIndex({ storage: new FileUri('/storage', join(dir, 'storage')) as never, build: 'test', log: (l) => lines.push(l), ...options });
  open.push(index);
  return index;
}

function track(ix: WorkspaceIndex): IndexState[] {
  const seen: IndexState[] = [ix.indexing];
  ix.onDidProgress((s) => seen.push(s));
  return seen;
}

/** Taken before the fake timers: real I/O needs real time to pass. */
const realSleep = ((t) => (ms: number) => new Promise<void>((r) => t(r, ms)))(globalThis.setTimeout);

/** Real I/O under fake timers: give the event loop real time and move the clock until `cond` holds (20 s at most). */
async function until(what: string, cond: () => boolean): Promise<void> {
  const end = performance.now() + 20_000;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}; log: ${lines.join(' | ')}`);
    await realSleep(1);
    await vi.advanceTimersByTimeAsync(20);
  }
}

const written = () => lines.some((l) => l.startsWith('index cache written'));

/** A cold scan that ends with the cache written; the instance is disposed. */
async function coldScan(files: Record<string, string>): Promise<void> {
  put(files);
  const index = start();
  await until('the cache to be written', written);
  index.dispose();
  lines = [];
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  dir = mkdtempSync(join(tmpdir(), 'plansight-wscache-'));
  ws = join(dir, 'ws');
  cacheFile = join(dir, 'storage', CACHE_FILE_NAME);
  fake.reset({});
  fake.disk = ws;
  lines = [];
});

afterEach(async () => {
  // A disposed index still writes what changed: let it finish before its folder goes.
  for (const ix of open.splice(0)) {
    ix.dispose();
    await ix.flushCache();
  }
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('WorkspaceIndex with the persistent cache', () => {
  it('a cold scan writes the cache once remark is done; a warm one takes every unchanged file from it, unread', async () => {
    put(workspace(30));
    const cold = start();
    await until('idle', () => cold.indexing.phase === 'idle' && cold.paths().length === 6);
    expect(existsSync(cacheFile)).toBe(false); // debounced: not yet
    await until('the cache to be written', written);
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(new RegExp(`^index cache written: 30 files, ${statSync(cacheFile).size} bytes in \\d+ ms$`));
    const coldModel = JSON.stringify(cold.model());
    cold.dispose();
    lines = [];

    // Same size and mtime, other text: a warm scan that read the file would see the change.
    const p = join(ws, 'd0/file-0.md');
    writeFileSync(p, plan(0).replace('Task 0.1', 'Task 0.X'));
    utimesSync(p, 1_700_000_000, 1_700_000_000);
    const warm = start();
    const seen = track(warm);
    await warm.ready;
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/^restored 30 of 30 files from the index cache in \d+ ms \(showing 6 cached plan files after \d+ ms; listing the files \d+ ms; 0 cache entries unused\)$/);
    expect(JSON.stringify(warm.model())).toBe(coldModel);
    expect(warm.file('d0/file-0.md')!.items.map((i) => i.title)).toContain('Task 0.1');
    // Nothing to refine: reading (the stats) straight to idle.
    expect(seen.map((s) => s.phase).filter((x, i, all) => x !== all[i - 1])).toEqual(['finding', 'reading', 'idle']);
    // Nothing changed: the cache is not written again (not later, nor on deactivate).
    await vi.advanceTimersByTimeAsync(10_000);
    await warm.flushCache();
    expect(written()).toBe(false);
  });

  it('a changed file is read again, a deleted one is gone, and the cache is rewritten without it', async () => {
    await coldScan(workspace(30));
    put({ 'd0/file-0.md': plan(0, ' (changed)') });
    utimesSync(join(ws, 'd0/file-0.md'), 1_700_000_100, 1_700_000_100);
    unlinkSync(join(ws, 'd0/file-15.md'));
    fake.files.delete('d0/file-15.md');
    put({ 'new/plan.md': plan(99) });
    const warm = start();
    const seen = track(warm);
    await warm.ready;
    expect(lines[0]).toMatch(/^restored 28 of 30 files from the index cache in \d+ ms \(showing 6 cached plan files after \d+ ms; listing the files \d+ ms; 2 cache entries unused; read 2: (d0\/file-0\.md, new\/plan\.md|new\/plan\.md, d0\/file-0\.md)\)$/);
    expect(warm.file('d0/file-0.md')!.items.map((i) => i.title)).toContain('Task 0.1 (changed)');
    expect(warm.paths()).not.toContain('d0/file-15.md');
    expect(warm.paths()).toContain('new/plan.md');
    await until('the cache to be rewritten', written);
    // Only the two files read were refined.
    expect(seen.filter((s) => s.phase === 'refining').every((s) => s.phase === 'refining' && s.left <= 2)).toBe(true);
    const cache = unpackIndexCache(readFileSync(cacheFile));
    const paths = [...cache.snapshot.entries.map((e) => e.path), ...cache.others.map((o) => o[0])];
    expect(paths).not.toContain('d0/file-15.md');
    expect(paths).toContain('new/plan.md');
    expect(paths.length).toBe(30);
  });

  it('a file written in the second of the scan is confirmed by its content next time: an edit that kept size and mtime is seen', async () => {
    const files = workspace(30);
    put(files);
    // A whole-second mtime the scan sees under two seconds old: d0/file-0.md and d1/file-1.md are racy. Set 30 s
    // ahead of the (fake) clock, which the waits below move on, so it cannot age out first. (`utimesSync` takes seconds.)
    const tick = Math.floor(Date.now() / 1000) + 30;
    for (const rel of ['d0/file-0.md', 'd1/file-1.md']) utimesSync(join(ws, rel), tick, tick);
    const cold = start();
    await until('the cache to be written', written);
    cold.dispose();
    lines = [];
    const cache = unpackIndexCache(readFileSync(cacheFile));
    expect(cache.snapshot.entries.find((e) => e.path === 'd0/file-0.md')?.racy).toBe(true);
    expect(cache.others.find((o) => o[0] === 'd1/file-1.md')?.[3]).toBe(1);
    // The same tick, the same size, another text.
    const p = join(ws, 'd0/file-0.md');
    writeFileSync(p, plan(0).replace('Task 0.1', 'Task 0.X'));
    utimesSync(p, tick, tick);
    const warm = start();
    await warm.ready;
    expect(lines[0]).toMatch(/; read 2: (d0\/file-0\.md, d1\/file-1\.md|d1\/file-1\.md, d0\/file-0\.md)\)$/);
    expect(warm.file('d0/file-0.md')!.items.map((i) => i.title)).toContain('Task 0.X');
  });

  it('an open dirty document wins over the cache', async () => {
    await coldScan(workspace(10));
    const uri = new FileUri('/ws/d0/file-0.md', join(ws, 'd0/file-0.md'));
    fake.documents = [{ uri, isDirty: true, getText: () => plan(0, ' (unsaved)') }];
    const warm = start();
    await warm.ready;
    expect(warm.file('d0/file-0.md')!.items.map((i) => i.title)).toContain('Task 0.1 (unsaved)');
    expect(lines[0]).toMatch(/^restored 9 of 10 files from the index cache in \d+ ms \(showing 1 cached plan files after \d+ ms; listing the files \d+ ms; 1 cache entries unused; read 1: d0\/file-0\.md\)$/);
  });

  it('a dirty document saved: the file is read again with its new stat and goes back into the cache', async () => {
    await coldScan(workspace(10));
    const uri = new FileUri('/ws/d0/file-0.md', join(ws, 'd0/file-0.md'));
    const doc = { uri, isDirty: true, getText: () => plan(0, ' (saved)') };
    fake.documents = [doc];
    const ix = start();
    await ix.ready;
    await until('idle', () => ix.indexing.phase === 'idle');
    await ix.flushCache();
    const paths = () => unpackIndexCache(readFileSync(cacheFile)).snapshot.entries.map((e) => e.path);
    expect(paths()).not.toContain('d0/file-0.md'); // the buffer is not the file
    put({ 'd0/file-0.md': plan(0, ' (saved)') });
    doc.isDirty = false;
    for (const l of fake.saveListeners) l(doc);
    await until('the saved file re-read and the cache rewritten', () => lines.filter((l) => l.startsWith('index cache written')).length >= 2);
    expect(paths()).toContain('d0/file-0.md');
    expect(ix.file('d0/file-0.md')!.items.map((i) => i.title)).toContain('Task 0.1 (saved)');
  });

  it('a corrupt, truncated or foreign cache is one log line and a cold scan, then a good cache is written', async () => {
    await coldScan(workspace(10));
    const good = readFileSync(cacheFile);
    for (const [bytes, build, said] of [
      [Buffer.from('garbage, not a cache at all'), 'test', /cannot be used \(not a packed value/],
      [good.subarray(0, good.length - 40), 'test', /cannot be used \(not a packed value: truncated/],
      [good, 'another build', /was written by another build or with other settings: ignored/],
    ] as const) {
      writeFileSync(cacheFile, bytes);
      lines = [];
      const ix = start({ build });
      await ix.ready;
      expect(lines.length).toBe(1);
      expect(lines[0]).toMatch(said);
      expect(ix.paths().length).toBe(2);
      await until('a good cache written', written);
      expect(unpackIndexCache(readFileSync(cacheFile)).key).toContain(build);
      ix.dispose();
    }
  });

  it('plansight.indexCache off: nothing is read or written, and the cache file is deleted', async () => {
    await coldScan(workspace(10));
    expect(existsSync(cacheFile)).toBe(true);
    fake.config = { indexCache: false };
    const ix = start();
    await ix.ready;
    await vi.advanceTimersByTimeAsync(10_000);
    await ix.flushCache();
    expect(ix.paths().length).toBe(2);
    expect(lines).toEqual([]);
    expect(existsSync(cacheFile)).toBe(false);
  });

  it('without a storage folder there is no cache', async () => {
    put(workspace(10));
    const ix = start({ storage: undefined });
    await ix.ready;
    await vi.advanceTimersByTimeAsync(10_000);
    await ix.flushCache();
    expect(lines).toEqual([]);
    expect(existsSync(join(dir, 'storage'))).toBe(false);
  });

  it('flushCache writes a change at once (deactivate), and a failing write is a log line, not an error', async () => {
    await coldScan(workspace(10));
    const ix = start();
    await ix.ready;
    expect(written()).toBe(false);
    put({ 'd1/file-1.md': plan(1) });
    utimesSync(join(ws, 'd1/file-1.md'), 1_700_000_200, 1_700_000_200);
    await ix.rescan();
    await until('refined', () => ix.indexing.phase === 'idle');
    await ix.flushCache();
    expect(written()).toBe(true);
    expect(unpackIndexCache(readFileSync(cacheFile)).snapshot.entries.map((e) => e.path)).toContain('d1/file-1.md');
    // The storage folder becomes a file: the write fails, quietly.
    lines = [];
    rmSync(join(dir, 'storage'), { recursive: true });
    writeFileSync(join(dir, 'storage'), 'not a folder');
    put({ 'd2/file-2.md': plan(2) });
    await ix.rescan();
    await until('refined', () => ix.indexing.phase === 'idle');
    await expect(ix.flushCache()).resolves.toBeUndefined();
    expect(lines.at(-1)).toMatch(/not written/);
  });

  describe('before the files are listed', () => {
    const listFiles = vscodeWorkspace.findFiles;
    afterEach(() => {
      vscodeWorkspace.findFiles = listFiles;
    });

    /**
     * findFiles answers only when the test calls the returned function (the listing as it is then). The tests use
     * one plan glob, so that a scan asks once.
     */
    function holdListing(): (() => void)[] {
      const waiting: (() => void)[] = [];
      vscodeWorkspace.findFiles = () => new Promise((resolve) => waiting.push(() => void listFiles().then(resolve)));
      return waiting;
    }

    it('shows the cached plan files at once, then drops a deleted one and re-reads a changed one', async () => {
      await coldScan(workspace(30));
      const coldModel = (() => {
        const ix = start();
        return ix.ready.then(() => JSON.stringify(ix.model()));
      })();
      const expected = await coldModel;
      open.splice(0).forEach((ix) => ix.dispose());
      lines = [];
      put({ 'd0/file-0.md': plan(0, ' (changed)') });
      utimesSync(join(ws, 'd0/file-0.md'), 1_700_000_100, 1_700_000_100);
      unlinkSync(join(ws, 'd0/file-15.md'));
      fake.files.delete('d0/file-15.md');
      put({ 'new/plan.md': plan(99) });
      fake.config = { planGlobs: ['**/*.md'] };
      const waiting = holdListing();
      const ix = start();
      let changes = 0;
      ix.onDidChange(() => changes++);
      await until('the cached model shown', () => changes === 1);
      // Still listing: the cached model, whole (the deleted file too), and the status item still says indexing.
      expect(waiting.length).toBe(1);
      expect(ix.indexing.phase).toBe('finding');
      expect(JSON.stringify(ix.model())).toBe(expected);
      expect(ix.paths().sort()).toEqual(['d0/file-0.md', 'd0/file-15.md', 'd1/file-10.md', 'd1/file-25.md', 'd2/file-20.md', 'd2/file-5.md']);
      expect(ix.file('d0/file-0.md')!.items.map((i) => i.title)).not.toContain('Task 0.1 (changed)');
      expect(ix.uriOf('d1/file-10.md')!.toString()).toBe('file:///ws/d1/file-10.md');
      expect(fake.started).toEqual([]);
      waiting[0]!();
      await ix.ready;
      expect(ix.file('d0/file-0.md')!.items.map((i) => i.title)).toContain('Task 0.1 (changed)');
      expect(ix.paths()).not.toContain('d0/file-15.md');
      expect(ix.paths()).toContain('new/plan.md');
      expect(lines[0]).toMatch(/^restored 28 of 30 files from the index cache in \d+ ms \(showing 6 cached plan files after \d+ ms; listing the files \d+ ms; 2 cache entries unused; read 2: /);
      await until('the change after the check', () => changes === 2);
      await until('idle', () => ix.indexing.phase === 'idle');
    });

    it('never shows a cached file the current settings exclude, and a file no longer matching is gone after the check', async () => {
      await coldScan(workspace(30));
      fake.config = { planGlobs: ['d{1,2}/**/*.md'] };
      const waiting = holdListing();
      const ix = start();
      await until('the cached model shown', () => ix.paths().length > 0);
      expect(ix.paths().sort()).toEqual(['d1/file-10.md', 'd1/file-25.md', 'd2/file-20.md', 'd2/file-5.md']);
      // The stub lists every file, whatever the globs: the index itself keeps to them.
      waiting[0]!();
      await ix.ready;
      expect(ix.paths().sort()).toEqual(['d1/file-10.md', 'd1/file-25.md', 'd2/file-20.md', 'd2/file-5.md']);
      // A rescan under narrower settings: what it no longer matches goes, also from the cached model shown first.
      fake.config = { planGlobs: ['d2/**/*.md'] };
      const rescan = ix.rescan();
      await until('the second listing asked', () => waiting.length === 2);
      expect(ix.paths().every((p) => p.startsWith('d2/'))).toBe(true);
      waiting[1]!();
      await rescan;
      expect(ix.paths().sort()).toEqual(['d2/file-20.md', 'd2/file-5.md']);
    });

    it('a rescan that starts while the first still lists wins: the first one\'s late listing changes nothing', async () => {
      await coldScan(workspace(30));
      fake.config = { planGlobs: ['**/*.md'] };
      const waiting = holdListing();
      const ix = start();
      const first = ix.ready;
      await until('the cached model shown', () => ix.paths().length === 6);
      fake.config = { planGlobs: ['d0/**/*.md'] };
      const second = ix.rescan();
      await until('the second listing asked', () => waiting.length === 2);
      waiting[1]!();
      await second;
      expect(ix.paths().sort()).toEqual(['d0/file-0.md', 'd0/file-15.md']);
      // The stale scan lists now, with the old settings' files all there: it must neither add nor drop anything.
      waiting[0]!();
      await first;
      await vi.advanceTimersByTimeAsync(1000);
      expect(ix.paths().sort()).toEqual(['d0/file-0.md', 'd0/file-15.md']);
      expect(lines.filter((l) => l.startsWith('restored')).length).toBe(1);
    });

    it('an open dirty document is not shown from the cache, nor replaced by it', async () => {
      await coldScan(workspace(10));
      const uri = new FileUri('/ws/d0/file-0.md', join(ws, 'd0/file-0.md'));
      fake.documents = [{ uri, isDirty: true, getText: () => plan(0, ' (unsaved)') }];
      fake.config = { planGlobs: ['**/*.md'] };
      const waiting = holdListing();
      const ix = start();
      await until('the cached model shown', () => ix.paths().length > 0);
      expect(ix.paths()).toEqual(['d2/file-5.md']);
      waiting[0]!();
      await ix.ready;
      expect(ix.file('d0/file-0.md')!.items.map((i) => i.title)).toContain('Task 0.1 (unsaved)');
    });
  });
});
