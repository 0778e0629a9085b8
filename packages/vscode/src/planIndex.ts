/**
 * The plan files the extension knows: core's incremental VaultIndex (fast provisional parse at once, remark refine
 * after a pause) behind a tiny interface, plus the analysis of its model, and the persistent cache of both: the
 * snapshot of the plan files and the stat of the files read and found not to be plans. Pure: no vscode here.
 */
import {
  analyze,
  hashText,
  hasPlanContent,
  indexCacheKey,
  indexCacheOf,
  NonPlanFiles,
  VaultIndex,
  type Analysis,
  type AnalysisOptions,
  type FileStat,
  type IndexCache,
  type ParseOptions,
  type PlanFile,
  type PlanModel,
} from '@plansight/core';

export interface PlanIndex {
  /**
   * Parse `text` as `path`; returns whether the index changed (a file with nothing plan-like is dropped). `stat`:
   * the file's on disk when `text` was read from it (what the persistent cache is keyed by).
   */
  update(path: string, text: string, accurate?: boolean, stat?: FileStat): boolean;
  remove(path: string): boolean;
  get(path: string): PlanFile | undefined;
  paths(): string[];
  /** Re-parse provisional files with remark until `budgetMs` is spent; returns how many were refined. */
  refine(budgetMs: number, now: () => number): number;
  pending(): number;
  model(): PlanModel;
  analysis(): Analysis;
  /** Take a persistent cache; false (nothing taken) when it was made under another key. */
  restore(cache: IndexCache): boolean;
  /**
   * Put every plan file of the restored cache that `keep` accepts into the index now, before the files are listed
   * (each is then confirmed with `setCached`, read again, or removed); returns the paths taken.
   */
  adoptCached(keep?: (path: string) => boolean): string[];
  /** Remove the files `adoptCached` took that nothing has confirmed, read or removed since; returns their paths. */
  dropUnconfirmed(): string[];
  /** Use the restored cache for a file whose size and mtime are unchanged; false when it must be read. */
  setCached(path: string, stat: FileStat): boolean;
  /** What to write to the persistent cache: accurate plan files and non-plan files, each with its stat. */
  cache(): IndexCache;
}

/** A markdown file is a plan when the parser found anything a plan is made of (core's own test). */
export const looksLikePlan = hasPlanContent;

export class CorePlanIndex implements PlanIndex {
  private readonly index: VaultIndex;
  private cached: { model: PlanModel; analysis: Analysis } | undefined;
  /** Files read and found not to be plans, and those the restored cache lists. */
  private readonly others = new NonPlanFiles();
  /** The hash and stat of each plan file as last read from disk, so that an editor's text equal to it keeps the stat. */
  private readonly disk = new Map<string, { hash: string; stat: FileStat }>();
  /** Plan files taken from the restored cache before the files were listed, not confirmed yet. */
  private readonly adopted = new Set<string>();
  /** The persistent cache's key: the build, the snapshot format and the vocabulary (what parsing depends on). */
  readonly cacheKey: string;

  constructor(
    parseOptions: ParseOptions = {},
    private readonly analysisOptions: AnalysisOptions = {},
    build = 'dev',
  ) {
    this.cacheKey = indexCacheKey(build, [parseOptions.vocabulary ?? null]);
    this.index = new VaultIndex({ parse: parseOptions, version: this.cacheKey });
  }

  update(path: string, text: string, accurate = false, stat?: FileStat): boolean {
    this.adopted.delete(path);
    const before = this.index.get(path);
    const known = stat ?? this.diskStat(path, text);
    const entry = accurate ? this.index.setAccurate(path, text, known) : this.index.set(path, text, known);
    if (looksLikePlan(entry.file)) {
      this.others.delete(path);
      if (stat && entry.hash !== undefined) this.disk.set(path, { hash: entry.hash, stat });
      // The text on disk no longer is the one parsed: the entry is left out of the cache until read again.
      else if (!known && entry.stat) delete entry.stat;
      return entry !== before;
    }
    this.disk.delete(path);
    this.index.delete(path);
    // An editor's text that is not a plan leaves the disk's file what it was read as (not a plan, same stat).
    this.others.set(path, stat ?? (before ? undefined : this.others.get(path)));
    return before !== undefined;
  }

  /** The file's stat when `text` is its text on disk (an editor's text of an unchanged or reverted file). */
  private diskStat(path: string, text: string): FileStat | undefined {
    const d = this.disk.get(path);
    return d && d.hash === hashText(text) ? d.stat : undefined;
  }

  remove(path: string): boolean {
    this.adopted.delete(path);
    this.others.delete(path);
    this.disk.delete(path);
    return this.index.delete(path);
  }

  get(path: string): PlanFile | undefined {
    return this.index.get(path)?.file;
  }

  paths(): string[] {
    return this.index.paths();
  }

  refine(budgetMs: number, now: () => number): number {
    return this.index.refine(budgetMs, now);
  }

  pending(): number {
    const p = this.index.progress();
    return p.total - p.accurate;
  }

  model(): PlanModel {
    return this.index.model();
  }

  /** Analysis of the current model, recomputed only when the model object changes. */
  analysis(): Analysis {
    const model = this.index.model();
    if (this.cached?.model !== model) this.cached = { model, analysis: analyze(model, this.analysisOptions) };
    return this.cached.analysis;
  }

  restore(cache: IndexCache): boolean {
    if (cache.key !== this.cacheKey) return false;
    this.index.restore(cache.snapshot);
    this.others.restore(cache.others);
    return true;
  }

  adoptCached(keep?: (path: string) => boolean): string[] {
    const taken = this.index.adoptCached(keep);
    for (const path of taken) this.adopted.add(path);
    return taken;
  }

  dropUnconfirmed(): string[] {
    const dropped = [...this.adopted];
    for (const path of dropped) this.remove(path);
    return dropped;
  }

  setCached(path: string, stat: FileStat): boolean {
    const adopted = this.adopted.delete(path) ? this.index.get(path) : undefined;
    // Already in the index from the cache with this very stat: kept as it is (the model is not rebuilt).
    if (adopted?.stat && adopted.hash !== undefined && !adopted.stat.racy && adopted.stat.size === stat.size && adopted.stat.mtime === stat.mtime) {
      this.disk.set(path, { hash: adopted.hash, stat });
      return true;
    }
    if (this.index.setCached(path, stat)) {
      this.others.delete(path);
      const hash = this.index.get(path)?.hash;
      if (hash !== undefined) this.disk.set(path, { hash, stat });
      return true;
    }
    return this.others.confirm(path, stat);
  }

  cache(): IndexCache {
    return indexCacheOf(this.cacheKey, this.index, this.others);
  }
}
