import type { Diagnostic, Estimate, PlanModel, Status, WorkItem } from '../model.js';
import { isClosed } from '../status.js';
import { criticalPath } from './critical.js';
import type { Resolver } from './resolve.js';
import { indexGraph, stronglyConnected } from './scc.js';
import type { BlockedItem, EstimateMapping, GraphEdge, GraphNode, PlanGraph, RiskFlag } from './types.js';

/** Blocked chains longer than this keep their nearest links and the root cause. */
const MAX_CHAIN = 20;

export function estimateDays(e: Estimate | undefined, mapping: EstimateMapping): number | undefined {
  if (!e) return undefined;
  if (e.days !== undefined) return e.days;
  if (e.hours !== undefined) return e.hours / mapping.hoursPerDay;
  if (e.size !== undefined) return mapping.sizeDays[e.size];
  return undefined;
}

export interface GraphBuild {
  graph: PlanGraph;
  diagnostics: Diagnostic[];
  /** Node id → index into graph.nodes. */
  index: Map<string, number>;
  /** Dependency ids per node (deduplicated). */
  deps: string[][];
}

/** The item that stands for an id defined more than once: the richest definition, status from any that knows. */
function primaryOf(defs: WorkItem[]): WorkItem {
  let best = defs[0]!;
  if (defs.length === 1) return best;
  const weight = (i: WorkItem) => i.dependsOn.length + i.blocks.length + i.checklist.length + (i.estimate ? 1 : 0) + (i.kind === 'story' ? 2 : 0);
  for (const d of defs) if (weight(d) > weight(best)) best = d;
  return best;
}

function mergedStatus(primary: WorkItem, defs: WorkItem[]): Status {
  if (primary.status !== 'unknown') return primary.status;
  return defs.find((d) => d.status !== 'unknown')?.status ?? 'unknown';
}

function actorStatus(items: WorkItem[]): Status {
  if (!items.length) return 'todo';
  if (items.every((i) => isClosed(i.status))) return 'done';
  if (items.some((i) => i.status === 'done' || i.status === 'in-progress')) return 'in-progress';
  return 'todo';
}

