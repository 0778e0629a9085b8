import { buildModel, parsePlan, type PlanFile } from '@plansight/core';
import { describe, expect, it } from 'vitest';
import { describeShared, seed, seedNames } from '../../core/test/shared';
import { PlanIndex } from '../src/index/planIndex';
import { vocabularyOf } from '../src/settings';

const SPRINT = '# Sprint 1\n\n## Worker 2\n- [x] T1-001 done\n- [ ] T1-002 next\n\nDependencies: T1-001\n';
const plan = (n: number) => `# Sprint ${n}\n\n## Worker ${n}\n- [x] T${n}-001 done\n- [ ] T${n}-002 next (depends on: T${n}-001)\n`;

/** A clock that moves `step` ms each time it is read. */
function fakeClock(step: number): { now: () => number; reads: () => number } {
  let t = 0;
  let reads = 0;
  return { now: () => (reads++, (t += step) - step), reads: () => reads };
}

function indexOf(n: number): PlanIndex {
  const index = new PlanIndex({ planFolders: ['plans/'] });
  for (let i = 1; i <= n; i++) index.set(`plans/p${i}.md`, plan(i));
  return index;
}

describe('PlanIndex over the VaultIndex: provisional at once, accurate after refine', () => {
  it('set parses provisionally: the file is pending until refine, and the model is usable meanwhile', () => {
    const index = new PlanIndex({ planFolders: [] });
    expect(index.set('plans/s.md', SPRINT)).toBe(true);
    expect(index.pendingCount()).toBe(1);
    expect(index.model().items.map((i) => [i.title, i.status])).toEqual([['T1-001 done', 'done'], ['T1-002 next', 'todo']]);
    expect(index.refine(Infinity, () => 0)).toBe(1);
    expect(index.pendingCount()).toBe(0);
    expect(index.refine(Infinity, () => 0)).toBe(0);
  });

  it('refine stops once the budget is spent, measured on the clock it is given', () => {
    const index = indexOf(10);
    expect(index.pendingCount()).toBe(10);
    // start 0, then 3, 6, 9 after the first three files: 9 >= 8 stops it.
    const clock = fakeClock(3);
    expect(index.refine(8, clock.now)).toBe(3);
    expect(index.pendingCount()).toBe(7);
    // A spent budget still refines one file per slice, so the work always advances.
    expect(index.refine(0, fakeClock(3).now)).toBe(1);
    expect(index.pendingCount()).toBe(6);
    expect(index.refine(1000, fakeClock(1).now)).toBe(6);
    expect(index.pendingCount()).toBe(0);
  });

  it('a file set again with new text goes back to pending; the same text keeps it accurate', () => {
    const index = indexOf(3);
    index.refine(Infinity, () => 0);
    expect(index.pendingCount()).toBe(0);
    index.set('plans/p2.md', plan(2));
    expect(index.pendingCount()).toBe(0);
    index.set('plans/p2.md', plan(2) + '- [ ] T2-003 later\n');
    expect(index.pendingCount()).toBe(1);
    expect(index.model().items.filter((i) => i.file === 'plans/p2.md').map((i) => i.title)).toEqual(['T2-001 done', 'T2-002 next (depends on: T2-001)', 'T2-003 later']);
    expect(index.refine(Infinity, () => 0)).toBe(1);
  });

  it('the editor file is parsed accurately at once', () => {
    const index = new PlanIndex({ planFolders: [] });
    index.set('plans/s.md', SPRINT, true);
    expect(index.pendingCount()).toBe(0);
    expect(index.model().files).toEqual([parsePlan('plans/s.md', SPRINT)]);
  });

  it('model and analysis are memoised until refine (or a change) replaces something', () => {
    const index = indexOf(2);
    const model = index.model();
    const analysis = index.analysis();
    expect(index.model()).toBe(model);
    expect(index.analysis()).toBe(analysis);
    expect(index.refine(Infinity, () => 0)).toBe(2);
    const refined = index.model();
    expect(refined).not.toBe(model);
    expect(index.analysis()).not.toBe(analysis);
    const refinedAnalysis = index.analysis();
    expect(index.refine(Infinity, () => 0)).toBe(0);
    expect(index.model()).toBe(refined);
    expect(index.analysis()).toBe(refinedAnalysis);
    index.delete('plans/p1.md');
    expect(index.model()).not.toBe(refined);
    expect(index.analysis()).not.toBe(refinedAnalysis);
    expect(index.analysis().graph.nodes.map((n) => n.file)).toEqual(Array(index.model().items.length).fill('plans/p2.md'));
  });

  it('keeps only plan paths, and new options (vocabulary) empty the index for a re-read', () => {
    const daily = '# Daily Status - 2026-11-18\n\n## Worker 1:\n- 🧪 Testing: A (T1-003)\n- ✅ Completed: B\n';
    const statuses = (index: PlanIndex) => index.model().statusReports.flatMap((r) => r.entries.map((e) => e.status));
    const index = new PlanIndex({ planFolders: ['plans/'] });
    expect(index.set('notes/n.md', SPRINT)).toBe(false);
    expect(index.paths()).toEqual([]);
    index.set('DAILY_STATUS.md', daily);
    index.refine(Infinity, () => 0);
    expect(statuses(index)).toEqual(['done']);
    index.options = { planFolders: ['plans/'], vocabulary: vocabularyOf('🧪 = in-progress').vocabulary };
    expect(index.paths()).toEqual([]);
    index.set('DAILY_STATUS.md', daily);
    expect(statuses(index)).toEqual(['in-progress', 'done']);
    index.refine(Infinity, () => 0);
    expect(statuses(index)).toEqual(['in-progress', 'done']);
  });
});

describeShared('provisional model equals the accurate one on the seeds', () => {
  it('before and after refine, and equals buildModel over remark parsePlan (the previous behaviour)', () => {
    const names = seedNames();
    expect(names.length).toBeGreaterThan(0);
    const index = new PlanIndex({ planFolders: ['seeds/'] });
    for (const n of names) index.set(`seeds/${n}`, seed(n));
    const provisional = structuredClone(index.model());
    const expected = buildModel(
      names.map((n): PlanFile => parsePlan(`seeds/${n}`, seed(n))).sort((a, b) => (a.path < b.path ? -1 : 1)),
    );
    expect(index.pendingCount()).toBeGreaterThan(0);
    while (index.pendingCount() > 0) expect(index.refine(8, fakeClock(5).now)).toBeGreaterThan(0);
    expect(index.model()).toEqual(expected);
    expect(provisional).toEqual(expected);
  });
});
