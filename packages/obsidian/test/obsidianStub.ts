/**
 * A small in-memory implementation of the `obsidian` APIs the plugin uses. Each class `implements Pick<…>` of the
 * real `obsidian` .d.ts, so a signature change upstream breaks this file's type check instead of drifting.
 * It counts every registration and every cleanup so tests can prove the plugin unloads without leaks.
 */
import { StateField } from '@codemirror/state';
import type * as Obs from 'obsidian';

type Callback = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ledger = {
  notices: [] as string[],
  liveEvents: 0,
  liveDomEvents: 0,
  liveIntervals: 0,
  reset(): void {
    this.notices = [];
  },
};

class Ref implements Obs.EventRef {
  constructor(
    readonly owner: StubEvents,
    readonly name: string,
    readonly cb: Callback,
  ) {}
}

class StubEvents implements Pick<Obs.Events, 'on' | 'offref' | 'trigger'> {
  private handlers = new Map<string, Set<Ref>>();
  on(name: string, callback: Callback): Obs.EventRef {
    const ref = new Ref(this, name, callback);
    if (!this.handlers.has(name)) this.handlers.set(name, new Set());
    this.handlers.get(name)!.add(ref);
    ledger.liveEvents++;
    return ref;
  }
  offref(ref: Obs.EventRef): void {
    const r = ref as Ref;
    if (this.handlers.get(r.name)?.delete(r)) ledger.liveEvents--;
  }
  trigger(name: string, ...data: unknown[]): void {
    for (const ref of [...(this.handlers.get(name) ?? [])]) ref.cb(...data);
  }
  listeners(name: string): number {
    return this.handlers.get(name)?.size ?? 0;
  }
}

