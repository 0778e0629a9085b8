/** CodeLens over gate and worker headings: "4/7 criteria", "3/9 done · 2 blocked". Numbers come from analysis. */
import * as vscode from 'vscode';
import { isClosed, type Rollup } from '@plansight/core';
import { toPosition } from './convert.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export class PlanCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly index: WorkspaceIndex) {
    this.sub = index.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const path = this.index.pathOf(doc.uri);
    const file = path ? this.index.file(path) : undefined;
    if (!path || !file) return [];
    const { graph, rollups } = this.index.analysis();
    const lenses: vscode.CodeLens[] = [];
    const at = (line: number) => new vscode.Range(toPosition(line), toPosition(line));
    const gateRollups = new Map<number, Rollup>();
    const visit = (rs: readonly Rollup[]): void => {
      for (const r of rs) {
        if (r.kind === 'gate' && r.file === path && r.line) gateRollups.set(r.line, r);
        visit(r.children);
      }
    };
    visit(rollups);
    for (const gate of file.gates) {
      const r = gateRollups.get(gate.line);
      const done = r?.done ?? gate.criteria.filter((c) => c.checked).length;
      const total = r?.total ?? gate.criteria.length;
      lenses.push(new vscode.CodeLens(at(gate.line), { title: `${done}/${total} criteria`, command: 'plansight.showGraph', arguments: [] }));
    }
    const blocked = new Set(graph.blocked.map((b) => b.id));
    for (const actor of file.actors) {
      const owned = graph.nodes.filter((n) => n.kind === 'item' && n.owner === actor.id);
      if (!owned.length) continue;
      const done = owned.filter((n) => isClosed(n.status)).length;
      const nBlocked = owned.filter((n) => blocked.has(n.id) || n.status === 'blocked').length;
      lenses.push(
        new vscode.CodeLens(at(actor.line), {
          title: `${done}/${owned.length} done · ${nBlocked} blocked`,
          command: 'plansight.showGraph',
          arguments: [],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
