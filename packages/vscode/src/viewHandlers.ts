/** What the graph view and the rollup tree ask the host to do: open a location, toggle a box, set a status. */
import * as vscode from 'vscode';
import type { Status } from '@plansight/core';
import { toPosition } from './convert.js';
import { applyAction, type WriteResult } from './writeBack.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export interface ViewHandlers {
  open(file: string, line: number): Promise<void>;
  toggle(file: string, line: number): Promise<WriteResult>;
  setStatus(file: string, line: number, status: Status): Promise<WriteResult>;
}

export function viewHandlers(index: WorkspaceIndex): ViewHandlers {
  return {
    async open(file, line) {
      const uri = index.uriOf(file);
      if (!uri) return void vscode.window.showErrorMessage(`Plansight: ${file} is not in the workspace`);
      const pos = toPosition(line);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
    },
    toggle: (file, line) => applyAction(index, file, { type: 'toggle', line }),
    setStatus: (file, line, status) => applyAction(index, file, { type: 'set-status', line, status }),
  };
}
