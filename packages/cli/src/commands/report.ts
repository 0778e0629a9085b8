import type { Command } from 'commander';
import type { Actor, Analysis, Diagnostic, Gate, PlanFile, PlanModel, Status, StatusReport, WorkItem } from '@plansight/core';
import { loadVault } from '../io.js';
import { analyze, sortDiagnostics } from '@plansight/core';
import { analysisReportText } from './reportAnalysis.js';

/** The `--json` inspection contract (README, "JSON output"). More fields may appear; none are renamed. */
export function reportJson(model: PlanModel): unknown {
  return {
    files: model.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      title: f.title,
      checkboxes: f.checkboxes,
      encoding: f.encoding,
      ...(f.declaredCriticalPaths ? { declaredCriticalPaths: f.declaredCriticalPaths } : {}),
    })),
    actors: model.actors,
    items: model.items,
    gates: model.gates,
    ownership: model.ownership,
    statusReports: model.statusReports,
    dependencies: model.dependencies,
    references: model.references,
    diagnostics: model.diagnostics,
  };
}

/**
 * The contract plus the analysis: rollups, critical path (computed and declared), ready, blocked, cycles, and the
 * analysis findings merged into `diagnostics` (one per file, line and code).
 */
export function reportJsonWithAnalysis(model: PlanModel, analysis: Analysis): unknown {
  const g = analysis.graph;
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const d of [...model.diagnostics, ...analysis.diagnostics]) {
    const key = `${d.file}\u0000${d.line}\u0000${d.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
  }
  return {
    ...(reportJson(model) as Record<string, unknown>),
    diagnostics: sortDiagnostics(diagnostics),
    rollups: analysis.rollups,
    criticalPath: g.criticalPath,
    ...(g.criticalDays !== undefined ? { criticalDays: g.criticalDays } : {}),
    ...(g.declaredCriticalPath ? { declaredCriticalPath: g.declaredCriticalPath } : {}),
    ready: g.ready,
    blocked: g.blocked,
    cycles: g.cycles,
  };
}

const MARK: Record<Status, string> = {
  todo: '[ ]',
  'in-progress': '[/]',
  blocked: '[!]',
  waiting: '[>]',
  next: '[^]',
  done: '[x]',
  cancelled: '[-]',
  unknown: '[?]',
};
const ITEMS_SHOWN = 25;

/** A readable summary per file: kind, checkboxes, actors, items, gates, ownership, latest status, diagnostics. */
export function reportText(model: PlanModel): string {
  const out: string[] = [];
  const actorName = new Map(model.actors.map((a) => [a.id, a.name]));
  const who = (id: string | undefined) => (id ? actorName.get(id) ?? id : '');
  for (const f of model.files) {
    out.push(`${f.path}  (${f.kind})  ${f.checkboxes.checked}/${f.checkboxes.total} checkboxes${f.encoding.mojibake ? '  [mojibake read through repair]' : ''}`);
    const actors = model.actors.filter((a) => a.file === f.path);
    if (actors.length) out.push(`  actors: ${actors.map(actorLine).join('; ')}`);
    const items = model.items.filter((i) => i.file === f.path && !i.parent);
    if (items.length) {
      out.push(`  items (${items.length} top-level, ${model.items.filter((i) => i.file === f.path).length} in all):`);
      for (const i of items.slice(0, ITEMS_SHOWN)) out.push(`    ${itemLine(i, who)}`);
      if (items.length > ITEMS_SHOWN) out.push(`    … ${items.length - ITEMS_SHOWN} more`);
    }
    for (const g of model.gates.filter((x) => x.file === f.path)) out.push(`  ${gateLine(g)}`);
    const rules = model.ownership.filter((r) => r.file === f.path);
    if (rules.length) {
      out.push(`  ownership (${rules.length} rules):`);
      const byActor = new Map<string, string[]>();
      for (const r of rules) byActor.set(r.actor, [...(byActor.get(r.actor) ?? []), `${r.pattern} (${r.mode})`]);
      for (const [a, ps] of byActor) out.push(`    ${who(a)}: ${ps.slice(0, 8).join(', ')}${ps.length > 8 ? `, … ${ps.length - 8} more` : ''}`);
    }
    const latest = latestReports(model.statusReports.filter((r) => r.file === f.path));
    if (latest.length) {
      out.push('  latest status:');
      for (const r of latest) out.push(`    ${statusLine(r, who)}`);
    }
    out.push('');
  }
  if (model.diagnostics.length) {
    out.push('diagnostics:');
    for (const d of model.diagnostics) out.push(`  ${d.file}:${d.line}: ${d.severity} ${d.code} ${d.message}`);
    out.push('');
  }
  out.push(
    `${model.files.length} files, ${model.actors.length} actors, ${model.items.length} items, ${model.gates.length} gates, ` +
      `${model.ownership.length} ownership rules, ${model.statusReports.length} status reports, ${model.diagnostics.length} diagnostics`,
  );
  return out.join('\n') + '\n';
}

function actorLine(a: Actor): string {
  const extra = [a.role, a.hours !== undefined ? `${a.hours}h` : '', a.branch ? `branch ${a.branch}` : '', a.tools?.length ? `tools ${a.tools.join(', ')}` : '']
    .filter(Boolean)
    .join(', ');
  return extra ? `${a.name} (${extra})` : a.name;
}

function itemLine(i: WorkItem, who: (id?: string) => string): string {
  const est = i.estimate ? [i.estimate.size, i.estimate.days !== undefined ? `${i.estimate.days}d` : '', i.estimate.hours !== undefined ? `${i.estimate.hours}h` : ''].filter(Boolean).join('/') : '';
  const parts = [`${MARK[i.status]} ${i.explicitId ? `${i.id} ` : ''}${i.title}`];
  if (i.owner) parts.push(`@${(i.owners ?? [i.owner]).map((o) => who(o)).join('+')}`);
  if (est) parts.push(est);
  if (i.checklist.length) parts.push(`${i.checklist.filter((c) => c.checked).length}/${i.checklist.length} checked`);
  if (i.dependsOn.length) parts.push(`after ${i.dependsOn.join(', ')}`);
  return parts.join('  ');
}

function gateLine(g: Gate): string {
  const done = g.criteria.filter((c) => c.checked).length;
  const declared = g.declaredTotal !== undefined && g.declaredTotal !== g.criteria.length ? ` (plan says ${g.declaredTotal})` : '';
  return `gate ${g.title}${g.week !== undefined ? ` [week ${g.week}]` : ''}: ${done}/${g.criteria.length}${declared}${g.ifFail ? ` — if fail: ${g.ifFail}` : ''}`;
}

/** The newest report per actor: latest date, then latest line; examples only where no live report exists. */
function latestReports(reports: StatusReport[]): StatusReport[] {
  const best = new Map<string, StatusReport>();
  for (const r of reports) {
    const seen = best.get(r.actor);
    const newer = !seen || (!!seen.example && !r.example) || (!!seen.example === !!r.example && ((r.date ?? '') > (seen.date ?? '') || ((r.date ?? '') === (seen.date ?? '') && r.line > seen.line)));
    if (newer) best.set(r.actor, r);
  }
  return [...best.values()];
}

function statusLine(r: StatusReport, who: (id?: string) => string): string {
  const head = `${who(r.actor)}${r.date ? ` ${r.date}` : ''}${r.example ? ' (example)' : ''}:`;
  return `${head} ${r.entries.map((e) => `${e.status} ${e.text}${e.refs.length ? ` [${e.refs.join(', ')}]` : ''}`).join('; ')}`;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('summarise plans: actors, items, gates, ownership, daily status')
    .argument('[paths...]', 'files or folders', [])
    .option('--json', 'print the model as JSON (the inspection contract)')
    .action((paths: string[], opts: { json?: boolean }) => {
      const { model } = loadVault(paths);
      const analysis = analyze(model);
      if (opts.json) process.stdout.write(JSON.stringify(reportJsonWithAnalysis(model, analysis), null, 2) + '\n');
      else process.stdout.write(reportText(model) + analysisReportText(model, analysis));
    });
}

export type { PlanFile };
