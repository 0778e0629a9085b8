/**
 * Write-back: core computes TextEdits from the document's current text; they are verified and applied as one
 * WorkspaceEdit (undoable, works on dirty buffers). A clean document is saved afterwards so the change reaches
 * the disk; a dirty one stays dirty, as the user left it.
 */
import * as vscode from 'vscode';
import { editsFor, StaleEditError, type EditAction, type TextEdit } from '@plansight/core';
import { toWorkspaceEdit } from './convert.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export type WriteResult = 'applied' | 'nothing' | 'stale' | 'failed';

export async function applyAction(index: WorkspaceIndex, path: string, action: EditAction): Promise<WriteResult> {
  const uri = index.uriOf(path);
  if (!uri) return fail(`Plansight: ${path} is not in the workspace`);
  const doc = await vscode.workspace.openTextDocument(uri);
  let edits: TextEdit[];
  try {
    edits = editsFor(path, doc.getText(), index.model(), action);
  } catch (e) {
    return fail(`Plansight: ${messageOf(e)}`);
  }
  if (!edits.length) {
    void vscode.window.showInformationMessage(`Plansight: nothing to change in ${path} for ${action.type}`);
    return 'nothing';
  }
  return applyEdits(doc, path, edits);
}

export async function applyEdits(doc: vscode.TextDocument, path: string, edits: readonly TextEdit[]): Promise<WriteResult> {
  const wasDirty = doc.isDirty;
  let wsEdit: vscode.WorkspaceEdit;
  try {
    wsEdit = toWorkspaceEdit(doc.uri, doc, edits, path);
  } catch (e) {
    if (e instanceof StaleEditError) {
      void vscode.window.showErrorMessage(`Plansight: ${e.message}`);
      return 'stale';
    }
    return fail(`Plansight: ${messageOf(e)}`);
  }
  if (!(await vscode.workspace.applyEdit(wsEdit))) return fail(`Plansight: VS Code refused the edit to ${path}; nothing was written`);
  if (!wasDirty) await doc.save();
  return 'applied';
}

function fail(message: string): WriteResult {
  void vscode.window.showErrorMessage(message);
  return 'failed';
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
