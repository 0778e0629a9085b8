import { MarkdownView, Notice, TFile, type App } from 'obsidian';
import { applyEdits, StaleEditError, type TextEdit } from '@plansight/core';

/** The text edits are computed against: the open editor's for the active file, else the file on disk. */
export async function currentText(app: App, path: string): Promise<string | null> {
  const view = app.workspace.getActiveViewOfType(MarkdownView);
  if (view?.file?.path === path) return view.editor.getValue();
  const file = app.vault.getAbstractFileByPath(path);
  return file instanceof TFile ? app.vault.read(file) : null;
}

/**
 * Write edits back: an editor transaction (undoable) when the file is the active editor, `Vault.process`
 * otherwise. An edit whose expected text is no longer there is refused with a Notice and nothing is written.
 */
export async function writeEdits(app: App, path: string, edits: readonly TextEdit[]): Promise<boolean> {
  if (!edits.length) {
    new Notice(`Plansight: nothing to change in ${path}`);
    return false;
  }
  const view = app.workspace.getActiveViewOfType(MarkdownView);
  if (view?.file?.path === path) {
    const editor = view.editor;
    for (const e of edits) {
      const found = editor.getRange(editor.offsetToPos(e.start), editor.offsetToPos(e.end));
      if (found !== e.expected) {
        new Notice(`Plansight: ${new StaleEditError(path, e.line, e.expected, found).message}`);
        return false;
      }
    }
    editor.transaction({
      changes: edits.map((e) => ({ from: editor.offsetToPos(e.start), to: editor.offsetToPos(e.end), text: e.text })),
    });
    return true;
  }
  const file = app.vault.getAbstractFileByPath(path);
  if (!(file instanceof TFile)) {
    new Notice(`Plansight: ${path} is not in the vault; nothing was written`);
    return false;
  }
  try {
    await app.vault.process(file, (data) => applyEdits(data, edits, path));
    return true;
  } catch (e) {
    new Notice(`Plansight: ${(e as Error).message}`);
    return false;
  }
}
