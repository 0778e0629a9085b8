import { MarkdownView, Notice, Plugin, TFile, editorInfoField, type TAbstractFile, type WorkspaceLeaf } from 'obsidian';
import { editsFor, hashText, ownersOf, pack, statAt, type EditAction, type FileStat, type Status } from '@plansight/core';
import type { ViewMessage, ViewModelPayload } from '@plansight/graph-view';
import { plansightEditor } from './editor/extension.js';
import { editorModelFor } from './editor/model.js';
import { statusEdits } from './editor/statusEdit.js';
import { readCache, writeCache } from './index/cacheFile.js';
import { PlanIndex } from './index/planIndex.js';
import { workerFromSource, WorkerRefiner, type WorkerLike } from './index/workerRefine.js';
import { BlockerModal, RepairModal, StatusSuggestModal } from './modals.js';
import { decorateReading, PlansightBlock } from './reading.js';
import { DEFAULT_SETTINGS, newDayHeading, vocabularyOf, withDefaults, withNewDayHeading, type PlansightSettings } from './settings.js';
import { PlansightSettingTab } from './settingsTab.js';
import { DiagnosticsView, GraphView, RollupView, VIEW_DIAGNOSTICS, VIEW_GRAPH, VIEW_ROLLUP } from './views/itemViews.js';
import { currentText, writeEdits } from './writeBack.js';

/** The parse worker's bundled source, inlined by esbuild.config.mjs (absent in bundles built without it). */
declare const __PLANSIGHT_INDEX_WORKER__: string | undefined;
/** Named once: esbuild inlines the define at every use. */
const WORKER_SOURCE = typeof __PLANSIGHT_INDEX_WORKER__ === 'string' ? __PLANSIGHT_INDEX_WORKER__ : undefined;

export default class PlansightPlugin extends Plugin {
  override settings: PlansightSettings = DEFAULT_SETTINGS;
  index = new PlanIndex({ planFolders: [] });
  private listeners = new Set<() => void>();
  private notifyTimer: number | undefined;
  /** The pending refine slice: a timeout id, or an idle-callback id when `idle` is set. */
  private refineTimer: { id: number; idle: boolean } | undefined;
  /** Starts the parse worker; null when the host has none (then the refine runs in main-thread slices). */
  makeWorker: () => WorkerLike | null = () => workerFromSource(WORKER_SOURCE);
  /** undefined: not tried yet; null: no worker here, or it failed. */
  private refiner: WorkerRefiner | null | undefined;
  private ready = false;
  private unloaded = false;
  private indexRun: Promise<void> = Promise.resolve();
  /** The index changed since the cache was last written. */
  private cacheDirty = false;
  private cacheTimer: number | undefined;
  private cacheWrite: Promise<void> = Promise.resolve();
  private cacheWarned = false;
  /** Milliseconds after the last change before the cache is written (once the remark pass is done). */
  cacheDelayMs = 5000;
  /**
   * At least this long between two writes while the plugin runs (unload always writes): handing a 10k vault's cache
   * (20 MB) to the worker to pack holds the main thread ~0.4 s, and a stale cache only means reading the notes changed since.
   */
  cacheIntervalMs = 5 * 60_000;
  private cacheWrittenAt = -Infinity;

