/** Parser and analysis diagnostics (dangling refs, cycles, ownership conflicts, disagreements) → Problems panel. */
import * as vscode from 'vscode';
import { diagnosticsByFile, toDiagnostic } from './convert.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export class PlanDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('plansight');
  private readonly sub: vscode.Disposable;

  constructor(private readonly index: WorkspaceIndex) {
    this.sub = index.onDidChange(() => this.refresh());
  }

  /** Publish and return the counts per severity. */
  refresh(): { errors: number; warnings: number; infos: number; files: number } {
    const all = [...this.index.model().diagnostics, ...this.index.analysis().diagnostics];
    const byFile = diagnosticsByFile(all);
    this.collection.clear();
    const counts = { errors: 0, warnings: 0, infos: 0, files: 0 };
    for (const [file, diags] of byFile) {
      const uri = this.index.uriOf(file);
      if (!uri) continue;
      counts.files++;
      for (const d of diags) counts[d.severity === 'error' ? 'errors' : d.severity === 'warning' ? 'warnings' : 'infos']++;
      this.collection.set(uri, diags.map((d) => toDiagnostic(d)));
    }
    return counts;
  }

  dispose(): void {
    this.sub.dispose();
    this.collection.dispose();
  }
}
