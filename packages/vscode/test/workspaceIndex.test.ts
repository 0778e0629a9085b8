import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('vscode', () => import('./workspaceStub.js'));
import { fake } from './workspaceStub.js';
import { WorkspaceIndex } from '../src/workspaceIndex.js';
import type { IndexState } from '../src/indexProgress.js';

const plan = (i: number) => `# Plan ${i}\n\n## Tasks\n\n- [ ] Task ${i}.1\n- [x] Task ${i}.2\n`;
const note = (i: number) => `# Note ${i}\n\nJust prose, nothing a plan is made of.\n`;

function workspaceOf(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`d${i % 7}/file-${i}.md`] = i % 10 === 0 ? plan(i) : note(i);
  return files;
}

/** Let the pool's awaits run (reads resolve through a few promise hops). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

let index: WorkspaceIndex | undefined;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});

afterEach(() => {
  index?.dispose();
  index = undefined;
  vi.useRealTimers();
});

function track(ix: WorkspaceIndex): IndexState[] {
  const seen: IndexState[] = [ix.indexing];
  ix.onDidProgress((s) => seen.push(s));
  return seen;
}

describe('WorkspaceIndex scan progress', () => {
  it('shows finding, a moving indexing n/N with at most 32 reads in flight, refining k left, then idle', async () => {
    fake.reset(workspaceOf(200));
    index = new WorkspaceIndex();
    const seen = track(index);
    let ready = false;
    void index.ready.then(() => (ready = true));
    expect(index.indexing).toEqual({ phase: 'finding' });
    await settle();
    while (fake.reads.length) {
      expect(fake.inFlight).toBeLessThanOrEqual(32);
      fake.finish(10);
      await settle();
      await vi.advanceTimersByTimeAsync(30);
    }
    await settle();
    expect(ready).toBe(true);
    expect(fake.maxInFlight).toBe(32);
    expect(fake.started.length).toBe(200);
    expect(index.paths().length).toBe(20);

    const phases = seen.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['finding', 'reading', 'refining']);
    const counts = seen.flatMap((s) => (s.phase === 'reading' ? [s.done] : []));
    expect(counts[0]).toBe(0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    // 20 batches of 10 files 30 ms apart: throttled to about one update per 100 ms, not one per file.
    expect(counts.length).toBeGreaterThan(3);
    expect(counts.length).toBeLessThan(12);
    expect(seen.at(-1)).toEqual({ phase: 'refining', left: 20 });

    await vi.advanceTimersByTimeAsync(2000);
    expect(index.indexing).toEqual({ phase: 'idle' });
    expect(seen.at(-1)).toEqual({ phase: 'idle' });
    expect(index.paths().every((p) => index!.file(p))).toBe(true);
  });

  it('a rescan during the reads stops the old one, drops what it still reads, and ready waits for the new scan', async () => {
    fake.reset(workspaceOf(100));
    index = new WorkspaceIndex();
    let ready = false;
    void index.ready.then(() => (ready = true));
    await settle();
    fake.finish(5);
    await settle();
    const before = fake.started.length;
    expect(before).toBe(37);

    // The workspace changes under the first scan, then a rescan starts.
    const files = workspaceOf(100);
    delete files['d0/file-0.md'];
    files['new/plan.md'] = plan(1000);
    fake.files = new Map(Object.entries(files));
    const second = index.rescan();
    const oldReads = fake.reads.splice(0);
    await settle();
    // The old scan's reads finish after the new one started: none of them lands in the new index.
    for (const r of oldReads) r.finish();
    await settle();
    expect(ready).toBe(false);
    expect(index.paths()).toEqual([]);

    fake.finish();
    await settle();
    while (fake.reads.length) {
      fake.finish();
      await settle();
    }
    await second;
    await settle();
    expect(ready).toBe(true);
    // The old pool took no file after the rescan: 37 started by it, 100 by the new one.
    expect(fake.started.length).toBe(before + 100);
    expect(index.paths()).toContain('new/plan.md');
    expect(index.paths()).not.toContain('d0/file-0.md');
    expect(index.paths().length).toBe(10);
  });

  it('dispose stops a scan that is still reading', async () => {
    fake.reset(workspaceOf(100));
    index = new WorkspaceIndex();
    await settle();
    index.dispose();
    fake.finish();
    await settle();
    // The stopped scan settles (it used to resolve to itself: a promise chaining cycle, rejected).
    await expect(index.ready).resolves.toBeUndefined();
    expect(fake.started.length).toBe(32);
    expect(fake.reads).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(index.paths()).toEqual([]);
  });

  it('reads local files from disk with node:fs, not through workspace.fs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plansight-ws-'));
    try {
      mkdirSync(join(dir, 'd0'));
      writeFileSync(join(dir, 'd0/p.md'), plan(1));
      // workspace.fs would give a note (not a plan, so not indexed): the plan on disk is what must be read.
      fake.reset({ 'd0/p.md': note(1) });
      fake.disk = dir;
      index = new WorkspaceIndex();
      // Real I/O: give the event loop turns (timers are fake) until the file is in, or plainly not.
      for (let i = 0; i < 500 && index.paths().length === 0; i++) await new Promise((r) => setImmediate(r));
      expect(fake.started).toEqual([]);
      await index.ready;
      expect(index.paths()).toEqual(['d0/p.md']);
      expect(index.file('d0/p.md')!.title).toBe('Plan 1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an empty workspace goes from finding to idle', async () => {
    fake.reset({});
    index = new WorkspaceIndex();
    const seen = track(index);
    await index.ready;
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1])).toEqual(['finding', 'reading', 'idle']);
    expect(index.indexing).toEqual({ phase: 'idle' });
  });
});

describe('WorkspaceIndex in a multi-root workspace', () => {
  /** An index over `files` in the given folders (paths under /ws, names as the workspace names them), every read done. */
  async function indexed(files: Record<string, string>, folders: [path: string, name: string][]): Promise<WorkspaceIndex> {
    const { workspace, FileUri } = await import('./workspaceStub.js');
    fake.reset(files);
    workspace.workspaceFolders = folders.map(([path, name], i) => ({ uri: new FileUri(path), name, index: i }));
    const ix = (index = new WorkspaceIndex());
    await settle();
    while (fake.reads.length) {
      fake.finish();
      await settle();
      await vi.advanceTimersByTimeAsync(30);
    }
    await ix.ready;
    return ix;
  }

  it("keeps two folders' files of the same relative path apart, named by folder, and maps each back to its own file", async () => {
    const { FileUri } = await import('./workspaceStub.js');
    const index = await indexed({ 'a/PLAN.md': plan(1), 'b/PLAN.md': plan(2), 'b/notes/x.md': note(3) }, [
      ['/ws/a', 'alpha'],
      ['/ws/b', 'beta'],
    ]);
    expect(index.paths().sort()).toEqual(['alpha/PLAN.md', 'beta/PLAN.md']);
    expect(index.file('alpha/PLAN.md')!.items.map((i) => i.title)).toEqual(['Task 1.1', 'Task 1.2']);
    expect(index.file('beta/PLAN.md')!.items.map((i) => i.title)).toEqual(['Task 2.1', 'Task 2.2']);
    expect(index.pathOf(new FileUri('/ws/a/PLAN.md') as never)).toBe('alpha/PLAN.md');
    expect(index.uriOf('beta/PLAN.md')!.path).toBe('/ws/b/PLAN.md');
    // Not read yet: resolved through the folder's name.
    expect(index.uriOf('beta/new/plan.md')!.path).toBe('/ws/b/new/plan.md');
    expect(index.uriOf('gamma/PLAN.md')).toBeUndefined();
    // Ownership rules name paths inside a folder: matched without the folder's name, as with one folder.
    expect(index.ownedPathOf(new FileUri('/ws/b/src/x.ts') as never)).toBe('src/x.ts');
  });

  it('tells apart folders of the same name (two repositories\' docs): the later ones are "name (2)", "name (3)"', async () => {
    const { FileUri } = await import('./workspaceStub.js');
    const index = await indexed({ 'a/docs/PLAN.md': plan(1), 'b/docs/PLAN.md': plan(2), 'c/PLAN.md': plan(3) }, [
      ['/ws/a/docs', 'docs'],
      ['/ws/b/docs', 'docs'],
      ['/ws/c', 'docs (2)'],
    ]);
    expect(index.paths().sort()).toEqual(['docs (2) (2)/PLAN.md', 'docs (2)/PLAN.md', 'docs/PLAN.md']);
    expect(index.file('docs/PLAN.md')!.items.map((i) => i.title)).toEqual(['Task 1.1', 'Task 1.2']);
    expect(index.file('docs (2)/PLAN.md')!.items.map((i) => i.title)).toEqual(['Task 2.1', 'Task 2.2']);
    expect(index.file('docs (2) (2)/PLAN.md')!.items.map((i) => i.title)).toEqual(['Task 3.1', 'Task 3.2']);
    expect(index.pathOf(new FileUri('/ws/b/docs/PLAN.md') as never)).toBe('docs (2)/PLAN.md');
    expect(index.uriOf('docs (2)/new.md')!.path).toBe('/ws/b/docs/new.md');
    expect(index.uriOf('docs (2) (2)/new.md')!.path).toBe('/ws/c/new.md');
    expect(index.uriOf('docs/new.md')!.path).toBe('/ws/a/docs/new.md');
  });
});