  override async onload(): Promise<void> {
    this.settings = withDefaults(await this.loadData());
    this.index = new PlanIndex(this.indexOptions());

    this.registerView(VIEW_GRAPH, (leaf) => new GraphView(leaf, this));
    this.registerView(VIEW_ROLLUP, (leaf) => new RollupView(leaf, this));
    this.registerView(VIEW_DIAGNOSTICS, (leaf) => new DiagnosticsView(leaf, this));
    this.addRibbonIcon('git-fork', 'Plansight: dependency graph', () => void this.showView(VIEW_GRAPH, 'tab'));
    this.addSettingTab(new PlansightSettingTab(this));
    this.addCommands();

    this.registerEditorExtension(
      plansightEditor({
        path: (state) => state.field(editorInfoField, false)?.file?.path ?? null,
        active: (state) => {
          const path = state.field(editorInfoField, false)?.file?.path;
          return !!path && (this.index.has(path) || /(^|\/)DAILY_STATUS\.md$/i.test(path));
        },
        onJump: (t) => void this.openAt(t.file, t.line),
        onError: (m) => new Notice(`Plansight: ${m}`),
        modelFor: (text, path) => {
          this.index.set(path, text, true);
          // Unsaved text is not what the cache keys on: the save's modify event marks the cache stale.
          this.changed(false);
          return editorModelFor(this.index.model(), path);
        },
      }),
    );
    this.registerMarkdownCodeBlockProcessor('plansight', (source, el, ctx) => {
      ctx.addChild(new PlansightBlock(el, this, source, ctx.sourcePath));
    });
    this.registerMarkdownPostProcessor((el, ctx) => decorateReading(el, ctx.getSectionInfo(el)));
    this.app.workspace.onLayoutReady(() => void this.indexVault());
    this.register(() => {
      window.clearTimeout(this.notifyTimer);
      this.stopRefining();
      this.listeners.clear();
    });
  }

  override onunload(): void {
    this.unloaded = true;
    window.clearTimeout(this.notifyTimer);
    window.clearTimeout(this.cacheTimer);
    this.stopRefining();
    void this.flushCache();
  }

  private indexOptions() {
    return {
      planFolders: this.settings.planFolders,
      vocabulary: vocabularyOf(this.settings.extraStatusWords).vocabulary,
      estimates: this.settings.estimates,
      build: this.buildId(),
    };
  }

  /** The plugin version and a hash of the bundled parser (the worker's source), so a new build never reads an old cache. */
  private buildId(): string {
    this.build ??= `${this.manifest.version}:${WORKER_SOURCE === undefined ? 'no-worker' : hashText(WORKER_SOURCE)}`;
    return this.build;
  }
  private build: string | undefined;

  /** `index-cache.bin` in the plugin's folder. */
  cachePath(): string {
    const dir = this.manifest.dir ?? `${this.app.vault.configDir ?? '.obsidian'}/plugins/${this.manifest.id}`;
    return `${dir}/index-cache.bin`;
  }

  /** Restore the persistent cache; a missing, foreign or unreadable one means a cold start (warned once if unreadable). */
  private async restoreCache(): Promise<boolean> {
    if (!this.settings.indexCache) return false;
    try {
      const cache = await readCache(this.app.vault.adapter, this.cachePath());
      return cache !== null && this.index.restore(cache);
    } catch (e) {
      this.warnCache(`the index cache ${this.cachePath()} cannot be read (${(e as Error).message}); indexing the whole vault`);
      return false;
    }
  }

  private warnCache(message: string): void {
    if (this.cacheWarned) return;
    this.cacheWarned = true;
    console.warn(`Plansight: ${message}`);
  }

  /** Write the cache `cacheDelayMs` after the last change, once the vault is read and no file waits for remark. */
  private saveCacheSoon(): void {
    window.clearTimeout(this.cacheTimer);
    if (this.unloaded || !this.settings.indexCache) return;
    const wait = Math.max(this.cacheDelayMs, this.cacheWrittenAt + this.cacheIntervalMs - Date.now());
    this.cacheTimer = window.setTimeout(() => {
      this.cacheTimer = undefined;
      if (this.ready && this.index.pendingCount() === 0 && this.index.progress.done >= this.index.progress.total) void this.flushCache();
    }, wait);
  }

  /** The cache turned off: its file goes (after any write in flight). */
  private async removeCache(): Promise<void> {
    window.clearTimeout(this.cacheTimer);
    const { adapter } = this.app.vault;
    const file = this.cachePath();
    await this.cacheWrite;
    try {
      if (await adapter.exists(file)) await adapter.remove(file);
    } catch (e) {
      this.warnCache(`the index cache ${file} cannot be removed (${(e as Error).message})`);
    }
  }

