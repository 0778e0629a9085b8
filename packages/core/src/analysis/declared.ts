import type { Diagnostic, PlanModel } from '../model.js';
import type { GraphBuild } from './graph.js';
import type { Resolver } from './resolve.js';
import type { DeclaredCriticalPathInGraph, GraphNode, PlanGraph } from './types.js';

/**
 * The critical path a plan declares, in graph node ids, and where the computed path disagrees with it. The
 * computed path stays what the dependencies say; a disagreement is an `info` on the declaring line that names the
 * dependency making the difference.
 */
export function declaredCriticalPaths(model: PlanModel, resolver: Resolver, build: GraphBuild): { declared?: DeclaredCriticalPathInGraph; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let declared: DeclaredCriticalPathInGraph | undefined;
  const key = (id: string): string | undefined => resolver.nodeKey(id) ?? (build.index.has(id) ? id : undefined);
  // Where each dependency was written is needed only to explain a difference: index it on first use.
  let lines: ReturnType<typeof dependencyLines> | undefined;
  const where: ReturnType<typeof dependencyLines> = (from, to) => (lines ??= dependencyLines(model, resolver))(from, to);
  for (const f of model.files) {
    for (const d of f.declaredCriticalPaths ?? []) {
      const steps = d.steps.map((s) => [...new Set(s.map(key).filter((k): k is string => k !== undefined && build.index.has(k)))]);
      if (steps.some((s) => !s.length)) continue;
      const path: DeclaredCriticalPathInGraph = { steps, labels: d.labels, file: f.path, line: d.line };
      declared ??= path;
      const why = difference(path, build.graph, where);
      if (why) diagnostics.push({ file: f.path, line: d.line, severity: 'info', code: 'critical-path-differs', message: why });
    }
  }
  return declared ? { declared, diagnostics } : { diagnostics };
}

type Where = (from: string, to: string) => { file: string; line: number } | undefined;

/** Where the plan says `from` waits on `to` (node ids): the dependency line, else the dependent's own line. */
function dependencyLines(model: PlanModel, resolver: Resolver): Where {
  const at = new Map<string, { file: string; line: number }>();
  const put = (from: string | null, to: string | null, place: { file: string; line: number }) => {
    if (from && to && !at.has(`${from}\u0000${to}`)) at.set(`${from}\u0000${to}`, { file: place.file, line: place.line });
  };
  for (const d of model.dependencies) put(resolver.nodeKey(d.from) ?? d.from, resolver.nodeKey(d.to) ?? d.to, d);
  for (const i of model.items) {
    for (const raw of i.dependsOn) put(i.id, resolver.nodeKey(raw), i);
    for (const raw of i.blocks) put(resolver.nodeKey(raw), i.id, i);
  }
  for (const a of model.actors) for (const raw of a.dependsOn) put(`actor:${a.id}`, resolver.nodeKey(raw), a);
  return (from, to) => at.get(`${from}\u0000${to}`);
}

/** Why the computed path is not the declared one, or undefined when it follows the declared steps in order. */
function difference(declared: DeclaredCriticalPathInGraph, graph: PlanGraph, where: Where): string | undefined {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const name = (id: string) => shortName(nodes.get(id), id);
  const stepOf = new Map<string, number>();
  declared.steps.forEach((s, i) => s.forEach((id) => stepOf.has(id) || stepOf.set(id, i)));
  const path = graph.criticalPath;
  const computed = () => `the computed path is ${path.map(name).join(' → ')}${graph.criticalDays !== undefined ? ` (${graph.criticalDays} days)` : ''}`;
  const cite = (from: string, to: string) => {
    const w = where(from, to);
    if (!w) return '';
    return w.file === declared.file ? ` (line ${w.line})` : ` (${w.file}:${w.line})`;
  };
  /** `b` waits on `a` along the computed path: the direct dependency, or the chain through the nodes between. */
  const waits = (ai: number, bi: number) => {
    const a = path[ai]!;
    const b = path[bi]!;
    if (bi === ai + 1) return `${name(b)} depends on ${name(a)}${cite(b, a)}`;
    const links: string[] = [];
    for (let k = bi; k > ai; k--) links.push(`${name(path[k]!)} depends on ${name(path[k - 1]!)}${cite(path[k]!, path[k - 1]!)}`);
    return links.join(', ');
  };

  let last = -1;
  let lastAt = -1;
  const seen = new Set<number>();
  for (let k = 0; k < path.length; k++) {
    const s = stepOf.get(path[k]!);
    if (s === undefined) continue;
    if (last >= 0 && s === last) {
      return `the plan runs ${declared.labels[s] ?? declared.steps[s]!.map(name).join('/')} in parallel, but ${waits(lastAt, k)}, so ${computed()}`;
    }
    if (last >= 0 && s < last) {
      return `the plan puts ${name(path[k]!)} before ${name(path[lastAt]!)}, but ${waits(lastAt, k)}, so ${computed()}`;
    }
    seen.add(s);
    last = s;
    lastAt = k;
  }
  const missing = declared.steps.findIndex((_, i) => !seen.has(i));
  if (missing < 0) return undefined;
  const label = declared.labels[missing] ?? declared.steps[missing]!.map(name).join('/');
  const members = declared.steps[missing]!.map((id) => nodes.get(id)).filter((n): n is GraphNode => !!n);
  const slack = Math.min(...members.map((n) => n.slack ?? 0));
  if (missing > 0) {
    const before = new Set(declared.steps[missing - 1]);
    const reaches = members.some((n) => dependsTransitively(graph, n.id, before));
    if (!reaches) {
      const prev = declared.labels[missing - 1] ?? declared.steps[missing - 1]!.map(name).join('/');
      return `no dependency makes ${label} wait on ${prev}, so ${label} is off the computed path: ${computed()}`;
    }
  }
  return `${label} has ${slack} days of slack, so it is off the computed path: ${computed()}`;
}

function shortName(n: GraphNode | undefined, id: string): string {
  if (!n) return id;
  if (n.kind === 'actor') return n.label;
  return n.label.length > 60 ? `${n.label.slice(0, 57)}...` : n.label;
}

/** True when `from` waits, directly or through others, on any node in `targets`. */
function dependsTransitively(graph: PlanGraph, from: string, targets: ReadonlySet<string>): boolean {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) {
    const v = stack.pop()!;
    for (const w of out.get(v) ?? []) {
      if (targets.has(w)) return true;
      if (!seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return false;
}
