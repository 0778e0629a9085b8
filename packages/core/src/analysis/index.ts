import type { Diagnostic, PlanModel } from '../model.js';
import { doneBeforeDependencies, duplicateIds, hourBudgets, statusDisagreements } from './consistency.js';
import { buildGraph } from './graph.js';
import { declaredCriticalPaths } from './declared.js';
import { checkChangesWith, ownersOfPath, ownershipConflicts, type OwnerOfPath, type OwnershipViolation } from './ownership.js';
import { makeResolver } from './resolve.js';
import { rollupsOf } from './rollups.js';
import { DEFAULT_ESTIMATE_MAPPING, type EstimateMapping, type PlanGraph, type Rollup } from './types.js';

export interface AnalysisOptions {
  estimates?: EstimateMapping;
  /** Duration in days of an item without an estimate, for the critical path. Default 1. */
  defaultDays?: number;
}

export type { OwnerOfPath, OwnershipViolation };

export interface Analysis {
  graph: PlanGraph;
  /** Rollups: vault → file → gate / actor / section / sprint-or-week → items. */
  rollups: Rollup[];
  /** Analysis findings (dangling references, cycles, conflicts, disagreements), besides the parser's. */
  diagnostics: Diagnostic[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}

/** Analyse a model. Pure: same model, same answer. */
export function analyze(model: PlanModel, options: AnalysisOptions = {}): Analysis {
  const mapping = options.estimates ?? DEFAULT_ESTIMATE_MAPPING;
  const resolver = makeResolver(model);
  const build = buildGraph(model, resolver, mapping, options.defaultDays ?? 1);
  const declared = declaredCriticalPaths(model, resolver, build);
  if (declared.declared) build.graph.declaredCriticalPath = declared.declared;
  const diagnostics = [
    ...build.diagnostics,
    ...declared.diagnostics,
    ...duplicateIds(model, resolver),
    ...ownershipConflicts(model.ownership),
    ...statusDisagreements(model, resolver, build),
    ...doneBeforeDependencies(build),
    ...hourBudgets(model, resolver),
  ];
  // The parser reports some of the same findings within one file (an id repeated, hours that miss a budget);
  // keep only what it could not see from one file.
  const parserSaid = new Set(model.diagnostics.map((d) => `${d.code}\u0000${d.file}\u0000${d.line}`));
  const own = parserSaid.size ? diagnostics.filter((d) => !parserSaid.has(`${d.code}\u0000${d.file}\u0000${d.line}`)) : diagnostics;
  return { graph: build.graph, rollups: rollupsOf(model), diagnostics: sortDiagnostics(own) };
}

/** Who owns a path, and how: every matching rule (exact path, folder, glob) with its actor and mode. */
export function ownersOf(model: PlanModel, path: string): OwnerOfPath[] {
  return ownersOfPath(model.ownership, path);
}

/** Changes by `actor` to paths another actor owns exclusively. */
export function checkChanges(model: PlanModel, changedPaths: readonly string[], actor: string): OwnershipViolation[] {
  return checkChangesWith(model, makeResolver(model), changedPaths, actor);
}

export { makeResolver } from './resolve.js';
export type { Resolver, Target } from './resolve.js';
export { matchesPattern, patternsOverlap, globRegExp, normalizePath } from './ownership.js';
export { actorRollups } from './rollups.js';
export { estimateDays } from './graph.js';
export { stronglyConnected, indexGraph } from './scc.js';
