import { Facet, StateEffect, StateField, type EditorState, type Extension, type Range, type Text, type Transaction } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { StaleEditError, type Status } from '@plansight/core';
import { lineInfo, type LineInfo } from './lineInfo.js';
import { EMPTY_EDITOR_MODEL, type EditorModel, type RefTarget } from './model.js';
import { statusEdits } from './statusEdit.js';
import { ChipsWidget, GateWidget, RefBadgeWidget, StatusControlWidget, type Counts } from './widgets.js';

/**
 * Plansight inline rendering for CodeMirror 6. Imports only `@codemirror/*` and core, so the same module runs in
 * Obsidian and in a plain browser page. Per keystroke, only the edited lines are re-read (the fast path); the full
 * model (reference targets, gate criteria) arrives after a pause through `modelFor` and `setPlanModel`.
 */
export interface PlansightEditorOptions {
  /** Vault path of the document, or null when unknown. */
  path(state: EditorState): string | null;
  /** Whether to decorate this document at all (plan files and DAILY_STATUS.md). */
  active(state: EditorState): boolean;
  /** Jump to a reference's target. */
  onJump(target: RefTarget): void;
  /** The full model for the current text, computed off the keystroke path. */
  modelFor?(text: string, path: string): Promise<EditorModel | null> | EditorModel | null;
  /** Pause after the last edit before asking for the full model. */
  idleMs?: number;
  /** Report a refused edit (stale text) to the user. */
  onError?(message: string): void;
}

const config = Facet.define<PlansightEditorOptions, PlansightEditorOptions | null>({
  combine: (values) => values[0] ?? null,
});

export const setPlanModel = StateEffect.define<EditorModel | null>();

/** Per-line fast-path info, updated only on the lines a transaction touched. */
export const linesField = StateField.define<LineInfo[]>({
  create: (state) => classify(state.doc, 1, state.doc.lines),
  update(lines, tr) {
    return tr.docChanged ? relineate(lines, tr) : lines;
  },
});

function classify(doc: Text, from: number, to: number): LineInfo[] {
  const out: LineInfo[] = [];
  for (let n = from; n <= to; n++) out.push(lineInfo(doc.line(n).text));
  return out;
}

function relineate(lines: LineInfo[], tr: Transaction): LineInfo[] {
  const before = tr.startState.doc;
  const after = tr.state.doc;
  const spans: { a1: number; a2: number; b1: number; b2: number }[] = [];
  tr.changes.iterChangedRanges((fromA, toA, fromB, toB) => {
    const span = {
      a1: before.lineAt(fromA).number,
      a2: before.lineAt(toA).number,
      b1: after.lineAt(fromB).number,
      b2: after.lineAt(toB).number,
    };
    const last = spans[spans.length - 1];
    if (last && span.a1 <= last.a2) {
      last.a2 = Math.max(last.a2, span.a2);
      last.b2 = Math.max(last.b2, span.b2);
    } else spans.push(span);
  });
  const out: LineInfo[] = [];
  let next = 1;
  for (const s of spans) {
    for (let n = next; n < s.a1; n++) out.push(lines[n - 1]!);
    for (const info of classify(after, s.b1, s.b2)) out.push(info);
    next = s.a2 + 1;
  }
  for (let n = next; n <= before.lines; n++) out.push(lines[n - 1]!);
  return out;
}

export const modelField = StateField.define<EditorModel>({
  create: () => EMPTY_EDITOR_MODEL,
  update(model, tr) {
    for (const e of tr.effects) if (e.is(setPlanModel)) return e.value ?? EMPTY_EDITOR_MODEL;
    if (!tr.docChanged || model.gates.size === 0) return model;
    // Keep gate progress on its heading while lines move, until the next full model arrives.
    const gates = new Map<number, EditorModel['gates'] extends ReadonlyMap<number, infer G> ? G : never>();
    for (const [line, g] of model.gates) {
      if (line > tr.startState.doc.lines) continue;
      const pos = tr.changes.mapPos(tr.startState.doc.line(line).from, 1);
      gates.set(tr.state.doc.lineAt(pos).number, g);
    }
    return { targets: model.targets, gates };
  },
});

interface Section {
  line: number;
  depth: number;
  statusLines: number;
  counts: Counts;
  boxes: { done: number; total: number };
}

/**
 * Decorations for the visible lines only. Section counts still need every line above, but that pass reads the
 * per-line cache and creates nothing; widgets are made for what is on screen.
 */