  /**
   * Write the cache now if the index changed since the last write, packed in the parse worker while it runs (on
   * the main thread at unload or without one). Failing to write is not an error.
   */
  flushCache(): Promise<void> {
    if (!this.cacheDirty || !this.ready || !this.settings.indexCache) return this.cacheWrite;
    this.cacheDirty = false;
    this.cacheWrittenAt = Date.now();
    const cache = this.index.cache();
    const refiner = this.unloaded ? null : this.workerRefiner();
    const packed = refiner ? refiner.pack(cache).catch(() => pack(cache)) : Promise.resolve(pack(cache));
    this.cacheWrite = this.cacheWrite
      .then(() => packed)
      .then((bytes) => writeCache(this.app.vault.adapter, this.cachePath(), bytes))
      .catch((e: Error) => this.warnCache(`the index cache ${this.cachePath()} cannot be written (${e.message})`));
    return this.cacheWrite;
  }

  /** Settles when the vault reads started so far are done (starting none). */
  whenIndexed(): Promise<void> {
    return this.indexRun;
  }

  /** Read every Markdown file, one run at a time; a second call runs after the one in progress. */
  indexVault(): Promise<void> {
    this.indexRun = this.indexRun.then(() => this.readVault());
    return this.indexRun;
  }

  /** Yields between batches so start-up never blocks; the views show "indexing n/N" meanwhile. */
  private async readVault(): Promise<void> {
    if (this.unloaded) return;
    const files = this.app.vault.getMarkdownFiles();
    this.index.clear();
    this.index.progress = { done: 0, total: files.length };
    const cached = !this.ready && (await this.restoreCache());
    if (this.unloaded) return;
    // Yield after 50 files read or 2,000 taken from the cache.
    let work = 0;
    let read = 0;
    for (const file of files) {
      // The stat before the read: a file changed in between is newer than its stat, and read again next time.
      const stat: FileStat = statAt(file.stat.size, file.stat.mtime, Date.now());
      if (cached && this.index.setCached(file.path, stat)) work += 1;
      else if (!this.index.mayBePlan(file.path)) work += 1;
      else {
        read++;
        const text = await this.app.vault.cachedRead(file);
        if (this.unloaded) return;
        this.index.set(file.path, text, false, stat);
        work += 40;
      }
      this.index.progress.done++;
      if (work >= 2000) {
        work = 0;
        this.changed();
        await new Promise((r) => window.setTimeout(r, 0));
      }
    }
    const unchanged = cached && read === 0 && this.index.restored();
    if (!this.ready) {
      this.ready = true;
      this.registerEvent(this.app.vault.on('create', (f) => void this.reread(f)));
      this.registerEvent(this.app.vault.on('modify', (f) => void this.reread(f)));
      this.registerEvent(this.app.vault.on('delete', (f) => (this.index.delete(f.path), this.changed())));
      this.registerEvent(
        this.app.vault.on('rename', (f, old) => {
          this.index.delete(old);
          void this.reread(f);
        }),
      );
      this.registerEvent(this.app.workspace.on('active-leaf-change', () => this.refreshViews(VIEW_ROLLUP)));
    }
    this.changed();
    // Every file came from the cache and none is gone: the cache on disk is already this index.
    if (unchanged) this.cacheDirty = false;
    this.refineSoon();
  }

  private async reread(f: TAbstractFile): Promise<void> {
    if (!(f instanceof TFile) || f.extension !== 'md') return;
    const stat: FileStat = statAt(f.stat.size, f.stat.mtime, Date.now());
    const text = await this.app.vault.cachedRead(f);
    if (this.unloaded) return;
    this.index.set(f.path, text, false, stat);
    this.changed();
    this.refineSoon();
  }

  /**
   * Re-parse the provisional files with remark: in the parse worker when there is one (the views refresh after
   * each batch), else 8 ms per slice, one slice per idle moment (or timer tick), until none is pending.
   */
  private refineSoon(): void {
    if (this.unloaded || this.refineTimer || this.index.pendingCount() === 0) return;
    const refiner = this.workerRefiner();
    if (refiner) return refiner.kick();
    const slice = () => {
      this.refineTimer = undefined;
      if (this.unloaded) return;
      if (this.index.refine(8, () => performance.now()) > 0) this.changed();
      this.refineSoon();
    };
    const idle = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    this.refineTimer = idle
      ? { id: idle.call(window, slice, { timeout: 200 }), idle: true }
      : { id: window.setTimeout(slice, 0), idle: false };
  }

