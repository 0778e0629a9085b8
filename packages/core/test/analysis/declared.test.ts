import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { graphToDot, graphToMermaid } from '../../src/analysis/export.js';
import { buildModel } from '../../src/model/buildModel.js';
import { parsePlan } from '../../src/parse/parsePlan.js';

/**
 * Story cards `T1-00n` with a duration in days and what each depends on, then the plan's own critical path line.
 * A `Critical Path:` field is also a dependency statement (each step waits on the one before); the same line inside
 * the dependency diagram's fence only declares, which lets a test see a computed path that contradicts it.
 */
function plan(stories: [id: string, days: number, deps: string[]][], declared: string, inFence = false): string {
  const cards = stories.map(([id, days, deps]) =>
    [`#### Story ${id}: Step ${id.slice(-1)}`, `**Estimate**: ${days} days`, ...(deps.length ? [`**Dependencies**: ${deps.join(', ')}`] : []), ''].join('\n'),
  );
  const tail = inFence ? ['## Dependency Graph', '', '```', declared, '```'] : ['## Summary', '', declared];
  return ['# Sprint', '', ...cards, ...tail, ''].join('\n');
}

function analysed(text: string) {
  const model = buildModel([parsePlan('plan.md', text)]);
  const analysis = analyze(model);
  return { model, analysis, differs: analysis.diagnostics.filter((d) => d.code === 'critical-path-differs') };
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('declared critical path', () => {
  it('should carry the declared path in node ids and say nothing when the computed path follows it', () => {
    const text = plan(
      [
        ['T1-001', 2, []],
        ['T1-002', 3, ['T1-001']],
        ['T1-003', 1, ['T1-002']],
      ],
      '**Critical Path**: T1-001 → T1-002 → T1-003',
    );
    const { analysis, differs } = analysed(text);
    expect(analysis.graph.declaredCriticalPath).toEqual({
      steps: [['T1-001'], ['T1-002'], ['T1-003']],
      labels: ['T1-001', 'T1-002', 'T1-003'],
      file: 'plan.md',
      line: lineOf(text, 'Critical Path'),
    });
    expect(analysis.graph.criticalPath).toEqual(['T1-001', 'T1-002', 'T1-003']);
    expect(differs).toEqual([]);
  });

  it('should accept either member of a parallel step on the computed path', () => {
    const text = plan(
      [
        ['T1-001', 2, []],
        ['T1-002', 3, ['T1-001']],
        ['T1-003', 1, ['T1-001']],
      ],
      '**Critical Path**: T1-001 → T1-002/T1-003',
    );
    const { analysis, differs } = analysed(text);
    expect(analysis.graph.declaredCriticalPath!.steps).toEqual([['T1-001'], ['T1-002', 'T1-003']]);
    expect(differs).toEqual([]);
  });

  it('should name the dependency that serialises a declared parallel step, with its line', () => {
    const text = plan(
      [
        ['T1-001', 2, []],
        ['T1-002', 3, ['T1-001']],
        ['T1-003', 1, ['T1-002']],
      ],
      'Critical path: T1-001 → T1-002 & T1-003',
    );
    const { differs } = analysed(text);
    expect(differs.map((d) => [d.file, d.line, d.severity])).toEqual([['plan.md', lineOf(text, 'Critical path'), 'info']]);
    expect(differs[0]!.message).toContain(`T1-003: Step 3 depends on T1-002: Step 2 (line ${lineOf(text, 'Dependencies**: T1-002')})`);
    expect(differs[0]!.message).toContain('the computed path is T1-001: Step 1 → T1-002: Step 2 → T1-003: Step 3 (6 days)');
  });

  it('should name the dependency that reverses two declared steps', () => {
    const text = plan(
      [
        ['T1-001', 2, ['T1-002']],
        ['T1-002', 3, []],
      ],
      'Critical Path: T1-001 → T1-002',
      true,
    );
    const { differs } = analysed(text);
    expect(differs.map((d) => d.line)).toEqual([lineOf(text, 'Critical Path')]);
    expect(differs[0]!.message).toMatch(/^the plan puts T1-001: Step 1 before T1-002: Step 2, but T1-001: Step 1 depends on T1-002: Step 2 \(line \d+\)/);
  });

  it('should say when nothing makes a declared step wait on the one before it', () => {
    const text = plan(
      [
        ['T1-001', 2, []],
        ['T1-002', 3, ['T1-001']],
        ['T1-003', 1, []],
      ],
      'Critical Path: T1-001 → T1-002 → T1-003',
      true,
    );
    const { differs } = analysed(text);
    expect(differs.map((d) => d.message)).toEqual(['no dependency makes T1-003 wait on T1-002, so T1-003 is off the computed path: the computed path is T1-001: Step 1 → T1-002: Step 2 (5 days)']);
  });

  it('should give the slack of a declared step that a longer branch pushes off the path', () => {
    const text = plan(
      [
        ['T1-001', 2, []],
        ['T1-002', 1, ['T1-001']],
        ['T1-003', 4, ['T1-001']],
      ],
      '**Critical Path**: T1-001 → T1-002',
    );
    const { differs } = analysed(text);
    expect(differs.map((d) => d.message)).toEqual(['T1-002 has 3 days of slack, so it is off the computed path: the computed path is T1-001: Step 1 → T1-003: Step 3 (6 days)']);
  });

  it('should read a declared path inside the dependency fence without adding edges', () => {
    const text = plan(
      [
        ['T1-001', 2, []],
        ['T1-002', 3, []],
      ],
      'Critical Path: T1-001 → T1-002',
      true,
    );
    const { model, analysis } = analysed(text);
    expect(model.files[0]!.declaredCriticalPaths).toEqual([{ steps: [['T1-001'], ['T1-002']], labels: ['T1-001', 'T1-002'], text: 'T1-001 → T1-002', line: lineOf(text, 'Critical Path') }]);
    expect(model.dependencies).toEqual([]);
    expect(analysis.graph.edges).toEqual([]);
  });

  it('should leave out a declared path whose steps name nothing in the graph', () => {
    const text = plan([['T1-001', 2, []]], '**Critical Path**: T1-001 → T9-999');
    const { model, analysis, differs } = analysed(text);
    expect(model.files[0]!.declaredCriticalPaths).toHaveLength(1);
    expect(analysis.graph.declaredCriticalPath).toBeUndefined();
    expect(differs).toEqual([]);
  });

  it('should carry the declared path into the Mermaid and DOT exports', () => {
    const text = plan(
      [
        ['T1-001', 2, []],
        ['T1-002', 3, ['T1-001']],
      ],
      '**Critical Path**: T1-001 (week 1) → T1-002 (week 2)',
    );
    const { analysis } = analysed(text);
    const line = lineOf(text, 'Critical Path');
    const mermaid = graphToMermaid(analysis.graph);
    expect(mermaid.split('\n')[1]).toBe(`  %% declared critical path (plan.md:${line}): T1-001 → T1-002`);
    expect(mermaid).toContain('  class n0,n1 declared');
    expect(graphToDot(analysis.graph)).toContain(`  // declared critical path (plan.md:${line}): T1-001 → T1-002\n`);
    const plain = analyze(buildModel([parsePlan('plan.md', plan([['T1-001', 2, []]], 'No path here.'))])).graph;
    expect(graphToMermaid(plain)).not.toContain('declared');
    expect(graphToDot(plain)).not.toContain('declared');
  });
});
