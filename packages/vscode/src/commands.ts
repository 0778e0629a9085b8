/** The palette commands. Each one reads the model, asks core for edits, and writes through writeBack. */
import * as vscode from 'vscode';
import { applyEdits as applyCoreEdits, editsFor, graphToMermaid, ownersOf, STATUSES, type PlanFile, type Status, type WorkItem } from '@plansight/core';
import { renderHtmlPage } from '@plansight/graph-view';
import { STATUS_LOOK, lineOf } from './convert.js';
import { payloadOf } from './payload.js';
import { ownerText } from './statusBar.js';
import { applyAction, applyEdits, messageOf } from './writeBack.js';
import type { GraphPanel } from './graphPanel.js';
import type { PlanDiagnostics } from './diagnostics.js';
import type { ViewHandlers } from './viewHandlers.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  index: WorkspaceIndex;
  graph: GraphPanel;
  diagnostics: PlanDiagnostics;
  handlers: ViewHandlers;
  preview: PreviewProvider;
}

/** Something at the cursor whose status can be set: a work item, or a status line (checkbox, daily-status entry). */
type Target = { kind: 'item'; item: WorkItem } | { kind: 'line'; path: string; line: number; label: string; status: Status };

export function registerCommands(deps: CommandDeps): void {
  const { context, index } = deps;
  const reg = (id: string, fn: (...args: never[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          await index.ready;
          return await fn(...args);
        } catch (e) {
          void vscode.window.showErrorMessage(`Plansight: ${messageOf(e)}`);
          return undefined;
        }
      }),
    );

  reg('plansight.showGraph', (id?: string) => deps.graph.show(typeof id === 'string' ? id : undefined));
  reg('plansight.openLocation', (file: string, line: number) => deps.handlers.open(file, line));
  reg('plansight.setStatus', () => setStatus(index));
  reg('plansight.markDone', () => setStatus(index, 'done'));
  reg('plansight.addBlocker', () => addBlocker(index));
  reg('plansight.newDay', () => newDay(index));
  reg('plansight.whoOwns', (uri?: vscode.Uri) => whoOwns(index, uri));
  reg('plansight.checkPlans', () => checkPlans(deps));
  reg('plansight.exportGraph', () => exportGraph(deps));
  reg('plansight.repairMojibake', (uri?: vscode.Uri) => repairMojibake(deps, uri));
  reg('plansight.refresh', () => index.rescan());
}

function targetAt(file: PlanFile, line: number): Target | undefined {
  const item = file.items.find((i) => i.line === line || i.statusSource?.line === line);
  if (item) return { kind: 'item', item };
  for (const i of file.items) {
    const c = i.checklist.find((x) => x.line === line);
    if (c) return { kind: 'line', path: file.path, line, label: c.text, status: c.status };
  }
  for (const g of file.gates) {
    const c = g.criteria.find((x) => x.line === line);
    if (c) return { kind: 'line', path: file.path, line, label: c.text, status: c.status };
  }
  for (const r of file.statusReports) {
    const e = r.entries.find((x) => x.line === line);
    if (e) return { kind: 'line', path: file.path, line, label: e.text, status: e.status };
  }
  return undefined;
}

function activeTarget(index: WorkspaceIndex): Target | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const path = index.pathOf(editor.document.uri);
  const file = path ? index.file(path) : undefined;
  return file ? targetAt(file, lineOf(editor.selection.active)) : undefined;
}

async function pickItem(index: WorkspaceIndex): Promise<Target | undefined> {
  const picks = index.model().items.map((item) => ({
    label: `$(${STATUS_LOOK[item.status].icon}) ${item.explicitId ? `${item.id} ` : ''}${item.title}`,
    description: STATUS_LOOK[item.status].label,
    detail: `${item.file}:${item.line}`,
    item,
  }));
  const chosen = await vscode.window.showQuickPick(picks, { title: 'Plansight: which item?', matchOnDetail: true });
  return chosen && { kind: 'item', item: chosen.item };
}

async function setStatus(index: WorkspaceIndex, fixed?: Status): Promise<void> {
  const target = activeTarget(index) ?? (await pickItem(index));
  if (!target) return;
  const current = target.kind === 'item' ? target.item.status : target.status;
  const label = target.kind === 'item' ? target.item.title : target.label;
  let status = fixed;
  if (!status) {
    const picks = STATUSES.filter((s) => s !== 'unknown').map((s) => ({
      label: `$(${STATUS_LOOK[s].icon}) ${s}`,
      description: s === current ? 'current' : undefined,
      status: s,
    }));
    status = (await vscode.window.showQuickPick(picks, { title: `Plansight: status of “${label}”` }))?.status;
    if (!status) return;
  }
  if (target.kind === 'line') await applyAction(index, target.path, { type: 'set-status', line: target.line, status });
  else if (target.item.statusSource) await applyAction(index, target.item.file, { type: 'set-status', line: target.item.statusSource.line, status });
  else await applyAction(index, target.item.file, { type: 'set-item-status', id: target.item.id, status });
}

function dailyStatusFile(index: WorkspaceIndex): string | undefined {
  const editor = vscode.window.activeTextEditor;
  const active = editor ? index.pathOf(editor.document.uri) : undefined;
  if (active && index.file(active)?.kind === 'daily-status') return active;
  const all = index.model().files.filter((f) => f.kind === 'daily-status');
  return (all.find((f) => /(^|\/)DAILY_STATUS\.md$/i.test(f.path)) ?? all[0])?.path;
}

