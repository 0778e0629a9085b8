import {
  analyze,
  hashText,
  indexCacheKey,
  indexCacheOf,
  NonPlanFiles,
  matchesPattern,
  VaultIndex,
  type Analysis,
  type FileStat,
  type IndexCache,
  type PlanFile,
  type PlanModel,
  type StatusVocabulary,
  type EstimateMapping,
} from '@plansight/core';

export interface IndexOptions {
  /** Folders or globs; empty means "looks like a plan". */
  planFolders: string[];
  vocabulary?: StatusVocabulary;
  estimates?: EstimateMapping;
  /** The plugin build (version, parser): part of the persistent cache's key. */
  build?: string;
}

/** The persistent index cache (core's, shared with the VS Code extension). */
export type { IndexCache };

/** The slowest sign on prose comes last: a note with no sign before it cannot reach two, so it is never run there. */
export const PLAN_SIGNS: readonly RegExp[] = [
  /^#{1,6}\s.*\b(worker|agent|team)\s*\d/im,
  /^#{1,6}\s.*\b(daily status|sprint|gate|milestone|phase|round|week \d)/im,
  /^\s*[-*]\s+(✅|🔄|❌|⏳|🎯|âœ…|ðŸ”„)/m,
  /\bIssue #\d+|\b[A-Z]{1,3}\d{0,3}-\d{3}\b/,
  /^\s*[-*]\s+\[[ xX/]\]\s/m,
  /\b(depends on|dependencies|blocked by|blocks)\s*:/i,
];

/** A file counts as a plan when it is DAILY_STATUS.md or shows at least two different plan signs. */
export function looksLikePlan(path: string, text: string): boolean {
  if (/(^|\/)DAILY_STATUS\.md$/i.test(path)) return true;
  let signs = 0;
  for (let i = 0; i < PLAN_SIGNS.length; i++) {
    // Stop as soon as the signs left cannot make two.
    if (signs + PLAN_SIGNS.length - i < 2) return false;
    if (PLAN_SIGNS[i]!.test(text) && ++signs >= 2) return true;
  }
  return false;
}

export function isPlanPath(path: string, text: string, folders: readonly string[]): boolean {
  if (!path.toLowerCase().endsWith('.md')) return false;
  if (/(^|\/)DAILY_STATUS\.md$/i.test(path)) return true;
  if (folders.length === 0) return looksLikePlan(path, text);
  return folders.some((f) => (f.endsWith('/') ? path.startsWith(f) : matchesPattern(f, path)));
}

/**
 * The vault's plans, updated file by file, in core's VaultIndex: `set` parses with the fast pass at once
 * (provisional), `refine` re-parses pending files with remark in time slices the host schedules. Host-agnostic:
 * the plugin feeds it vault events. The model and the analysis are rebuilt lazily, once per batch of changes.
 */
export class PlanIndex {
  private index: VaultIndex;
  private cachedAnalysis: { model: PlanModel; analysis: Analysis } | null = null;
  private opts: IndexOptions;
  /** Files seen / files to read, for the "indexing n/N" state. */
  progress = { done: 0, total: 0 };
  /** Files read and found not to be plans, and those the restored cache lists until the vault has been read. */
  private readonly others = new NonPlanFiles();
  /** Entries in the restored cache, and how many of them `setCached` used. */
  private restoredCount = 0;
  private hits = 0;

  constructor(options: IndexOptions) {
    this.opts = options;
    this.index = this.newIndex();
  }

  get options(): IndexOptions {
    return this.opts;
  }

  /** New options (a new vocabulary) make every parsed file stale: the index starts empty, to be read again. */
  set options(options: IndexOptions) {
    this.opts = options;
    this.clear();
  }

  /**
   * Returns whether the file is (still) indexed as a plan. The fast provisional parse unless `accurate` (the
   * editor's open file, parsed with remark at once).
   */
  set(path: string, text: string, accurate = false, stat?: FileStat): boolean {
    if (!isPlanPath(path, text, this.opts.planFolders)) {
      this.index.delete(path);
      this.others.set(path, stat);
      return false;
    }
    this.others.delete(path);
    if (!stat) {
      // The editor's text, when it is still the file's, keeps the file's stat (and its place in the cache).
      const e = this.index.get(path);
      if (e?.stat && e.hash === hashText(text)) stat = e.stat;
    }
    if (accurate) this.index.setAccurate(path, text, stat);
    else this.index.set(path, text, stat);
    return true;
  }

