import { describe, expect, it } from 'vitest';
import { buildModel, parsePlan } from '@plansight/core';
import { VaultIndex, hasPlanContent, parseProvisional, type IndexSnapshot } from '../../src/index/vaultIndex.js';
import { hashText } from '../../src/index/hash.js';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../shared.js';

const PLAN = ['# Plan', '', '## Worker 1: Core', '- [ ] T1-001: server setup', '- [x] T1-002: config', '', '## Worker 2: UI', '- [/] #12 layout', ''].join('\n');
const NOTE = ['# Groceries', '', 'Milk and bread.', '', '- apples', '- pears', ''].join('\n');

describe('VaultIndex', () => {
  it('gives a provisional model at once and an accurate one after refine', () => {
    const ix = new VaultIndex();
    ix.set('plans/a.md', PLAN, { size: PLAN.length, mtime: 1 });
    expect(ix.get('plans/a.md')!.accuracy).toBe('provisional');
    expect(ix.pending().map((p) => p.path)).toEqual(['plans/a.md']);
    const provisional = ix.model();
    expect(provisional.files[0]!.checkboxes).toEqual({ total: 2, checked: 1 });
    expect(ix.refine()).toBe(1);
    expect(ix.get('plans/a.md')!.accuracy).toBe('accurate');
    expect(ix.pending()).toEqual([]);
    expect(ix.model()).toEqual(buildModel([parsePlan('plans/a.md', PLAN)]));
    expect(ix.progress()).toEqual({ accurate: 1, total: 1 });
  });

  it('marks a file without plan content final at once', () => {
    const ix = new VaultIndex();
    ix.set('notes/food.md', NOTE);
    expect(hasPlanContent(parseProvisional('notes/food.md', NOTE))).toBe(false);
    expect(ix.get('notes/food.md')!.accuracy).toBe('accurate');
    expect(ix.pending()).toEqual([]);
  });

  it('takes the caller\'s planSignal answer instead of scanning again', () => {
    const ix = new VaultIndex();
    const asked = ix.set('plans/a.md', PLAN, undefined, true);
    expect(asked.accuracy).toBe('provisional');
    expect(asked.file.items.length).toBeGreaterThan(0);
    // A caller that says "no signal" gets the outline pass: headings only, final at once.
    const told = ix.set('plans/b.md', PLAN, undefined, false);
    expect(told.accuracy).toBe('accurate');
    expect(told.file.items).toEqual([]);
    expect(told.file.headings.map((h) => h.text)).toEqual(['Plan', 'Worker 1: Core', 'Worker 2: UI']);
    // For a note the answer is the one planSignal gives, so the result is the same as without it.
    expect(ix.set('notes/n.md', NOTE, undefined, false).file).toEqual(new VaultIndex().set('notes/n.md', NOTE).file);
  });

  it('keeps fast results computed elsewhere as set would: outlines final, plan content pending when its text is given', () => {
    const ix = new VaultIndex();
    const same = new VaultIndex();
    same.set('plans/a.md', PLAN);
    same.set('notes/n.md', NOTE);
    const withText = ix.setFast('plans/a.md', parseProvisional('plans/a.md', PLAN), false, { size: 1, mtime: 2 }, PLAN);
    expect(withText).toMatchObject({ accuracy: 'provisional', hash: hashText(PLAN), length: PLAN.length, stat: { size: 1, mtime: 2 } });
    expect(ix.pending()).toEqual([{ path: 'plans/a.md', hash: hashText(PLAN), text: PLAN }]);
    expect(ix.setFast('notes/n.md', same.get('notes/n.md')!.file, true).accuracy).toBe('accurate');
    expect(ix.model()).toEqual(same.model());
    // Without its text a provisional result cannot be refined: it is not pending, and has no hash.
    const bare = ix.setFast('plans/a.md', parseProvisional('plans/a.md', PLAN), false);
    expect(bare).toMatchObject({ accuracy: 'provisional', length: -1 });
    expect(bare.hash).toBeUndefined();
    expect(ix.pending()).toEqual([]);
    // A plan-signal text whose fast result has no plan content is final, as set would make it.
    expect(ix.setFast('notes/m.md', parseProvisional('notes/m.md', NOTE), false, undefined, NOTE).accuracy).toBe('accurate');
  });

  it('memoises the model until something changes', () => {
    const ix = new VaultIndex();
    ix.set('a.md', PLAN);
    const m1 = ix.model();
    expect(ix.model()).toBe(m1);
    ix.set('a.md', PLAN);
    expect(ix.model()).toBe(m1);
    ix.set('b.md', NOTE);
    expect(ix.model()).not.toBe(m1);
    expect(ix.model().files.map((f) => f.path)).toEqual(['a.md', 'b.md']);
  });

  it('deletes and renames files', () => {
    const ix = new VaultIndex();
    ix.set('a.md', PLAN);
    ix.set('b.md', NOTE);
    expect(ix.delete('b.md')).toBe(true);
    expect(ix.delete('b.md')).toBe(false);
    ix.rename('a.md', 'moved/c.md');
    expect(ix.paths()).toEqual(['moved/c.md']);
    const m = ix.model();
    expect(m.files[0]!.path).toBe('moved/c.md');
    expect(m.items.every((i) => i.file === 'moved/c.md')).toBe(true);
    ix.refine();
    ix.rename('moved/c.md', 'd.md');
    const moved = ix.get('d.md')!;
    expect(moved.accuracy).toBe('provisional');
    expect(JSON.stringify(moved.file)).not.toContain('moved/c.md');
    ix.rename('d.md', 'e.md', PLAN);
    expect(ix.get('e.md')!.file).toEqual(parseProvisional('e.md', PLAN));
  });

  it('accepts worker results only for the text they were computed from', () => {
    const ix = new VaultIndex();
    ix.set('a.md', PLAN);
    const stale = hashText('something else');
    expect(ix.accept('a.md', stale, parsePlan('a.md', 'x'))).toBe(false);
    const [p] = ix.pending();
    expect(ix.accept('a.md', p!.hash, parsePlan('a.md', p!.text))).toBe(true);
    expect(ix.get('a.md')!.accuracy).toBe('accurate');
  });

  it('re-parses through the shared section cache: an edit re-parses only the changed section', () => {
    const ix = new VaultIndex();
    ix.setAccurate('a.md', PLAN);
    const misses = ix.sections.misses;
    ix.setAccurate('a.md', PLAN.replace('- [/] #12 layout', '- [x] #12 layout'));
    expect(ix.sections.misses - misses).toBe(1);
    expect(ix.sections.hits).toBeGreaterThanOrEqual(2);
  });

  it('round-trips a snapshot keyed by path, size, mtime and hash', () => {
    const ix = new VaultIndex();
    ix.set('a.md', PLAN, { size: 100, mtime: 5 });
    ix.set('b.md', NOTE, { size: 50, mtime: 6 });
    ix.refine();
    const snap = JSON.parse(JSON.stringify(ix.snapshot())) as IndexSnapshot;
    expect(snap.entries.map((e) => e.path).sort()).toEqual(['a.md', 'b.md']);

    const warm = new VaultIndex();
    expect(warm.restore(snap)).toBe(2);
    expect(warm.setCached('a.md', { size: 100, mtime: 5 })).toBe(true);
    expect(warm.setCached('b.md', { size: 50, mtime: 7 })).toBe(false);
    // mtime changed but the content did not: the hash finds it without parsing
    expect(warm.set('b.md', NOTE, { size: 50, mtime: 7 }).accuracy).toBe('accurate');
    expect(warm.model()).toEqual(ix.model());

    const other = new VaultIndex({ version: 'other' });
    expect(other.restore(snap)).toBe(0);
  });
});

