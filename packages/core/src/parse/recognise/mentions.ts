import type { Actor, ActorKind } from '../../model.js';
import { numberedActor } from '../../ids.js';
import { memoText } from '../../text/memo.js';

export interface Mention {
  id: string;
  /** As written: `Worker 1`, `WORKER_1`, `Memory Jr`. */
  name: string;
  kind: ActorKind;
  start: number;
  end: number;
}

const NUMBERED =
  /\b(workers?|agents?|teams?)[ _-]*0*(\d{1,3})(?![\w-])((?:\s*(?:\/|&|,|\+|\band\b)\s*(?:(?:workers?|agents?|teams?)\s*)?\d{1,3}(?![\w.:-]))*)/gi;

/** Every numbered mention starts with one of these words. */
const NUMBERED_WORD = /worker|agent|team/i;

/**
 * `Worker 1`, `WORKER_1`, `Worker01`, `Agent-1`, `Team 1`, and lists: `Worker 3/4`, `Teams 2 & 3`, `Workers 3 and 4`.
 * The result is shared: do not modify it.
 */
export function numberedMentions(text: string): Mention[] {
  if (!NUMBERED_WORD.test(text)) return [];
  return findNumberedMemo(text);
}

const findNumberedMemo = memoText(findNumbered, 2048);

function findNumbered(text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(NUMBERED)) {
    const first = numberedActor(`${m[1]} ${m[2]}`);
    if (!first) continue;
    const start = m.index;
    const end = start + m[0].length - m[3]!.length;
    out.push({ id: first.id, name: normaliseName(text.slice(start, end)), kind: first.kind, start, end });
    for (const n of m[3]!.matchAll(/\d{1,3}/g)) {
      const more = numberedActor(`${m[1]} ${n[0]}`);
      if (more) out.push({ id: more.id, name: `${cap(more.kind)} ${Number(n[0])}`, kind: more.kind, start, end: start + m[0].length });
    }
  }
  return out;
}

/** `Workers 3` → `Worker 3`: the spelling of one actor inside a plural list. */
function normaliseName(s: string): string {
  return s.replace(/^(workers|agents|teams)(?=[ _-]*\d)/i, (w) => w.slice(0, -1));
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

/** Known actors named by any alias (case-insensitive, whole words). */
export function aliasMentions(text: string, actors: readonly Actor[]): Mention[] {
  const out: Mention[] = [];
  const lower = text.toLowerCase();
  for (const { actor: a, al } of aliasesOf(actors)) {
    let i = lower.indexOf(al);
    while (i >= 0) {
      const before = i === 0 ? ' ' : lower[i - 1]!;
      const after = lower[i + al.length] ?? ' ';
      if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) {
        out.push({ id: a.id, name: text.slice(i, i + al.length), kind: a.kind, start: i, end: i + al.length });
        break;
      }
      i = lower.indexOf(al, i + 1);
    }
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

interface AliasIndex {
  of: readonly Actor[];
  /** Actors and aliases seen when built: actors and aliases are only ever appended during a parse. */
  actors: number;
  aliases: number;
  list: { actor: Actor; al: string }[];
  /** actorMentions by text, valid while the counts hold. */
  mentions: Map<string, Mention[]>;
}

/** One slot: the actor list of the parse under way (a model keeps every file's actors; their memos are not kept). */
let slot: AliasIndex | null = null;
const MENTIONS_MEMO_MAX = 2048;

/** The searchable aliases of an actor list, in actor then alias order; rebuilt when an actor or alias was added. */
function indexOf(actors: readonly Actor[]): AliasIndex {
  let aliases = 0;
  for (const a of actors) aliases += a.aliases.length;
  if (slot && slot.of === actors && slot.actors === actors.length && slot.aliases === aliases) return slot;
  const list: AliasIndex['list'] = [];
  for (const actor of actors) {
    for (const alias of actor.aliases) {
      if (alias.length < 3 || /^\d+$/.test(alias)) continue;
      list.push({ actor, al: alias.toLowerCase() });
    }
  }
  slot = { of: actors, actors: actors.length, aliases, list, mentions: new Map() };
  return slot;
}

function aliasesOf(actors: readonly Actor[]): AliasIndex['list'] {
  return indexOf(actors).list;
}

/** Every actor a piece of text names, in order of appearance, each once. The result is shared: do not modify it. */
export function actorMentions(text: string, actors: readonly Actor[]): Mention[] {
  const idx = indexOf(actors);
  const seen = idx.mentions.get(text);
  if (seen) return seen;
  const all = [...numberedMentions(text), ...aliasMentions(text, actors)].sort((a, b) => a.start - b.start);
  const ids = new Set<string>();
  const out = all.filter((m) => (ids.has(m.id) ? false : (ids.add(m.id), true)));
  if (idx.mentions.size >= MENTIONS_MEMO_MAX) idx.mentions.clear();
  idx.mentions.set(text, out);
  return out;
}
