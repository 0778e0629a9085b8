/**
 * Keeps the PlanIndex in step with the workspace: an initial scan of `plansight.planGlobs`, then file-system
 * events and document edits (the open document's text wins while it is dirty). Emits one debounced change event,
 * and `onDidProgress` while a scan reads (indexing n/N) and remark refines what it read (refining k left).
 * With a storage folder and `plansight.indexCache`, a scan first restores the persistent cache: a file whose size
 * and mtime are unchanged is taken from it, unread; the cache is written again after changes once refining is done.
 * A valid cache's plan files are shown at once, before the files are listed; the scan then checks them (the
 * "indexing" item stays up meanwhile) and drops those no longer found.
 */
import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { packIndexCache, statAt, type Analysis, type FileStat, type PlanFile, type PlanModel } from '@plansight/core';
import { cacheStore, readIndexCache, type CacheStore } from './cacheFile.js';
import { CorePlanIndex, type PlanIndex } from './planIndex.js';
import { EXCLUDE_GLOB, readSettings, type PlansightSettings } from './settings.js';
import { toVaultPath } from './convert.js';
import { matchesAny } from './glob.js';
import { IDLE, ProgressThrottle, readWithProgress, type IndexState } from './indexProgress.js';

const decoder = new TextDecoder('utf-8');

/** Local files through node:fs: `workspace.fs` costs the extension host a round trip per file. */
function readUri(uri: vscode.Uri): Thenable<Uint8Array> {
  return uri.scheme === 'file' && typeof uri.fsPath === 'string' ? readFile(uri.fsPath) : vscode.workspace.fs.readFile(uri);
}

async function statUri(uri: vscode.Uri): Promise<FileStat> {
  if (uri.scheme === 'file' && typeof uri.fsPath === 'string') {
    const s = await stat(uri.fsPath);
    return statAt(s.size, Math.floor(s.mtimeMs), Date.now());
  }
  const s = await vscode.workspace.fs.stat(uri);
  return statAt(s.size, s.mtime, Date.now());
}

export interface WorkspaceIndexOptions {
  /** The extension's per-workspace storage folder (`context.storageUri`); without one there is no cache. */
  storage?: vscode.Uri;
  /** The extension build (version, bundle): part of the cache key, so a new parser never serves old results. */
  build?: string;
  /** One line for the extension's log (what the cache did). */
  log?: (line: string) => void;
}

/** A persistent cache read and taken: its entry count, and the plan files shown from it before the listing. */
interface Restored {
  entries: number;
  shown?: { files: number; ms: number };
}

/** From the last change to the cache write: a burst of saves (a git checkout) is written once. */
const CACHE_WRITE_DELAY_MS = 5000;

export class WorkspaceIndex implements vscode.Disposable {
  private index: PlanIndex;
  private settings: PlansightSettings;
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refineTimer: ReturnType<typeof setTimeout> | undefined;
  private readyPromise: Promise<void>;
  readonly onDidChange = this.changed.event;
  private readonly progressChanged = new vscode.EventEmitter<IndexState>();
  /** Throttled: at most every 100 ms while the counts move, at once on a new phase. */
  readonly onDidProgress = this.progressChanged.event;
  private readonly progress = new ProgressThrottle((s) => this.progressChanged.fire(s));
  /** Bumped by every scan; reads of an older scan stop and drop what they read. */
  private generation = 0;
  private latestScan: Promise<void> = Promise.resolve();
  private latestScanGeneration = 0;
  /** True from the end of a scan's reads until remark has refined every file (or stopped). */
  private refiningScan = false;
  /** True while a scan lists and reads: the index is not whole, so it is not written to the cache. */
  private scanning = false;
  /** The persistent cache of the current scan, when on. */
  private cache: CacheStore | undefined;
  /** The index changed since the cache was last written (or read). */
  private cacheDirty = false;
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  private cacheWrite: Promise<void> = Promise.resolve();

  constructor(private readonly options: WorkspaceIndexOptions = {}) {
    this.settings = readSettings();
    this.index = this.newIndex();
    this.disposables.push(
      this.changed,
      this.progressChanged,
      this.progress,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.fromDocument(e.document);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.fromDocument(d)),
      // Saved: the disk has the editor's text again, and its new stat (a watcher event can come while still dirty).
      vscode.workspace.onDidSaveTextDocument((d) => void this.fromDisk(d.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // A dirty buffer closed without saving: the disk is the truth again.
        const path = this.pathOf(d.uri);
        if (path && this.uris.has(path)) void this.fromDisk(d.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('plansight')) void this.rescan();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()),
    );
    this.readyPromise = this.rescan();
  }

