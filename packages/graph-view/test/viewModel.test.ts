import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, PlanGraph } from '@plansight/core';
import { chainOf, describeNode, filterChoices, layersOf, statusCounts, truncate, upstreamOf, visibleGraph } from '../src/viewModel.js';
import { fixture } from './fixtures.js';

const small = fixture('small').graph;
const ids = (nodes: GraphNode[]) => nodes.map((n) => n.id).sort();

describe('visibleGraph', () => {
  it('should keep everything with no filter', () => {
    const v = visibleGraph(small);
    expect(v.nodes).toHaveLength(small.nodes.length);
    expect(v.edges).toHaveLength(small.edges.length);
    expect(v.cycles).toEqual(small.cycles);
  });

  it('should keep only one actor’s items, and edges between them', () => {
    const v = visibleGraph(small, { actor: 'worker-2' });
    expect(ids(v.nodes)).toEqual(['#13', '#14', 'T1-003', 'T1-007']);
    expect(v.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['#13>#14']);
    expect(v.cycles).toEqual([]);
  });

  it('should keep the actor node itself when filtering by that actor', () => {
    expect(ids(visibleGraph(small, { actor: 'worker-4' }).nodes)).toEqual(['T1-005', 'T1-008', 'worker-4']);
  });

  it('should filter by sprint group', () => {
    const v = visibleGraph(small, { group: 'sprint-3' });
    expect(ids(v.nodes)).toEqual(['#12', '#13', '#14', 'T1-009']);
    expect(v.cycles).toEqual([['#12', '#13', '#14']]);
  });

  it('should hide done and cancelled items', () => {
    const v = visibleGraph(small, { hideDone: true });
    expect(v.nodes.some((n) => n.status === 'done' || n.status === 'cancelled')).toBe(false);
    expect(v.nodes).toHaveLength(small.nodes.length - 3);
    expect(v.criticalPath).toEqual(['T1-003', 'T1-004', 'T1-007']);
  });

  it('should focus one item with its upstream and downstream chain', () => {
    const v = visibleGraph(small, { focus: 'T1-005' });
    expect(ids(v.nodes)).toEqual(['T1-001', 'T1-002', 'T1-003', 'T1-005', 'T1-006', 'worker-4']);
    expect(v.edges).toHaveLength(6);
  });

  it('should keep a focused done item even when done items are hidden', () => {
    expect(ids(visibleGraph(small, { focus: 'T1-001', hideDone: true }).nodes)).toContain('T1-001');
  });

  it('should hide items with no dependency either way when asked for linked items only', () => {
    const v = visibleGraph(small, { linkedOnly: true });
    expect(ids(v.nodes)).not.toContain('T1-009');
    expect(v.nodes).toHaveLength(small.nodes.length - 1);
    expect(v.edges).toHaveLength(small.edges.length);
    expect(ids(visibleGraph(small, { linkedOnly: true, actor: 'worker-3' }).nodes)).toEqual([]);
  });

  it('should draw a repeated id once', () => {
    const twice = { ...small, nodes: [...small.nodes, { ...small.nodes[0]!, label: 'again' }] };
    const v = visibleGraph(twice);
    expect(v.nodes).toHaveLength(small.nodes.length);
    expect(v.nodes.find((n) => n.id === 'T1-001')!.label).toBe('Set up the repository and CI');
  });

  it('should ignore a focus on an id that is not in the graph', () => {
    expect(visibleGraph(small, { focus: 'nope' }).nodes).toHaveLength(small.nodes.length);
  });
});

describe('chains', () => {
  it('should trace what an item waits on, transitively', () => {
    expect([...upstreamOf(small, 'T1-006')].sort()).toEqual(['T1-001', 'T1-002', 'T1-003', 'T1-005', 'worker-4']);
  });

  it('should terminate on a cycle', () => {
    expect([...chainOf(small, '#12')].sort()).toEqual(['#12', '#13', '#14']);
  });
});

describe('layersOf', () => {
  it('should put an item one layer right of its deepest dependency', () => {
    const l = layersOf(small);
    expect(l.get('T1-001')).toBe(0);
    expect(l.get('T1-002')).toBe(1);
    expect(l.get('T1-007')).toBe(4);
    expect(l.get('T1-006')).toBe(4);
  });

  it('should give every node a layer, cycles included, and never throw', () => {
    fc.assert(
      fc.property(randomGraph(), (g) => {
        const l = layersOf(g);
        expect(l.size).toBe(new Set(g.nodes.map((n) => n.id)).size);
        if (isAcyclic(g)) for (const e of g.edges) expect(l.get(e.from)!).toBeGreaterThan(l.get(e.to)!);
      }),
      { numRuns: 200 },
    );
  });
});

