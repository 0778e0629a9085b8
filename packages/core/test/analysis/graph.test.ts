import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { actor, item, model } from './build.js';

const codes = (ds: { code: string }[]) => ds.map((d) => d.code);

describe('dependency graph', () => {
  it('should merge depends-on, blocks and file dependencies into one edge per pair', () => {
    const m = model({
      items: [item('#2', { blocks: ['#5', '#7'] }), item('#5', { dependsOn: ['#2'] }), item('#7'), item('#9')],
      dependencies: [{ file: 'plan.md', line: 40, from: '#9', to: '#2', via: 'Depends on' }],
    });
    const { graph } = analyze(m);
    const pairs = graph.edges.map((e) => `${e.from}->${e.to}`).sort();
    expect(pairs).toEqual(['#5->#2', '#7->#2', '#9->#2']);
    expect(graph.ready).toEqual(['#2']);
    expect(graph.blocked.map((b) => [b.id, b.chain])).toEqual([
      ['#5', ['#2']],
      ['#7', ['#2']],
      ['#9', ['#2']],
    ]);
  });

  it('should follow a blocked chain down to the root cause', () => {
    const m = model({ items: [item('A', { dependsOn: ['B'] }), item('B', { dependsOn: ['C'] }), item('C', { dependsOn: ['D'] }), item('D', { status: 'done' })] });
    const { graph } = analyze(m);
    expect(graph.ready).toEqual(['C']);
    const a = graph.blocked.find((b) => b.id === 'A')!;
    expect(a.chain).toEqual(['B', 'C']);
    expect(a.root).toBe('C');
  });

  it('should not count closed dependencies as blockers', () => {
    const m = model({ items: [item('A', { dependsOn: ['B', 'C'] }), item('B', { status: 'done' }), item('C', { status: 'cancelled' })] });
    const { graph } = analyze(m);
    expect(graph.ready).toEqual(['A']);
    expect(graph.blocked).toEqual([]);
  });

  it('should resolve actors by alias and include them as nodes only when related', () => {
    const m = model({
      actors: [
        actor('worker-1', { aliases: ['Worker 1', 'WORKER 1', 'Agent 1'], dependsOn: ['Worker 2'], hours: 460 }),
        actor('worker-2', { hours: 450 }),
        actor('worker-9'),
      ],
    });
    const { graph, diagnostics } = analyze(m);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(['actor:worker-1', 'actor:worker-2']);
    expect(graph.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['actor:worker-1->actor:worker-2']);
    expect(graph.criticalPath).toEqual(['actor:worker-2', 'actor:worker-1']);
    expect(codes(diagnostics)).not.toContain('dangling-reference');
  });

  it('should flag an item blocking more than 3 others and one with more than 2 dependencies', () => {
    const m = model({
      items: [item('HUB', { blocks: ['a', 'b', 'c', 'd'] }), item('a'), item('b'), item('c'), item('d'), item('X', { dependsOn: ['a', 'b', 'c'] }), item('Y', { dependsOn: ['a', 'b'] })],
    });
    const { graph, diagnostics } = analyze(m);
    expect(graph.risks).toEqual([
      { id: 'HUB', kind: 'blocks-many', count: 4 },
      { id: 'X', kind: 'many-dependencies', count: 3 },
    ]);
    expect(diagnostics.filter((d) => d.severity === 'info').map((d) => d.code)).toEqual(['blocks-many', 'many-dependencies']);
  });

  it('should report a cycle with every member, as an error, at its first member', () => {
    const m = model({ items: [item('A', { dependsOn: ['B'], line: 10 }), item('B', { dependsOn: ['C'], line: 20 }), item('C', { dependsOn: ['A'], line: 5 }), item('D', { dependsOn: ['A'], line: 30 })] });
    const { graph, diagnostics } = analyze(m);
    expect(graph.cycles.map((c) => [...c].sort())).toEqual([['A', 'B', 'C']]);
    const cyc = diagnostics.filter((d) => d.code === 'cycle');
    expect(cyc).toHaveLength(1);
    expect(cyc[0]).toMatchObject({ severity: 'error', line: 5 });
    expect(cyc[0]!.message).toMatch(/A.*B.*C|B.*C.*A|C.*A.*B/);
    expect(graph.nodes.filter((n) => n.inCycle).map((n) => n.id).sort()).toEqual(['A', 'B', 'C']);
    expect(graph.order).toBeUndefined();
    expect(graph.ready).toEqual([]);
  });

  it('should report a self-dependency as a cycle of one', () => {
    const { graph, diagnostics } = analyze(model({ items: [item('A', { dependsOn: ['A'] })] }));
    expect(graph.cycles).toEqual([['A']]);
    expect(codes(diagnostics)).toContain('cycle');
  });

  it('should survive a 100k-node chain closed into one cycle without recursion', () => {
    const n = 100_000;
    const items = Array.from({ length: n }, (_, i) => item(`N${i}`, { dependsOn: [`N${(i + 1) % n}`], line: i + 1 }));
    const { graph } = analyze(model({ items }));
    expect(graph.cycles).toHaveLength(1);
    expect(graph.cycles[0]).toHaveLength(n);
  });

  it('should put the longest estimated chain on the critical path and give others slack', () => {
    const m = model({
      items: [
        item('A', { estimate: { days: 2 } }),
        item('B', { estimate: { hours: 16 }, dependsOn: ['A'] }),
        item('C', { estimate: { size: 'S' }, dependsOn: ['A'] }),
        item('D', { estimate: { size: 'L' }, dependsOn: ['B', 'C'] }),
      ],
    });
    const { graph } = analyze(m);
    expect(graph.criticalPath).toEqual(['A', 'B', 'D']);
    expect(graph.criticalDays).toBe(8.5);
    const c = graph.nodes.find((x) => x.id === 'C')!;
    expect(c.slack).toBe(1);
    expect(c.critical).toBe(false);
    expect(graph.edges.filter((e) => e.critical).map((e) => `${e.from}->${e.to}`).sort()).toEqual(['B->A', 'D->B']);
  });

  it('should use a configured estimate mapping', () => {
    const m = model({ items: [item('A', { estimate: { size: 'S' } }), item('B', { estimate: { size: 'M' } })] });
    const flipped = analyze(m, { estimates: { sizeDays: { S: 10, M: 1 }, hoursPerDay: 8 } });
    expect(flipped.graph.criticalPath).toEqual(['A']);
    expect(analyze(m).graph.criticalPath).toEqual(['B']);
  });

  it('should order the ready set critical path first', () => {
    const m = model({ items: [item('small', { estimate: { days: 1 } }), item('big', { estimate: { days: 1 } }), item('after', { estimate: { days: 5 }, dependsOn: ['big'] })] });
    expect(analyze(m).graph.ready).toEqual(['big', 'small']);
  });

  it('should give an acyclic graph a topological order, dependencies first', () => {
    const m = model({ items: [item('A', { dependsOn: ['B'] }), item('B', { dependsOn: ['C'] }), item('C')] });
    expect(analyze(m).graph.order).toEqual(['C', 'B', 'A']);
  });

  it('should treat the same id listed in a sprint and written up as a card as one node', () => {
    const m = model({ items: [item('T1-001', { title: 'HTTP server setup', kind: 'task' }), item('T1-001', { title: 'HTTP Server Setup', status: 'todo', estimate: { size: 'M' } })] });
    const { graph, diagnostics } = analyze(m);
    expect(graph.nodes).toHaveLength(1);
    expect(graph.nodes[0]!.days).toBe(2.5);
    expect(codes(diagnostics)).not.toContain('duplicate-id');
  });
});

