import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildModel, pack, parsePlan, unpack } from '@plansight/core';
import { loadVault, type LoadOptions } from '../src/io.js';
import { cacheFile, readSnapshot } from '../src/cache.js';

const A = ['# A', '', '#### Story T1-001: server (M)', '**Owner**: Worker 1', '**Status**: in progress', ''].join('\n');
const B = ['# B', '', '#### Story T1-002: client (M)', '**Dependencies**: T1-001', '- [ ] wire the client', ''].join('\n');
const NOTE = ['# Garden', '', 'Plain prose about tomatoes.', '', '## Soil', '', 'More prose.', ''].join('\n');

let root: string;
let cache: string;
let prevEnv: string | undefined;
const opts = (extra: LoadOptions = {}): LoadOptions => ({ cache: true, workers: 0, progress: false, build: 'test-build', ...extra });

function write(rel: string, text: string, mtime: number): void {
  const abs = join(root, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  utimesSync(abs, mtime, mtime);
}

/** The model a full remark parse of what is on disk gives. */
function expected(): ReturnType<typeof buildModel> {
  const files: { rel: string; text: string }[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs, rel + name + '/');
      else files.push({ rel: rel + name, text: readFileSync(abs, 'utf8') });
    }
  };
  walk(root, '');
  files.sort((a, b) => (a.rel < b.rel ? -1 : 1));
  return buildModel(files.map((f) => parsePlan(f.rel, f.text)));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'plansight-vault-'));
  cache = mkdtempSync(join(tmpdir(), 'plansight-cache-'));
  prevEnv = process.env.PLANSIGHT_CACHE;
  process.env.PLANSIGHT_CACHE = cache;
  write('a.md', A, 1_000_000);
  write('b.md', B, 1_000_000);
  write('notes/garden.md', NOTE, 1_000_000);
});

