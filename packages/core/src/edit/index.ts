import type { PlanModel, Status } from '../model.js';
import type { TextEdit } from './types.js';

/** What a user asks to change. Each action maps to minimal edits of the lines it is about. */
export type EditAction =
  | { type: 'toggle'; line: number }
  | { type: 'set-marker'; line: number; marker: string }
  | { type: 'set-status'; line: number; status: Status }
  | { type: 'set-item-status'; id: string; status: Status }
  | { type: 'move-status-line'; line: number; to: Status }
  | { type: 'add-status-line'; actor: string; status: Status; text: string; ref?: string }
  | { type: 'add-blocker'; actor: string; text: string; ref?: string }
  | { type: 'new-day'; date: string }
  | { type: 'repair-mojibake' };

/** Edits for an action on one file's text. (Stub until the write-back issue lands.) */
export function editsFor(path: string, text: string, model: PlanModel, action: EditAction): TextEdit[] {
  void path;
  void text;
  void model;
  void action;
  return [];
}
