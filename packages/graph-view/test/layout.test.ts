import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@plansight/core';
import { layoutGraph, type GraphLayout } from '../src/layout.js';
import { fixture } from './fixtures.js';
import { generateGraph } from './generate.js';

function overlaps(l: GraphLayout): string[] {
  const out: string[] = [];
  for (let i = 0; i < l.nodes.length; i++) {
    for (let j = i + 1; j < l.nodes.length; j++) {
      const a = l.nodes[i]!;
      const b = l.nodes[j]!;
      if (Math.abs(a.x - b.x) < (a.width + b.width) / 2 && Math.abs(a.y - b.y) < (a.height + b.height) / 2) out.push(`${a.node.id}/${b.node.id}`);
    }
  }
  return out;
}

const byId = (l: GraphLayout) => new Map(l.nodes.map((p) => [p.node.id, p]));

describe('layoutGraph', () => {
  const small = fixture('small').graph;

  it('should place every node and route every edge of the fixture', () => {
    const l = layoutGraph(small);
    expect(l.engine).toBe('dagre');
    expect(l.nodes).toHaveLength(small.nodes.length);
    expect(l.edges).toHaveLength(small.edges.length);
    expect(l.edges.every((e) => e.points.length >= 2)).toBe(true);
  });

  it('should put dependencies left of their dependents', () => {
    const p = byId(layoutGraph(small));
    for (const e of small.edges.filter((x) => !x.inCycle)) expect(p.get(e.to)!.x).toBeLessThan(p.get(e.from)!.x);
  });

  it('should put items without any dependency in a grid below the graph', () => {
    const l = layoutGraph(small);
    const p = byId(l);
    const lowestLinked = Math.max(...l.nodes.filter((n) => n.node.id !== 'T1-009').map((n) => n.y));
    expect(p.get('T1-009')!.y).toBeGreaterThan(lowestLinked);
  });

  it('should keep every node inside the reported size', () => {
    for (const l of [layoutGraph(small), layoutGraph(generateGraph(300), { dagreLimit: 0 })]) {
      for (const n of l.nodes) {
        expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
        expect(n.y - n.height / 2).toBeGreaterThanOrEqual(0);
        expect(n.x + n.width / 2).toBeLessThanOrEqual(l.width + 0.5);
        expect(n.y + n.height / 2).toBeLessThanOrEqual(l.height + 0.5);
      }
    }
  });

  it('should switch to the layered engine for large graphs and still order left to right', () => {
    const g = generateGraph(2000);
    const l = layoutGraph(g);
    expect(l.engine).toBe('layered');
    expect(l.nodes).toHaveLength(2000);
    expect(l.edges).toHaveLength(g.edges.length);
    expect(overlaps(l)).toEqual([]);
    const p = byId(l);
    for (const e of g.edges) expect(p.get(e.to)!.x).toBeLessThan(p.get(e.from)!.x);
  });

  it('should lay out ids that are JavaScript object keys or empty, with either engine', () => {
    const ids = ['__proto__', 'constructor', '', 'toString', 'a'];
    const nodes = ids.map((id, i) => ({ ...fixture('small').graph.nodes[0]!, id, line: i }));
    const edges = ids.slice(1).map((id, i) => ({ from: id, to: ids[i]!, via: 'x', critical: false, inCycle: false }));
    for (const dagreLimit of [1000, 0]) {
      const l = layoutGraph({ nodes, edges }, { dagreLimit });
      expect(l.nodes.map((n) => n.node.id)).toEqual(ids);
      expect(overlaps(l)).toEqual([]);
      const p = byId(l);
      for (const e of edges) expect(p.get(e.to)!.x).toBeLessThan(p.get(e.from)!.x);
    }
  });

  it('should never overlap two nodes, with either engine, cycles and self-loops included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 25 }),
        fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 40 }),
        fc.boolean(),
        (n, pairs, dagre) => {
          const nodes: GraphNode[] = Array.from({ length: n }, (_, i) => ({
            id: `n${i}`, label: `Node ${i}`, kind: 'item', status: 'todo', file: 'f.md', line: i + 1,
            critical: false, inCycle: false, ready: false, blocked: false, groups: [],
          }));
          const edges: GraphEdge[] = pairs
            .filter(([a, b]) => a < n && b < n)
            .map(([a, b]) => ({ from: `n${a}`, to: `n${b}`, via: 'x', critical: false, inCycle: false }));
          const l = layoutGraph({ nodes, edges }, { dagreLimit: dagre ? 1000 : 0 });
          expect(l.nodes).toHaveLength(n);
          expect(l.edges).toHaveLength(edges.length);
          expect(overlaps(l)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