async function addBlocker(index: WorkspaceIndex): Promise<void> {
  const path = dailyStatusFile(index);
  if (!path) return void vscode.window.showWarningMessage('Plansight: no daily status file (DAILY_STATUS.md) in this workspace');
  const model = index.model();
  const me = index.config.currentActor.toLowerCase();
  const actors = [...model.actors].sort((a, b) => Number(b.name.toLowerCase() === me || b.id === me) - Number(a.name.toLowerCase() === me || a.id === me));
  const actor = await vscode.window.showQuickPick(
    actors.map((a) => ({ label: a.name, description: a.role, id: a.id })),
    { title: 'Plansight: Add Blocker — who is blocked?' },
  );
  if (!actor) return;
  const text = await vscode.window.showInputBox({ title: 'Plansight: Add Blocker — what blocks?', prompt: 'The blocker, as it should read in the daily status' });
  if (!text) return;
  const none = { label: '(no reference)', id: undefined as string | undefined };
  const ref = await vscode.window.showQuickPick(
    [none, ...model.items.filter((i) => i.explicitId).map((i) => ({ label: i.id, description: i.title, id: i.id as string | undefined }))],
    { title: 'Plansight: Add Blocker — blocked by which item?' },
  );
  if (!ref) return;
  await applyAction(index, path, { type: 'add-blocker', actor: actor.id, text, ...(ref.id ? { ref: ref.id } : {}) });
}

export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

async function newDay(index: WorkspaceIndex): Promise<void> {
  const path = dailyStatusFile(index);
  if (!path) return void vscode.window.showWarningMessage('Plansight: no daily status file (DAILY_STATUS.md) in this workspace');
  const date = await vscode.window.showInputBox({
    title: `Plansight: Start New Day in ${path}`,
    value: today(),
    validateInput: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? undefined : 'YYYY-MM-DD'),
  });
  if (!date) return;
  await applyAction(index, path, { type: 'new-day', date: date.trim() });
}

async function whoOwns(index: WorkspaceIndex, uri?: vscode.Uri): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  const path = target ? index.ownedPathOf(target) : undefined;
  if (!path) return void vscode.window.showInformationMessage('Plansight: open a file of the workspace first');
  const model = index.model();
  const owners = ownersOf(model, path);
  if (!owners.length) return void vscode.window.showInformationMessage(`Plansight: no ownership rule covers ${path}`);
  const where = [...new Set(owners.map((o) => `${o.file}:${o.line}`))].join(', ');
  void vscode.window.showInformationMessage(`Plansight: ${path}: ${ownerText(model, owners)} (${where})`);
}

async function checkPlans(deps: CommandDeps): Promise<void> {
  await deps.index.rescan();
  const c = deps.diagnostics.refresh();
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const files = deps.index.paths().length;
  void vscode.window.showInformationMessage(
    `Plansight: checked ${files} plan files: ${c.errors} errors, ${c.warnings} warnings, ${c.infos} notes`,
  );
}

async function exportGraph(deps: CommandDeps): Promise<void> {
  const format = await vscode.window.showQuickPick(
    [
      { label: 'HTML', description: 'self-contained page with the interactive graph', ext: 'html' },
      { label: 'Mermaid', description: 'flowchart text', ext: 'mmd' },
    ],
    { title: 'Plansight: Export Graph as…' },
  );
  if (!format) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Plansight: Export Graph (${format.label})`,
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `plansight-graph.${format.ext}`) } : {}),
    filters: { [format.label]: [format.ext] },
  });
  if (!target) return;
  const { index } = deps;
  let text: string;
  if (format.ext === 'mmd') text = graphToMermaid(index.analysis().graph);
  else {
    const bundle = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(vscode.Uri.joinPath(deps.context.extensionUri, 'dist', 'graph-view.js')),
    );
    text = renderHtmlPage(payloadOf(index.model(), index.analysis()), bundle);
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Plansight: graph exported to ${vscode.workspace.asRelativePath(target)}`);
}

/** Serves the repaired text of a file at `plansight-preview:` URIs, for the diff shown before Repair Mojibake. */
export class PreviewProvider implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'plansight-preview';
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

async function repairMojibake(deps: CommandDeps, uri?: vscode.Uri): Promise<void> {
  const { index } = deps;
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  const path = target ? index.pathOf(target) : undefined;
  if (!target || !path) return void vscode.window.showInformationMessage('Plansight: open a plan file first');
  const doc = await vscode.workspace.openTextDocument(target);
  const before = doc.getText();
  const edits = editsFor(path, before, index.model(), { type: 'repair-mojibake' });
  if (!edits.length) return void vscode.window.showInformationMessage(`Plansight: no mojibake in ${path}`);
  const preview = vscode.Uri.from({ scheme: PreviewProvider.scheme, path: `/${path}`, query: String(Date.now()) });
  deps.preview.set(preview, applyCoreEdits(before, edits, path));
  await vscode.commands.executeCommand('vscode.diff', target, preview, `${path} ↔ repaired (Plansight preview)`);
  const lines = new Set(edits.map((e) => e.line)).size;
  const answer = await vscode.window.showInformationMessage(
    `Plansight: repair mojibake on ${lines} line${lines === 1 ? '' : 's'} of ${path}?`,
    'Apply Repair',
    'Cancel',
  );
  if (answer !== 'Apply Repair') return;
  await applyEdits(doc, path, edits);
  await vscode.window.showTextDocument(doc);
}
