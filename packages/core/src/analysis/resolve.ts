import type { Actor, PlanModel, WorkItem } from '../model.js';
import { slug } from '../text/inline.js';

export type Target = { kind: 'item'; id: string } | { kind: 'actor'; id: string };

/** Resolves the parser's normalised ids (and the spellings plans use) to vault items and actors. */
export interface Resolver {
  resolve(raw: string): Target | null;
  /** The graph node key a reference stands for: the item id, or `actor:` + actor id. */
  nodeKey(raw: string): string | null;
  item(id: string): WorkItem | undefined;
  actor(id: string): Actor | undefined;
  /** Every definition of an item id, in file order. */
  definitions(id: string): WorkItem[];
  /** Where an actor is defined: a plan that gives its budget or role before a daily status that only mentions it. */
  actorHome(id: string): { file: string; line: number } | undefined;
  /** The canonical actor id for a name, alias or id, if any. */
  actorId(raw: string): string | undefined;
}

function issueKey(raw: string): string | undefined {
  const m = /^(?:issue|issues|pr|ticket|gh)?\s*#\s*(\d+)$/i.exec(raw.trim());
  return m ? `#${m[1]}` : undefined;
}

export function makeResolver(model: PlanModel): Resolver {
  const defs = new Map<string, WorkItem[]>();
  const lower = new Map<string, string>();
  for (const it of model.items) {
    const list = defs.get(it.id);
    if (list) list.push(it);
    else {
      defs.set(it.id, [it]);
      const low = it.id.toLowerCase();
      if (!lower.has(low)) lower.set(low, it.id);
    }
  }
  // Titles are a last resort, so their slugs are only computed when some reference needs them.
  let byTitleCache: Map<string, string | null> | undefined;
  const byTitle = (): Map<string, string | null> => {
    if (byTitleCache) return byTitleCache;
    const m = new Map<string, string | null>();
    for (const it of model.items) {
      const t = slug(it.title);
      const seen = m.get(t);
      if (seen === undefined) m.set(t, it.id);
      else if (seen !== it.id) m.set(t, null);
    }
    for (const it of model.items) {
      const tail = it.id.includes(':') ? it.id.slice(it.id.indexOf(':') + 1) : undefined;
      if (tail && !m.has(tail)) m.set(tail, it.id);
    }
    return (byTitleCache = m);
  };
  const actors = new Map<string, Actor>();
  const actorKeys = new Map<string, string>();
  for (const a of model.actors) {
    actors.set(a.id, a);
    for (const k of [a.id, a.name, ...a.aliases]) {
      const key = slug(k);
      if (key !== 'item' && !actorKeys.has(key)) actorKeys.set(key, a.id);
    }
  }
  // Tools an actor owns (`**Tool**: sync-replay`) stand for the actor, after every name and alias.
  for (const a of model.actors) {
    for (const t of a.tools ?? []) {
      const key = slug(t);
      if (key !== 'item' && !actorKeys.has(key)) actorKeys.set(key, a.id);
    }
  }
  // Ids first, then spellings: an alias never shadows another actor's id.
  for (const a of model.actors) actorKeys.set(slug(a.id), a.id);

  const actorId = (raw: string): string | undefined => {
    if (actors.has(raw)) return raw;
    const key = slug(raw);
    return actorKeys.get(key) ?? actorKeys.get(key.replace(/-0+(\d)/g, '-$1')) ?? actorKeys.get(key.replace(/([a-z])(\d)/g, '$1-$2'));
  };

  const resolve = (raw: string): Target | null => {
    if (!raw) return null;
    if (defs.has(raw)) return { kind: 'item', id: raw };
    if (actors.has(raw)) return { kind: 'actor', id: raw };
    const li = lower.get(raw.toLowerCase());
    if (li) return { kind: 'item', id: li };
    const issue = issueKey(raw);
    if (issue && defs.has(issue)) return { kind: 'item', id: issue };
    const a = actorId(raw);
    if (a) return { kind: 'actor', id: a };
    const tail = raw.includes(':') ? raw.slice(raw.indexOf(':') + 1) : undefined;
    const t = byTitle().get(tail ?? slug(raw));
    if (t) return { kind: 'item', id: t };
    const byTool = tail ? actorKeys.get(tail) : undefined;
    if (byTool) return { kind: 'actor', id: byTool };
    return null;
  };

  const actorKeyCache = new Map<string, string>();
  const nodeKey = (raw: string): string | null => {
    if (defs.has(raw)) return raw;
    const t = resolve(raw);
    if (!t) return null;
    if (t.kind === 'item') return t.id;
    let k = actorKeyCache.get(t.id);
    if (!k) actorKeyCache.set(t.id, (k = `actor:${t.id}`));
    return k;
  };

  const homes = new Map<string, { file: string; line: number; rank: number }>();
  for (const f of model.files) {
    for (const a of f.actors) {
      const rank = (f.kind === 'daily-status' ? 4 : 0) + (a.hours === undefined ? 2 : 0) + (a.role === undefined ? 1 : 0);
      const seen = homes.get(a.id);
      if (!seen || rank < seen.rank) homes.set(a.id, { file: a.file, line: a.line, rank });
    }
  }

  return {
    resolve,
    nodeKey,
    actorHome: (id) => {
      const h = homes.get(id);
      if (h) return { file: h.file, line: h.line };
      const a = actors.get(id);
      return a ? { file: a.file, line: a.line } : undefined;
    },
    item: (id) => defs.get(id)?.[0],
    actor: (id) => actors.get(id),
    definitions: (id) => defs.get(id) ?? [],
    actorId,
  };
}
