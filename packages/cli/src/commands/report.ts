import type { Command } from 'commander';
import type { PlanModel } from '@plansight/core';
import { loadVault } from '../io.js';

/** The `--json` inspection contract (README, "JSON output"). More fields may appear; none are renamed. */
export function reportJson(model: PlanModel): unknown {
  return {
    files: model.files.map((f) => ({ path: f.path, kind: f.kind, title: f.title, checkboxes: f.checkboxes, encoding: f.encoding })),
    actors: model.actors,
    items: model.items,
    gates: model.gates,
    ownership: model.ownership,
    statusReports: model.statusReports,
    dependencies: model.dependencies,
    diagnostics: model.diagnostics,
  };
}

export function reportText(model: PlanModel): string {
  const out: string[] = [];
  for (const f of model.files) {
    out.push(`${f.path} (${f.kind}): ${f.checkboxes.checked}/${f.checkboxes.total} checked`);
  }
  out.push('', `${model.actors.length} actors, ${model.items.length} items, ${model.gates.length} gates, ${model.diagnostics.length} diagnostics`);
  return out.join('\n') + '\n';
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('summarise plans: actors, items, gates, ownership, daily status')
    .argument('[paths...]', 'files or folders', [])
    .option('--json', 'print the model as JSON (the inspection contract)')
    .action((paths: string[], opts: { json?: boolean }) => {
      const { model } = loadVault(paths);
      if (opts.json) process.stdout.write(JSON.stringify(reportJson(model), null, 2) + '\n');
      else process.stdout.write(reportText(model));
    });
}
