import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packIndexCache, unpackIndexCache, type FileStat } from '@plansight/core';
import { CorePlanIndex } from '../src/planIndex.js';
import { vaultFiles } from '../../bench/src/gen.js';

type Disk = Map<string, { text: string; stat: FileStat }>;

function diskOf(n: number, seed: number): Disk {
  const disk: Disk = new Map();
  let mtime = 1_700_000_000_000;
  for (const f of vaultFiles(n, seed, 2_000)) disk.set(f.path, { text: f.text, stat: { size: f.text.length, mtime: mtime++ } });
  return disk;
}

/** What a cold scan builds: every file read, parsed fast, then refined with remark. */
function cold(disk: Disk, build = 'b'): CorePlanIndex {
  const index = new CorePlanIndex({}, {}, build);
  for (const [path, f] of disk) index.update(path, f.text, false, f.stat);
  index.refine(Infinity, () => 0);
  return index;
}

/** A warm scan: the cache (through its bytes) restored, unchanged files taken from it, the others read. */
function warm(bytes: Uint8Array, disk: Disk, build = 'b'): { index: CorePlanIndex; read: string[] } {
  const index = new CorePlanIndex({}, {}, build);
  expect(index.restore(unpackIndexCache(bytes))).toBe(true);
  const read: string[] = [];
  for (const [path, f] of disk) {
    if (index.setCached(path, f.stat)) continue;
    read.push(path);
    index.update(path, f.text, false, f.stat);
  }
  index.refine(Infinity, () => 0);
  return { index, read };
}

/**
 * A warm scan that shows the cache first: every cached plan file adopted before the listing (`shown`: the model
 * then), then each listed file confirmed or read, and what was not listed dropped.
 */
