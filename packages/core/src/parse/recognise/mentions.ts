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

/** `actorWords` flag: the text contains `worker`, `agent` or `team` (every numbered mention starts with one). */
export const NUMBERED_WORD = 1;
/** `actorWords` flag: the text contains `lead coordinator` or `lead-coordinator`. */
export const LEAD_WORD = 2;

const ANY_WORD = /worker|agent|team|lead[ -]coordinator/i;
const NUMBERED_WORDS = /worker|agent|team/i;
const LEAD_WORDS = /lead[ -]coordinator/i;

/**
 * Which of the words naming actors a text contains, as `NUMBERED_WORD | LEAD_WORD` flags: one scan rules out both
 * (most lines name no actor), a second tells them apart.
 */
export function actorWords(text: string): number {
  if (!ANY_WORD.test(text)) return 0;
  const numbered = NUMBERED_WORDS.test(text) ? NUMBERED_WORD : 0;
  return numbered === 0 || LEAD_WORDS.test(text) ? numbered | LEAD_WORD : numbered;
}

/** Whether a text contains `worker`, `agent` or `team`, any case: every numbered mention starts with one. */
export function hasNumberedWord(text: string): boolean {
  return NUMBERED_WORDS.test(text);
}

const NONE: Mention[] = [];

/**
 * `Worker 1`, `WORKER_1`, `Worker01`, `Agent-1`, `Team 1`, and lists: `Worker 3/4`, `Teams 2 & 3`, `Workers 3 and 4`.
 * The result is shared: do not modify it.
 */
export function numberedMentions(text: string): Mention[] {
  if (!hasNumberedWord(text)) return NONE;
  return findNumberedMemo(text);
}

/** `numberedMentions` for a text whose `actorWords` are known. */
export function numberedMentionsOf(text: string, words: number): Mention[] {
  return words & NUMBERED_WORD ? findNumberedMemo(text) : NONE;
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
  return aliasMentionsIn(text, indexOf(actors).list);
}

function aliasMentionsIn(text: string, list: AliasIndex['list']): Mention[] {
  if (list.length === 0) return [];
  const out: Mention[] = [];
  const lower = lowerInPlace(text);
  for (const { actor: a, al } of list) {
    let i = lower.indexOf(al);
    while (i >= 0) {
      const end = i + al.length;
      if ((i === 0 || !isWordChar(lower.charCodeAt(i - 1))) && (end >= lower.length || !isWordChar(lower.charCodeAt(end)))) {
        out.push({ id: a.id, name: text.slice(i, end), kind: a.kind, start: i, end });
        break;
      }
      i = lower.indexOf(al, i + 1);
    }
  }
  return out;
}

/**
 * `text.toLowerCase()` where that keeps every position (all but a few texts); else each character lowered on its own,
 * kept as it is where lowering would change its length (`İ` → `i̇`), so that offsets in it are offsets in `text`.
 */
export function lowerInPlace(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** `/[\p{L}\p{N}_]/u` for one code unit (a lone surrogate is no word character). */
function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
  return WORD_CHAR.test(String.fromCharCode(c));
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
  /** `actorLookup`'s maps, built when first asked for. */
  lookup?: ActorLookup;
}

export interface ActorLookup {
  /** The first actor with an id, and the first with a lower-cased alias. */
  byId: Map<string, Actor>;
  byAlias: Map<string, Actor>;
}

/** Actors by id and by any alias (lower case), for the actor list of the parse under way; rebuilt as `indexOf` is. */
export function actorLookup(actors: readonly Actor[]): ActorLookup {
  const index = indexOf(actors);
  if (index.lookup) return index.lookup;
  const byId = new Map<string, Actor>();
  const byAlias = new Map<string, Actor>();
  for (const a of actors) {
    if (!byId.has(a.id)) byId.set(a.id, a);
    for (const x of a.aliases) {
      const l = x.toLowerCase();
      if (!byAlias.has(l)) byAlias.set(l, a);
    }
  }
  return (index.lookup = { byId, byAlias });
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

/** Every actor a piece of text names, in order of appearance, each once. The result is shared: do not modify it. */
export function actorMentions(text: string, actors: readonly Actor[]): Mention[] {
  const idx = indexOf(actors);
  const seen = idx.mentions.get(text);
  if (seen) return seen;
  const numbered = numberedMentions(text);
  const aliased = aliasMentionsIn(text, idx.list);
  // Numbered mentions come in order of appearance already; aliases in actor order, so a mix is sorted.
  const all = aliased.length === 0 ? numbered : numbered.length + aliased.length === 1 ? aliased : [...numbered, ...aliased].sort((a, b) => a.start - b.start);
  const out = all.length === 0 ? NONE : firstOfEach(all);
  if (idx.mentions.size >= MENTIONS_MEMO_MAX) idx.mentions.clear();
  idx.mentions.set(text, out);
  return out;
}

/** The first mention of each id, in order. */
function firstOfEach(all: Mention[]): Mention[] {
  if (all.length === 1) return all;
  const ids = new Set<string>();
  return all.filter((m) => (ids.has(m.id) ? false : (ids.add(m.id), true)));
}