  get ready(): Promise<void> {
    return this.readyPromise;
  }

  /** What a scan is doing now, as last shown. */
  get indexing(): IndexState {
    return this.progress.current;
  }

  get config(): PlansightSettings {
    return this.settings;
  }

  model(): PlanModel {
    return this.index.model();
  }

  analysis(): Analysis {
    return this.index.analysis();
  }

  file(path: string): PlanFile | undefined {
    return this.index.get(path);
  }

  paths(): string[] {
    return this.index.paths();
  }

  /** Vault-relative path of a workspace file, or undefined outside the workspace. */
  pathOf(uri: vscode.Uri): string | undefined {
    const folder = this.folderOf(uri);
    if (!folder) return undefined;
    const rel = toVaultPath(vscode.workspace.asRelativePath(uri, false));
    // Several folders: paths start with the folder's name (as VS Code shows them), so two folders' PLAN.md stay two files.
    const folders = vscode.workspace.workspaceFolders ?? [];
    return folders.length > 1 ? `${folderPrefixes(folders)[folder.index] ?? folder.name}/${rel}` : rel;
  }

  /**
   * The path ownership rules are matched against: relative to the file's own folder (plans name `src/…`), the same
   * with one folder or several.
   */
  ownedPathOf(uri: vscode.Uri): string | undefined {
    return this.folderOf(uri) ? toVaultPath(vscode.workspace.asRelativePath(uri, false)) : undefined;
  }

  /** The workspace folder holding a file, text or unsaved document; undefined for anything else. */
  private folderOf(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
    if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote' && uri.scheme !== 'untitled') return undefined;
    return vscode.workspace.getWorkspaceFolder(uri);
  }

