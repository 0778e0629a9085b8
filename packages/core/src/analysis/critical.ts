import type { IndexGraph } from './scc.js';

export interface Schedule {
  /** Earliest finish per node (days). */
  finish: Float64Array;
  /** Slack per node (days): how late it can finish without delaying the end. */
  slack: Float64Array;
  /** Node indices of the longest path, first to last (cycle members included, grouped). */
  path: number[];
  length: number;
}

const EPS = 1e-9;

/**
 * Critical path method over the condensation of `g` (edges point from a node to what it waits on). Components
 * must be numbered so that a component's dependencies have smaller numbers (as `stronglyConnected` returns them).
 * A component's duration is the sum of its members'.
 */
export function criticalPath(g: IndexGraph, comp: Int32Array, count: number, days: Float64Array): Schedule {
  const { n, start, adj } = g;
  const dur = new Float64Array(count);
  for (let v = 0; v < n; v++) dur[comp[v]!]! += days[v]!;
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < n; v++) members[comp[v]!]!.push(v);
  // Condensed edges, both directions.
  const deps: number[][] = Array.from({ length: count }, () => []);
  const dependents: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < n; v++) {
    const cv = comp[v]!;
    for (let e = start[v]!; e < start[v + 1]!; e++) {
      const cw = comp[adj[e]!]!;
      if (cw === cv) continue;
      deps[cv]!.push(cw);
      dependents[cw]!.push(cv);
    }
  }
  const es = new Float64Array(count);
  const ef = new Float64Array(count);
  let end = 0;
  for (let c = 0; c < count; c++) {
    let s = 0;
    for (const d of deps[c]!) if (ef[d]! > s) s = ef[d]!;
    es[c] = s;
    ef[c] = s + dur[c]!;
    if (ef[c]! > end) end = ef[c]!;
  }
  const lf = new Float64Array(count);
  for (let c = count - 1; c >= 0; c--) {
    let f = end;
    for (const p of dependents[c]!) {
      const ls = lf[p]! - dur[p]!;
      if (ls < f) f = ls;
    }
    lf[c] = f;
  }
  const finish = new Float64Array(n);
  const slack = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const c = comp[v]!;
    finish[v] = ef[c]!;
    slack[v] = Math.max(0, lf[c]! - ef[c]!);
  }
  // Walk forward along zero-slack components from a start: each step goes to a dependent that starts when this one
  // finishes, preferring the one that unblocks the most, then plan order. Zero slack guarantees the walk reaches
  // the end, so the path is a longest one.
  const path: number[] = [];
  if (count > 0) {
    const first = (c: number) => members[c]![0]!;
    const better = (c: number, than: number) =>
      than === -1 || dependents[c]!.length > dependents[than]!.length || (dependents[c]!.length === dependents[than]!.length && first(c) < first(than));
    const critical = (c: number) => lf[c]! - ef[c]! <= EPS;
    let cur = -1;
    for (let c = 0; c < count; c++) if (deps[c]!.length === 0 && es[c]! <= EPS && critical(c) && better(c, cur)) cur = c;
    const comps: number[] = [];
    while (cur !== -1) {
      comps.push(cur);
      let next = -1;
      for (const p of dependents[cur]!) if (critical(p) && Math.abs(es[p]! - ef[cur]!) <= EPS && better(p, next)) next = p;
      cur = next;
    }
    for (const c of comps) path.push(...members[c]!);
  }
  return { finish, slack, path, length: end };
}
