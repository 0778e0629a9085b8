import type { PlanModel, Status } from '../model.js';
import { DEFAULT_VOCABULARY, type StatusVocabulary } from '../status.js';
import { detectMojibake, repairLine } from '../text/mojibake.js';
import type { TextEdit } from './types.js';
import { LineEditor } from './lineEditor.js';
import { learnStyle } from './style.js';
import { setLineStatus, spliceRaw, type LineContext } from './setStatus.js';
import { statusSpots } from './lineStatus.js';
import { addStatusLine, dailyContext, moveStatusLine, newDay } from './daily.js';
import { markerFor } from './style.js';

/** What a user asks to change. Each action maps to minimal edits of the lines it is about. */
export type EditAction =
  | { type: 'toggle'; line: number }
  | { type: 'set-marker'; line: number; marker: string }
  | { type: 'set-status'; line: number; status: Status; column?: number }
  | { type: 'set-item-status'; id: string; status: Status }
  | { type: 'move-status-line'; line: number; to: Status }
  | { type: 'add-status-line'; actor: string; status: Status; text: string; ref?: string }
  | { type: 'add-blocker'; actor: string; text: string; ref?: string }
  | { type: 'new-day'; date: string }
  | { type: 'repair-mojibake' };

export interface EditOptions {
  vocabulary?: StatusVocabulary;
}

/** An action that cannot apply to this text (no checkbox on the line, unknown item …). Names file and line. */
export class EditError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'EditError';
  }
}

function lineIndex(ed: LineEditor, path: string, line: number): number {
  if (!Number.isInteger(line) || line < 1 || line > ed.lineCount) throw new EditError(path, line, `no such line (the file has ${ed.lineCount})`);
  return line - 1;
}

/**
 * Edits for an action on one file's text. Pure: the result touches only the lines the action is about, and every
 * edit carries the text it replaces so that applying it to a changed file is refused. Throws EditError when the
 * action does not fit the text.
 */
export function editsFor(path: string, text: string, model: PlanModel, action: EditAction, options: EditOptions = {}): TextEdit[] {
  const vocab = options.vocabulary ?? DEFAULT_VOCABULARY;
  const ed = new LineEditor(text);
  const raw = ed.src.lines;
  let memo: LineContext | undefined;
  let fixed: string[] | undefined;
  const repaired = () => (fixed ??= raw.map((l) => repairLine(l).text));
  const ctx = (): LineContext =>
    (memo ??= {
      style: learnStyle(repaired(), vocab),
      mojibake: detectMojibake(text),
      vocab,
    });
  const setStatus = (line: number, status: Status, column?: number) => {
    const i = lineIndex(ed, path, line);
    const next = setLineStatus(raw[i]!, status, ctx(), column);
    if (next === null) throw new EditError(path, line, 'this line states no status to change');
    ed.replace(i, next);
  };
  const wrap = (line: number, f: () => void) => {
    try {
      f();
    } catch (e) {
      if (e instanceof EditError) throw e;
      throw new EditError(path, line, (e as Error).message);
    }
  };
  switch (action.type) {
    case 'toggle':
    case 'set-marker': {
      const i = lineIndex(ed, path, action.line);
      const rep = repairLine(raw[i]!);
      const box = statusSpots(rep.text, vocab).find((s) => s.kind === 'checkbox');
      if (!box) throw new EditError(path, action.line, 'no checklist marker on this line');
      let marker: string;
      if (action.type === 'set-marker') marker = action.marker.replace(/^\[|\]$/g, '');
      else marker = box.status === 'done' ? markerFor('todo', box.value, vocab) : markerFor('done', box.value, vocab);
      if (marker.length === 0 || /[\]\r\n]/.test(marker)) throw new EditError(path, action.line, `not a checklist marker: ${JSON.stringify(action.type === 'set-marker' ? action.marker : marker)}`);
      ed.replace(i, spliceRaw(raw[i]!, [{ start: box.start, end: box.end, text: marker }], ctx().mojibake));
      break;
    }
    case 'set-status':
      setStatus(action.line, action.status, action.column);
      break;
    case 'set-item-status': {
      const item = model.items.find((it) => it.id === action.id) ?? model.items.find((it) => it.id.toLowerCase() === action.id.toLowerCase());
      if (!item) throw new EditError(path, 1, `no work item with id ${action.id}`);
      if (item.file !== path) throw new EditError(item.file, item.line, `item ${action.id} lives in ${item.file}, not in ${path}`);
      const src = item.statusSource;
      setStatus(src?.line ?? item.line, action.status, src?.kind === 'table-cell' ? src.column : undefined);
      break;
    }
    case 'move-status-line':
      wrap(action.line, () => moveStatusLine(ed, dailyContext(raw, ctx(), repaired()), lineIndex(ed, path, action.line), action.to));
      break;
    case 'add-status-line':
      wrap(1, () => addStatusLine(ed, dailyContext(raw, ctx(), repaired()), action.actor, action.status, action.text, action.ref));
      break;
    case 'add-blocker':
      wrap(1, () => addStatusLine(ed, dailyContext(raw, ctx(), repaired()), action.actor, 'blocked', action.text, action.ref));
      break;
    case 'new-day':
      wrap(1, () => newDay(ed, dailyContext(raw, ctx(), repaired()), action.date));
      break;
    case 'repair-mojibake':
      raw.forEach((l, i) => {
        const r = repairLine(l);
        if (r.changed) ed.replace(i, r.text);
      });
      break;
  }
  return ed.edits();
}

export { statusOfLine, statusSpots } from './lineStatus.js';
export type { StatusSpot, SpotKind } from './lineStatus.js';
export { LineEditor } from './lineEditor.js';
