import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VaultIndex, type IndexSnapshot } from '../../src/index/vaultIndex.js';

const plan = (i: number) => `# Plan ${i}\n\n## Worker ${i}\n- [ ] T${i}-001: server setup\n- [x] T${i}-002: config\n`;
const stat = (i: number) => ({ size: plan(i).length, mtime: 1000 + i });
const path = (i: number) => `plans/p${i}.md`;

/** A refined index over plans 0..n-1 with their stats, and its snapshot (through JSON, as a host stores it). */
function cold(n: number): { model: string; snapshot: IndexSnapshot } {
  const ix = new VaultIndex();
  for (let i = 0; i < n; i++) ix.set(path(i), plan(i), stat(i));
  ix.refine();
  const model = JSON.stringify(ix.model());
  return { model, snapshot: JSON.parse(JSON.stringify(ix.snapshot())) as IndexSnapshot };
}

function warm(snapshot: IndexSnapshot): VaultIndex {
  const ix = new VaultIndex();
  ix.restore(snapshot);
  return ix;
}

describe('VaultIndex.adoptCached', () => {
  it('takes every snapshot entry at once: the model is the cold one, accurate, nothing to refine', () => {
    const { model, snapshot } = cold(4);
    const ix = warm(snapshot);
    expect(ix.paths()).toEqual([]);
    expect(ix.adoptCached().sort()).toEqual([0, 1, 2, 3].map(path));
    expect(JSON.stringify(ix.model())).toBe(model);
    expect(ix.modelRestored()).toBe(true); // assembled from the snapshot, not built
    expect(ix.progress()).toEqual({ accurate: 4, total: 4 });
    expect(ix.get(path(2))!.stat).toEqual(stat(2));
    // Taken once: a second call has nothing left to take.
    expect(ix.adoptCached()).toEqual([]);
  });

  it('takes only what `keep` accepts, and never replaces a file the index already holds', () => {
    const { snapshot } = cold(4);
    const ix = warm(snapshot);
    const edited = ix.set(path(1), `${plan(1)}- [ ] T1-003: unsaved\n`);
    expect(ix.adoptCached((p) => p !== path(3)).sort()).toEqual([path(0), path(2)]);
    expect(ix.get(path(1))).toBe(edited);
    expect(ix.get(path(3))).toBeUndefined();
    expect(ix.paths().sort()).toEqual([0, 1, 2].map(path));
  });

  it('then: an unchanged file is confirmed by setCached, a changed one replaced by set, a gone one deleted', () => {
    const { snapshot } = cold(3);
    const ix = warm(snapshot);
    ix.adoptCached();
    expect(ix.setCached(path(0), stat(0))).toBe(true);
    expect(ix.get(path(0))!.file.items.map((i) => i.title)).toContain('server setup');
    // Changed on disk: setCached refuses, the text read again wins.
    const changed = plan(1).replace('server setup', 'server teardown');
    expect(ix.setCached(path(1), { size: changed.length, mtime: 5000 })).toBe(false);
    ix.set(path(1), changed, { size: changed.length, mtime: 5000 });
    ix.refine();
    expect(ix.get(path(1))!.file.items.map((i) => i.title)).toContain('server teardown');
    expect(ix.delete(path(2))).toBe(true);
    expect(ix.paths().sort()).toEqual([path(0), path(1)]);
    expect(ix.model().files.map((f) => f.path)).toEqual([path(0), path(1)]);
    // A deleted file is not taken again from the snapshot.
    expect(ix.adoptCached()).toEqual([]);
  });

  it('touches nothing else: the files held stay the same objects, the taken ones are exactly the kept rest', () => {
    const { snapshot } = cold(6);
    fc.assert(
      fc.property(fc.subarray([0, 1, 2, 3, 4, 5, 6, 7]), fc.subarray([0, 1, 2, 3, 4, 5]), (held, kept) => {
        const ix = warm(snapshot);
        const before = new Map(held.map((i) => [path(i), ix.set(path(i), `${plan(i)}\nedited ${i}\n`)]));
        const taken = ix.adoptCached((p) => kept.some((i) => path(i) === p));
        const expected = kept.filter((i) => !held.includes(i)).map(path);
        expect(taken.sort()).toEqual(expected.sort());
        for (const [p, e] of before) expect(ix.get(p)).toBe(e);
        expect(ix.paths().sort()).toEqual([...before.keys(), ...expected].sort());
        for (const p of expected) expect(ix.get(p)!.file).toBe(snapshot.entries.find((e) => e.path === p)!.file);
      }),
    );
  });
});
