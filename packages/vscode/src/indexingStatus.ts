/** "$(sync~spin) Plansight: indexing n/N" in the status bar while a scan runs; hidden otherwise. */
import * as vscode from 'vscode';
import { statusText, statusTooltip, type IndexState } from './indexProgress.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export class IndexingStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('plansight.indexing', vscode.StatusBarAlignment.Left, 49);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(index: WorkspaceIndex) {
    this.item.name = 'Plansight: Indexing';
    this.disposables.push(this.item, index.onDidProgress((s) => this.show(s)));
    this.show(index.indexing);
  }

  private show(s: IndexState): void {
    const text = statusText(s);
    if (!text) return this.item.hide();
    this.item.text = text;
    this.item.tooltip = statusTooltip(s);
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