describe('reference resolution', () => {
  it('should resolve issue spellings, story ids and actor names across files', () => {
    const m = model(
      { path: 'plan.md', items: [item('#145', { title: 'digamma kernel' }), item('T1-001')], actors: [actor('memory-jr', { name: 'Memory Jr', aliases: ['Memory Jr'] })] },
      {
        path: 'DAILY_STATUS.md',
        references: [
          { file: '', line: 3, id: '#145', raw: 'Issue #145', kind: 'issue', context: 'status' },
          { file: '', line: 4, id: 'T1-001', raw: 'T1-001', kind: 'story', context: 'status' },
          { file: '', line: 5, id: 'memory-jr', raw: 'Memory Jr', kind: 'actor', context: 'owner' },
          { file: '', line: 6, id: '#999', raw: '#999', kind: 'issue', context: 'status' },
          { file: '', line: 7, id: '#998', raw: '#998', kind: 'issue', context: 'text' },
        ],
      },
    );
    const dangling = analyze(m).diagnostics.filter((d) => d.code === 'dangling-reference');
    expect(dangling.map((d) => `${d.file}:${d.line}`)).toEqual(['DAILY_STATUS.md:6']);
    expect(dangling[0]!.message).toContain('#999');
  });

  it('should report a dependency on nothing at the item line', () => {
    const m = model({ items: [item('A', { dependsOn: ['T9-404'], line: 12 })] });
    const d = analyze(m).diagnostics.filter((x) => x.code === 'dangling-reference');
    expect(d).toEqual([expect.objectContaining({ file: 'plan.md', line: 12, severity: 'warning' })]);
  });
});
