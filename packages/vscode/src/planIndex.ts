/**
 * The plan files the extension knows, behind a tiny interface so the core's incremental vault index can replace
 * this Map when it lands. Pure: no vscode here.
 */
import {
  analyze,
  buildModel,
  parsePlan,
  type Analysis,
  type AnalysisOptions,
  type ParseOptions,
  type PlanFile,
  type PlanModel,
} from '@plansight/core';

export interface PlanIndex {
  /** Parse `text` as `path`; returns whether the index changed (a non-plan file is dropped). */
  update(path: string, text: string): boolean;
  remove(path: string): boolean;
  get(path: string): PlanFile | undefined;
  paths(): string[];
  model(): PlanModel;
  analysis(): Analysis;
}

/** A markdown file is a plan when the parser recognised its kind or found anything plan-shaped in it. */
export function looksLikePlan(f: PlanFile): boolean {
  return (
    f.kind !== 'other' ||
    f.items.length > 0 ||
    f.gates.length > 0 ||
    f.statusReports.length > 0 ||
    f.ownership.length > 0 ||
    f.checkboxes.total > 0 ||
    f.dependencies.length > 0
  );
}

export class MapPlanIndex implements PlanIndex {
  private readonly files = new Map<string, PlanFile>();
  private cachedModel: PlanModel | undefined;
  private cachedAnalysis: Analysis | undefined;

  constructor(
    private readonly parseOptions: ParseOptions = {},
    private readonly analysisOptions: AnalysisOptions = {},
  ) {}

  update(path: string, text: string): boolean {
    const parsed = parsePlan(path, text, this.parseOptions);
    if (!looksLikePlan(parsed)) return this.remove(path);
    this.files.set(path, parsed);
    this.invalidate();
    return true;
  }

  remove(path: string): boolean {
    if (!this.files.delete(path)) return false;
    this.invalidate();
    return true;
  }

  get(path: string): PlanFile | undefined {
    return this.files.get(path);
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  model(): PlanModel {
    return (this.cachedModel ??= buildModel(this.paths().map((p) => this.files.get(p)!)));
  }

  analysis(): Analysis {
    return (this.cachedAnalysis ??= analyze(this.model(), this.analysisOptions));
  }

  private invalidate(): void {
    this.cachedModel = undefined;
    this.cachedAnalysis = undefined;
  }
}
