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
  const linked = linkAcrossFiles(model);
  if (linked.size > 0) {
    const current = (i: WorkItem): WorkItem => linked.get(i) ?? i;
    model.items = model.items.map(current);
    model.files = model.files.map((f) => (f.items.some((i) => linked.has(i)) ? { ...f, items: f.items.map(current) } : f));
  }
  return model;
}

/**
 * Dependencies that name an element of another file fill that element's `blocks` / `dependsOn` too. The input
 * files are not touched: an item that gains a link is copied; returns the copies by original.
 */
function linkAcrossFiles(model: PlanModel): Map<WorkItem, WorkItem> {
  const items = new Map<string, WorkItem[]>();
  for (const i of model.items) {
    const same = items.get(i.id);
    if (same) same.push(i);
    else items.set(i.id, [i]);
  }
  const copies = new Map<WorkItem, WorkItem>();
  const writable = (i: WorkItem): WorkItem => {
    let c = copies.get(i);
    if (!c) copies.set(i, (c = { ...i, dependsOn: [...i.dependsOn], blocks: [...i.blocks] }));
    return c;
  };
  const actors = new Map(model.actors.map((a) => [a.id, a]));
  for (const d of model.dependencies) {
    for (const from of items.get(d.from) ?? []) if (!(copies.get(from) ?? from).dependsOn.includes(d.to)) writable(from).dependsOn.push(d.to);
    for (const to of items.get(d.to) ?? []) if (!(copies.get(to) ?? to).blocks.includes(d.from)) writable(to).blocks.push(d.from);
    const a = actors.get(d.from);
    if (a && actors.has(d.to) && !a.dependsOn.includes(d.to)) a.dependsOn.push(d.to);
  }
  return copies;
}
