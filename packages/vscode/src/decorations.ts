/** Status-line decorations: a coloured status label after every status line and work item the model knows. */
import * as vscode from 'vscode';
import { STATUSES, type Status } from '@plansight/core';
import { STATUS_LOOK, lineRange } from './convert.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export class StatusDecorations implements vscode.Disposable {
  private readonly types = new Map<Status, vscode.TextEditorDecorationType>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly index: WorkspaceIndex) {
    for (const s of STATUSES) {
      const color = new vscode.ThemeColor(STATUS_LOOK[s].color);
      this.types.set(
        s,
        vscode.window.createTextEditorDecorationType({
          after: { contentText: ` ● ${STATUS_LOOK[s].label}`, color, margin: '0 0 0 1em', fontStyle: 'italic' },
          overviewRulerColor: color,
          overviewRulerLane: vscode.OverviewRulerLane.Right,
        }),
      );
    }
    this.disposables.push(
      index.onDidChange(() => this.refreshAll()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
    );
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.refresh(editor);
  }

  private refresh(editor: vscode.TextEditor): void {
    const path = this.index.pathOf(editor.document.uri);
    const file = path ? this.index.file(path) : undefined;
    const byStatus = new Map<Status, vscode.Range[]>();
    const add = (status: Status, line: number) => {
      let list = byStatus.get(status);
      if (!list) byStatus.set(status, (list = []));
      if (!list.some((r) => r.start.line === line - 1)) list.push(lineRange(line, editor.document.lineCount));
    };
    if (file) {
      for (const report of file.statusReports) if (!report.example) for (const e of report.entries) add(e.status, e.line);
      for (const item of file.items) if (item.statusSource && item.status !== 'unknown') add(item.status, item.statusSource.line);
    }
    for (const [status, type] of this.types) editor.setDecorations(type, byStatus.get(status) ?? []);
  }

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
