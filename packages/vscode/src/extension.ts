/** Plansight for VS Code: wires the workspace index to the views, editor features and commands. Glue only. */
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { PlanCodeLens } from './codeLens.js';
import { PreviewProvider, registerCommands } from './commands.js';
import { StatusDecorations } from './decorations.js';
import { PlanDiagnostics } from './diagnostics.js';
import { GraphPanel } from './graphPanel.js';
import { ReferenceHover } from './hover.js';
import { RollupTree } from './rollupTree.js';
import { IndexingStatusBar } from './indexingStatus.js';
import { OwnerStatusBar } from './statusBar.js';
import { viewHandlers } from './viewHandlers.js';
import { WorkspaceIndex } from './workspaceIndex.js';

let active: WorkspaceIndex | undefined;

/** The extension's version and its bundle's size and mtime: a rebuilt parser never reads an older build's cache. */
function buildId(context: vscode.ExtensionContext): string {
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0');
  const bundle = statSync(context.asAbsolutePath('dist/extension.js'), { throwIfNoEntry: false });
  return bundle ? `${version}:${bundle.size}:${Math.floor(bundle.mtimeMs)}` : version;
}

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Plansight', { log: true });
  const index = new WorkspaceIndex({ storage: context.storageUri, build: buildId(context), log: (line) => log.info(line) });
  active = index;
  const handlers = viewHandlers(index);
  const graph = new GraphPanel(context.extensionUri, index, handlers);
  const diagnostics = new PlanDiagnostics(index);
  const preview = new PreviewProvider();
  const markdown: vscode.DocumentSelector = [{ language: 'markdown' }, { pattern: '**/*.{md,markdown}' }];
  const statusBar = new OwnerStatusBar(index);
  const decorations = new StatusDecorations(index);
  context.subscriptions.push(
    log,
    index,
    graph,
    diagnostics,
    new RollupTree(index, handlers),
    statusBar,
    new IndexingStatusBar(index),
    decorations,
    vscode.workspace.registerTextDocumentContentProvider(PreviewProvider.scheme, preview),
    vscode.languages.registerCodeLensProvider(markdown, new PlanCodeLens(index)),
    vscode.languages.registerHoverProvider(markdown, new ReferenceHover(index)),
    vscode.window.onDidChangeActiveTextEditor((e) => {
      const path = e ? index.pathOf(e.document.uri) : undefined;
      void vscode.commands.executeCommand('setContext', 'plansight.isPlan', Boolean(path && index.file(path)));
    }),
    index.onDidChange(() => {
      const e = vscode.window.activeTextEditor;
      const path = e ? index.pathOf(e.document.uri) : undefined;
      void vscode.commands.executeCommand('setContext', 'plansight.isPlan', Boolean(path && index.file(path)));
      void vscode.commands.executeCommand('setContext', 'plansight.ready', true);
    }),
  );
  registerCommands({ context, index, graph, diagnostics, handlers, preview });
}

/** Writes the index cache if it changed since the last write. */
export async function deactivate(): Promise<void> {
  await active?.flushCache();
  active = undefined;
}
