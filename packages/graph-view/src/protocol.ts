import type { PlanGraph, Rollup, Status } from '@plansight/core';

/** Everything the view needs to draw: plain data, serialisable across postMessage. */
export interface ViewModelPayload {
  graph: PlanGraph;
  rollups: Rollup[];
  /** Actor id → display name. */
  actors: Record<string, string>;
  generatedAt?: string;
}

export type Theme = 'light' | 'dark';

/** host → view */
export type HostMessage =
  | { type: 'model'; payload: ViewModelPayload }
  | { type: 'theme'; theme: Theme }
  | { type: 'select'; id: string | null };

/** view → host */
export type ViewMessage =
  | { type: 'ready' }
  | { type: 'open'; file: string; line: number }
  | { type: 'toggle'; file: string; line: number }
  | { type: 'set-status'; file: string; line: number; status: Status };
