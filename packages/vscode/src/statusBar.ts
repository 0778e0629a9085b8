/**
 * The owner of the active file in the status bar ("Owned by Worker 2 · read-only for Worker 1"), in the warning
 * colour when `plansight.currentActor` is not among the exclusive owners of the file.
 */
import * as vscode from 'vscode';
import { ownersOf, type OwnerOfPath, type PlanModel } from '@plansight/core';
import type { WorkspaceIndex } from './workspaceIndex.js';

export class OwnerStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('plansight.owner', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly index: WorkspaceIndex) {
    this.item.name = 'Plansight: File Owner';
    this.item.command = 'plansight.whoOwns';
    this.disposables.push(
      this.item,
      index.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
    );
  }

  refresh(): void {
    const editor = vscode.window.activeTextEditor;
    const path = editor ? this.index.ownedPathOf(editor.document.uri) : undefined;
    const model = this.index.model();
    const owners = path ? ownersOf(model, path) : [];
    if (!path || !owners.length) {
      this.item.hide();
      return;
    }
    const text = ownerText(model, owners);
    const conflict = foreignExclusive(model, owners, this.index.config.currentActor);
    this.item.text = `$(${conflict ? 'warning' : 'person'}) ${text}`;
    this.item.tooltip = conflict
      ? `${path}: ${text}. You (${this.index.config.currentActor}) are editing a file another actor owns exclusively.`
      : `${path}: ${text}`;
    this.item.backgroundColor = conflict ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function actorName(model: PlanModel, id: string): string {
  return model.actors.find((a) => a.id === id)?.name ?? id;
}

/** "Owned by Worker 2 · read-only for Worker 1 · shared with Worker 3" */
export function ownerText(model: PlanModel, owners: readonly OwnerOfPath[]): string {
  const names = (mode: string) => [...new Set(owners.filter((o) => o.mode === mode).map((o) => actorName(model, o.actor)))];
  const parts: string[] = [];
  const exclusive = [...names('exclusive'), ...names('creates')];
  if (exclusive.length) parts.push(`Owned by ${[...new Set(exclusive)].join(', ')}`);
  const enh = names('enhances');
  if (enh.length) parts.push(`enhanced by ${enh.join(', ')}`);
  const shared = names('shared');
  if (shared.length) parts.push(`shared with ${shared.join(', ')}`);
  const ro = names('read-only');
  if (ro.length) parts.push(`read-only for ${ro.join(', ')}`);
  return parts.join(' · ');
}

/** True when an exclusive owner exists and the current actor (by id, name or alias) is not one of them. */
export function foreignExclusive(model: PlanModel, owners: readonly OwnerOfPath[], currentActor: string): boolean {
  if (!currentActor) return false;
  const exclusive = owners.filter((o) => o.mode === 'exclusive' || o.mode === 'creates');
  if (!exclusive.length) return false;
  const me = currentActor.toLowerCase();
  return !exclusive.some((o) => {
    const a = model.actors.find((x) => x.id === o.actor);
    return o.actor.toLowerCase() === me || a?.name.toLowerCase() === me || a?.aliases.some((al) => al.toLowerCase() === me);
  });
}
