import type { Actor, PlanFile, PlanModel, WorkItem } from '../model.js';

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
  linkAcrossFiles(model);
  return model;
}

/** Dependencies that name an element of another file fill that element's `blocks` / `dependsOn` too. */
function linkAcrossFiles(model: PlanModel): void {
  const items = new Map<string, WorkItem[]>();
  for (const i of model.items) items.set(i.id, [...(items.get(i.id) ?? []), i]);
  const actors = new Map(model.actors.map((a) => [a.id, a]));
  for (const d of model.dependencies) {
    for (const from of items.get(d.from) ?? []) if (!from.dependsOn.includes(d.to)) from.dependsOn.push(d.to);
    for (const to of items.get(d.to) ?? []) if (!to.blocks.includes(d.from)) to.blocks.push(d.from);
    const a = actors.get(d.from);
    if (a && actors.has(d.to) && !a.dependsOn.includes(d.to)) a.dependsOn.push(d.to);
  }
}