function buildDecorations(state: EditorState, visible: readonly { from: number; to: number }[]): DecorationSet {
  const opts = state.facet(config);
  if (!opts || !opts.active(state)) return Decoration.none;
  const doc = state.doc;
  const lines = state.field(linesField);
  const model = state.field(modelField);
  const ranges: Range<Decoration>[] = [];
  const sections: Section[] = [];
  const stack: Section[] = [];
  let inFence = false;
  const spans = visible.map((r) => [doc.lineAt(r.from).number, doc.lineAt(r.to).number] as const);
  const shown = (n: number): boolean => spans.some(([a, b]) => n >= a && n <= b);
  const choose = (view: EditorView, pos: number, status: Status): void => {
    setStatusAt(view, view.state.doc.lineAt(pos).number, status);
  };
  for (let n = 1; n <= lines.length; n++) {
    const info = lines[n - 1]!;
    if (info.kind === 'fence') {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (info.kind === 'heading') {
      while (stack.length && stack[stack.length - 1]!.depth >= info.depth!) stack.pop();
      const s: Section = {
        line: n,
        depth: info.depth!,
        statusLines: 0,
        counts: { done: 0, 'in-progress': 0, blocked: 0, other: 0 },
        boxes: { done: 0, total: 0 },
      };
      stack.push(s);
      sections.push(s);
    } else if ((info.kind === 'status' || info.kind === 'checkbox') && info.status) {
      const top = stack[stack.length - 1];
      if (top) {
        top.statusLines++;
        const key = info.status === 'done' || info.status === 'in-progress' || info.status === 'blocked' ? info.status : 'other';
        top.counts[key]++;
      }
      if (info.kind === 'checkbox') {
        for (const s of stack) {
          s.boxes.total++;
          if (info.status === 'done') s.boxes.done++;
        }
      }
    }
    if (!shown(n)) continue;
    const line = doc.line(n);
    if ((info.kind === 'status' || info.kind === 'checkbox') && info.status) {
      const at = info.kind === 'checkbox' ? line.to : line.from + info.anchor!;
      ranges.push(
        Decoration.widget({ widget: new StatusControlWidget(info.status, choose), side: 1 }).range(at),
        Decoration.line({ class: `pso-line pso-line-${info.status}` }).range(line.from),
      );
    }
    for (const ref of info.refs) {
      const target = model.targets.get(ref.id);
      ranges.push(
        Decoration.mark({
          class: `pso-ref${target ? ` pso-ref-status-${target.status}` : ' pso-ref-unresolved'}`,
          attributes: { 'data-ref': ref.id },
        }).range(line.from + ref.from, line.from + ref.to),
      );
      if (target) ranges.push(Decoration.widget({ widget: new RefBadgeWidget(target, opts.onJump), side: 1 }).range(line.from + ref.to));
    }
  }
  for (const s of sections) {
    if (!shown(s.line)) continue;
    const end = doc.line(s.line).to;
    const gate = model.gates.get(s.line);
    if (gate) ranges.push(Decoration.widget({ widget: new GateWidget(gate.done, gate.total), side: 1 }).range(end));
    else if (isGateLike(doc.line(s.line).text) && s.boxes.total > 0)
      ranges.push(Decoration.widget({ widget: new GateWidget(s.boxes.done, s.boxes.total), side: 1 }).range(end));
    else if (s.statusLines > 0) ranges.push(Decoration.widget({ widget: new ChipsWidget(s.counts), side: 1 }).range(end));
  }
  return Decoration.set(ranges, true);
}

function isGateLike(text: string): boolean {
  return /\b(gate|checkpoint|criteria|milestone|acceptance)\b/i.test(text);
}

const decorationsPlugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = buildDecorations(view.state, view.visibleRanges);
    }
    update(u: ViewUpdate): void {
      const model = u.transactions.some((tr) => tr.effects.some((e) => e.is(setPlanModel)));
      if (u.docChanged || u.viewportChanged || model) this.decorations = buildDecorations(u.state, u.view.visibleRanges);
    }
  },
  { decorations: (v) => v.decorations },
);

/**
 * Change the status of a 1-based line through an editor transaction (undoable), with exactly core's edits. False
 * (and `onError` with core's reason) when core has nothing to change on that line.
 */
export function setStatusAt(view: EditorView, line: number, status: Status): boolean {
  const opts = view.state.facet(config);
  const path = opts?.path(view.state) ?? 'DAILY_STATUS.md';
  const text = view.state.doc.toString();
  let edits;
  try {
    edits = statusEdits(path, text, line, status);
  } catch (e) {
    // Core's EditError names the file and line, e.g. "this line states no status to change".
    opts?.onError?.((e as Error).message);
    return false;
  }
  if (!edits.length) return false;
  for (const e of edits) {
    const found = view.state.doc.sliceString(e.start, e.end);
    if (found !== e.expected) {
      const err = new StaleEditError(path, e.line, e.expected, found);
      opts?.onError?.(err.message);
      return false;
    }
  }
  view.dispatch({
    changes: edits.map((e) => ({ from: e.start, to: e.end, insert: e.text })),
    userEvent: 'input.plansight.status',
  });
  return true;
}

const idleModel = ViewPlugin.fromClass(
  class {
    timer: ReturnType<typeof setTimeout> | undefined;
    generation = 0;
    destroyed = false;
    constructor(view: EditorView) {
      this.schedule(view, 0);
    }
    update(u: ViewUpdate): void {
      if (u.docChanged) this.schedule(u.view, u.state.facet(config)?.idleMs ?? 400);
    }
    schedule(view: EditorView, ms: number): void {
      const opts = view.state.facet(config);
      if (!opts?.modelFor || !opts.active(view.state)) return;
      clearTimeout(this.timer);
      const generation = ++this.generation;
      this.timer = setTimeout(() => {
        const path = opts.path(view.state) ?? 'DAILY_STATUS.md';
        Promise.resolve(opts.modelFor!(view.state.doc.toString(), path)).then(
          (model) => {
            if (!this.destroyed && generation === this.generation) view.dispatch({ effects: setPlanModel.of(model) });
          },
          (e: unknown) => opts.onError?.(`${path}: the full model could not be built: ${(e as Error).message}`),
        );
      }, ms);
    }
    destroy(): void {
      this.destroyed = true;
      clearTimeout(this.timer);
    }
  },
);

export function plansightEditor(options: PlansightEditorOptions): Extension {
  return [config.of(options), linesField, modelField, decorationsPlugin, idleModel];
}
