import type { Actor, PlanFile, PlanModel, WorkItem } from '../model.js';
import type { ParseOptions } from '../parse/context.js';
import { parsePlan } from '../parse/parsePlan.js';
import { append, appendFileParts, buildModel, emptyModel } from '../model/buildModel.js';
import { fastBlocks } from '../fast/blocks.js';
import { BoundedSectionCache } from './sectionCache.js';
import { hashText } from './hash.js';
import { parseOutline, planSignal } from './planSignal.js';

/**
 * The incremental vault index the hosts keep: files in, one model out. Pure: the host reads files, watches
 * them, schedules work (a pause after typing, a worker) and stores snapshots; the index only parses and
 * remembers.
 *
 * - `set` parses with the fast pass at once: the model is usable (provisional) immediately.
 * - `refine` re-parses pending files with remark (accurate), through a section cache shared by all files;
 *   hosts call it after a pause, or parse in a worker and hand results back with `accept`.
 * - Files whose provisional parse found no plan element at all are final at once: the fast pass and remark
 *   agree on their blocks (the differential test), so remark would find nothing either. Files without any plan
 *   signal (`planSignal`) are read for their outline only.
 * - `snapshot`/`restore` give a serialisable cache keyed by path + size + mtime + content hash. The snapshot
 *   also carries what `buildModel` added (merged actors, cross-file links), keyed by `modelKey`: an index
 *   restored with exactly the same files assembles the model without building it.
 */
export interface FileStat {
  size: number;
  mtime: number;
  /**
   * Seen so soon after its mtime (`RACY_MS`) that an edit in the same clock tick, keeping the size, would leave this
   * stat as it is: a cache entry with it is confirmed by content, never by stat (git's "racy clean" rule).
   */
  racy?: true;
}

/** The widest mtime tick a file system may have (FAT's two seconds), in ms. */
export const RACY_MS = 2_000;

/** A file's size and mtime as seen at `now` (ms, the clock mtimes are in), marked racy when the mtime is that recent. */
export function statAt(size: number, mtime: number, now: number): FileStat {
  return now - mtime < RACY_MS ? { size, mtime, racy: true } : { size, mtime };
}

export type Accuracy = 'provisional' | 'accurate';

export interface IndexEntry {
  path: string;
  /** Content hash (absent for entries restored from a snapshot without one, and fast results given without their text). */
  hash?: string;
  /** Text length in UTF-16 units. */
  length: number;
  stat?: FileStat;
  accuracy: Accuracy;
  file: PlanFile;
}

export interface SnapshotEntry {
  path: string;
  size: number;
  mtime: number;
  /** The stat was racy when the file was read (`FileStat.racy`): only the hash confirms this entry. */
  racy?: true;
  hash: string;
  file: PlanFile;
}

export interface IndexSnapshot {
  /** Bumped when the model or the parser changes: an older snapshot is ignored. */
  version: string;
  entries: SnapshotEntry[];
  /** The vault model built over exactly these entries, so that an unchanged vault skips `buildModel`. */
  model?: ModelSnapshot;
}

/**
 * What `buildModel` added to the parsed files: the merged actors, and the items that gained cross-file links
 * (by file path and item index). Everything else in the model is the entries' own arrays, concatenated.
 */
export interface ModelSnapshot {
  /** `modelKey` of the entries it was built from. */
  key: string;
  actors: Actor[];
  links: { path: string; items: [index: number, dependsOn: string[], blocks: string[]][] }[];
}

export interface VaultIndexOptions {
  parse?: ParseOptions;
  /** Sections kept in the shared remark cache. */
  maxSections?: number;
  /** Which provisional results still need remark. Default: files in which the fast pass found plan elements. */
  needsAccurate?: (provisional: PlanFile) => boolean;
  /** Snapshot format version; hosts pass their build id so that a new parser invalidates old caches. */
  version?: string;
  /** Content hash; hosts with a native hash (node:crypto) pass it. Default: `hashText`. */
  hash?: (text: string) => string;
}

export const SNAPSHOT_VERSION = 'plansight-index-2';

/** A file with nothing a plan is made of: no actors, items, gates, ownership, status, dependencies or tasks. */
export function hasPlanContent(f: PlanFile): boolean {
  return (
    f.kind !== 'other' ||
    f.actors.length > 0 ||
    f.items.length > 0 ||
    f.gates.length > 0 ||
    f.ownership.length > 0 ||
    f.statusReports.length > 0 ||
    f.dependencies.length > 0 ||
    f.references.length > 0 ||
    f.checkboxes.total > 0 ||
    f.diagnostics.length > 0
  );
}

