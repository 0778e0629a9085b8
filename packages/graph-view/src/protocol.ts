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

/** Guard for messages that arrive through `window.postMessage`, where anything can be sent. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'theme') return m.theme === 'light' || m.theme === 'dark';
  if (m.type === 'select') return m.id === null || typeof m.id === 'string';
  if (m.type === 'model') {
    const p = m.payload as Record<string, unknown> | null;
    const g = p?.graph as Record<string, unknown> | undefined;
    return Boolean(p && g && Array.isArray(g.nodes) && Array.isArray(g.edges) && Array.isArray(p.rollups));
  }
  return false;
}
