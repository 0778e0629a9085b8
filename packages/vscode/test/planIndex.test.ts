import { describe, expect, it } from 'vitest';
import { CorePlanIndex, looksLikePlan } from '../src/planIndex.js';
import { globToRegExp, matchesAny } from '../src/glob.js';
import { parsePlan } from '@plansight/core';

const PLAN = '# Sprint 1\n\n- [ ] T1-001: HTTP server setup\n- [x] T1-002: Router\n';
const NOTE = '# Shopping\n\nMilk, bread and a new kettle.\n';

describe('CorePlanIndex', () => {
  it('indexes plan-like files and drops a file that stops looking like a plan', () => {
    const index = new CorePlanIndex();
    expect(index.update('sprint.md', PLAN)).toBe(true);
    expect(index.update('notes.md', NOTE)).toBe(false);
    expect(index.update('notes.md', NOTE)).toBe(false);
    expect(index.paths()).toEqual(['sprint.md']);
    expect(index.model().files[0]!.checkboxes).toEqual({ total: 2, checked: 1 });
    // a file named like a kind of plan stays a plan; one named neutrally is dropped when it stops looking like one
    index.update('tasks.md', PLAN);
    expect(index.paths()).toEqual(['sprint.md', 'tasks.md']);
    expect(index.update('tasks.md', NOTE)).toBe(true);
    expect(index.paths()).toEqual(['sprint.md']);
    expect(index.update('tasks.md', NOTE)).toBe(false);
  });

  it('rebuilds the model and analysis after a change, and reuses them until then', () => {
    const index = new CorePlanIndex();
    index.update('sprint.md', PLAN);
    const m1 = index.model();
    const a1 = index.analysis();
    expect(index.model()).toBe(m1);
    expect(index.analysis()).toBe(a1);
    index.update('sprint.md', PLAN.replace('- [ ]', '- [x]'));
    expect(index.model()).not.toBe(m1);
    expect(index.model().files[0]!.checkboxes.checked).toBe(2);
  });

  it('parses fast at once and refines with remark after a pause; unchanged text is not a change', () => {
    const index = new CorePlanIndex();
    expect(index.update('tasks.md', PLAN)).toBe(true);
    expect(index.pending()).toBe(1);
    expect(index.update('tasks.md', PLAN)).toBe(false);
    const provisional = index.model();
    expect(index.refine(Infinity, () => 0)).toBe(1);
    expect(index.pending()).toBe(0);
    expect(index.model()).not.toBe(provisional);
    expect(index.model().files[0]).toEqual(parsePlan('tasks.md', PLAN));
    expect(index.update('tasks.md', PLAN, true)).toBe(true);
    expect(index.pending()).toBe(0);
  });

  it('remove() reports whether the file was indexed', () => {
    const index = new CorePlanIndex();
    index.update('a.md', PLAN);
    expect(index.remove('b.md')).toBe(false);
    expect(index.remove('a.md')).toBe(true);
    expect(index.model().files).toEqual([]);
  });

  it('looksLikePlan: a checklist is a plan, prose is not', () => {
    expect(looksLikePlan(parsePlan('a.md', PLAN))).toBe(true);
    expect(looksLikePlan(parsePlan('b.md', NOTE))).toBe(false);
  });
});

describe('plan globs', () => {
  it('matches the way the setting is documented', () => {
    expect(matchesAny('DAILY_STATUS.md', ['**/*.md'])).toBe(true);
    expect(matchesAny('workers/Worker 1 - Sync Engine.md', ['**/*.md'])).toBe(true);
    expect(matchesAny('src/main.ts', ['**/*.md'])).toBe(false);
    expect(matchesAny('plans/a.markdown', ['plans/*.{md,markdown}'])).toBe(true);
    expect(matchesAny('other/plans/a.md', ['plans/*.md'])).toBe(false);
    expect(matchesAny('plans/deep/a.md', ['plans/*.md'])).toBe(false);
    expect(matchesAny('plans/deep/a.md', ['plans/**/*.md'])).toBe(true);
    expect(globToRegExp('Notes (old)?.md').test('Notes (old)1.md')).toBe(true);
  });
});
