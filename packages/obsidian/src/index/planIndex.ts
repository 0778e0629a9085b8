import { analyze, matchesPattern, VaultIndex, type Analysis, type PlanFile, type PlanModel, type StatusVocabulary, type EstimateMapping } from '@plansight/core';

export interface IndexOptions {
  /** Folders or globs; empty means "looks like a plan". */
  planFolders: string[];
  vocabulary?: StatusVocabulary;
  estimates?: EstimateMapping;
}

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
  set(path: string, text: string, accurate = false): boolean {
    if (!isPlanPath(path, text, this.opts.planFolders)) {
      this.index.delete(path);
      return false;
    }
    if (accurate) this.index.setAccurate(path, text);
    else this.index.set(path, text);
    return true;
  }

  delete(path: string): void {
    this.index.delete(path);
  }

  rename(from: string, to: string, text: string): void {
    this.index.delete(from);
    this.set(to, text);
  }

  has(path: string): boolean {
    return this.index.get(path) !== undefined;
  }

  paths(): string[] {
    return this.index.paths().sort();
  }

  clear(): void {
    this.index = this.newIndex();
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

  analysis(): Analysis {
    const model = this.index.model();
    if (this.cachedAnalysis?.model !== model) {
      this.cachedAnalysis = { model, analysis: analyze(model, this.opts.estimates ? { estimates: this.opts.estimates } : {}) };
    }
    return this.cachedAnalysis.analysis;
  }

  private newIndex(): VaultIndex {
    return new VaultIndex(this.opts.vocabulary ? { parse: { vocabulary: this.opts.vocabulary } } : {});
  }
}
