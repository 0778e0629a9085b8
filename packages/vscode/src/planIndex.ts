/**
 * The plan files the extension knows: core's incremental VaultIndex (fast provisional parse at once, remark refine
 * after a pause) behind a tiny interface, plus the analysis of its model. Pure: no vscode here.
 */
import {
  analyze,
  hasPlanContent,
  VaultIndex,
  type Analysis,
  type AnalysisOptions,
  type ParseOptions,
  type PlanFile,
  type PlanModel,
} from '@plansight/core';

export interface PlanIndex {
  /** Parse `text` as `path`; returns whether the index changed (a file with nothing plan-like is dropped). */
  update(path: string, text: string, accurate?: boolean): boolean;
  remove(path: string): boolean;
  get(path: string): PlanFile | undefined;
  paths(): string[];
  /** Re-parse provisional files with remark until `budgetMs` is spent; returns how many were refined. */
  refine(budgetMs: number, now: () => number): number;
  pending(): number;
  model(): PlanModel;
  analysis(): Analysis;
}

/** A markdown file is a plan when the parser found anything a plan is made of (core's own test). */
export const looksLikePlan = hasPlanContent;

export class CorePlanIndex implements PlanIndex {
  private readonly index: VaultIndex;
  private cached: { model: PlanModel; analysis: Analysis } | undefined;

  constructor(
    parseOptions: ParseOptions = {},
    private readonly analysisOptions: AnalysisOptions = {},
  ) {
    this.index = new VaultIndex({ parse: parseOptions });
  }

  update(path: string, text: string, accurate = false): boolean {
    const before = this.index.get(path);
    const entry = accurate ? this.index.setAccurate(path, text) : this.index.set(path, text);
    if (looksLikePlan(entry.file)) return entry !== before;
    this.index.delete(path);
    return before !== undefined;
  }

  remove(path: string): boolean {
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
}
