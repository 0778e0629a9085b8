import { relative } from 'node:path';
import { actorRollups, analyze, sortDiagnostics, type Analysis, type Diagnostic, type GraphNode, type PlanModel, type Rollup } from '@plansight/core';
import { loadVault, UsageError, type LoadedVault } from '../io.js';

export interface AnalysedVault extends LoadedVault {
  analysis: Analysis;
  /** Parser and analysis diagnostics together, sorted by file and line. */
  diagnostics: Diagnostic[];
}

/** Load, parse and analyse every plan under the inputs. */
export function loadAnalysis(paths: readonly string[], cwd = process.cwd()): AnalysedVault {
  const vault = loadVault(paths, cwd);
  const analysis = analyze(vault.model);
  const diagnostics = sortDiagnostics([...vault.model.diagnostics, ...analysis.diagnostics]);
  return { ...vault, analysis, diagnostics };
}

/** A model path as the user can open it: relative to the working directory. */
export function displayPath(vault: LoadedVault, file: string, cwd = process.cwd()): string {
  const abs = vault.abs.get(file);
  return abs ? relative(cwd, abs).split('\\').join('/') || file : file;
}

export function parseCount(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} expects a whole number, got "${value}"`);
  return Number(value);
}

function bar(r: Rollup): string {
  return `${r.done}/${r.total} (${r.percent}%)`;
}

export function nodeLabel(n: GraphNode): string {
  return n.kind === 'actor' ? n.label : n.label.length > 80 ? `${n.label.slice(0, 77)}...` : n.label;
}

/**
 * Ready nodes split by whether the plan writes their status. Items with no status anywhere are `unknown` and
 * crowd the list (a master plan's week blocks); they are counted, and listed only when nothing else is ready.
 */
export function splitReady(ready: readonly GraphNode[]): { known: GraphNode[]; unknown: GraphNode[] } {
  return { known: ready.filter((n) => n.status !== 'unknown'), unknown: ready.filter((n) => n.status === 'unknown') };
}

export function noStatusLine(count: number, hint: string): string {
  return `… and ${count} item${count === 1 ? '' : 's'} with no status written${hint ? ` (${hint})` : ''}`;
}

/** The analysis part of `plansight report`: rollups per actor and gate, ready set, blocked chains, critical path. */
export function analysisReportText(model: PlanModel, analysis: Analysis): string {
  const out: string[] = [];
  const nodes = new Map(analysis.graph.nodes.map((n) => [n.id, n] as const));
  const label = (id: string) => (nodes.get(id) ? nodeLabel(nodes.get(id)!) : id);

  const actors = actorRollups(model);
  if (actors.length) {
    out.push('', 'Actors:');
    for (const r of actors) out.push(`  ${r.label}: ${bar(r)}`);
  }
  const gates = (analysis.rollups[0]?.children ?? []).flatMap((f) => f.children.filter((c) => c.kind === 'gate'));
  if (gates.length) {
    out.push('', 'Gates:');
    for (const g of gates) out.push(`  ${g.label}: ${bar(g)}${g.passed ? ' passed' : ''}`);
  }
  const g = analysis.graph;
  const computed = `${g.criticalPath.map(label).join(' → ')} (${g.criticalDays ?? '?'} days)`;
  if (g.declaredCriticalPath) {
    const d = g.declaredCriticalPath;
    out.push('', `Critical path (declared at ${d.file}:${d.line}): ${d.labels.join(' → ')}`);
    if (g.criticalPath.length) out.push(`  computed from dependencies: ${computed}`);
    for (const x of analysis.diagnostics) if (x.code === 'critical-path-differs' && x.file === d.file && x.line === d.line) out.push(`  differs: ${x.message.replace(/, so (?:it is off )?the computed path.*$/, '').replace(/, so \S.* is off the computed path: .*$/, '')}`);
  } else if (g.criticalPath.length) {
    out.push('', `Critical path (${g.criticalDays ?? '?'} days): ${g.criticalPath.map(label).join(' → ')}`);
  }
  if (g.ready.length) {
    const { known, unknown } = splitReady(g.ready.map((id) => nodes.get(id)).filter((n): n is GraphNode => !!n));
    const shown = known.length ? known : unknown;
    out.push('', known.length ? `Ready (${known.length}):` : `Ready (${unknown.length}, no status written):`);
    for (const n of shown.slice(0, 15)) out.push(`  ${n.critical ? '* ' : '  '}${nodeLabel(n)}`);
    if (shown.length > 15) out.push(`  … ${shown.length - 15} more (plansight next)`);
    if (known.length && unknown.length) out.push(`  ${noStatusLine(unknown.length, 'plansight next --all')}`);
  }
  if (g.blocked.length) {
    out.push('', `Blocked (${g.blocked.length}):`);
    for (const b of g.blocked.slice(0, 15)) out.push(`  ${label(b.id)} ← ${b.chain.map(label).join(' ← ')}`);
    if (g.blocked.length > 15) out.push(`  … ${g.blocked.length - 15} more`);
  }
  if (g.cycles.length) {
    out.push('', `Cycles (${g.cycles.length}):`);
    for (const c of g.cycles) out.push(`  ${c.join(' → ')}`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}
