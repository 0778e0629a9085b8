import type { ViewModelPayload } from '@plansight/graph-view';
import type { Analysis, PlanModel } from '@plansight/core';

/** What the graph view draws, from the current model and analysis. */
export function payloadOf(model: PlanModel, analysis: Analysis, now = new Date()): ViewModelPayload {
  const actors: Record<string, string> = {};
  for (const a of model.actors) actors[a.id] = a.name;
  return { graph: analysis.graph, rollups: analysis.rollups, actors, generatedAt: now.toISOString() };
}
