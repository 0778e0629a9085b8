import type { Actor, PlanFile, PlanModel } from '../model.js';

/**
 * Merge parsed files into one vault-wide model. Actors with the same id are one actor (their aliases merge);
 * everything else is concatenated in file order.
 */
export function buildModel(files: readonly PlanFile[]): PlanModel {
  const model: PlanModel = {
    files: [...files],
    actors: [],
    items: [],
    gates: [],
    ownership: [],
    statusReports: [],
    dependencies: [],
    references: [],
    diagnostics: [],
  };
  const actors = new Map<string, Actor>();
  for (const f of files) {
    for (const a of f.actors) {
      const seen = actors.get(a.id);
      if (!seen) {
        actors.set(a.id, { ...a, aliases: [...a.aliases], dependsOn: [...a.dependsOn] });
        continue;
      }
      for (const alias of a.aliases) if (!seen.aliases.includes(alias)) seen.aliases.push(alias);
      for (const d of a.dependsOn) if (!seen.dependsOn.includes(d)) seen.dependsOn.push(d);
      seen.hours ??= a.hours;
      seen.branch ??= a.branch;
      seen.role ??= a.role;
      seen.expertise ??= a.expertise;
      seen.owns ??= a.owns;
    }
    model.items.push(...f.items);
    model.gates.push(...f.gates);
    model.ownership.push(...f.ownership);
    model.statusReports.push(...f.statusReports);
    model.dependencies.push(...f.dependencies);
    model.references.push(...f.references);
    model.diagnostics.push(...f.diagnostics);
  }
  model.actors = [...actors.values()];
  return model;
}
