import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import type { StatusReport } from '../../src/model.js';
import { actor, item, model } from './build.js';

const report = (date: string, entries: [StatusReport['entries'][number]['status'], string[], number][], example?: true): StatusReport => ({
  file: 'DAILY_STATUS.md',
  line: entries[0]?.[2] ?? 1,
  date,
  actor: 'worker-1',
  ...(example ? { example } : {}),
  entries: entries.map(([status, refs, line]) => ({ status, refs, line, text: refs.join(' ') })),
});

const found = (m: ReturnType<typeof model>, code: string) =>
  analyze(m).diagnostics.filter((d) => d.code === code).map((d) => `${d.file}:${d.line}`);

describe('consistency diagnostics', () => {
  it('should flag the latest status saying done while the plan box is open, and the reverse', () => {
    const m = model(
      { path: 'plan.md', items: [item('#1', { line: 5 }), item('#2', { status: 'done', line: 6 }), item('#3', { line: 7 })] },
      {
        path: 'DAILY_STATUS.md',
        statusReports: [
          report('2025-11-24', [['in-progress', ['#1'], 3], ['in-progress', ['#3'], 4]]),
          report('2025-11-25', [['done', ['#1'], 10], ['blocked', ['#2'], 11]]),
          report('2025-11-26', [['done', ['#3'], 20]], true),
        ],
      },
    );
    expect(found(m, 'status-mismatch')).toEqual(['DAILY_STATUS.md:10', 'DAILY_STATUS.md:11']);
  });

  it('should only trust the latest entry about an item', () => {
    const m = model(
      { path: 'plan.md', items: [item('#1', { status: 'done' })] },
      { path: 'DAILY_STATUS.md', statusReports: [report('2025-11-26', [['done', ['#1'], 30]]), report('2025-11-25', [['blocked', ['#1'], 3]])] },
    );
    expect(found(m, 'status-mismatch')).toEqual([]);
  });

  it('should flag an item done while a dependency is open', () => {
    const m = model({ items: [item('A', { status: 'done', dependsOn: ['B'], line: 4 }), item('B', { line: 9 }), item('C', { status: 'done', dependsOn: ['D'] }), item('D', { status: 'done' })] });
    expect(found(m, 'done-before-dependency')).toEqual(['plan.md:4']);
  });

  it('should flag a worker whose hour items miss the budget, counting nested items once', () => {
    const m = model({
      actors: [actor('worker-1', { hours: 100, line: 2 }), actor('worker-2', { hours: 30, line: 3 })],
      items: [
        item('w1:a', { owner: 'worker-1', estimate: { hours: 40 } }),
        item('w1:a-sub', { owner: 'worker-1', estimate: { hours: 40 }, parent: 'w1:a' }),
        item('w1:b', { owner: 'worker-1', estimate: { hours: 50 } }),
        item('w2:a', { owner: 'worker-2', estimate: { hours: 30 } }),
      ],
    });
    const d = analyze(m).diagnostics.filter((x) => x.code === 'hours-mismatch');
    expect(d.map((x) => x.line)).toEqual([2]);
    expect(d[0]!.message).toContain('90h');
  });

  it('should flag an id defined twice with different titles', () => {
    const m = model(
      { path: 'a.md', items: [item('T1-012', { title: 'Gate 1 validation tests', line: 256 })] },
      { path: 'b.md', items: [item('T1-012', { title: 'Performance baseline measurements', line: 276 })] },
    );
    const d = analyze(m).diagnostics.filter((x) => x.code === 'duplicate-id');
    expect(d.map((x) => `${x.file}:${x.line}`)).toEqual(['b.md:276']);
    expect(d[0]!.message).toContain('a.md:256');
  });
});