export function buildGraph(model: PlanModel, resolver: Resolver, mapping: EstimateMapping, defaultDays = 1): GraphBuild {
  const diagnostics: Diagnostic[] = [];
  const dangling = new Set<string>();
  const danglingInFile = new Set<string>();
  const reportDangling = (file: string, line: number, raw: string, what: string, id = raw) => {
    const key = `${file}\u0000${line}\u0000${raw}`;
    if (dangling.has(key)) return;
    dangling.add(key);
    danglingInFile.add(`${file}\u0000${raw}`).add(`${file}\u0000${id}`);
    diagnostics.push({ file, line, severity: 'warning', code: 'dangling-reference', message: `${what} "${raw}" matches no item or actor in the vault` });
  };
  // Item and actor fields repeat what a dependency line or reference already says, at a less precise line:
  // reported only when nothing else in the file reported the same id.
  const late: Array<[string, number, string, string]> = [];
  const reportLate = (file: string, line: number, raw: string, what: string) => late.push([file, line, raw, what]);

  // Edges as said, in parallel columns (one object per edge costs more than the rest of their handling).
  const pendingFrom: string[] = [];
  const pendingTo: string[] = [];
  const pendingVia: string[] = [];
  const add = (from: string, to: string, via: string) => {
    pendingFrom.push(from);
    pendingTo.push(to);
    pendingVia.push(via);
  };

  const itemIds: string[] = [];
  const seenItem = new Set<string>();
  for (const it of model.items) {
    if (seenItem.has(it.id)) continue;
    seenItem.add(it.id);
    itemIds.push(it.id);
  }
  for (const it of model.items) {
    for (const raw of it.dependsOn) {
      const t = resolver.nodeKey(raw);
      if (t) add(it.id, t, 'depends on');
      else reportLate(it.file, it.line, raw, `${it.id} depends on`);
    }
    for (const raw of it.blocks) {
      const t = resolver.nodeKey(raw);
      if (t) add(t, it.id, 'blocks');
      else reportLate(it.file, it.line, raw, `${it.id} blocks`);
    }
  }
  for (const a of model.actors) {
    for (const raw of a.dependsOn) {
      const t = resolver.nodeKey(raw);
      if (t) add(`actor:${a.id}`, t, 'depends on');
      else reportLate(a.file, a.line, raw, `${a.name} depends on`);
    }
  }
  // A plan that relates things it names nowhere else ("trace-viewer depends on: sync-replay") defines them by
  // saying so: generated ids (`stem:slug`) in a dependency line become nodes of their own; explicit ids dangle.
  const implicit = new Map<string, { file: string; line: number }>();
  const endpoint = (raw: string, at: { file: string; line: number }): string | undefined => {
    const t = resolver.nodeKey(raw);
    if (t) return t;
    if (/^[a-z0-9-]+:[a-z0-9-]+$/.test(raw)) {
      if (!implicit.has(raw)) implicit.set(raw, at);
      return raw;
    }
    reportDangling(at.file, at.line, raw, 'dependency');
    return undefined;
  };
  for (const d of model.dependencies) {
    const f = endpoint(d.from, d);
    const t = endpoint(d.to, d);
    if (f && t) add(f, t, d.via);
  }
  // A daily status shown as an example (a fenced sample in a plan) is not live: its references may name nothing.
  const exampleLines = new Set<string>();
  for (const rep of model.statusReports) {
    if (rep.example) for (const e of rep.entries) exampleLines.add(`${rep.file}\u0000${e.line}`);
  }
  for (const r of model.references) {
    if (r.context === 'text' || exampleLines.has(`${r.file}\u0000${r.line}`)) continue;
    if (!resolver.resolve(r.id) && !resolver.resolve(r.raw)) reportDangling(r.file, r.line, r.raw, `${r.context} reference`, r.id);
  }
  for (const [file, line, raw, what] of late) if (!danglingInFile.has(`${file}\u0000${raw}`)) reportDangling(file, line, raw, what);

  // Nodes: every item, and the actors some edge touches.
  const nodes: GraphNode[] = [];
  const index = new Map<string, number>();
  const ownedBy = new Map<string, WorkItem[]>();
  for (const it of model.items) {
    if (!it.owner) continue;
    const list = ownedBy.get(it.owner);
    if (list) list.push(it);
    else ownedBy.set(it.owner, [it]);
  }
  const durations: number[] = [];
  for (const id of itemIds) {
    const defs = resolver.definitions(id);
    const p = primaryOf(defs);
    const days = estimateDays(p.estimate ?? defs.find((d) => d.estimate)?.estimate, mapping);
    const groups: string[] = [];
    const sched = p.schedule ?? defs.find((d) => d.schedule)?.schedule;
    if (sched?.sprint) groups.push(`sprint:${sched.sprint}`);
    if (sched?.weeks) groups.push(`week:${sched.weeks[0]}-${sched.weeks[1]}`);
    const owner = p.owner ?? defs.find((d) => d.owner)?.owner;
    if (owner) groups.push(`actor:${owner}`);
    index.set(id, nodes.length);
    durations.push(days ?? defaultDays);
    nodes.push({
      id,
      label: p.explicitId ? `${id}: ${p.title}` : p.title,
      kind: 'item',
      status: mergedStatus(p, defs),
      ...(owner ? { owner } : {}),
      ...(days !== undefined ? { days } : {}),
      file: p.file,
      line: p.line,
      critical: false,
      inCycle: false,
      ready: false,
      blocked: false,
      groups,
    });
  }
  for (const [id, at] of implicit) {
    if (index.has(id)) continue;
    index.set(id, nodes.length);
    durations.push(defaultDays);
    const label = id.slice(id.indexOf(':') + 1).replace(/-/g, ' ');
    nodes.push({ id, label, kind: 'item', status: 'todo', file: at.file, line: at.line, critical: false, inCycle: false, ready: false, blocked: false, groups: ['implicit'] });
  }
  const actorNode = (k: string) => {
    if (!k.startsWith('actor:') || index.has(k)) return;
    const a = resolver.actor(k.slice(6));
    if (!a) return;
    const days = a.hours !== undefined ? a.hours / mapping.hoursPerDay : undefined;
    index.set(k, nodes.length);
    durations.push(days ?? defaultDays);
    nodes.push({
      id: k,
      label: a.name,
      kind: 'actor',
      status: actorStatus(ownedBy.get(a.id) ?? []),
      ...(days !== undefined ? { days } : {}),
      ...(resolver.actorHome(a.id) ?? { file: a.file, line: a.line }),
      critical: false,
      inCycle: false,
      ready: false,
      blocked: false,
      groups: [`actor:${a.id}`],
    });
  };
  for (let i = 0; i < pendingFrom.length; i++) {
    actorNode(pendingFrom[i]!);
    actorNode(pendingTo[i]!);
  }

  // Edges, merged: one per (from, to), the first way the plan said it; `pa[i] → pb[i]` is edge i by node index.
  const edges: GraphEdge[] = [];
  const pa: number[] = [];
  const pb: number[] = [];
  const seenEdge = new Set<number>();
  const width = nodes.length + 1;
  for (let i = 0; i < pendingFrom.length; i++) {
    const from = pendingFrom[i]!;
    const to = pendingTo[i]!;
    const a = index.get(from);
    const b = index.get(to);
    if (a === undefined || b === undefined) continue;
    const k = a * width + b;
    if (seenEdge.has(k)) continue;
    seenEdge.add(k);
    edges.push({ from, to, via: pendingVia[i]!, critical: false, inCycle: false });
    pa.push(a);
    pb.push(b);
  }

  const n = nodes.length;
  const g = indexGraph(n, pa, pb);
  const { comp, count } = stronglyConnected(g);
  const size = new Int32Array(count);
  for (let v = 0; v < n; v++) size[comp[v]!]!++;
  const selfLoop = new Uint8Array(n);
  for (let i = 0; i < pa.length; i++) if (pa[i] === pb[i]) selfLoop[pa[i]!] = 1;
  const cyclic = (v: number) => size[comp[v]!]! > 1 || selfLoop[v] === 1;

  const cycleMembers = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    if (!cyclic(v)) continue;
    nodes[v]!.inCycle = true;
    const c = comp[v]!;
    const list = cycleMembers.get(c);
    if (list) list.push(v);
    else cycleMembers.set(c, [v]);
  }
  const cycles: string[][] = [];
  for (const members of cycleMembers.values()) {
    const ordered = cycleOrder(members, g, comp);
    cycles.push(ordered.map((v) => nodes[v]!.id));
    const at = members.reduce((best, v) => (before(nodes[v]!, nodes[best]!) ? v : best), members[0]!);
    diagnostics.push({
      file: nodes[at]!.file,
      line: nodes[at]!.line,
      severity: 'error',
      code: 'cycle',
      message: isWalk(ordered, g)
        ? `dependency cycle: ${ordered.map((v) => nodes[v]!.id).concat(nodes[ordered[0]!]!.id).join(' → ')}`
        : `dependency cycle among ${ordered.length} items: ${ordered.map((v) => nodes[v]!.id).join(', ')}`,
    });
  }
  for (let i = 0; i < edges.length; i++) {
    const a = pa[i]!;
    if (comp[a] === comp[pb[i]!] && cyclic(a)) edges[i]!.inCycle = true;
  }

  const days = Float64Array.from(durations);
  const sched = criticalPath(g, comp, count, days);
  const onPath = new Set(sched.path);
  for (const v of sched.path) nodes[v]!.critical = true;
  for (let v = 0; v < n; v++) nodes[v]!.slack = round(sched.slack[v]!);
  for (let i = 0; i < edges.length; i++) {
    const a = pa[i]!;
    const b = pb[i]!;
    if (onPath.has(a) && onPath.has(b) && a !== b) edges[i]!.critical = true;
  }

  // Ready and blocked; a blocked node's chain follows the open dependency that finishes last.
  const deps: string[][] = [];
  const closed = (v: number) => isClosed(nodes[v]!.status);
  const pick = new Int32Array(n).fill(-1);
  const ready: number[] = [];
  const blockedIdx: number[] = [];
  const dependents = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const ds: string[] = [];
    let best = -1;
    for (let e = g.start[v]!; e < g.start[v + 1]!; e++) {
      const w = g.adj[e]!;
      ds.push(nodes[w]!.id);
      if (w !== v) dependents[w]!++;
      if (w === v || closed(w)) continue;
      if (best === -1 || sched.finish[w]! > sched.finish[best]!) best = w;
    }
    deps.push(ds);
    pick[v] = best;
    if (closed(v)) continue;
    if (best === -1) {
      nodes[v]!.ready = true;
      ready.push(v);
    } else {
      nodes[v]!.blocked = true;
      blockedIdx.push(v);
    }
  }
  // Root cause per node, dependencies first (components ascend in dependency order).
  const root = new Int32Array(n).fill(-1);
  const byComp = Array.from({ length: n }, (_, v) => v).sort((a, b) => comp[a]! - comp[b]!);
  for (const v of byComp) {
    const w = pick[v]!;
    if (w === -1) root[v] = v;
    else if (comp[w] === comp[v]) root[v] = w;
    else root[v] = root[w]!;
  }
  const stamp = new Int32Array(n).fill(-1);
  const blocked: BlockedItem[] = blockedIdx.map((v) => {
    const chain: string[] = [];
    stamp[v] = v;
    let cur = pick[v]!;
    while (cur !== -1 && stamp[cur] !== v && chain.length < MAX_CHAIN) {
      chain.push(nodes[cur]!.id);
      stamp[cur] = v;
      cur = pick[cur]!;
    }
    const r = root[v]!;
    if (stamp[r] !== v) chain.push(nodes[r]!.id);
    const blockers: string[] = [];
    for (let e = g.start[v]!; e < g.start[v + 1]!; e++) {
      const w = g.adj[e]!;
      if (w !== v && !closed(w)) blockers.push(nodes[w]!.id);
    }
    return { id: nodes[v]!.id, chain, blockers, root: nodes[r]!.id };
  });

  const risks: RiskFlag[] = [];
  for (let v = 0; v < n; v++) {
    const node = nodes[v]!;
    const nd = deps[v]!.length - (selfLoop[v] ? 1 : 0);
    if (dependents[v]! > 3) {
      risks.push({ id: node.id, kind: 'blocks-many', count: dependents[v]! });
      diagnostics.push({ file: node.file, line: node.line, severity: 'info', code: 'blocks-many', message: `${node.id} blocks ${dependents[v]} others (risk: more than 3)` });
    }
    if (nd > 2) {
      risks.push({ id: node.id, kind: 'many-dependencies', count: nd });
      diagnostics.push({ file: node.file, line: node.line, severity: 'info', code: 'many-dependencies', message: `${node.id} has ${nd} dependencies (risk: more than 2)` });
    }
  }

  // Ready: critical first, then least slack, then plan order.
  ready.sort((a, b) => Number(nodes[b]!.critical) - Number(nodes[a]!.critical) || sched.slack[a]! - sched.slack[b]! || a - b);

  const graph: PlanGraph = {
    nodes,
    edges,
    cycles,
    criticalPath: sched.path.map((v) => nodes[v]!.id),
    criticalDays: round(sched.length),
    ready: ready.map((v) => nodes[v]!.id),
    blocked,
    risks,
  };
  if (!cycles.length) graph.order = byComp.map((v) => nodes[v]!.id);
  return { graph, diagnostics, index, deps };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function before(a: GraphNode, b: GraphNode): boolean {
  return a.file < b.file || (a.file === b.file && a.line < b.line);
}

