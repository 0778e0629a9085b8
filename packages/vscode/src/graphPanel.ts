/**
 * The dependency graph in a webview panel. Strict CSP: nothing by default, scripts only from the extension's
 * dist folder and only with this page's nonce; styles only as files from the extension (graph-view's stylesheet is
 * linked, so it never injects a <style> element); resources only from the extension.
 */
import * as vscode from 'vscode';
import type { HostMessage, ViewMessage } from '@plansight/graph-view';
import { payloadOf } from './payload.js';
import type { WorkspaceIndex } from './workspaceIndex.js';
import type { ViewHandlers } from './viewHandlers.js';

export class GraphPanel implements vscode.Disposable {
  static readonly viewType = 'plansight.graph';
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly index: WorkspaceIndex,
    private readonly handlers: ViewHandlers,
  ) {
    this.disposables.push(index.onDidChange(() => this.postModel()));
  }

  show(select?: string): void {
    if (this.panel) {
      this.panel.reveal();
      if (select) void this.post({ type: 'select', id: select });
      return;
    }
    const panel = vscode.window.createWebviewPanel(GraphPanel.viewType, 'Plansight: Dependency Graph', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    });
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'dist', 'icon.svg');
    panel.webview.html = pageHtml(panel.webview, this.extensionUri);
    panel.onDidDispose(() => (this.panel = undefined), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: ViewMessage) => this.receive(m, select), null, this.disposables);
    vscode.window.onDidChangeActiveColorTheme(() => void this.post(themeMessage()), null, this.disposables);
  }

  private receive(m: ViewMessage, select?: string): void {
    switch (m.type) {
      case 'ready':
        this.postModel();
        void this.post(themeMessage());
        if (select) void this.post({ type: 'select', id: select });
        return;
      case 'open':
        return void this.handlers.open(m.file, m.line);
      case 'toggle':
        return void this.handlers.toggle(m.file, m.line);
      case 'set-status':
        return void this.handlers.setStatus(m.file, m.line, m.status);
    }
  }

  private postModel(): void {
    if (this.panel) void this.post({ type: 'model', payload: payloadOf(this.index.model(), this.index.analysis()) });
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.panel ? this.panel.webview.postMessage(message) : Promise.resolve(false);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function themeMessage(): HostMessage {
  const kind = vscode.window.activeColorTheme.kind;
  const dark = kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast;
  return { type: 'theme', theme: dark ? 'dark' : 'light' };
}

export function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

export function contentSecurityPolicy(cspSource: string, scriptNonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${scriptNonce}'`,
  ].join('; ');
}

function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', name)).toString();
  return webviewHtml(webview.cspSource, asset, nonce());
}

/** The panel's page: the two stylesheets and the webview script, all files from `dist/`, nothing inline. */
export function webviewHtml(cspSource: string, asset: (name: string) => string, scriptNonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(cspSource, scriptNonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('webview.css')}">
<link rel="stylesheet" href="${asset('graph-view.css')}" data-plansight>
<title>Plansight: Dependency Graph</title>
</head>
<body>
<div id="plansight-root" class="plansight-root"></div>
<script nonce="${scriptNonce}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}
