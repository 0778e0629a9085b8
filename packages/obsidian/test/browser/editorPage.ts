// Browser entry for the CM6 tests: real @codemirror/state + view + commands, the plugin's editor module and core.
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, undo, redo } from '@codemirror/commands';
import { buildModel, parsePlan } from '@plansight/core';
import { plansightEditor, setPlanModel, setStatusAt } from '../../src/editor/extension.js';
import { editorModelFor, type EditorModel, type RefTarget } from '../../src/editor/model.js';

interface Harness {
  view: EditorView;
  jumps: RefTarget[];
  errors: string[];
  models: number;
}

declare global {
  interface Window {
    ps: {
      mount(text: string, path: string, targets?: RefTarget[]): void;
      h(): Harness;
      text(): string;
      undo(): boolean;
      redo(): boolean;
      setStatus(line: number, status: string): boolean;
      lineOf(el: Element): number;
      colOf(el: Element): number;
      setModel(targets: RefTarget[]): void;
      cursorAtEnd(line: number): void;
    };
  }
}

let harness: Harness | null = null;

function modelWith(text: string, path: string, extra: RefTarget[]): EditorModel {
  const base = editorModelFor(buildModel([parsePlan(path, text)]), path);
  const targets = new Map(base.targets);
  for (const t of extra) targets.set(t.id, t);
  return { targets, gates: base.gates };
}

window.ps = {
  mount(text, path, targets = []) {
    harness?.view.destroy();
    const h: Harness = { view: null as unknown as EditorView, jumps: [], errors: [], models: 0 };
    h.view = new EditorView({
      parent: document.getElementById('root')!,
      state: EditorState.create({
        doc: text,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          plansightEditor({
            path: () => path,
            active: () => true,
            onJump: (t) => h.jumps.push(t),
            onError: (m) => h.errors.push(m),
            idleMs: 50,
            modelFor: (doc, p) => {
              h.models++;
              return modelWith(doc, p, targets);
            },
          }),
        ],
      }),
    });
    harness = h;
  },
  h: () => harness!,
  text: () => harness!.view.state.doc.toString(),
  undo: () => undo(harness!.view),
  redo: () => redo(harness!.view),
  setStatus: (line, status) => setStatusAt(harness!.view, line, status as never),
  lineOf: (el) => harness!.view.state.doc.lineAt(harness!.view.posAtDOM(el)).number,
  colOf: (el) => {
    const v = harness!.view;
    const pos = v.posAtDOM(el);
    return pos - v.state.doc.lineAt(pos).from;
  },
  cursorAtEnd: (line) => {
    const v = harness!.view;
    v.focus();
    v.dispatch({ selection: { anchor: v.state.doc.line(line).to } });
  },
  setModel: (targets) => {
    const v = harness!.view;
    v.dispatch({ effects: setPlanModel.of({ targets: new Map(targets.map((t) => [t.id, t])), gates: new Map() }) });
  },
};