/** Order a strongly connected component's members along one cycle through all of them where a walk finds it. */
function cycleOrder(members: number[], g: { start: Int32Array; adj: Int32Array }, comp: Int32Array): number[] {
  if (members.length < 2) return members;
  const c = comp[members[0]!]!;
  const out: number[] = [];
  const seen = new Set<number>();
  let cur = members[0]!;
  while (!seen.has(cur)) {
    seen.add(cur);
    out.push(cur);
    let next = -1;
    for (let e = g.start[cur]!; e < g.start[cur + 1]!; e++) {
      const w = g.adj[e]!;
      if (comp[w] !== c || w === cur) continue;
      if (!seen.has(w)) {
        next = w;
        break;
      }
    }
    if (next === -1) break;
    cur = next;
  }
  for (const v of members) if (!seen.has(v)) out.push(v);
  return out;
}

function hasEdge(g: { start: Int32Array; adj: Int32Array }, a: number, b: number): boolean {
  for (let e = g.start[a]!; e < g.start[a + 1]!; e++) if (g.adj[e] === b) return true;
  return false;
}

/** True when the members, in order, are a closed walk: each waits on the next, the last on the first. */
function isWalk(order: number[], g: { start: Int32Array; adj: Int32Array }): boolean {
  for (let i = 0; i < order.length; i++) if (!hasEdge(g, order[i]!, order[(i + 1) % order.length]!)) return false;
  return true;
}
