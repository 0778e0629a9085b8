import type { Actor, Dependency, PlanFile, PlanModel, WorkItem } from '../model.js';

/**
 * Merge parsed files into one vault-wide model. Actors with the same id are one actor (their aliases merge);
 * everything else is concatenated in file order.
 *
 * Dependencies that name an element of another file fill that element's `blocks` / `dependsOn` too. The input
 * files are not touched: an item that gains a link is copied, and so is the file that holds it.
 */
export function buildModel(files: readonly PlanFile[]): PlanModel {
  const model = emptyModel([]);
  const actors = new Map<string, MergedActor>();
  for (const f of files) {
    for (const a of f.actors) mergeActor(actors, a);
    appendFileParts(model, f);
  }
  for (const m of actors.values()) model.actors.push(m.actor);
  linkActors(actors, model.dependencies);
  const links = itemLinks(model.dependencies);
  const copies = new Map<WorkItem, WorkItem>();
  for (const f of files) {
    let items: WorkItem[] | null = null;
    for (let k = 0; k < f.items.length; k++) {
      const i = f.items[k]!;
      const c = linked(i, links, copies);
      if (c !== i) (items ??= f.items.slice())[k] = c;
      model.items.push(c);
    }
    model.files.push(items ? { ...f, items } : f);
  }
  return model;
}

export function emptyModel(actors: Actor[]): PlanModel {
  return { files: [], actors, items: [], gates: [], ownership: [], statusReports: [], dependencies: [], references: [], diagnostics: [] };
}

/** Everything of a file that the model concatenates in file order, except its items (which may gain links). */
export function appendFileParts(model: PlanModel, f: PlanFile): void {
  append(model.gates, f.gates);
  append(model.ownership, f.ownership);
  append(model.statusReports, f.statusReports);
  append(model.dependencies, f.dependencies);
  append(model.references, f.references);
  append(model.diagnostics, f.diagnostics);
}

export function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}

/** The vault's copy of an actor, with sets of what its lists hold (one actor can gather hundreds of spellings). */
interface MergedActor {
  actor: Actor;
  aliases: Set<string>;
  dependsOn: Set<string>;
}

function mergeActor(actors: Map<string, MergedActor>, a: Actor): void {
  const merged = actors.get(a.id);
  if (!merged) {
    const actor: Actor = { ...a, aliases: [...a.aliases], dependsOn: [...a.dependsOn] };
    actors.set(a.id, { actor, aliases: new Set(a.aliases), dependsOn: new Set(a.dependsOn) });
    return;
  }
  const seen = merged.actor;
  for (const alias of a.aliases) addOnce(seen.aliases, merged.aliases, alias);
  for (const d of a.dependsOn) addOnce(seen.dependsOn, merged.dependsOn, d);
  seen.hours ??= a.hours;
  seen.branch ??= a.branch;
  seen.role ??= a.role;
  seen.expertise ??= a.expertise;
  seen.owns ??= a.owns;
}

/** A dependency between two actors is also written on the (merged, already copied) actor. */
function linkActors(actors: Map<string, MergedActor>, dependencies: readonly Dependency[]): void {
  for (const d of dependencies) {
    const a = actors.get(d.from);
    if (a && actors.has(d.to)) addOnce(a.actor.dependsOn, a.dependsOn, d.to);
  }
}

function addOnce(list: string[], has: Set<string>, id: string): void {
  if (has.has(id)) return;
  has.add(id);
  list.push(id);
}

/** What the dependencies add to the items of one id: the ids they depend on and block, in dependency order, each once. */
interface Links {
  dependsOn: Set<string> | undefined;
  blocks: Set<string> | undefined;
}

function itemLinks(dependencies: readonly Dependency[]): Map<string, Links> {
  const links = new Map<string, Links>();
  const of = (id: string): Links => {
    let l = links.get(id);
    if (!l) links.set(id, (l = { dependsOn: undefined, blocks: undefined }));
    return l;
  };
  for (const d of dependencies) {
    (of(d.from).dependsOn ??= new Set()).add(d.to);
    (of(d.to).blocks ??= new Set()).add(d.from);
  }
  return links;
}

/**
 * The item with the ids its dependencies add that it does not list yet, appended in dependency order; the item
 * itself when there are none. The same object given twice gets the same copy.
 */
function linked(i: WorkItem, links: Map<string, Links>, copies: Map<WorkItem, WorkItem>): WorkItem {
  const l = links.get(i.id);
  if (!l) return i;
  const d = extended(i.dependsOn, l.dependsOn);
  const b = extended(i.blocks, l.blocks);
  if (!d && !b) return i;
  const copy = copies.get(i);
  if (copy) return copy;
  const c: WorkItem = { ...i, dependsOn: d ?? [...i.dependsOn], blocks: b ?? [...i.blocks] };
  copies.set(i, c);
  return c;
}

/** `ids` followed by the ids of `more` it lacks, in order; null when it lacks none. */
function extended(ids: readonly string[], more: ReadonlySet<string> | undefined): string[] | null {
  if (!more) return null;
  const has = ids.length > 8 ? new Set(ids) : null;
  let out: string[] | null = null;
  for (const id of more) {
    if (has ? has.has(id) : ids.includes(id)) continue;
    (out ??= [...ids]).push(id);
  }
  return out;
}
