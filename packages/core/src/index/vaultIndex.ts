import type { PlanFile, PlanModel } from '../model.js';
import type { ParseOptions } from '../parse/context.js';
import { parsePlan } from '../parse/parsePlan.js';
import { buildModel } from '../model/buildModel.js';
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
 * - `snapshot`/`restore` give a serialisable cache keyed by path + size + mtime + content hash.
 */
export interface FileStat {
  size: number;
  mtime: number;
}

export type Accuracy = 'provisional' | 'accurate';

export interface IndexEntry {
  path: string;
  /** Content hash (absent only for entries restored from a snapshot without one). */
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
  hash: string;
  file: PlanFile;
}

export interface IndexSnapshot {
  /** Bumped when the model or the parser changes: an older snapshot is ignored. */
  version: string;
  entries: SnapshotEntry[];
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

export const SNAPSHOT_VERSION = 'plansight-index-1';

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
    return snapshot.entries.length;
  }

  /**
   * Use the snapshot's result for a file whose stat is unchanged, without its text. Returns false when the
   * snapshot has nothing valid for it (then call `set` with the text).
   */
  setCached(path: string, stat: FileStat): boolean {
    const c = this.cached.get(path);
    if (!c || c.size !== stat.size || c.mtime !== stat.mtime) return false;
    this.put({ path, hash: c.hash, length: -1, stat, accuracy: 'accurate', file: c.file });
    return true;
  }

  /** Add or replace a file. Parses provisionally at once unless the snapshot or the current entry already has it. */
  set(path: string, text: string, stat?: FileStat): IndexEntry {
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
    const outline = !planSignal(text);
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
      const files = [...this.entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((e) => e.file);
      this.memo = buildModel(files);
    }
    return this.memo;
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
      entries.push({ path: e.path, size: e.stat.size, mtime: e.stat.mtime, hash: e.hash, file: e.file });
    }
    return { version: this.options.version ?? SNAPSHOT_VERSION, entries };
  }

  private put(e: IndexEntry): IndexEntry {
    this.entries.set(e.path, e);
    this.memo = null;
    return e;
  }
}

function renamePaths(file: PlanFile, from: string, to: string): PlanFile {
  const json = JSON.stringify(file, (key, value: unknown) => ((key === 'file' || key === 'path') && value === from ? to : value));
  return JSON.parse(json) as PlanFile;
}
