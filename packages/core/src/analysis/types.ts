import type { Status } from '../model.js';

/** Estimate mapping: how S/M/L and hours turn into days for the critical path. Configurable by hosts. */
export interface EstimateMapping {
  sizeDays: Record<string, number>;
  hoursPerDay: number;
}

export const DEFAULT_ESTIMATE_MAPPING: EstimateMapping = {
  sizeDays: { XS: 0.5, S: 1, M: 2.5, L: 4.5, XL: 8 },
  hoursPerDay: 8,
};

export interface GraphNode {
  id: string;
  label: string;
  kind: 'item' | 'actor';
  status: Status;
  owner?: string;
  /** Duration used for the critical path, in days. */
  days?: number;
  file: string;
  line: number;
  critical: boolean;
  inCycle: boolean;
  ready: boolean;
  blocked: boolean;
  slack?: number;
  /** Sprint, week or gate grouping the node belongs to, for filters. */
  groups: string[];
}

/** `from` depends on `to`. */
export interface GraphEdge {
  from: string;
  to: string;
  via: string;
  critical: boolean;
  inCycle: boolean;
}

export interface BlockedItem {
  id: string;
  /** The open dependencies that block it, nearest first, down to the root cause (long chains keep 20 links + root). */
  chain: string[];
  /** Every open direct dependency. */
  blockers?: string[];
  /** The open item at the end of the chain: nothing open blocks it (or it sits in a cycle). */
  root?: string;
}

export interface RiskFlag {
  id: string;
  kind: 'blocks-many' | 'many-dependencies';
  count: number;
}

/** A critical path the plan declares, in graph node ids (`actor:worker-2`, `#2`). */
export interface DeclaredCriticalPathInGraph {
  /** Node ids per step, first to last; several ids in one step run in parallel. */
  steps: string[][];
  /** Each step as the plan wrote it: `Worker 2`, `Worker 3/4`. */
  labels: string[];
  file: string;
  line: number;
}

export interface PlanGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  cycles: string[][];
  /** Node ids in order, first to last. */
  criticalPath: string[];
  /** Length of the critical path in days (nodes without an estimate count as one day). */
  criticalDays?: number;
  ready: string[];
  blocked: BlockedItem[];
  risks: RiskFlag[];
  /** The first critical path a plan declares whose steps all name graph nodes; the computed one may differ. */
  declaredCriticalPath?: DeclaredCriticalPathInGraph;
  /** Topological order when the graph is acyclic (dependencies first). */
  order?: string[];
}

export interface RollupItem {
  text: string;
  checked: boolean;
  status: Status;
  file: string;
  line: number;
}

export interface Rollup {
  key: string;
  label: string;
  kind: 'vault' | 'file' | 'section' | 'gate' | 'actor' | 'sprint' | 'week';
  done: number;
  total: number;
  percent: number;
  file?: string;
  line?: number;
  /** Gates: all criteria checked. */
  passed?: boolean;
  children: Rollup[];
  items: RollupItem[];
}
