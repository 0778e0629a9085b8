/** The checklist rollup as a tree (vault → file → gate / actor / section → items); checkboxes write back. */
import * as vscode from 'vscode';
import type { Rollup, RollupItem } from '@plansight/core';
import { STATUS_LOOK } from './convert.js';
import { viewMessage } from './indexProgress.js';
import type { ViewHandlers } from './viewHandlers.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export type RollupNode = { kind: 'rollup'; rollup: Rollup } | { kind: 'item'; item: RollupItem; parent: string };

export class RollupTree implements vscode.TreeDataProvider<RollupNode>, vscode.Disposable {
  static readonly viewId = 'plansight.rollup';
  private readonly changed = new vscode.EventEmitter<RollupNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<RollupNode>;
  private readonly disposables: vscode.Disposable[] = [];
  /** As of the last refresh (progress events must not rebuild the analysis while remark refines). */
  private empty = false;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly handlers: ViewHandlers,
  ) {
    this.view = vscode.window.createTreeView(RollupTree.viewId, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.changed,
      this.view,
      index.onDidChange(() => this.refresh()),
      index.onDidProgress(() => this.showMessage()),
      this.view.onDidChangeCheckboxState(async (e) => {
        for (const [node] of e.items) {
          if (node.kind !== 'item') continue;
          const result = await this.handlers.toggle(node.item.file, node.item.line);
          if (result !== 'applied') this.refresh();
        }
      }),
    );
    this.showMessage();
  }

  refresh(): void {
    this.empty = !this.index.analysis().rollups.length;
    this.showMessage();
    this.changed.fire(undefined);
  }

  /** "Plansight: indexing n/N…" while a scan reads, else a word when there is nothing to show. */
  private showMessage(): void {
    const message =
      viewMessage(this.index.indexing) ?? (this.empty ? 'No checklists found in the plan files of this workspace.' : undefined);
    if (this.view.message !== message) this.view.message = message;
  }

  getChildren(node?: RollupNode): RollupNode[] {
    if (!node) return this.index.analysis().rollups.map((rollup) => ({ kind: 'rollup', rollup }));
    if (node.kind === 'item') return [];
    return [
      ...node.rollup.children.map((rollup): RollupNode => ({ kind: 'rollup', rollup })),
      ...node.rollup.items.map((item): RollupNode => ({ kind: 'item', item, parent: node.rollup.key })),
    ];
  }

  getTreeItem(node: RollupNode): vscode.TreeItem {
    if (node.kind === 'rollup') {
      const r = node.rollup;
      const open = r.kind === 'vault';
      const t = new vscode.TreeItem(
        r.label,
        r.children.length || r.items.length
          ? open
            ? vscode.TreeItemCollapsibleState.Expanded
            : vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.None,
      );
      t.id = `rollup:${r.key}`;
      t.description = `${r.done}/${r.total} · ${r.percent}%${r.passed === undefined ? '' : r.passed ? ' · passed' : ' · not passed'}`;
      t.tooltip = `${r.kind} ${r.label}: ${r.done} of ${r.total} done (${r.percent}%)`;
      t.contextValue = `plansight.rollup.${r.kind}`;
      t.iconPath = new vscode.ThemeIcon(ICON[r.kind] ?? 'list-tree');
      if (r.passed !== undefined) {
        t.iconPath = new vscode.ThemeIcon(r.passed ? 'pass-filled' : 'circle-large-outline', new vscode.ThemeColor(r.passed ? 'charts.green' : 'charts.orange'));
      }
      if (r.file && r.line) t.command = openCommand(r.file, r.line);
      return t;
    }
    const i = node.item;
    const t = new vscode.TreeItem(i.text, vscode.TreeItemCollapsibleState.None);
    t.id = `item:${node.parent}:${i.file}:${i.line}`;
    if (this.hasCheckbox(i.file, i.line)) {
      t.checkboxState = i.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
    } else {
      t.iconPath = new vscode.ThemeIcon(STATUS_LOOK[i.status].icon, new vscode.ThemeColor(STATUS_LOOK[i.status].color));
    }
    t.description = `${STATUS_LOOK[i.status].label} · ${i.file}:${i.line}`;
    t.tooltip = `${i.text}\n${STATUS_LOOK[i.status].label} — ${i.file}:${i.line}`;
    t.contextValue = 'plansight.rollupItem';
    t.command = openCommand(i.file, i.line);
    return t;
  }

  /** Only lines written as a checkbox get one in the tree: ticking anything else would have nothing to toggle. */
  private hasCheckbox(path: string, line: number): boolean {
    const file = this.index.file(path);
    if (!file) return false;
    return (
      file.items.some((i) => (i.statusSource?.kind === 'checkbox' && i.statusSource.line === line) || i.checklist.some((c) => c.line === line)) ||
      file.gates.some((g) => g.criteria.some((c) => c.line === line))
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

const ICON: Record<string, string> = {
  vault: 'library',
  file: 'markdown',
  section: 'symbol-namespace',
  gate: 'milestone',
  actor: 'person',
  sprint: 'calendar',
  week: 'calendar',
};

function openCommand(file: string, line: number): vscode.Command {
  return { command: 'plansight.openLocation', title: 'Open', arguments: [file, line] };
}
