import { grouped, type IndexGraph } from './scc.js';

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
  // Members and condensed edges (both directions) per component, in compressed form: `x.list[x.at[c] .. x.at[c + 1])`.
  const members = grouped(count, (emit) => {
    for (let v = 0; v < n; v++) emit(comp[v]!, v);
  });
  const condensed = (emit: (c: number, x: number) => void, forward: boolean) => {
    for (let v = 0; v < n; v++) {
      const cv = comp[v]!;
      for (let e = start[v]!; e < start[v + 1]!; e++) {
        const cw = comp[adj[e]!]!;
        if (cw === cv) continue;
        if (forward) emit(cv, cw);
        else emit(cw, cv);
      }
    }
  };
  const deps = grouped(count, (emit) => condensed(emit, true));
  const dependents = grouped(count, (emit) => condensed(emit, false));
  const es = new Float64Array(count);
  const ef = new Float64Array(count);
  let end = 0;
  for (let c = 0; c < count; c++) {
    let s = 0;
    for (let k = deps.at[c]!; k < deps.at[c + 1]!; k++) {
      const d = deps.list[k]!;
      if (ef[d]! > s) s = ef[d]!;
    }
    es[c] = s;
    ef[c] = s + dur[c]!;
    if (ef[c]! > end) end = ef[c]!;
  }
  const lf = new Float64Array(count);
  for (let c = count - 1; c >= 0; c--) {
    let f = end;
    for (let k = dependents.at[c]!; k < dependents.at[c + 1]!; k++) {
      const p = dependents.list[k]!;
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
    const first = (c: number) => members.list[members.at[c]!]!;
    const fanOut = (c: number) => dependents.at[c + 1]! - dependents.at[c]!;
    const better = (c: number, than: number) =>
      than === -1 || fanOut(c) > fanOut(than) || (fanOut(c) === fanOut(than) && first(c) < first(than));
    const critical = (c: number) => lf[c]! - ef[c]! <= EPS;
    let cur = -1;
    for (let c = 0; c < count; c++) if (deps.at[c + 1] === deps.at[c] && es[c]! <= EPS && critical(c) && better(c, cur)) cur = c;
    while (cur !== -1) {
      for (let k = members.at[cur]!; k < members.at[cur + 1]!; k++) path.push(members.list[k]!);
      let next = -1;
      for (let k = dependents.at[cur]!; k < dependents.at[cur + 1]!; k++) {
        const p = dependents.list[k]!;
        if (critical(p) && Math.abs(es[p]! - ef[cur]!) <= EPS && better(p, next)) next = p;
      }
      cur = next;
    }
  }
  return { finish, slack, path, length: end };
}
