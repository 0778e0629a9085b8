import type { PlanModel, Status } from '@plansight/core';

/** What the editor shows from the full model: reference targets vault-wide and the gates of this file. */
export interface RefTarget {
  id: string;
  title: string;
  status: Status;
  file: string;
  line: number;
}

export interface GateProgress {
  done: number;
  total: number;
}

export interface EditorModel {
  targets: ReadonlyMap<string, RefTarget>;
  /** 1-based heading line in this file → criteria progress. */
  gates: ReadonlyMap<number, GateProgress>;
}

export const EMPTY_EDITOR_MODEL: EditorModel = { targets: new Map(), gates: new Map() };

export function editorModelFor(model: PlanModel, path: string): EditorModel {
  const targets = new Map<string, RefTarget>();
  for (const item of model.items) {
    if (!item.explicitId || targets.has(item.id)) continue;
    targets.set(item.id, { id: item.id, title: item.title, status: item.status, file: item.file, line: item.line });
  }
  const gates = new Map<number, GateProgress>();
  for (const gate of model.gates) {
    if (gate.file !== path) continue;
    const done = gate.criteria.filter((c) => c.checked || c.status === 'done').length;
    gates.set(gate.line, { done, total: gate.declaredTotal ?? gate.criteria.length });
  }
  return { targets, gates };
}
