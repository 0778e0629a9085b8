import { describe, expect, it } from 'vitest';
import { isPlanPath, looksLikePlan, PlanIndex } from '../src/index/planIndex';
import { newDayHeading, vocabularyOf, withDefaults, withNewDayHeading } from '../src/settings';
import { parseFilter } from '../src/views/graphHost';
import { rollupsFor } from '../src/views/rollupDom';

describe('which files are plans', () => {
  it('DAILY_STATUS.md always; other files by two plan signs, or by the folders setting', () => {
    expect(looksLikePlan('DAILY_STATUS.md', '')).toBe(true);
    expect(looksLikePlan('notes/a.md', '# Sprint 1\n\n- [x] T1-001 done\n')).toBe(true);
    expect(looksLikePlan('notes/b.md', '# Recipes\n\n- [x] eggs\n')).toBe(false);
    expect(isPlanPath('plans/x.md', '# nothing', ['plans/'])).toBe(true);
    expect(isPlanPath('notes/a.md', '# Sprint 1\n- [x] T1-001', ['plans/'])).toBe(false);
    expect(isPlanPath('plans/deep/y.md', 'text', ['plans/**/*.md'])).toBe(true);
    expect(isPlanPath('plans/x.txt', '# Sprint\n- [x] T1-001', [])).toBe(false);
  });
});

describe('PlanIndex', () => {
  it('adds, updates, renames and drops files, and rebuilds the model lazily', () => {
    const index = new PlanIndex({ planFolders: [] });
    index.set('DAILY_STATUS.md', '# Daily Status - 2026-11-18\n\n## Worker 1:\n- ✅ Completed: A\n');
    index.set('notes/recipes.md', '# Recipes\n- eggs\n');
    expect(index.paths()).toEqual(['DAILY_STATUS.md']);
    const first = index.model();
    expect(index.model()).toBe(first);
    index.set('plans/s.md', '# Sprint 1\n\n- [ ] T1-001 thing\n');
    expect(index.model()).not.toBe(first);
    index.rename('plans/s.md', 'plans/t.md', '# Sprint 1\n\n- [ ] T1-001 thing\n');
    expect(index.paths()).toEqual(['DAILY_STATUS.md', 'plans/t.md']);
    index.set('plans/t.md', 'no longer a plan');
    expect(index.paths()).toEqual(['DAILY_STATUS.md']);
    index.delete('DAILY_STATUS.md');
    expect(index.model().files).toEqual([]);
  });
});

describe('settings', () => {
  it('reads extra status words and emoji, and names the bad line', () => {
    const { vocabulary, errors } = vocabularyOf('Shipped it = done\n🧪 = in-progress\noops\nx = nope\n');
    expect(vocabulary.words['shipped it']).toBe('done');
    expect(vocabulary.emoji['🧪']).toBe('in-progress');
    expect(errors).toEqual([
      'status vocabulary line 3: expected "word = todo|in-progress|blocked|waiting|next|done|cancelled|unknown", found "oops"',
      'status vocabulary line 4: expected "word = todo|in-progress|blocked|waiting|next|done|cancelled|unknown", found "x = nope"',
    ]);
  });
  it('fills defaults over partial saved data and fills the new-day template', () => {
    const s = withDefaults({ planFolders: ['plans/', 3], estimates: { sizeDays: { M: 3 } } });
    expect(s.planFolders).toEqual(['plans/']);
    expect(s.estimates.sizeDays).toMatchObject({ S: 1, M: 3, L: 4.5 });
    expect(s.estimates.hoursPerDay).toBe(8);
    expect(newDayHeading('## {{date}} standup', '2026-11-19')).toBe('## 2026-11-19 standup');
  });

  it("puts the template's heading in place of the new day's dated heading, whatever form its date is written in", () => {
    const heading = newDayHeading('## Standup {{date}}', '2026-11-23');
    expect(withNewDayHeading('## Monday, Nov 23rd, 2026\r\n\r\n### Worker 1\r\n- 🔄 parser (since 2026-11-20)\r\n', heading)).toBe(
      '## Standup 2026-11-23\r\n\r\n### Worker 1\r\n- 🔄 parser (since 2026-11-20)\r\n',
    );
    // Only the first dated heading: an undated heading before it and a dated one after it stay.
    expect(withNewDayHeading('# Log\n## 2026-11-23\n### Notes of 2026-11-20\n', heading)).toBe('# Log\n## Standup 2026-11-23\n### Notes of 2026-11-20\n');
  });
});

describe('plansight code block arguments and rollup scope', () => {
  it('parses graph filters', () => {
    expect(parseFilter('actor=worker-1 group="Sprint 1" hide-done focus=T1-001')).toEqual({
      actor: 'worker-1',
      group: 'Sprint 1',
      hideDone: true,
      focus: 'T1-001',
    });
    expect(parseFilter('')).toEqual({});
  });
  it('scopes rollups to the active file unless pinned', () => {
    const r = (key: string, kind: 'vault' | 'file', file?: string, children: never[] = []) =>
      ({ key, label: key, kind, done: 0, total: 0, percent: 0, file, children, items: [] }) as never;
    const all = [r('vault', 'vault', undefined, [r('a', 'file', 'a.md'), r('b', 'file', 'b.md')] as never[])];
    expect(rollupsFor(all, 'b.md', false).map((x: { key: string }) => x.key)).toEqual(['b']);
    expect(rollupsFor(all, 'b.md', true)).toEqual(all);
    expect(rollupsFor(all, 'c.md', false)).toEqual([]);
  });
});