afterEach(() => {
  if (prevEnv === undefined) delete process.env.PLANSIGHT_CACHE;
  else process.env.PLANSIGHT_CACHE = prevEnv;
  rmSync(root, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

describe('persistent cache: what invalidates what', () => {
  it('an unchanged vault comes whole from the cache: no text read, the model not rebuilt', () => {
    const cold = loadVault([root], root, opts());
    expect(cold.stats).toMatchObject({ files: 3, cached: 0, accurateParsed: 2, modelCached: false });
    // The cold model links T1-001 to the item that depends on it, across files.
    expect(cold.model.items.find((i) => i.id === 'T1-001')!.blocks).toEqual(['T1-002']);
    const warm = loadVault([root], root, opts());
    expect(warm.stats).toMatchObject({ files: 3, cached: 3, accurateParsed: 0, modelCached: true });
    expect(warm.model).toEqual(expected());
    expect(warm.model).toEqual(cold.model);
    // Texts are read on demand, and are what is on disk.
    expect(warm.texts.size).toBe(3);
    expect(warm.texts.get('b.md')).toBe(B);
    expect(new Map(warm.texts)).toEqual(new Map([['a.md', A], ['b.md', B], ['notes/garden.md', NOTE]]));
  });

  it('an added file is parsed, the rest stays cached, and links to it appear', () => {
    loadVault([root], root, opts());
    write('c.md', ['# C', '', '#### Story T1-003: docs (S)', '**Dependencies**: T1-002', ''].join('\n'), 2_000_000);
    const v = loadVault([root], root, opts());
    expect(v.stats).toMatchObject({ files: 4, cached: 3, accurateParsed: 1, modelCached: false });
    expect(v.model).toEqual(expected());
    expect(v.model.items.find((i) => i.id === 'T1-002')!.blocks).toEqual(['T1-003']);
    expect(loadVault([root], root, opts()).stats).toMatchObject({ cached: 4, modelCached: true });
  });

  it('a deleted file leaves the model, and its links go with it', () => {
    loadVault([root], root, opts());
    unlinkSync(join(root, 'b.md'));
    const v = loadVault([root], root, opts());
    expect(v.stats).toMatchObject({ files: 2, cached: 2, accurateParsed: 0, modelCached: false });
    expect(v.model).toEqual(expected());
    expect(v.model.items.find((i) => i.id === 'T1-001')!.blocks).toEqual([]);
    expect(v.texts.has('b.md')).toBe(false);
    // The snapshot was rewritten without it: the next load takes the model from the cache.
    expect(readSnapshot(cacheFile(cache, root))!.entries.map((e) => e.path).sort()).toEqual(['a.md', 'notes/garden.md']);
    expect(loadVault([root], root, opts()).stats).toMatchObject({ cached: 2, modelCached: true });
  });

  it('an edit of the same size with a new mtime is parsed again', () => {
    loadVault([root], root, opts());
    const edited = B.replace('- [ ] wire', '- [x] wire');
    expect(edited.length).toBe(B.length);
    write('b.md', edited, 1_000_005);
    const v = loadVault([root], root, opts());
    expect(v.stats).toMatchObject({ cached: 2, accurateParsed: 1, modelCached: false });
    expect(v.model).toEqual(expected());
    expect(v.model.files.find((f) => f.path === 'b.md')!.checkboxes).toEqual({ total: 1, checked: 1 });
    expect(v.texts.get('b.md')).toBe(edited);
  });

  it('an edit of the same size in the same clock tick as the write before the load is still seen (racy entry)', () => {
    // A whole-second mtime (as coarse file systems keep) the load sees less than two seconds old, so an edit may keep
    // the stat. Set 30 s ahead (a clock behind the file system's is racy too), so a slow machine cannot age it out
    // before the listing. (`utimesSync` takes seconds.)
    const tick = Math.floor(Date.now() / 1000) + 30;
    write('b.md', B, tick);
    loadVault([root], root, opts());
    expect(readSnapshot(cacheFile(cache, root))!.entries.find((e) => e.path === 'b.md')!.racy).toBe(true);
    expect(readSnapshot(cacheFile(cache, root))!.entries.find((e) => e.path === 'a.md')!.racy).toBeUndefined();
    // An agent toggles the checkbox within the same tick: same size, same mtime.
    const edited = B.replace('- [ ] wire', '- [x] wire');
    write('b.md', edited, tick);
    const v = loadVault([root], root, opts());
    expect(v.stats).toMatchObject({ cached: 2, accurateParsed: 1 });
    expect(v.model.files.find((f) => f.path === 'b.md')!.checkboxes).toEqual({ total: 1, checked: 1 });
    expect(v.model).toEqual(expected());
    // Unchanged but still racy: read and confirmed by its hash, not parsed.
    expect(loadVault([root], root, opts()).stats).toMatchObject({ cached: 3, accurateParsed: 0 });
  });

  it('a touched file (new mtime, same content) is not parsed, and the snapshot learns its new mtime', () => {
    loadVault([root], root, opts());
    utimesSync(join(root, 'a.md'), 3_000_000, 3_000_000);
    const v = loadVault([root], root, opts());
    expect(v.stats).toMatchObject({ cached: 3, accurateParsed: 0, modelCached: true });
    expect(v.model).toEqual(expected());
    const entry = readSnapshot(cacheFile(cache, root))!.entries.find((e) => e.path === 'a.md')!;
    expect(entry.mtime).toBe(Math.floor(statSync(join(root, 'a.md')).mtimeMs));
  });

  it('a snapshot of another build is ignored, and one that cannot be read is not an error', () => {
    loadVault([root], root, opts());
    expect(loadVault([root], root, opts({ build: 'other-build' })).stats).toMatchObject({ cached: 0, accurateParsed: 2, modelCached: false });
    writeFileSync(cacheFile(cache, root), 'garbage');
    const v = loadVault([root], root, opts());
    expect(v.stats).toMatchObject({ cached: 0, accurateParsed: 2 });
    expect(v.model).toEqual(expected());
  });

  it('without accuracy (the fast pass) nothing is cached and nothing goes to remark', () => {
    const v = loadVault([root], root, opts({ accurate: false }));
    expect(v.stats).toMatchObject({ cached: 0, accurateParsed: 0 });
    expect(readdirSync(cache)).toEqual([]);
  });
});

describe('packed snapshot encoding', () => {
  it('round-trips a snapshot-like value, keeping key order, shared strings and numbers of every kind', () => {
    const value = { version: 'v', entries: [{ path: 'a.md', size: 12, mtime: 1_795_266_596_465, hash: 'f'.repeat(40), file: parsePlan('b.md', B) }], n: [-1, 0.5, -0, 2 ** 31, NaN], x: null, t: true, f: false, u: undefined };
    const back = unpack(pack(value)) as typeof value;
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(Object.keys(back.entries[0]!.file)).toEqual(Object.keys(value.entries[0]!.file));
  });

  it('decodes what JSON keeps, for any JSON value (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.stringify(unpack(pack(v)))).toBe(JSON.stringify(v));
      }),
      { numRuns: 500 },
    );
  });

  it('with shared arrays decodes the same JSON, equal empty or primitive arrays one frozen array (fast-check)', () => {
    type V = { a: unknown[]; b: unknown[][]; c: { d: unknown[] }; s: string[][] };
    const value = { a: [], b: [[], [1, 'x'], [{ o: 1 }]], c: { d: [] }, s: [['T1', 'done'], ['T1', 'done'], ['T1'], [1, 'x']] };
    const decoded = unpack(pack(value), { sharedArrays: true }) as V;
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(value));
    expect(decoded.a).toBe(decoded.b[0]);
    expect(decoded.a).toBe(decoded.c.d);
    expect(decoded.s[0]).toBe(decoded.s[1]);
    expect(decoded.s[3]).toBe(decoded.b[1]);
    expect(decoded.s[2]).not.toBe(decoded.s[0]);
    expect(Object.isFrozen(decoded.a) && Object.isFrozen(decoded.s[0]) && Object.isFrozen(decoded.s[2])).toBe(true);
    expect(Object.isFrozen(decoded.b[2])).toBe(false);
    // Without the option every array is its own, as JSON.parse would give.
    const own = unpack(pack(value)) as V;
    expect(JSON.stringify(own)).toBe(JSON.stringify(value));
    expect(own.s[0]).not.toBe(own.s[1]);
    expect(own.a).not.toBe(own.c.d);
    own.s[0]!.push('more');
    expect(own.s[1]).toEqual(['T1', 'done']);
    expect(Object.isFrozen(own.s[0]) || Object.isFrozen(own.a)).toBe(false);
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, sharedArrays) => {
        expect(JSON.stringify(unpack(pack(v), { sharedArrays }))).toBe(JSON.stringify(v));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps objects whose key lists join alike apart ({} and {"": …}, keys holding a NUL)', () => {
    for (const v of [[{ '': {} }], [{}, { '': 1 }], [{ 'a\u0000': 1, b: 2 }, { a: 3, '\u0000b': 4 }]]) {
      expect(JSON.stringify(unpack(pack(v)))).toBe(JSON.stringify(v));
    }
  });

  it('refuses a truncated or foreign buffer instead of decoding garbage', () => {
    const buf = pack({ a: ['x', 1] });
    expect(() => unpack(buf.subarray(0, buf.length - 4))).toThrow(/not a packed value/);
    expect(() => unpack(Buffer.from('{"version":"x"}'))).toThrow(/not a packed value/);
  });
});
