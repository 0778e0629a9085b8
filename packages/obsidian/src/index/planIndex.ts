import { analyze, buildModel, matchesPattern, parsePlan, type Analysis, type PlanFile, type PlanModel, type StatusVocabulary, type EstimateMapping } from '@plansight/core';

export interface IndexOptions {
  /** Folders or globs; empty means "looks like a plan". */
  planFolders: string[];
  vocabulary?: StatusVocabulary;
  estimates?: EstimateMapping;
}

const PLAN_SIGNS: RegExp[] = [
  /^#{1,6}\s.*\b(worker|agent|team)\s*\d/im,
  /^#{1,6}\s.*\b(daily status|sprint|gate|milestone|phase|round|week \d)/im,
  /^\s*[-*]\s+(✅|🔄|❌|⏳|🎯|âœ…|ðŸ”„)/m,
  /\b(depends on|dependencies|blocked by|blocks)\s*:/i,
  /\bIssue #\d+|\b[A-Z]{1,3}\d{0,3}-\d{3}\b/,
  /^\s*[-*]\s+\[[ xX/]\]\s/m,
];

/** A file counts as a plan when it is DAILY_STATUS.md or shows at least two different plan signs. */
export function looksLikePlan(path: string, text: string): boolean {
  if (/(^|\/)DAILY_STATUS\.md$/i.test(path)) return true;
  let signs = 0;
  for (const re of PLAN_SIGNS) if (re.test(text) && ++signs >= 2) return true;
  return false;
}

export function isPlanPath(path: string, text: string, folders: readonly string[]): boolean {
  if (!path.toLowerCase().endsWith('.md')) return false;
  if (/(^|\/)DAILY_STATUS\.md$/i.test(path)) return true;
  if (folders.length === 0) return looksLikePlan(path, text);
  return folders.some((f) => (f.endsWith('/') ? path.startsWith(f) : matchesPattern(f, path)));
}

/**
 * The vault's plans, updated file by file. Host-agnostic: the plugin feeds it vault events. The model and the
 * analysis are rebuilt lazily, once per batch of changes.
 */
export class PlanIndex {
  private files = new Map<string, PlanFile>();
  private cachedModel: PlanModel | null = null;
  private cachedAnalysis: Analysis | null = null;
  /** Files seen / files to read, for the "indexing n/N" state. */
  progress = { done: 0, total: 0 };

  constructor(public options: IndexOptions) {}

  /** Returns whether the file is (still) indexed as a plan. */
  set(path: string, text: string): boolean {
    const plan = isPlanPath(path, text, this.options.planFolders);
    if (!plan) {
      if (this.files.delete(path)) this.dirty();
      return false;
    }
    this.files.set(path, parsePlan(path, text, this.options.vocabulary ? { vocabulary: this.options.vocabulary } : {}));
    this.dirty();
    return true;
  }

  delete(path: string): void {
    if (this.files.delete(path)) this.dirty();
  }

  rename(from: string, to: string, text: string): void {
    this.files.delete(from);
    this.set(to, text);
    this.dirty();
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  clear(): void {
    this.files.clear();
    this.dirty();
  }

  model(): PlanModel {
    this.cachedModel ??= buildModel([...this.files.values()].sort((a, b) => a.path.localeCompare(b.path)));
    return this.cachedModel;
  }

  analysis(): Analysis {
    this.cachedAnalysis ??= analyze(this.model(), this.options.estimates ? { estimates: this.options.estimates } : {});
    return this.cachedAnalysis;
  }

  private dirty(): void {
    this.cachedModel = null;
    this.cachedAnalysis = null;
  }
}