  /** With plan folders set, whether a path can be a plan does not depend on its text: false means no need to read it. */
  mayBePlan(path: string): boolean {
    const folders = this.opts.planFolders;
    if (folders.length === 0 || /(^|\/)DAILY_STATUS\.md$/i.test(path)) return true;
    return isPlanPath(path, '', folders);
  }

  delete(path: string): void {
    this.index.delete(path);
    this.others.delete(path);
  }

  /** This index's cache key: the build, the snapshot format, and every option that changes what is parsed or kept. */
  cacheKey(): string {
    return indexCacheKey(this.opts.build ?? 'dev', [this.opts.planFolders, this.opts.vocabulary ?? null, PLAN_SIGNS.map(String)]);
  }

  /** Take a persistent cache; false (and nothing taken) when it was made under another key. */
  restore(cache: IndexCache): boolean {
    if (cache.key !== this.cacheKey() || !Array.isArray(cache.others)) return false;
    this.restoredCount = this.index.restore(cache.snapshot) + cache.others.length;
    this.hits = 0;
    this.others.restore(cache.others);
    return true;
  }

  /** Use the restored cache for a file whose size and mtime are unchanged; false when it must be read. */
  setCached(path: string, stat: FileStat): boolean {
    if (!this.index.setCached(path, stat) && !this.others.confirm(path, stat)) return false;
    this.hits++;
    return true;
  }

  /**
   * The vault has been read: forget the restored non-plan entries (the plan entries stay in the VaultIndex, which
   * shares their parsed files with its entries).
   * True when every restored entry was used (no file of the cache is gone).
   */
  restored(): boolean {
    this.others.forgetRestored();
    return this.restoredCount === this.hits;
  }

  /**
   * What to write to the persistent cache: accurate plan files and non-plan files, each with its stat, and the
   * built model (built now if no view asked for it), so that a restart with nothing changed skips `buildModel`.
   */
  cache(): IndexCache {
    return indexCacheOf(this.cacheKey(), this.index, this.others);
  }

  rename(from: string, to: string, text: string, stat?: FileStat): void {
    this.delete(from);
    this.set(to, text, false, stat);
  }

  has(path: string): boolean {
    return this.index.get(path) !== undefined;
  }

  paths(): string[] {
    return this.index.paths().sort();
  }

  clear(): void {
    this.index = this.newIndex();
    this.others.clear();
    this.cachedAnalysis = null;
  }

  /** Re-parse provisional files with remark until `budgetMs` (measured with `now`) is spent; returns how many. */
  refine(budgetMs: number, now: () => number): number {
    return this.index.refine(budgetMs, now);
  }

  /** The provisional files with their text and its hash, for a parse worker. */
  pending(): { path: string; hash: string; text: string }[] {
    return this.index.pending();
  }

  /** A remark parse computed by a worker; ignored (false) when the file changed since it was sent. */
  accept(path: string, hash: string, file: PlanFile): boolean {
    return this.index.accept(path, hash, file);
  }

  /** Files whose provisional result still waits for `refine`. */
  pendingCount(): number {
    const { accurate, total } = this.index.progress();
    return total - accurate;
  }

  /** The vault model, memoised by the VaultIndex until a file changes (or is refined). */
  model(): PlanModel {
    return this.index.model();
  }

  /** The current model was taken from the restored cache (nothing changed), not built. */
  modelRestored(): boolean {
    return this.index.modelRestored();
  }

  analysis(): Analysis {
    const model = this.index.model();
    if (this.cachedAnalysis?.model !== model) {
      this.cachedAnalysis = { model, analysis: analyze(model, this.opts.estimates ? { estimates: this.opts.estimates } : {}) };
    }
    return this.cachedAnalysis.analysis;
  }

  private newIndex(): VaultIndex {
    const version = this.cacheKey();
    return new VaultIndex(this.opts.vocabulary ? { parse: { vocabulary: this.opts.vocabulary }, version } : { version });
  }
}