export function parseProvisional(path: string, text: string, options: ParseOptions = {}): PlanFile {
  return parsePlan(path, text, options, { blocks: fastBlocks });
}

export class VaultIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly texts = new Map<string, string>();
  private readonly cached = new Map<string, SnapshotEntry>();
  readonly sections: BoundedSectionCache;
  private memo: PlanModel | null = null;
  private restoredModel: ModelSnapshot | null = null;
  private memoRestored = false;
  private readonly options: VaultIndexOptions;
  private readonly needsAccurate: (f: PlanFile) => boolean;
  private readonly hash: (text: string) => string;

  constructor(options: VaultIndexOptions = {}) {
    this.options = options;
    this.hash = options.hash ?? hashText;
    this.sections = new BoundedSectionCache(options.maxSections);
    this.needsAccurate = options.needsAccurate ?? hasPlanContent;
  }

  /** Load a persistent snapshot: its entries are used by `set`/`setCached` when path, size and mtime (or hash) match. */
  restore(snapshot: IndexSnapshot | null | undefined): number {
    if (!snapshot || snapshot.version !== (this.options.version ?? SNAPSHOT_VERSION) || !Array.isArray(snapshot.entries)) return 0;
    for (const e of snapshot.entries) this.cached.set(e.path, e);
    this.restoredModel = snapshot.model ?? null;
    this.memo = null;
    return snapshot.entries.length;
  }

  /**
   * Use the snapshot's result for a file without parsing it: when its stat is unchanged (no text needed), or,
   * given the hash of its current text, when the content is unchanged (a touched file). Returns false when the
   * snapshot has nothing valid for it (then parse it: `set`, `setAccurate` or `setParsed`).
   */
  setCached(path: string, stat: FileStat, hash?: string): boolean {
    const c = this.cached.get(path);
    if (!c || c.size !== stat.size) return false;
    if (hash === undefined ? c.racy || c.mtime !== stat.mtime : c.hash !== hash) return false;
    this.texts.delete(path);
    this.put({ path, hash: c.hash, length: -1, stat, accuracy: 'accurate', file: c.file });
    return true;
  }

  /**
   * Take every snapshot entry the index does not hold yet, as is (accurate, with the snapshot's stat), so that a
   * host can show the cached model before it has listed its files; `keep` filters by path. Returns the paths taken.
   * The host then confirms each (`setCached`), reads it again (`set`), or deletes it when the file is gone.
   */
  adoptCached(keep: (path: string) => boolean = () => true): string[] {
    const taken: string[] = [];
    for (const c of this.cached.values()) {
      if (this.entries.has(c.path) || !keep(c.path)) continue;
      this.texts.delete(c.path);
      this.put({ path: c.path, hash: c.hash, length: -1, stat: c.racy ? { size: c.size, mtime: c.mtime, racy: true } : { size: c.size, mtime: c.mtime }, accuracy: 'accurate', file: c.file });
      taken.push(c.path);
    }
    return taken;
  }

  /** Snapshot entries for paths the index does not hold (files deleted since the snapshot was taken). */
  staleCached(): number {
    let n = 0;
    for (const p of this.cached.keys()) if (!this.entries.has(p)) n++;
    return n;
  }

  /**
   * Add or replace a file. Parses provisionally at once unless the snapshot or the current entry already has it.
   * `signal`: what `planSignal` said of this text, when the caller already asked (it is not scanned again).
   */
  set(path: string, text: string, stat?: FileStat, signal?: boolean): IndexEntry {
    const hash = this.hash(text);
    const current = this.entries.get(path);
    if (current && current.hash === hash) {
      if (stat) current.stat = stat;
      if (current.accuracy === 'provisional') this.texts.set(path, text);
      return current;
    }
    const c = this.cached.get(path);
    if (c && c.hash === hash && (!stat || c.size === stat.size)) {
      return this.put({ path, hash, length: text.length, stat: stat ?? { size: c.size, mtime: c.mtime }, accuracy: 'accurate', file: c.file });
    }
    const outline = !(signal ?? planSignal(text));
    const file = outline ? parseOutline(path, text, this.options.parse) : parseProvisional(path, text, this.options.parse);
    const accurate = outline || !this.needsAccurate(file);
    if (!accurate) this.texts.set(path, text);
    else this.texts.delete(path);
    const entry: IndexEntry = { path, hash, length: text.length, accuracy: accurate ? 'accurate' : 'provisional', file };
    if (stat) entry.stat = stat;
    return this.put(entry);
  }

  /** Parse a file with remark now (the editor's open file after a pause). */
  setAccurate(path: string, text: string, stat?: FileStat): IndexEntry {
    const file = parsePlan(path, text, this.options.parse, { cache: this.sections });
    this.texts.delete(path);
    const entry: IndexEntry = { path, hash: this.hash(text), length: text.length, accuracy: 'accurate', file };
    if (stat) entry.stat = stat;
    return this.put(entry);
  }

  /**
   * A fast-pass result computed elsewhere (a worker): `outline` when the text had no plan signal (then it is final,
   * as `set` would keep it). A plan file with plan content stays provisional, pending remark when its text is given.
   */
  setFast(path: string, file: PlanFile, outline: boolean, stat?: FileStat, text?: string): IndexEntry {
    const accurate = outline || !this.needsAccurate(file);
    if (!accurate && text !== undefined) this.texts.set(path, text);
    else this.texts.delete(path);
    const entry: IndexEntry = { path, accuracy: accurate ? 'accurate' : 'provisional', file, length: text?.length ?? -1 };
    if (text !== undefined) entry.hash = this.hash(text);
    if (stat) entry.stat = stat;
    return this.put(entry);
  }

  /** An accurate result computed elsewhere (a worker) for a file given whole: `hash` is its text's hash. */
  setParsed(path: string, hash: string, file: PlanFile, stat?: FileStat, length = -1): IndexEntry {
    this.texts.delete(path);
    const entry: IndexEntry = { path, hash, length, accuracy: 'accurate', file };
    if (stat) entry.stat = stat;
    return this.put(entry);
  }

  /** An accurate result computed elsewhere (a worker). Ignored when the file changed since (hash differs). */
  accept(path: string, hash: string, file: PlanFile): boolean {
    const e = this.entries.get(path);
    if (!e || e.hash !== hash) return false;
    this.texts.delete(path);
    this.put({ ...e, accuracy: 'accurate', file });
    return true;
  }

  delete(path: string): boolean {
    this.texts.delete(path);
    this.cached.delete(path);
    const had = this.entries.delete(path);
    if (had) this.memo = null;
    return had;
  }

  /**
   * A file moved. With its text it is parsed again under the new path (ids derived from the file name change);
   * without, the old result is moved and every position renamed, and it waits for `set` to be exact again.
   */
  rename(from: string, to: string, text?: string): IndexEntry | undefined {
    const e = this.entries.get(from);
    const pendingText = this.texts.get(from);
    this.delete(from);
    const t = text ?? pendingText;
    if (t !== undefined) return this.set(to, t, e?.stat);
    if (!e) return undefined;
    const file = renamePaths(e.file, from, to);
    return this.put({ ...e, path: to, accuracy: 'provisional', file });
  }

  get(path: string): IndexEntry | undefined {
    return this.entries.get(path);
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }

  /** Files still waiting for remark, with their text (for a worker). */
  pending(): { path: string; hash: string; text: string }[] {
    const out: { path: string; hash: string; text: string }[] = [];
    for (const [path, text] of this.texts) {
      const e = this.entries.get(path);
      if (e && e.accuracy === 'provisional') out.push({ path, hash: (e.hash ??= this.hash(text)), text });
    }
    return out;
  }

  progress(): { accurate: number; total: number } {
    let accurate = 0;
    for (const e of this.entries.values()) if (e.accuracy === 'accurate') accurate++;
    return { accurate, total: this.entries.size };
  }

  /**
   * Re-parse pending files with remark, in path order, until `budgetMs` is spent (measured with `now`, which
   * the host passes: core reads no clock). Returns how many were refined.
   */
  refine(budgetMs = Infinity, now: () => number = () => 0): number {
    const start = now();
    let n = 0;
    for (const p of this.pending().sort((a, b) => (a.path < b.path ? -1 : 1))) {
      const stat = this.entries.get(p.path)?.stat;
      this.setAccurate(p.path, p.text, stat);
      n++;
      if (now() - start >= budgetMs) break;
    }
    return n;
  }

  /** The vault model over the current files, rebuilt only after a change. Files in path order. */
  model(): PlanModel {
    if (!this.memo) {
      // buildModel copies the items it links across files: the index's own results stay as parsed.
      const sorted = this.sorted();
      const files = sorted.map((e) => e.file);
      const restored = this.restoredModel;
      const reused = restored && restored.key === this.modelKey(sorted) ? assemble(files, restored) : null;
      this.memoRestored = reused !== null;
      this.memo = reused ?? buildModel(files);
    }
    return this.memo;
  }

  /** The current model was taken from the snapshot (its inputs are unchanged), not built. */
  modelRestored(): boolean {
    return this.memo !== null && this.memoRestored;
  }

  /** Identifies the model's inputs: version, then every entry's path and content hash. Null when a hash is unknown. */
  modelKey(sorted: readonly IndexEntry[] = this.sorted()): string | null {
    const parts = [this.options.version ?? SNAPSHOT_VERSION];
    for (const e of sorted) {
      if (e.hash === undefined) return null;
      parts.push(e.path, e.hash);
    }
    return `${sorted.length}:${hashText(parts.join('\0'))}`;
  }

  private sorted(): IndexEntry[] {
    return [...this.entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Accurate entries with a stat, for the persistent cache. Entries whose hash was never needed get it from
   * `textOf` (the host still has the texts); without it they are left out.
   */
  snapshot(textOf?: (path: string) => string | undefined): IndexSnapshot {
    const entries: SnapshotEntry[] = [];
    for (const e of this.entries.values()) {
      if (e.accuracy !== 'accurate' || !e.stat) continue;
      if (e.hash === undefined) {
        const t = textOf?.(e.path);
        if (t === undefined) continue;
        e.hash = this.hash(t);
      }
      entries.push(e.stat.racy ? { path: e.path, size: e.stat.size, mtime: e.stat.mtime, racy: true, hash: e.hash, file: e.file } : { path: e.path, size: e.stat.size, mtime: e.stat.mtime, hash: e.hash, file: e.file });
    }
    const snapshot: IndexSnapshot = { version: this.options.version ?? SNAPSHOT_VERSION, entries };
    // The model is kept only when the snapshot holds every file it was built from.
    const key = this.memo && entries.length === this.entries.size ? this.modelKey() : null;
    if (this.memo && key) snapshot.model = { key, actors: this.memo.actors, links: linksOf(this.sorted(), this.memo) };
    return snapshot;
  }

  private put(e: IndexEntry): IndexEntry {
    this.entries.set(e.path, e);
    this.memo = null;
    return e;
  }
}

/** The items `buildModel` copied to add links, per file (the model's files are in the entries' sorted order). */
function linksOf(sorted: readonly IndexEntry[], model: PlanModel): ModelSnapshot['links'] {
  const out: ModelSnapshot['links'] = [];
  sorted.forEach((e, n) => {
    const built = model.files[n];
    if (!built || built === e.file) return;
    const items: ModelSnapshot['links'][number]['items'] = [];
    built.items.forEach((it, k) => {
      if (it !== e.file.items[k]) items.push([k, it.dependsOn, it.blocks]);
    });
    out.push({ path: e.path, items });
  });
  return out;
}

/** `buildModel(files)` from what it added last time (the same inputs); null when the links do not fit the files. */
function assemble(files: readonly PlanFile[], saved: ModelSnapshot): PlanModel | null {
  const links = new Map(saved.links.map((l) => [l.path, l.items] as const));
  const model = emptyModel(saved.actors);
  for (const f of files) {
    const changed = links.get(f.path);
    let built = f;
    if (changed) {
      links.delete(f.path);
      const items: WorkItem[] = f.items.slice();
      for (const [k, dependsOn, blocks] of changed) {
        const it = items[k];
        if (!it) return null;
        items[k] = { ...it, dependsOn, blocks };
      }
      built = { ...f, items };
    }
    model.files.push(built);
    append(model.items, built.items);
    appendFileParts(model, f);
  }
  return links.size ? null : model;
}

function renamePaths(file: PlanFile, from: string, to: string): PlanFile {
  const json = JSON.stringify(file, (key, value: unknown) => ((key === 'file' || key === 'path') && value === from ? to : value));
  return JSON.parse(json) as PlanFile;
}
