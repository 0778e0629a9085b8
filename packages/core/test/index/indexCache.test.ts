import { describe, expect, it } from 'vitest';
import { checkIndexCache, indexCacheKey, packIndexCache, unpackIndexCache, type IndexCache } from '../../src/index/indexCache.js';
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
});
