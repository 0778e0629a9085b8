import type { Diagnostic, OwnershipMode, PlanModel } from '../model.js';
import { DEFAULT_ESTIMATE_MAPPING, type EstimateMapping, type PlanGraph, type Rollup } from './types.js';

export interface AnalysisOptions {
  estimates?: EstimateMapping;
}

export interface OwnerOfPath {
  actor: string;
  mode: OwnershipMode;
  pattern: string;
  file: string;
  line: number;
}

export interface Analysis {
  graph: PlanGraph;
  /** Rollups: vault → file → gate / actor / section / sprint-or-week → items. */
  rollups: Rollup[];
  /** Analysis findings (dangling references, cycles, conflicts, disagreements), besides the parser's. */
  diagnostics: Diagnostic[];
}

/** Analyse a model. Pure: same model, same answer. (Stub until the analysis issue lands.) */
export function analyze(model: PlanModel, options: AnalysisOptions = {}): Analysis {
  void options.estimates;
  void DEFAULT_ESTIMATE_MAPPING;
  return {
    graph: { nodes: [], edges: [], cycles: [], criticalPath: [], ready: [], blocked: [], risks: [] },
    rollups: [],
    diagnostics: model.diagnostics.length ? [] : [],
  };
}

/** Who owns a path, and how. (Stub until the analysis issue lands.) */
export function ownersOf(model: PlanModel, path: string): OwnerOfPath[] {
  void model;
  void path;
  return [];
}