function early(bytes: Uint8Array, disk: Disk): { index: CorePlanIndex; shown: unknown; read: string[]; dropped: string[] } {
  const index = new CorePlanIndex({}, {}, 'b');
  expect(index.restore(unpackIndexCache(bytes))).toBe(true);
  index.adoptCached();
  const shown = plain(index.model());
  const read: string[] = [];
  for (const [path, f] of disk) {
    if (index.setCached(path, f.stat)) continue;
    read.push(path);
    index.update(path, f.text, false, f.stat);
  }
  const dropped = index.dropUnconfirmed();
  index.refine(Infinity, () => 0);
  return { index, shown, read, dropped };
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('CorePlanIndex persistent cache', () => {
  const disk = diskOf(150, 7);
  const bytes = packIndexCache(cold(disk).cache());

  it('a warm restore of an unchanged workspace reads nothing and gives the cold model and analysis', () => {
    const { index, read } = warm(bytes, disk);
    const reference = cold(disk);
    expect(read).toEqual([]);
    expect(index.pending()).toBe(0);
    expect(index.paths().sort()).toEqual(reference.paths().sort());
    expect(reference.paths().length).toBeGreaterThan(10);
    expect(plain(index.model())).toEqual(plain(reference.model()));
    expect(plain(index.analysis())).toEqual(plain(reference.analysis()));
    // Written again, the cache says the same.
    expect(plain(index.cache())).toEqual(plain(reference.cache()));
  });

  it('a changed file is read and parsed again; a deleted file is gone; a new file is read', () => {
    const next: Disk = new Map(disk);
    const [plan] = [...disk.keys()].filter((p) => cold(new Map([[p, disk.get(p)!]])).paths().length === 1);
    const [note] = [...disk.keys()].filter((p) => p.includes('note-'));
    const gone = [...disk.keys()].filter((p) => p !== plan && cold(new Map([[p, disk.get(p)!]])).paths().length === 1)[0]!;
    const changed = `${disk.get(plan!)!.text}\n- [ ] T9-999: Added after the cache was written\n`;
    next.set(plan!, { text: changed, stat: { size: changed.length, mtime: 1 } });
    next.delete(gone);
    next.delete(note!);
    next.set('new/plan.md', { text: '# Sprint 9\n\n- [x] T9-001: New\n', stat: { size: 30, mtime: 2 } });
    const { index, read } = warm(bytes, next);
    expect(read.sort()).toEqual([plan, 'new/plan.md'].sort());
    expect(index.paths()).not.toContain(gone);
    expect(index.model().items.some((i) => i.title.includes('Added after the cache was written'))).toBe(true);
    expect(plain(index.model())).toEqual(plain(cold(next).model()));
    // The next cache has neither the deleted plan nor the deleted note.
    const again = index.cache();
    expect(again.snapshot.entries.map((e) => e.path)).not.toContain(gone);
    expect(again.others.map((o) => o[0])).not.toContain(note);
    expect(again.others.length + again.snapshot.entries.length).toBe(next.size);
  });

  it('a file touched (new mtime, same size) is read again: the stat is the key', () => {
    const next: Disk = new Map(disk);
    const [path, f] = [...disk][3]!;
    next.set(path, { text: f.text, stat: { size: f.stat.size, mtime: f.stat.mtime + 1 } });
    expect(warm(bytes, next).read).toEqual([path]);
  });

  it('an editor text that is not the file keeps it out of the next cache; the file text again (a revert) brings its stat back', () => {
    const index = cold(disk);
    const plan = index.paths()[0]!;
    index.update(plan, `${disk.get(plan)!.text}\n- [ ] unsaved\n`, true);
    expect(index.cache().snapshot.entries.map((e) => e.path)).not.toContain(plan);
    index.update(plan, disk.get(plan)!.text, true);
    expect(index.cache().snapshot.entries.find((e) => e.path === plan)?.mtime).toBe(disk.get(plan)!.stat.mtime);
  });

  it('property: after any edits, deletions and additions, warm equals cold and only touched files are read', () => {
    const small = diskOf(40, 11);
    const smallBytes = packIndexCache(cold(small).cache());
    const paths = [...small.keys()];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(paths.length - 1), fc.constantFrom('edit', 'delete', 'touch', 'add')), { maxLength: 8 }), (ops) => {
        const next: Disk = new Map(small);
        const touched = new Set<string>();
        let t = 5;
        for (const [i, op] of ops) {
          const path = paths[i]!;
          const f = next.get(path);
          if (op === 'delete') {
            next.delete(path);
            touched.delete(path);
          } else if (op === 'add') {
            const text = `# Added ${i}\n\n- [ ] T8-${String(100 + i)}: extra\n`;
            next.set(`added/${i}.md`, { text, stat: { size: text.length, mtime: t++ } });
            touched.add(`added/${i}.md`);
          } else if (f) {
            const text = op === 'edit' ? `${f.text}\n- [x] edited ${i}\n` : f.text;
            next.set(path, { text, stat: { size: text.length, mtime: t++ } });
            touched.add(path);
          }
        }
        const { index, read } = warm(smallBytes, next);
        expect(new Set(read)).toEqual(touched);
        expect(plain(index.model())).toEqual(plain(cold(next).model()));
      }),
      { numRuns: 25 },
    );
  });

  it('adopted first: the cached model at once; confirmed unchanged, the model object is kept (not built again)', () => {
    const index = new CorePlanIndex({}, {}, 'b');
    index.restore(unpackIndexCache(bytes));
    const taken = index.adoptCached();
    const reference = cold(disk);
    expect(taken.sort()).toEqual(reference.paths().sort());
    const model = index.model();
    expect(plain(model)).toEqual(plain(reference.model()));
    for (const [path, f] of disk) index.setCached(path, f.stat);
    expect(index.dropUnconfirmed()).toEqual([]);
    expect(index.model()).toBe(model);
    expect(index.pending()).toBe(0);
    expect(plain(index.cache())).toEqual(plain(reference.cache()));
  });

  it('property: adopted first, then checked, equals cold over the new disk; only what was not listed is dropped', () => {
    const small = diskOf(40, 13);
    const smallIndex = cold(small);
    const smallBytes = packIndexCache(smallIndex.cache());
    const cachedModel = plain(smallIndex.model());
    const plans = new Set(smallIndex.paths());
    const paths = [...small.keys()];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(paths.length - 1), fc.constantFrom('edit', 'delete', 'touch', 'add')), { maxLength: 8 }), (ops) => {
        const next: Disk = new Map(small);
        let t = 5;
        for (const [i, op] of ops) {
          const path = paths[i]!;
          const f = next.get(path);
          if (op === 'delete') next.delete(path);
          else if (op === 'add') {
            const text = `# Added ${i}\n\n- [ ] T8-${String(100 + i)}: extra\n`;
            next.set(`added/${i}.md`, { text, stat: { size: text.length, mtime: t++ } });
          } else if (f) {
            const text = op === 'edit' ? `${f.text}\n- [x] edited ${i}\n` : f.text;
            next.set(path, { text, stat: { size: text.length, mtime: t++ } });
          }
        }
        const { index, shown, dropped } = early(smallBytes, next);
        expect(shown).toEqual(cachedModel);
        expect(new Set(dropped)).toEqual(new Set([...plans].filter((p) => !next.has(p))));
        expect(plain(index.model())).toEqual(plain(cold(next).model()));
        expect(plain(index.analysis())).toEqual(plain(cold(next).analysis()));
      }),
      { numRuns: 25 },
    );
  });
});
