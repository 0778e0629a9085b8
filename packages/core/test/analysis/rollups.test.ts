import { describe, expect, it } from 'vitest';
import { analyze, actorRollups } from '../../src/analysis/index.js';
import type { Rollup } from '../../src/analysis/types.js';
import { actor, gate, item, model } from './build.js';

const find = (r: Rollup, kind: Rollup['kind'], label: string) => r.children.find((c) => c.kind === kind && c.label === label);

describe('rollups', () => {
  const m = model(
    {
      path: 'sprint.md',
      actors: [actor('team-1', { name: 'Team 1' })],
      items: [
        item('T1-001', { status: 'done', owner: 'team-1', schedule: { sprint: '1', weeks: [1, 1] }, section: ['Sprint 1'] }),
        item('T1-002', { owner: 'team-1', schedule: { sprint: '1', weeks: [1, 1] }, section: ['Sprint 1'] }),
        item('T1-003', { status: 'cancelled', schedule: { sprint: '2', weeks: [2, 3] }, section: ['Sprint 2'] }),
      ],
      gates: [gate('gate-1', [false, false, false], { title: 'Gate 1' }), gate('gate-2', [true, true], { title: 'Gate 2' })],
    },
    { path: 'empty.md' },
  );
  const [vault] = analyze(m).rollups;

  it('should nest vault → files → groups', () => {
    expect(vault!.kind).toBe('vault');
    expect(vault!.children.map((c) => c.file)).toEqual(['sprint.md', 'empty.md']);
    expect(vault!.done).toBe(4);
    expect(vault!.total).toBe(8);
    expect(vault!.percent).toBe(50);
  });

  it('should count gates and mark passed only when every criterion is checked', () => {
    const f = vault!.children[0]!;
    expect(find(f, 'gate', 'Gate 1')).toMatchObject({ done: 0, total: 3, passed: false });
    expect(find(f, 'gate', 'Gate 2')).toMatchObject({ done: 2, total: 2, passed: true, percent: 100 });
  });

  it('should roll up per actor, sprint, week and section', () => {
    const f = vault!.children[0]!;
    expect(find(f, 'actor', 'Team 1')).toMatchObject({ done: 1, total: 2, percent: 50 });
    expect(find(f, 'sprint', 'Sprint 1')).toMatchObject({ done: 1, total: 2 });
    expect(find(f, 'sprint', 'Sprint 2')).toMatchObject({ done: 1, total: 1 });
    expect(find(f, 'week', 'Week 2-3')).toMatchObject({ done: 1, total: 1 });
    expect(find(f, 'section', 'Sprint 1')!.items.map((i) => i.text)).toEqual(['T1-001: Title of T1-001', 'T1-002: Title of T1-002']);
  });

  it('should give an empty file 0/0 and 0%', () => {
    expect(vault!.children[1]).toMatchObject({ done: 0, total: 0, percent: 0 });
  });

  it('should roll up each actor across the vault', () => {
    expect(actorRollups(m).map((r) => [r.label, r.done, r.total])).toEqual([['Team 1', 1, 2]]);
  });
});
