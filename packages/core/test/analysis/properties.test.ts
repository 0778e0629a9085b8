import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { item, model } from './build.js';

/** A random graph: n nodes, edges as [from, to] = from depends on to, durations in days. */
const graphArb = (acyclic: boolean) =>
  fc
    .integer({ min: 1, max: 14 })
    .chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 }),
        days: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
      }),
    )
    .map(({ n, edges, days }) => ({
      n,
      days,
      // Acyclic: only edges from a higher to a lower index.
      edges: acyclic ? edges.filter(([a, b]) => a > b) : edges,
    }));

function build(g: { n: number; edges: [number, number][]; days: number[] }) {
  const deps: string[][] = Array.from({ length: g.n }, () => []);
  for (const [a, b] of g.edges) deps[a]!.push(`n${b}`);
  return model({ items: Array.from({ length: g.n }, (_, i) => item(`n${i}`, { dependsOn: deps[i]!, estimate: { days: g.days[i]! }, line: i + 1 })) });
}

function reach(edges: [number, number][], from: number, within: Set<number>): Set<number> {
  const seen = new Set<number>();
  const todo = [from];
  while (todo.length) {
    const v = todo.pop()!;
    for (const [a, b] of edges) if (a === v && within.has(b) && !seen.has(b)) (seen.add(b), todo.push(b));
  }
  return seen;
}

const idx = (id: string) => Number(id.slice(1));

describe('graph properties over random graphs', () => {
  it('should report only real cycles: members reach one another, and every cyclic node is reported', () => {
    fc.assert(
      fc.property(graphArb(false), (g) => {
        const { graph } = analyze(build(g));
        const reported = new Set<number>();
        for (const c of graph.cycles) {
          const members = new Set(c.map(idx));
          for (const v of members) {
            reported.add(v);
            const r = reach(g.edges, v, members);
            for (const w of members) expect(r.has(w)).toBe(true);
          }
        }
        const all = new Set(Array.from({ length: g.n }, (_, i) => i));
        for (let v = 0; v < g.n; v++) expect(reach(g.edges, v, all).has(v)).toBe(reported.has(v));
      }),
      { numRuns: 300 },
    );
  });

  it('should give an acyclic graph a topological order with dependencies first', () => {
    fc.assert(
      fc.property(graphArb(true), (g) => {
        const { graph } = analyze(build(g));
        expect(graph.cycles).toEqual([]);
        const pos = new Map(graph.order!.map((id, i) => [idx(id), i]));
        expect(pos.size).toBe(g.n);
        for (const [a, b] of g.edges) if (a !== b) expect(pos.get(b)!).toBeLessThan(pos.get(a)!);
      }),
      { numRuns: 300 },
    );
  });

  it('should make the critical path a real path at least as long as every path', () => {
    fc.assert(
      fc.property(graphArb(true), (g) => {
        const { graph } = analyze(build(g));
        const path = graph.criticalPath.map(idx);
        for (let i = 1; i < path.length; i++) expect(g.edges.some(([a, b]) => a === path[i] && b === path[i - 1])).toBe(true);
        const len = path.reduce((s, v) => s + g.days[v]!, 0);
        expect(graph.criticalDays).toBeCloseTo(len, 6);
        // Longest path ending at each node, by brute force over dependencies (indices descend along edges).
        const best = new Array<number>(g.n).fill(0);
        for (let v = 0; v < g.n; v++) {
          let m = 0;
          for (const [a, b] of g.edges) if (a === v) m = Math.max(m, best[b]!);
          best[v] = m + g.days[v]!;
        }
        for (const b of best) expect(len).toBeGreaterThanOrEqual(b - 1e-9);
        for (const n of graph.nodes) expect(n.slack!).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('should never throw on arbitrary references', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.array(fc.string(), { maxLength: 3 }))), (specs) => {
        const m = model({ items: specs.map(([id, dependsOn, blocks]) => item(id || 'x', { dependsOn, blocks })) });
        const a = analyze(m);
        expect(a.graph.nodes.length).toBeLessThanOrEqual(specs.length);
      }),
    );
  });
});