  private workerRefiner(): WorkerRefiner | null {
    if (this.refiner !== undefined) return this.refiner;
    let worker: WorkerLike | null = null;
    try {
      worker = this.makeWorker();
    } catch (e) {
      console.warn(`Plansight: no parse worker (${(e as Error).message}); refining on the main thread`);
    }
    this.refiner = worker
      ? new WorkerRefiner(worker, () => this.index, {
          accepted: () => this.changed(),
          failed: (reason) => {
            console.warn(`Plansight: the parse worker failed (${reason}); refining on the main thread`);
            this.refiner = null;
            this.refineSoon();
          },
          warn: (message) => console.warn(`Plansight: ${message}`),
        })
      : null;
    return this.refiner;
  }

  private stopRefining(): void {
    this.refiner?.stop();
    this.refiner = undefined;
    const t = this.refineTimer;
    this.refineTimer = undefined;
    if (!t) return;
    if (t.idle) (window as { cancelIdleCallback?: (id: number) => void }).cancelIdleCallback?.call(window, t.id);
    else window.clearTimeout(t.id);
  }

  /** Subscribe to model changes (views, code blocks); returns the unsubscribe. */
  onModelChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Coalesce bursts of changes into one refresh of every view; `persist`: the change is one the cache should keep. */
  changed(persist = true): void {
    window.clearTimeout(this.notifyTimer);
    if (this.unloaded) return;
    if (persist) {
      this.cacheDirty = true;
      this.saveCacheSoon();
    }
    this.notifyTimer = window.setTimeout(() => {
      for (const type of [VIEW_GRAPH, VIEW_ROLLUP, VIEW_DIAGNOSTICS]) this.refreshViews(type);
      for (const cb of this.listeners) cb();
    }, 300);
  }

  private refreshViews(type: string): void {
    for (const leaf of this.app.workspace.getLeavesOfType(type)) {
      const view = leaf.view as unknown as { refresh?: () => void };
      view.refresh?.();
    }
  }

  progressText(): string {
    const { done, total } = this.index.progress;
    if (done < total) return `Indexing ${done}/${total}…`;
    const pending = this.index.pendingCount();
    return `${this.index.paths().length} plan files${pending ? ` (refining, ${pending} left)` : ''}`;
  }

  payload(): ViewModelPayload {
    const model = this.index.model();
    const a = this.index.analysis();
    return { graph: a.graph, rollups: a.rollups, actors: Object.fromEntries(model.actors.map((x) => [x.id, x.name])) };
  }

  async saveSettings(reindex = false): Promise<void> {
    await this.saveData(this.settings);
    if (!this.settings.indexCache) await this.removeCache();
    if (reindex) {
      this.index.options = this.indexOptions();
      await this.indexVault();
    }
  }

  async showView(type: string, where: 'tab' | 'right'): Promise<void> {
    const { workspace } = this.app;
    let leaf: WorkspaceLeaf | null = workspace.getLeavesOfType(type)[0] ?? null;
    if (!leaf) {
      leaf = where === 'right' ? workspace.getRightLeaf(false) : workspace.getLeaf('tab');
      if (!leaf) return;
      await leaf.setViewState({ type, active: true });
    }
    await workspace.revealLeaf(leaf);
  }

  async openAt(path: string, line: number): Promise<void> {
    const file = this.app.vault.getAbstractFileByPath(path);
    if (!(file instanceof TFile)) {
      new Notice(`Plansight: ${path} is not in the vault`);
      return;
    }
    await this.app.workspace.getLeaf(false).openFile(file, { eState: { line: Math.max(0, line - 1) } });
  }

  /** Compute edits for an action on a file and write them back (editor transaction or Vault.process). */
  async act(path: string, action: EditAction, status?: Status, line?: number): Promise<boolean> {
    const text = await currentText(this.app, path);
    if (text === null) {
      new Notice(`Plansight: ${path} is not in the vault`);
      return false;
    }
    try {
      let edits =
        action.type === 'set-status' && status && line
          ? statusEdits(path, text, line, status)
          : editsFor(path, text, this.index.model(), action, { vocabulary: this.index.options.vocabulary! });
      if (action.type === 'new-day' && this.settings.newDayTemplate !== DEFAULT_SETTINGS.newDayTemplate) {
        const heading = newDayHeading(this.settings.newDayTemplate, action.date);
        edits = edits.map((e) => ({ ...e, text: withNewDayHeading(e.text, heading) }));
      }
      return await writeEdits(this.app, path, edits);
    } catch (e) {
      new Notice(`Plansight: ${(e as Error).message}`);
      return false;
    }
  }