describe('VaultIndex model in the snapshot', () => {
  const a = ['# A', '', '#### Story T1-001: server (M)', '**Owner**: Worker 1', ''].join('\n');
  const b = ['# B', '', '#### Story T1-002: client (M)', '**Dependencies**: T1-001', ''].join('\n');
  const hashOf = (t: string) => `h${t.length}:${t.charCodeAt(t.length - 2)}`;
  const cold = () => {
    const ix = new VaultIndex({ hash: hashOf });
    ix.setAccurate('a.md', a, { size: 1, mtime: 1 });
    ix.setAccurate('b.md', b, { size: 2, mtime: 2 });
    ix.model();
    return ix;
  };

  it('carries the items buildModel linked, and an unchanged index reuses the model instead of building it', () => {
    const snap = JSON.parse(JSON.stringify(cold().snapshot())) as IndexSnapshot;
    expect(snap.model!.links).toEqual([{ path: 'a.md', items: [[0, [], ['T1-002']]] }]);
    const warm = new VaultIndex({ hash: hashOf });
    warm.restore(snap);
    expect(warm.setCached('a.md', { size: 1, mtime: 1 })).toBe(true);
    expect(warm.setCached('b.md', { size: 2, mtime: 2 })).toBe(true);
    expect(warm.model()).toEqual(buildModel([parsePlan('a.md', a), parsePlan('b.md', b)]));
    expect(warm.modelRestored()).toBe(true);
  });

  it('builds the model again when a file changed, was added or is missing', () => {
    const snap = cold().snapshot();
    const changed = new VaultIndex({ hash: hashOf });
    changed.restore(snap);
    changed.setCached('a.md', { size: 1, mtime: 1 });
    const b2 = b.replace('T1-001', 'T1-009');
    changed.setAccurate('b.md', b2);
    expect(changed.model()).toEqual(buildModel([parsePlan('a.md', a), parsePlan('b.md', b2)]));
    expect(changed.modelRestored()).toBe(false);

    const missing = new VaultIndex({ hash: hashOf });
    missing.restore(snap);
    missing.setCached('a.md', { size: 1, mtime: 1 });
    expect(missing.model()).toEqual(buildModel([parsePlan('a.md', a)]));
    expect(missing.modelRestored()).toBe(false);
    expect(missing.staleCached()).toBe(1);
  });

  it('takes a touched file (stat changed, same hash) from the snapshot, and not an edited one', () => {
    const warm = new VaultIndex({ hash: hashOf });
    warm.restore(cold().snapshot());
    expect(warm.setCached('a.md', { size: 1, mtime: 9 })).toBe(false);
    expect(warm.setCached('a.md', { size: 1, mtime: 9 }, hashOf(a))).toBe(true);
    expect(warm.setCached('b.md', { size: 2, mtime: 9 }, 'other')).toBe(false);
  });
});

describe('VaultIndex and cross-file links', () => {
  it('rebuilds links from scratch: a deleted file leaves no dependency behind', () => {
    const a = ['# A', '', '#### Story T1-001: server (M)', '**Owner**: Worker 1', ''].join('\n');
    const b = ['# B', '', '#### Story T1-002: client (M)', '**Dependencies**: T1-001', ''].join('\n');
    const ix = new VaultIndex();
    ix.setAccurate('a.md', a);
    ix.setAccurate('b.md', b);
    const linked = ix.model().items.find((i) => i.id === 'T1-001')!;
    expect(linked.blocks).toContain('T1-002');
    ix.delete('b.md');
    expect(ix.model().items.find((i) => i.id === 'T1-001')!.blocks).toEqual([]);
    expect(ix.get('a.md')!.file).toEqual(parsePlan('a.md', a));
  });
});

describeShared('provisional parse equals the accurate parse on every seed and corpus file', () => {
  const files = [...seedNames().map((n) => ['seeds/' + n, seed(n)] as const), ...corpusNames().map((n) => ['corpus/' + n, corpus(n)] as const)];
  for (const [name, text] of files) {
    it(name, () => {
      expect(parseProvisional(name, text)).toEqual(parsePlan(name, text));
    });
  }
});
