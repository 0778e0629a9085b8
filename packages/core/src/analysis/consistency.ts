import type { Diagnostic, PlanModel, StatusEntry, StatusReport, WorkItem } from '../model.js';
import { isClosed } from '../status.js';
import { slug } from '../text/inline.js';
import type { GraphBuild } from './graph.js';
import type { Resolver } from './resolve.js';

/** An id defined twice. The same item listed in a sprint and then written up as a card (same title) is one item. */
export function duplicateIds(model: PlanModel, resolver: Resolver): Diagnostic[] {
  const out: Diagnostic[] = [];
  const done = new Set<string>();
  for (const it of model.items) {
    if (!it.explicitId || done.has(it.id)) continue;
    done.add(it.id);
    const all = resolver.definitions(it.id);
    if (all.length < 2) continue;
    const defs = all.filter((d) => d.explicitId);
    if (defs.length < 2) continue;
    const first = defs[0]!;
    for (const d of defs.slice(1)) {
      if (sameTitle(first.title, d.title) || d.parent === first.id || first.parent === d.id) continue;
      out.push({
        file: d.file,
        line: d.line,
        severity: 'warning',
        code: 'duplicate-id',
        message: `${d.id} is defined twice: "${d.title}" here and "${first.title}" at ${first.file}:${first.line}`,
      });
    }
  }
  return out;
}

function sameTitle(a: string, b: string): boolean {
  const x = slug(a);
  const y = slug(b);
  return x === y || x.startsWith(y) || y.startsWith(x);
}

function dateKey(r: StatusReport): string {
  return r.date ?? '';
}

/**
 * The latest daily status about an item disagrees with the plan: the status says done and the plan's item is open,
 * or the plan says done and the latest status still reports it open.
 */
export function statusDisagreements(model: PlanModel, resolver: Resolver, build: GraphBuild): Diagnostic[] {
  const latest = new Map<string, { report: StatusReport; entry: StatusEntry; order: number }>();
  let order = 0;
  for (const r of model.statusReports) {
    if (r.example) continue;
    for (const e of r.entries) {
      order++;
      for (const ref of e.refs) {
        const t = resolver.resolve(ref);
        if (!t || t.kind !== 'item') continue;
        const seen = latest.get(t.id);
        if (!seen || dateKey(r) > dateKey(seen.report) || (dateKey(r) === dateKey(seen.report) && order > seen.order)) {
          latest.set(t.id, { report: r, entry: e, order });
        }
      }
    }
  }
  const out: Diagnostic[] = [];
  for (const [id, { report, entry }] of latest) {
    const v = build.index.get(id);
    if (v === undefined) continue;
    const node = build.graph.nodes[v]!;
    if (node.file === report.file && node.line === entry.line) continue;
    const said = entry.status;
    if (said === 'unknown' || node.status === 'unknown') continue;
    const statusClosed = said === 'done';
    const planClosed = isClosed(node.status);
    if (statusClosed === planClosed) continue;
    if (!statusClosed && said === 'cancelled') continue;
    out.push({
      file: report.file,
      line: entry.line,
      severity: 'warning',
      code: 'status-mismatch',
      message: statusClosed
        ? `the latest status${report.date ? ` (${report.date})` : ''} says ${id} is done, but the plan has it ${node.status} (${node.file}:${node.line})`
        : `the latest status${report.date ? ` (${report.date})` : ''} says ${id} is ${said}, but the plan has it done (${node.file}:${node.line})`,
    });
  }
  return out;
}

/** An item marked done while one of its dependencies is still open. */
export function doneBeforeDependencies(build: GraphBuild): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { nodes } = build.graph;
  for (let v = 0; v < nodes.length; v++) {
    const n = nodes[v]!;
    if (n.status !== 'done') continue;
    const open = build.deps[v]!.filter((d) => {
      const w = build.index.get(d);
      return w !== undefined && w !== v && !isClosed(nodes[w]!.status);
    });
    if (!open.length) continue;
    out.push({
      file: n.file,
      line: n.line,
      severity: 'warning',
      code: 'done-before-dependency',
      message: `${n.id} is done but depends on ${open.join(', ')}, still open`,
    });
  }
  return out;
}

/** A worker's hour items do not add up to the worker's budget. */
export function hourBudgets(model: PlanModel, resolver: Resolver): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map<string, WorkItem>();
  for (const i of model.items) if (!byId.has(i.id)) byId.set(i.id, i);
  const hasHourAncestor = (i: WorkItem): boolean => {
    let p = i.parent;
    if (!p) return false;
    const seen = new Set<string>();
    while (p && !seen.has(p)) {
      seen.add(p);
      const parent = byId.get(p);
      if (!parent) return false;
      if (parent.estimate?.hours !== undefined) return true;
      p = parent.parent;
    }
    return false;
  };
  const sums = new Map<string, { hours: number; count: number }>();
  const counted = new Set<string>();
  for (const i of model.items) {
    if (!i.owner || i.estimate?.hours === undefined || counted.has(i.id) || hasHourAncestor(i)) continue;
    counted.add(i.id);
    const s = sums.get(i.owner) ?? { hours: 0, count: 0 };
    s.hours += i.estimate.hours;
    s.count++;
    sums.set(i.owner, s);
  }
  for (const a of model.actors) {
    const s = sums.get(a.id);
    if (a.hours === undefined || !s) continue;
    if (Math.abs(s.hours - a.hours) < 0.5) continue;
    out.push({
      ...(resolver.actorHome(a.id) ?? { file: a.file, line: a.line }),
      severity: 'warning',
      code: 'hours-mismatch',
      message: `${a.name}'s ${s.count} hour items add up to ${round(s.hours)}h, not the ${a.hours}h budget`,
    });
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
