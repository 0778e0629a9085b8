import { describe, expect, it } from 'vitest';
import { checkIndexCache, indexCacheKey, indexCacheOf, NonPlanFiles, packIndexCache, unpackIndexCache, type IndexCache } from '../../src/index/indexCache.js';
import { VaultIndex } from '../../src/index/vaultIndex.js';
import { SNAPSHOT_VERSION } from '../../src/index/vaultIndex.js';
import { parsePlan } from '../../src/parse/parsePlan.js';
import { pack } from '../../src/index/pack.js';

const PLAN = '# Plan\n\n## Worker 1\n- [ ] Build the parser\n- [x] Write the tests\n';

function cache(): IndexCache {
  const file = parsePlan('plans/PLAN.md', PLAN);
  return {
    key: indexCacheKey('1.0.0', [null]),
    snapshot: { version: 'v', entries: [{ path: 'plans/PLAN.md', size: PLAN.length, mtime: 1_700_000_000_000, hash: 'abc', file }] },
    others: [['notes/a.md', 12, 1_700_000_000_001]],
  };
}

describe('index cache (a host persistent cache)', () => {
  it('round-trips through pack and unpack unchanged', () => {
    const c = cache();
    expect(unpackIndexCache(packIndexCache(c))).toEqual(c);
  });

  it('keys by build, snapshot format and parse options', () => {
    const a = indexCacheKey('1.0.0', [null]);
    expect(a).toContain(SNAPSHOT_VERSION);
    expect(indexCacheKey('1.0.0', [null])).toBe(a);
    expect(indexCacheKey('1.0.1', [null])).not.toBe(a);
    expect(indexCacheKey('1.0.0', [{ done: ['shipped'] }])).not.toBe(a);
  });

  it('refuses what is not a cache, naming what is wrong', () => {
    expect(() => checkIndexCache(null)).toThrow('not an index cache');
    expect(() => checkIndexCache({ key: 'k', others: [] })).toThrow('not an index cache');
    const bad = cache();
    (bad.snapshot.entries[0]!.file as unknown as Record<string, unknown>).items = 'none';
    expect(() => checkIndexCache(bad)).toThrow('entry 0 is not a parsed file');
    const wrongPath = cache();
    wrongPath.snapshot.entries[0]!.path = 'elsewhere.md';
    expect(() => checkIndexCache(wrongPath)).toThrow('entry 0');
    const other = cache();
    (other.others as unknown[]).push(['x.md', '12', 3]);
    expect(() => checkIndexCache(other)).toThrow('non-plan entry 1 is malformed');
  });

  it('refuses packed data that decodes to something else, and truncated bytes', () => {
    expect(() => unpackIndexCache(pack({ hello: 'world' }))).toThrow('not an index cache');
    const bytes = packIndexCache(cache());
    expect(() => unpackIndexCache(bytes.subarray(0, bytes.length >> 1))).toThrow();
  });

  it('non-plan files: listed with the stat they were read at, confirmed from a restored cache only at the same stat', () => {
    const others = new NonPlanFiles();
    others.set('a.md', { size: 3, mtime: 10 });
    others.set('open.md', undefined); // an editor's text: not listed
    expect(others.list()).toEqual([['a.md', 3, 10]]);
    others.restore([['b.md', 5, 20], ['c.md', 7, 30]]);
    expect(others.confirm('b.md', { size: 5, mtime: 21 })).toBe(false);
    expect(others.confirm('b.md', { size: 5, mtime: 20 })).toBe(true);
    expect(others.confirm('zzz.md', { size: 5, mtime: 20 })).toBe(false);
    expect(others.get('b.md')).toEqual({ size: 5, mtime: 20 });
    expect(others.list()).toEqual([['a.md', 3, 10], ['b.md', 5, 20]]);
    others.forgetRestored();
    expect(others.confirm('c.md', { size: 7, mtime: 30 })).toBe(false);
    others.delete('a.md');
    expect(others.list()).toEqual([['b.md', 5, 20]]);
    others.restore([['c.md', 7, 30]]);
    others.clear();
    expect(others.list()).toEqual([]);
    expect(others.confirm('c.md', { size: 7, mtime: 30 })).toBe(false);
  });

  it('indexCacheOf: the accurate plan files with their stats, the built model, and the non-plan list', () => {
    const index = new VaultIndex();
    index.setAccurate('plans/PLAN.md', PLAN, { size: PLAN.length, mtime: 5 });
    const others = new NonPlanFiles();
    others.set('notes/a.md', { size: 12, mtime: 6 });
    const c = indexCacheOf('k', index, others);
    expect(c.key).toBe('k');
    expect(c.snapshot.entries.map((e) => [e.path, e.size, e.mtime])).toEqual([['plans/PLAN.md', PLAN.length, 5]]);
    expect(c.snapshot.model).toBeDefined();
    expect(c.others).toEqual([['notes/a.md', 12, 6]]);
  });
});