  uriOf(path: string): vscode.Uri | undefined {
    const known = this.uris.get(path);
    if (known) return known;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length > 1) {
      // The longest prefix: a folder's name may hold a slash (a name set in the .code-workspace file).
      const prefixes = folderPrefixes(folders);
      let best = -1;
      prefixes.forEach((p, i) => {
        if (path.startsWith(`${p}/`) && (best < 0 || p.length > prefixes[best]!.length)) best = i;
      });
      return best < 0 ? undefined : vscode.Uri.joinPath(folders[best]!.uri, ...path.slice(prefixes[best]!.length + 1).split('/'));
    }
    return folders[0] ? vscode.Uri.joinPath(folders[0].uri, ...path.split('/')) : undefined;
  }

  /** Re-read settings and every matching file; resolves when the newest scan has read everything. */
  rescan(): Promise<void> {
    this.latestScanGeneration = ++this.generation;
    this.latestScan = this.scan(this.generation);
    return this.latestScan;
  }

  /** What a scan that went stale resolves with: the newer scan, or nothing when none started (disposed). */
  private newerScan(generation: number): Promise<void> | undefined {
    return this.latestScanGeneration === generation ? undefined : this.latestScan;
  }

  private async scan(generation: number): Promise<void> {
    const stale = () => generation !== this.generation;
    this.refiningScan = false;
    this.scanning = true;
    const started = Date.now();
    this.progress.set({ phase: 'finding' });
    this.settings = readSettings();
    this.index = this.newIndex();
    this.uris.clear();
    this.cacheDirty = false;
    const restoring = this.restoreCache(this.index).then((r) => (r && !stale() ? this.adoptCached(r, started) : r));
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    const found = new Map<string, vscode.Uri>();
    for (const folder of folders) {
      for (const glob of this.settings.planGlobs) {
        const pattern = new vscode.RelativePattern(folder, glob);
        const uris = await vscode.workspace.findFiles(pattern, EXCLUDE_GLOB);
        if (stale()) return this.newerScan(generation);
        for (const uri of uris) found.set(uri.toString(), uri);
        const watcher = vscode.workspace.createFileSystemWatcher(pattern);
        watcher.onDidCreate((u) => void this.fromDisk(u));
        watcher.onDidChange((u) => void this.fromDisk(u));
        watcher.onDidDelete((u) => this.removeUri(u));
        this.watchers.push(watcher);
      }
    }
    const listed = Date.now() - started;
    const restored = await restoring;
    if (stale()) return this.newerScan(generation);
    const hits = new Set<string>();
    const hit = restored ? (u: vscode.Uri) => void hits.add(u.toString()) : undefined;
    await readWithProgress([...found.values()], (u) => this.fromDisk(u, false, stale, hit), {
      limit: 32,
      cancelled: stale,
      onProgress: (s) => this.progress.set(s),
    });
    if (stale()) return this.newerScan(generation);
    this.scanning = false;
    for (const path of this.index.dropUnconfirmed()) this.uris.delete(path);
    if (restored) {
      const indexed = [...found.values()].filter((u) => this.matches(u));
      const read = indexed.filter((u) => !hits.has(u.toString())).map((u) => this.pathOf(u) ?? u.toString());
      const names = read.length ? `; read ${read.length}: ${read.slice(0, 5).join(', ')}${read.length > 5 ? ', …' : ''}` : '';
      const first = restored.shown === undefined ? '' : `showing ${restored.shown.files} cached plan files after ${restored.shown.ms} ms; `;
      this.log(`restored ${hits.size} of ${indexed.length} files from the index cache in ${Date.now() - started} ms (${first}listing the files ${listed} ms; ${restored.entries - hits.size} cache entries unused${names})`);
      // Files gone since the cache was written: the next write leaves them out.
      if (hits.size < restored.entries) this.markCacheDirty();
    }
    this.refiningScan = true;
    this.showRefining();
    this.fire(0);
  }

  /**
   * Put the restored cache's plan files into the index before the files are listed, and show them at once: the
   * views get the cached model while the scan checks it (`shown`: how many, and when, from the scan's start).
   */
  private adoptCached(restored: Restored, started: number): Restored {
    // An open unsaved document wins: the scan puts its text instead.
    const dirty = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => this.pathOf(d.uri)));
    const taken = this.index.adoptCached((path) => this.matchesPath(path) && !dirty.has(path));
    if (!taken.length) return restored;
    this.index.model(); // built (or assembled from the cache) now: that is when the views can show it
    this.fire(0);
    return { ...restored, shown: { files: taken.length, ms: Date.now() - started } };
  }

  private showRefining(): void {
    if (!this.refiningScan) return;
    const left = this.index.pending();
    if (left) return this.progress.set({ phase: 'refining', left });
    this.refiningScan = false;
    this.progress.set(IDLE);
  }

  private newIndex(): PlanIndex {
    return new CorePlanIndex({ vocabulary: this.settings.vocabulary }, { estimates: this.settings.estimates }, this.options.build);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  /**
   * Load the cache file into `index` (this scan's): how many entries it had, or undefined when there is none to use
   * (off, missing, unreadable, foreign). Never throws: a bad cache is one log line and a cold scan.
   */
  private async restoreCache(index: PlanIndex): Promise<Restored | undefined> {
    const storage = this.options.storage;
    this.cache = storage && this.settings.indexCache ? cacheStore(storage) : undefined;
    if (!this.cache) {
      if (storage && !this.settings.indexCache) await cacheStore(storage).delete().catch(() => undefined);
      return undefined;
    }
    try {
      const cache = await readIndexCache(this.cache);
      if (!cache) return undefined;
      if (!index.restore(cache)) {
        this.log(`index cache ${this.cache.name} was written by another build or with other settings: ignored`);
        return undefined;
      }
      return { entries: cache.snapshot.entries.length + cache.others.length };
    } catch (e) {
      this.log(`index cache ${this.cache.name} cannot be used (${(e as Error).message}): ignored, reading every file`);
      return undefined;
    }
  }

  private markCacheDirty(): void {
    if (!this.cache) return;
    this.cacheDirty = true;
    this.scheduleCacheWrite(CACHE_WRITE_DELAY_MS);
  }

  /** Write after `delay` with no further change, once no scan reads and remark has refined everything. */
  private scheduleCacheWrite(delay: number): void {
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = undefined;
      if (this.scanning || this.index.pending()) return this.scheduleCacheWrite(1000);
      void this.writeCache();
    }, delay);
  }

  /** Write the cache now if it changed since the last write (none while a scan reads). Never rejects. */
  private writeCache(): Promise<void> {
    const store = this.cache;
    if (!store || !this.cacheDirty || this.scanning) return this.cacheWrite;
    this.cacheDirty = false;
    const started = Date.now();
    let bytes: Uint8Array;
    let count: number;
    try {
      const cache = this.index.cache();
      count = cache.snapshot.entries.length + cache.others.length;
      bytes = packIndexCache(cache);
    } catch (e) {
      this.log(`index cache not written: ${(e as Error).message}`);
      return this.cacheWrite;
    }
    // One write at a time, in order: the last one is the newest state.
    this.cacheWrite = this.cacheWrite.then(() =>
      store.write(bytes).then(
        () => this.log(`index cache written: ${count} files, ${bytes.length} bytes in ${Date.now() - started} ms`),
        (e: unknown) => this.log(`index cache ${store.name} not written: ${(e as Error).message}`),
      ),
    );
    return this.cacheWrite;
  }

  /** Write what changed since the last write, now (deactivation). Never rejects. */
  flushCache(): Promise<void> {
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = undefined;
    return this.writeCache();
  }

  private matches(uri: vscode.Uri): boolean {
    const path = this.pathOf(uri);
    return path !== undefined && this.matchesPath(path);
  }

  private matchesPath(path: string): boolean {
    if (/(^|\/)(node_modules|\.git|\.obsidian|\.trash|dist|\.e2e)\//.test(path)) return false;
    return matchesAny(path, this.settings.planGlobs);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  }

  private fromDocument(doc: vscode.TextDocument): void {
    if (!this.matches(doc.uri)) return;
    this.put(doc.uri, doc.getText());
    this.fire();
  }

  /**
   * Read a file into the index. With the cache on, its stat is taken first (a change after it is a miss next time,
   * never a stale hit); `hit`, during a scan with a restored cache: the cache had it unchanged, nothing was read.
   */
  private async fromDisk(uri: vscode.Uri, notify = true, stale: () => boolean = () => false, hit?: (uri: vscode.Uri) => void): Promise<void> {
    if (!this.matches(uri)) return;
    const open = this.openDocument(uri);
    if (open?.isDirty) return void this.put(uri, open.getText());
    let text: string;
    let stat: FileStat | undefined;
    try {
      if (this.cache) stat = await statUri(uri);
      if (stale()) return;
      if (hit && stat && this.fromCache(uri, stat)) return hit(uri);
      text = decoder.decode(await readUri(uri));
    } catch {
      if (!stale()) this.removeUri(uri);
      return;
    }
    if (stale()) return;
    this.put(uri, text, stat);
    if (stat) this.markCacheDirty();
    if (notify) this.fire();
  }

  private fromCache(uri: vscode.Uri, stat: FileStat): boolean {
    const path = this.pathOf(uri);
    if (!path || !this.index.setCached(path, stat)) return false;
    if (this.index.get(path)) this.uris.set(path, uri);
    return true;
  }

  private put(uri: vscode.Uri, text: string, stat?: FileStat): void {
    const path = this.pathOf(uri);
    if (!path) return;
    this.index.update(path, text, false, stat);
    if (this.index.get(path)) this.uris.set(path, uri);
    else this.uris.delete(path);
  }

  private removeUri(uri: vscode.Uri): void {
    const path = this.pathOf(uri);
    if (!path) return;
    const indexed = this.index.remove(path);
    this.markCacheDirty(); // a non-plan file gone leaves the cache too
    if (indexed) {
      this.uris.delete(path);
      this.fire();
    }
  }

  private fire(delay = 150): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.refineTimer) clearTimeout(this.refineTimer);
    this.refineTimer = undefined;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
      this.showRefining(); // a delete or an edit can also bring pending to 0
      this.scheduleRefine();
    }, delay);
  }

  /**
   * After a pause, re-parse provisional files with remark in small slices so the extension host never stalls.
   * Views refresh once at the end (or every few seconds on a big vault), not after every slice.
   */
  private scheduleRefine(delay = 300, since = Date.now()): void {
    if (this.refineTimer || !this.index.pending()) return;
    this.refineTimer = setTimeout(() => {
      this.refineTimer = undefined;
      const refined = this.index.refine(40, () => Date.now());
      if (!refined && this.refiningScan) {
        this.refiningScan = false;
        this.progress.set(IDLE);
      }
      this.showRefining();
      if (!refined) return;
      if (!this.index.pending() || Date.now() - since > 3000) this.fire(0);
      else this.scheduleRefine(10, since);
    }, delay);
  }

  /** Also writes the cache if it changed (`flushCache`; deactivate awaits it). */
  dispose(): void {
    void this.flushCache();
    this.generation++; // a scan still reading stops
    if (this.timer) clearTimeout(this.timer);
    if (this.refineTimer) clearTimeout(this.refineTimer);
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }
}

/**
 * What the paths of each folder start with when there are several: the folder's name, and for a later folder of a
 * name already taken (two repositories' `docs`) that name with ` (2)`, ` (3)`…, so no two folders share a prefix.
 */
export function folderPrefixes(folders: readonly { readonly name: string }[]): string[] {
  const taken = new Set<string>();
  return folders.map(({ name }) => {
    let key = name;
    for (let n = 2; taken.has(key); n++) key = `${name} (${n})`;
    taken.add(key);
    return key;
  });
}
