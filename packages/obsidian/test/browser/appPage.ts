// Browser entry: the plugin's own source (src/main.ts) running on the in-memory obsidian (aliased as `obsidian`),
// with real CodeMirror. Used by the views test and by scripts/screenshots.mjs.
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { history } from '@codemirror/commands';
import PlansightPlugin from '../../src/main';
import { App, editorInfoField, TFile, Vault, WorkspaceLeaf } from '../obsidianStub';

declare global {
  interface Window {
    psApp: {
      start(files: Record<string, string>, active?: string): Promise<void>;
      openView(type: string, host: HTMLElement): Promise<void>;
      openEditor(path: string, host: HTMLElement): void;
      plugin(): PlansightPlugin;
      idle(): Promise<void>;
      activePath(): string | null;
      fileText(path: string): string;
      postProcess(html: string, text: string, lineStart: number): HTMLElement;
      codeBlock(source: string, sourcePath: string, host: HTMLElement): void;
    };
  }
}

let plugin: PlansightPlugin;
let app: App;

window.psApp = {
  async start(files, active) {
    app = new App(new Vault(files));
    plugin = new PlansightPlugin(app as never, { id: 'plansight', name: 'Plansight', version: '0.1.0', minAppVersion: '1.5.0', author: '', description: '' });
    plugin.load();
    await new Promise((r) => setTimeout(r, 0));
    if (active) app.stubWorkspace.activeFile = app.stubVault.getAbstractFileByPath(active) as never;
    app.stubWorkspace.layoutReady();
    await plugin.indexVault();
  },
  async openView(type, host) {
    const leaf = app.stubWorkspace.getLeaf() as unknown as WorkspaceLeaf;
    await leaf.setViewState({ type });
    host.append(leaf.view!.containerEl);
  },
  openEditor(path, host) {
    const text = app.stubVault.files.get(path)!.text;
    const extensions: Extension[] = [
      history(),
      EditorView.lineWrapping,
      editorInfoField.init(() => ({ file: new TFile(path) }) as never),
      ...((plugin as unknown as { registered: { editorExtensions: Extension[] } }).registered.editorExtensions),
    ];
    new EditorView({ parent: host, state: EditorState.create({ doc: text, extensions }) });
  },
  plugin: () => plugin,
  postProcess(html, text, lineStart) {
    const el = document.createElement('div');
    el.innerHTML = html;
    const pp = (plugin as unknown as { registered: { postProcessors: ((...a: unknown[]) => void)[] } }).registered.postProcessors[0]!;
    pp(el, { getSectionInfo: () => ({ text, lineStart, lineEnd: lineStart }) });
    return el;
  },
  fileText: (path) => app.stubVault.files.get(path)!.text,
  codeBlock(source, sourcePath, host) {
    const handler = (plugin as unknown as { registered: { codeBlocks: Map<string, (...a: unknown[]) => void> } }).registered.codeBlocks.get('plansight')!;
    const children: { load(): void }[] = [];
    handler(source, host, { sourcePath, addChild: (c: { load(): void }) => (children.push(c), c.load()) });
  },
  activePath: () => app.stubWorkspace.activeFile?.path ?? null,
  idle: () => new Promise((r) => setTimeout(r, 700)),
};
void TFile;