describe('filters never invent anything', () => {
  it('should return a subgraph whose edges join visible nodes', () => {
    fc.assert(
      fc.property(randomGraph(), fc.record({ hideDone: fc.boolean(), linkedOnly: fc.boolean(), focus: fc.option(fc.constantFrom('n0', 'n3', 'n7'), { nil: undefined }), actor: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }) }), (g, filter) => {
        const v = visibleGraph(g, filter);
        const keep = new Set(v.nodes.map((n) => n.id));
        expect(v.nodes.every((n) => g.nodes.includes(n))).toBe(true);
        expect(v.edges.every((e) => keep.has(e.from) && keep.has(e.to) && g.edges.includes(e))).toBe(true);
        expect(v.cycles.every((c) => c.every((id) => keep.has(id)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('labels and legend', () => {
  it('should shorten long titles with an ellipsis and keep short ones', () => {
    expect(truncate('Write-back of status changes with a very long title', 20)).toBe('Write-back of statu…');
    expect(truncate('short', 20)).toBe('short');
    expect(truncate('🚀🚀🚀🚀', 3)).toBe('🚀🚀…');
  });

  it('should describe a node for hover and screen readers', () => {
    const n = small.nodes.find((x) => x.id === 'T1-006')!;
    expect(describeNode(n, small, { 'worker-3': 'Worker 3' })).toEqual([
      'T1-006: Obsidian host adapter',
      'Status: Waiting',
      'Owner: Worker 3',
      'Estimate: 1 day',
      'Depends on: T1-005, T1-002',
      'plans/master.md:30',
    ]);
  });

  it('should count statuses in display order', () => {
    expect(statusCounts(small.nodes).map((c) => c.status)).toEqual(['blocked', 'waiting', 'in-progress', 'next', 'todo', 'done', 'cancelled', 'unknown']);
    expect(statusCounts(small.nodes).find((c) => c.status === 'todo')!.count).toBe(4);
  });

  it('should offer the actors and groups in use', () => {
    expect(filterChoices(small)).toEqual({ actors: ['worker-1', 'worker-2', 'worker-3', 'worker-4'], groups: ['sprint-1', 'sprint-2', 'sprint-3'] });
  });
});

function randomGraph(): fc.Arbitrary<PlanGraph> {
  return fc
    .record({
      n: fc.integer({ min: 0, max: 12 }),
      pairs: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 30 }),
      statuses: fc.array(fc.constantFrom('todo', 'done', 'cancelled', 'blocked') as fc.Arbitrary<GraphNode['status']>, { minLength: 12, maxLength: 12 }),
    })
    .map(({ n, pairs, statuses }) => {
      const nodes: GraphNode[] = Array.from({ length: n }, (_, i) => ({
        id: `n${i}`,
        label: `Node ${i}`,
        kind: 'item',
        status: statuses[i]!,
        owner: i % 2 ? 'a' : 'b',
        file: 'f.md',
        line: i + 1,
        critical: false,
        inCycle: false,
        ready: false,
        blocked: false,
        groups: [],
      }));
      const edges: GraphEdge[] = pairs
        .filter(([a, b]) => a < n && b < n)
        .map(([a, b]) => ({ from: `n${a}`, to: `n${b}`, via: 'x', critical: false, inCycle: false }));
      return { nodes, edges, cycles: [], criticalPath: [], ready: [], blocked: [], risks: [] };
    });
}

/** Kahn's algorithm: acyclic when every node can be removed once its dependencies are. */
function isAcyclic(g: Pick<PlanGraph, 'nodes' | 'edges'>): boolean {
  const indegree = new Map(g.nodes.map((n) => [n.id, 0]));
  for (const e of g.edges) indegree.set(e.from, indegree.get(e.from)! + 1);
  const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  let removed = 0;
  while (queue.length) {
    const id = queue.pop()!;
    removed++;
    for (const e of g.edges) {
      if (e.to !== id) continue;
      const d = indegree.get(e.from)! - 1;
      indegree.set(e.from, d);
      if (d === 0) queue.push(e.from);
    }
  }
  return removed === indegree.size;
}