  async handleViewMessage(m: ViewMessage): Promise<void> {
    if (m.type === 'open') await this.openAt(m.file, m.line);
    else if (m.type === 'toggle') await this.act(m.file, { type: 'toggle', line: m.line });
    else if (m.type === 'set-status') await this.act(m.file, { type: 'set-status', line: m.line, status: m.status }, m.status, m.line);
  }

  private cursor(): { path: string; line: number } | null {
    const view = this.app.workspace.getActiveViewOfType(MarkdownView);
    if (!view?.file) return null;
    return { path: view.file.path, line: view.editor.getCursor().line + 1 };
  }

  private setStatusAtCursor(status: Status): void {
    const at = this.cursor();
    if (at) void this.act(at.path, { type: 'set-status', line: at.line, status }, status, at.line);
  }

  private addCommands(): void {
    this.addCommand({
      id: 'set-status',
      name: 'Set status of the item at the cursor',
      editorCallback: () => new StatusSuggestModal(this.app, (s) => this.setStatusAtCursor(s)).open(),
    });
    this.addCommand({ id: 'mark-done', name: 'Mark the item at the cursor done', editorCallback: () => this.setStatusAtCursor('done') });
    this.addCommand({
      id: 'add-blocker',
      name: 'Add a blocker',
      editorCallback: () => {
        const at = this.cursor();
        if (!at) return;
        const reports = this.index.model().statusReports.filter((r) => r.file === at.path && r.line <= at.line);
        const report = reports.sort((a, b) => b.line - a.line)[0];
        if (!report) {
          new Notice(`Plansight: ${at.path}:${at.line}: put the cursor under a worker heading of a daily status`);
          return;
        }
        new BlockerModal(this.app, report.actor, (text, ref) =>
          void this.act(at.path, { type: 'add-blocker', actor: report.actor, text, ...(ref ? { ref } : {}) }),
        ).open();
      },
    });
    this.addCommand({
      id: 'new-day',
      name: 'Start a new day in DAILY_STATUS.md',
      callback: () => void this.act(this.settings.dailyStatusPath, { type: 'new-day', date: today() }),
    });
    this.addCommand({ id: 'show-graph', name: 'Show dependency graph', callback: () => void this.showView(VIEW_GRAPH, 'tab') });
    this.addCommand({ id: 'show-rollup', name: 'Show checklist rollup', callback: () => void this.showView(VIEW_ROLLUP, 'right') });
    this.addCommand({
      id: 'who-owns',
      name: 'Who owns the file under the cursor',
      callback: () => {
        const file = this.app.workspace.getActiveFile();
        if (!file) return;
        const owners = ownersOf(this.index.model(), file.path);
        new Notice(
          owners.length
            ? `${file.path}:\n${owners.map((o) => `${o.actor} (${o.mode}, ${o.pattern} — ${o.file}:${o.line})`).join('\n')}`
            : `${file.path}: no ownership rule matches`,
        );
      },
    });
    this.addCommand({ id: 'check-plans', name: 'Check plans', callback: () => void this.showView(VIEW_DIAGNOSTICS, 'tab') });
    this.addCommand({
      id: 'repair-mojibake',
      name: 'Repair mojibake in this file',
      callback: async () => {
        const file = this.app.workspace.getActiveFile();
        if (!file) return;
        const text = await currentText(this.app, file.path);
        if (text === null) return;
        const edits = editsFor(file.path, text, this.index.model(), { type: 'repair-mojibake' });
        if (!edits.length) {
          new Notice(`Plansight: ${file.path} has no mojibake`);
          return;
        }
        new RepairModal(this.app, file.path, text, edits, () => void writeEdits(this.app, file.path, edits)).open();
      },
    });
  }
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