export abstract class TAbstractFile implements Pick<Obs.TAbstractFile, 'path' | 'name'> {
  constructor(public path: string) {}
  get name(): string {
    return this.path.replace(/^.*\//, '');
  }
}

export class TFile extends TAbstractFile implements Pick<Obs.TFile, 'path' | 'name' | 'basename' | 'extension' | 'stat'> {
  stat = { ctime: 0, mtime: 0, size: 0 };
  get basename(): string {
    return this.name.replace(/\.[^.]*$/, '');
  }
  get extension(): string {
    return /\.([^.]*)$/.exec(this.name)?.[1] ?? '';
  }
}

/** Byte size and a fresh mtime, as the file system gives them after a write. */
let clock = 1_700_000_000_000;
function stamp(file: TFile, text: string): void {
  file.stat = { ctime: file.stat.ctime || clock, mtime: ++clock, size: new TextEncoder().encode(text).length };
}

/** The vault adapter's binary-file calls, on files kept beside the notes (the plugin folder is not a note). */
export class Adapter implements Pick<Obs.DataAdapter, 'exists' | 'readBinary' | 'writeBinary' | 'remove' | 'rename'> {
  binaries = new Map<string, ArrayBuffer>();
  constructor(private readonly vault: Vault) {}
  async exists(path: string): Promise<boolean> {
    return this.binaries.has(path) || this.vault.files.has(path);
  }
  async readBinary(path: string): Promise<ArrayBuffer> {
    const data = this.binaries.get(path);
    if (!data) throw new Error(`ENOENT: ${path}`);
    return data.slice(0);
  }
  async writeBinary(path: string, data: ArrayBuffer): Promise<void> {
    this.binaries.set(path, data.slice(0));
  }
  async remove(path: string): Promise<void> {
    if (!this.binaries.delete(path)) throw new Error(`ENOENT: ${path}`);
  }
  /** Like Obsidian's desktop adapter, refuses to replace an existing file. */
  async rename(from: string, to: string): Promise<void> {
    const data = this.binaries.get(from);
    if (!data) throw new Error(`ENOENT: ${from}`);
    if (await this.exists(to)) throw new Error('Destination file already exists!');
    this.binaries.delete(from);
    this.binaries.set(to, data);
  }
}

export class Vault
  extends StubEvents
  implements
    Pick<Obs.Vault, 'getMarkdownFiles' | 'cachedRead' | 'read' | 'process' | 'getAbstractFileByPath' | 'modify' | 'create' | 'delete' | 'rename' | 'configDir'>
{
  files = new Map<string, { file: TFile; text: string }>();
  processCalls = 0;
  /** Note reads (`read` and `cachedRead`), for tests that check what a start reads. */
  reads = 0;
  configDir = '.obsidian';
  adapter = new Adapter(this);
  constructor(initial: Record<string, string> = {}) {
    super();
    for (const [path, text] of Object.entries(initial)) this.put(new TFile(path), text);
  }
  /** Replace a file's text as an outside program would: new stat, no event (the plugin is not running). */
  put(file: TFile, text: string): void {
    stamp(file, text);
    this.files.set(file.path, { file, text });
  }
  getMarkdownFiles(): Obs.TFile[] {
    return [...this.files.values()].filter((f) => f.file.extension === 'md').map((f) => f.file as unknown as Obs.TFile);
  }
  private entry(file: Obs.TAbstractFile): { file: TFile; text: string } {
    const e = this.files.get(file.path);
    if (!e) throw new Error(`${file.path}: no such file`);
    return e;
  }
  async cachedRead(file: Obs.TFile): Promise<string> {
    this.reads++;
    return this.entry(file).text;
  }
  async read(file: Obs.TFile): Promise<string> {
    this.reads++;
    return this.entry(file).text;
  }
  async process(file: Obs.TFile, fn: (data: string) => string): Promise<string> {
    this.processCalls++;
    const e = this.entry(file);
    const next = fn(e.text);
    e.text = next;
    stamp(e.file, next);
    this.trigger('modify', e.file);
    return next;
  }
  getAbstractFileByPath(path: string): Obs.TAbstractFile | null {
    return (this.files.get(path)?.file as unknown as Obs.TAbstractFile) ?? null;
  }
  async modify(file: Obs.TFile, data: string): Promise<void> {
    this.entry(file).text = data;
    stamp(this.entry(file).file, data);
    this.trigger('modify', this.entry(file).file);
  }
  async create(path: string, data: string): Promise<Obs.TFile> {
    const file = new TFile(path);
    this.put(file, data);
    this.trigger('create', file);
    return file as unknown as Obs.TFile;
  }
  async delete(file: Obs.TAbstractFile): Promise<void> {
    const e = this.entry(file);
    this.files.delete(file.path);
    this.trigger('delete', e.file);
  }
  async rename(file: Obs.TAbstractFile, newPath: string): Promise<void> {
    const e = this.entry(file);
    const old = e.file.path;
    this.files.delete(old);
    e.file.path = newPath;
    this.files.set(newPath, e);
    this.trigger('rename', e.file, old);
  }
}

export class WorkspaceLeaf implements Pick<Obs.WorkspaceLeaf, 'setViewState' | 'openFile' | 'detach'> {
  view: View | null = null;
  opened: { path: string; line?: number }[] = [];
  constructor(readonly ws: Workspace) {}
  async setViewState(state: Obs.ViewState): Promise<void> {
    const creator = this.ws.creators.get(state.type);
    if (!creator) throw new Error(`no view registered for ${state.type}`);
    this.view = creator(this as unknown as Obs.WorkspaceLeaf) as unknown as View;
    await this.view.open();
  }
  async openFile(file: Obs.TFile, state?: Obs.OpenViewState): Promise<void> {
    this.opened.push({ path: file.path, line: (state?.eState as { line?: number } | undefined)?.line });
    this.ws.activeFile = file;
  }
  detach(): void {
    void this.view?.close();
    this.ws.leaves.delete(this);
  }
}

export class Workspace
  extends StubEvents
  implements
    Pick<Obs.Workspace, 'onLayoutReady' | 'getLeavesOfType' | 'getActiveViewOfType' | 'getActiveFile' | 'getLeaf' | 'getRightLeaf' | 'revealLeaf' | 'detachLeavesOfType'>
{
  app: Obs.App | null = null;
  creators = new Map<string, Obs.ViewCreator>();
  leaves = new Set<WorkspaceLeaf>();
  activeFile: Obs.TFile | null = null;
  private ready: (() => unknown)[] = [];
  layoutReady(): void {
    for (const cb of this.ready.splice(0)) cb();
  }
  onLayoutReady(callback: () => unknown): void {
    this.ready.push(callback);
  }
  getLeavesOfType(viewType: string): Obs.WorkspaceLeaf[] {
    return [...this.leaves].filter((l) => l.view?.getViewType() === viewType) as unknown as Obs.WorkspaceLeaf[];
  }
  getActiveViewOfType<T extends Obs.View>(): T | null {
    return null;
  }
  getActiveFile(): Obs.TFile | null {
    return this.activeFile;
  }
  getLeaf(): Obs.WorkspaceLeaf {
    const leaf = new WorkspaceLeaf(this);
    this.leaves.add(leaf);
    return leaf as unknown as Obs.WorkspaceLeaf;
  }
  getRightLeaf(): Obs.WorkspaceLeaf | null {
    return this.getLeaf();
  }
  async revealLeaf(): Promise<void> {}
  detachLeavesOfType(viewType: string): void {
    for (const leaf of this.getLeavesOfType(viewType)) (leaf as unknown as WorkspaceLeaf).detach();
  }
}

export class App implements Pick<Obs.App, 'vault' | 'workspace'> {
  vault: Obs.Vault;
  workspace: Obs.Workspace;
  constructor(
    readonly stubVault: Vault,
    readonly stubWorkspace = new Workspace(),
  ) {
    this.vault = stubVault as unknown as Obs.Vault;
    this.workspace = stubWorkspace as unknown as Obs.Workspace;
    stubWorkspace.app = this as unknown as Obs.App;
  }
}

export class Component implements Pick<Obs.Component, 'load' | 'unload' | 'onload' | 'onunload' | 'register' | 'registerEvent' | 'registerDomEvent' | 'registerInterval' | 'addChild'> {
  private cleanups: (() => unknown)[] = [];
  private children: Component[] = [];
  loaded = false;
  load(): void {
    this.loaded = true;
    void this.onload();
    for (const c of this.children) c.load();
  }
  onload(): void | Promise<void> {}
  unload(): void {
    for (const c of this.children.splice(0)) c.unload();
    for (const fn of this.cleanups.splice(0).reverse()) fn();
    this.loaded = false;
    this.onunload();
  }
  onunload(): void {}
  addChild<T extends Obs.Component>(child: T): T {
    this.children.push(child as unknown as Component);
    if (this.loaded) child.load();
    return child;
  }
  register(cb: () => unknown): void {
    this.cleanups.push(cb);
  }
  registerEvent(ref: Obs.EventRef): void {
    this.register(() => (ref as Ref).owner.offref(ref));
  }
  registerDomEvent(el: EventTarget, type: string, cb: Callback, options?: boolean | AddEventListenerOptions): void {
    el.addEventListener(type, cb, options);
    ledger.liveDomEvents++;
    this.register(() => {
      el.removeEventListener(type, cb, options);
      ledger.liveDomEvents--;
    });
  }
  registerInterval(id: number): number {
    ledger.liveIntervals++;
    this.register(() => {
      clearInterval(id);
      ledger.liveIntervals--;
    });
    return id;
  }
}

export interface Registered {
  commands: Map<string, Obs.Command>;
  views: Map<string, Obs.ViewCreator>;
  ribbon: string[];
  editorExtensions: unknown[];
  codeBlocks: Map<string, Callback>;
  postProcessors: Callback[];
  settingTabs: unknown[];
}

export class Plugin
  extends Component
  implements
    Pick<
      Obs.Plugin,
      | 'app'
      | 'manifest'
      | 'addCommand'
      | 'addRibbonIcon'
      | 'registerView'
      | 'registerEditorExtension'
      | 'registerMarkdownCodeBlockProcessor'
      | 'registerMarkdownPostProcessor'
      | 'addSettingTab'
      | 'loadData'
      | 'saveData'
    >
{
  data: unknown = null;
  registered: Registered = {
    commands: new Map(),
    views: new Map(),
    ribbon: [],
    editorExtensions: [],
    codeBlocks: new Map(),
    postProcessors: [],
    settingTabs: [],
  };
  constructor(
    public app: Obs.App,
    public manifest: Obs.PluginManifest,
  ) {
    super();
  }
  addCommand(command: Obs.Command): Obs.Command {
    this.registered.commands.set(command.id, command);
    this.register(() => this.registered.commands.delete(command.id));
    return command;
  }
  addRibbonIcon(icon: string, title: string): HTMLElement {
    this.registered.ribbon.push(`${icon}:${title}`);
    this.register(() => this.registered.ribbon.splice(this.registered.ribbon.indexOf(`${icon}:${title}`), 1));
    return (typeof document === 'undefined' ? {} : document.createElement('div')) as HTMLElement;
  }
  registerView(type: string, viewCreator: Obs.ViewCreator): void {
    const ws = (this.app.workspace as unknown as Workspace).creators;
    this.registered.views.set(type, viewCreator);
    ws.set(type, viewCreator);
    this.register(() => {
      this.registered.views.delete(type);
      ws.delete(type);
    });
  }
  registerEditorExtension(extension: unknown): void {
    this.registered.editorExtensions.push(extension);
    this.register(() => this.registered.editorExtensions.splice(this.registered.editorExtensions.indexOf(extension), 1));
  }
  registerMarkdownCodeBlockProcessor(language: string, handler: Callback): Obs.MarkdownPostProcessor {
    this.registered.codeBlocks.set(language, handler);
    this.register(() => this.registered.codeBlocks.delete(language));
    return handler as unknown as Obs.MarkdownPostProcessor;
  }
  registerMarkdownPostProcessor(postProcessor: Obs.MarkdownPostProcessor): Obs.MarkdownPostProcessor {
    this.registered.postProcessors.push(postProcessor);
    this.register(() => this.registered.postProcessors.splice(this.registered.postProcessors.indexOf(postProcessor), 1));
    return postProcessor;
  }
  addSettingTab(tab: Obs.PluginSettingTab): void {
    this.registered.settingTabs.push(tab);
    this.register(() => this.registered.settingTabs.splice(this.registered.settingTabs.indexOf(tab), 1));
  }
  async loadData(): Promise<unknown> {
    return this.data;
  }
  async saveData(data: unknown): Promise<void> {
    this.data = JSON.parse(JSON.stringify(data));
  }
}

function div(): HTMLElement {
  return (typeof document === 'undefined' ? null : document.createElement('div')) as HTMLElement;
}

export abstract class View extends Component implements Pick<Obs.View, 'getViewType' | 'getDisplayText' | 'getIcon' | 'containerEl' | 'app'> {
  containerEl = div();
  app: Obs.App;
  constructor(readonly leaf: Obs.WorkspaceLeaf) {
    super();
    this.app = (leaf as unknown as Partial<WorkspaceLeaf>).ws?.app as Obs.App;
  }
  abstract getViewType(): string;
  abstract getDisplayText(): string;
  getIcon(): string {
    return 'document';
  }
  async open(): Promise<void> {
    this.load();
    await this.onOpen();
  }
  async close(): Promise<void> {
    await this.onClose();
    this.unload();
  }
  async onOpen(): Promise<void> {}
  async onClose(): Promise<void> {}
}

export abstract class ItemView extends View implements Pick<Obs.ItemView, 'contentEl'> {
  contentEl = div();
  constructor(leaf: Obs.WorkspaceLeaf) {
    super(leaf);
    this.containerEl?.append(this.contentEl);
  }
}

/** Never active in these tests: write-back for an open editor is covered by the CM6 browser test. */
export abstract class MarkdownView extends ItemView {}

export class MarkdownRenderChild extends Component implements Pick<Obs.MarkdownRenderChild, 'containerEl'> {
  constructor(public containerEl: HTMLElement) {
    super();
  }
}

export class Notice implements Pick<Obs.Notice, 'hide'> {
  constructor(message: string | DocumentFragment, _duration?: number) {
    ledger.notices.push(String(message));
  }
  setMessage(message: Parameters<Obs.Notice['setMessage']>[0]): this {
    ledger.notices.push(String(message));
    return this;
  }
  hide(): void {}
}

export class Modal implements Pick<Obs.Modal, 'open' | 'close' | 'onOpen' | 'onClose' | 'app'> {
  contentEl = div();
  titleEl = div();
  constructor(public app: Obs.App) {}
  open(): void {
    this.onOpen();
  }
  close(): void {
    this.onClose();
  }
  onOpen(): void {}
  onClose(): void {}
}

export abstract class SuggestModal<T> extends Modal {
  setPlaceholder(_: string): void {}
  abstract getSuggestions(query: string): T[];
  abstract renderSuggestion(value: T, el: HTMLElement): void;
  abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;
}

export class PluginSettingTab implements Pick<Obs.PluginSettingTab, 'containerEl' | 'app'> {
  containerEl = div();
  constructor(
    public app: Obs.App,
    readonly plugin: Obs.Plugin,
  ) {}
}

/** Records each setting built, so a test can see the settings tab draws without a DOM. */
export class Setting {
  static built: string[] = [];
  constructor(readonly containerEl: HTMLElement) {}
  setName(name: string): this {
    Setting.built.push(name);
    return this;
  }
  setDesc(_: string): this {
    return this;
  }
  addText(cb: (c: unknown) => unknown): this {
    cb(control());
    return this;
  }
  addTextArea(cb: (c: unknown) => unknown): this {
    cb(control());
    return this;
  }
  addToggle(cb: (c: unknown) => unknown): this {
    cb(control());
    return this;
  }
  addButton(cb: (c: unknown) => unknown): this {
    cb(control());
    return this;
  }
}

function control(): unknown {
  const c: Record<string, unknown> = {};
  for (const m of ['setValue', 'onChange', 'setButtonText', 'setCta', 'onClick', 'setPlaceholder']) c[m] = () => c;
  return c;
}

export const editorInfoField = StateField.define<Obs.MarkdownFileInfo | null>({ create: () => null, update: (v) => v });

/** What the plugin bundle receives for `require('obsidian')`. */
export const obsidianModule = {
  App,
  Component,
  ItemView,
  MarkdownRenderChild,
  MarkdownView,
  Modal,
  Notice,
  Plugin,
  PluginSettingTab,
  Setting,
  SuggestModal,
  TAbstractFile,
  TFile,
  View,
  editorInfoField,
};
