import { describe, expect, it } from 'vitest';
import { indexCacheOf, NonPlanFiles, packIndexCache, unpackIndexCache } from '../../src/index/indexCache.js';
import { hashText } from '../../src/index/hash.js';
import { RACY_MS, statAt, VaultIndex } from '../../src/index/vaultIndex.js';

const PLAN = '# Plan\n\n## Worker 1\n- [ ] Build the parser\n';
// The same size: a status toggled in the same clock tick leaves size and mtime as they were.
const TOGGLED = PLAN.replace('[ ]', '[x]');
const T = 1_700_000_000_000;

/** A cache written after reading PLAN with `stat`, restored into a fresh index. */
function restored(stat: ReturnType<typeof statAt>): VaultIndex {
  const first = new VaultIndex({ hash: hashText });
  first.setAccurate('PLAN.md', PLAN, stat);
  const next = new VaultIndex({ hash: hashText });
  next.restore(first.snapshot());
  return next;
}

describe('racy stats (git\'s "racy clean" rule for the persistent cache)', () => {
  it('marks a stat racy when the mtime is under RACY_MS old at the time it is seen', () => {
    expect(statAt(10, T, T)).toEqual({ size: 10, mtime: T, racy: true });
    expect(statAt(10, T, T + RACY_MS - 1)).toEqual({ size: 10, mtime: T, racy: true });
    expect(statAt(10, T, T + RACY_MS)).toEqual({ size: 10, mtime: T });
    // A clock behind the file system's: racy too.
    expect(statAt(10, T, T - 5000)).toEqual({ size: 10, mtime: T, racy: true });
  });

  it('never confirms a racy entry by its stat, only by its content', () => {
    const stat = statAt(PLAN.length, T, T + 10);
    const ix = restored(stat);
    expect(ix.setCached('PLAN.md', { size: PLAN.length, mtime: T })).toBe(false);
    // Read again: the same text is the cached entry; a toggled one is parsed anew.
    expect(ix.setCached('PLAN.md', { size: PLAN.length, mtime: T }, hashText(PLAN))).toBe(true);
    const again = restored(stat);
    expect(again.setCached('PLAN.md', { size: TOGGLED.length, mtime: T }, hashText(TOGGLED))).toBe(false);
    expect(again.set('PLAN.md', TOGGLED, { size: TOGGLED.length, mtime: T }).file.items[0]?.status).toBe('done');
  });

  it('confirms an entry read well after its mtime by its stat, as before', () => {
    const ix = restored(statAt(PLAN.length, T, T + RACY_MS + 1));
    expect(ix.setCached('PLAN.md', { size: PLAN.length, mtime: T })).toBe(true);
    expect(ix.get('PLAN.md')?.file.items[0]?.status).toBe('todo');
  });

  it('keeps the mark through the snapshot, adoption, the non-plan list and pack/unpack', () => {
    const ix = new VaultIndex({ hash: hashText });
    ix.setAccurate('PLAN.md', PLAN, statAt(PLAN.length, T, T));
    ix.setAccurate('OLD.md', PLAN, statAt(PLAN.length, T, T + RACY_MS));
    const others = new NonPlanFiles();
    others.set('notes/new.md', statAt(5, T, T));
    others.set('notes/old.md', statAt(5, T, T + RACY_MS));
    const cache = unpackIndexCache(packIndexCache(indexCacheOf('k', ix, others)));
    expect(cache.snapshot.entries.map((e) => [e.path, e.racy])).toEqual([['PLAN.md', true], ['OLD.md', undefined]]);
    expect(cache.others).toEqual([['notes/new.md', 5, T, 1], ['notes/old.md', 5, T]]);

    const next = new VaultIndex({ hash: hashText });
    next.restore(cache.snapshot);
    next.adoptCached();
    expect(next.get('PLAN.md')?.stat).toEqual({ size: PLAN.length, mtime: T, racy: true });
    expect(next.get('OLD.md')?.stat).toEqual({ size: PLAN.length, mtime: T });
    const restoredOthers = new NonPlanFiles();
    restoredOthers.restore(cache.others);
    expect(restoredOthers.confirm('notes/new.md', { size: 5, mtime: T })).toBe(false);
    expect(restoredOthers.confirm('notes/old.md', { size: 5, mtime: T })).toBe(true);
  });
});
