import type { Actor, ActorKind } from '../../model.js';
import { numberedActor } from '../../ids.js';

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

/** `Worker 1`, `WORKER_1`, `Worker01`, `Agent-1`, `Team 1`, and lists: `Worker 3/4`, `Teams 2 & 3`, `Workers 3 and 4`. */
export function numberedMentions(text: string): Mention[] {
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
  for (const a of actors) {
    for (const alias of a.aliases) {
      if (alias.length < 3 || /^\d+$/.test(alias)) continue;
      const al = alias.toLowerCase();
      let i = lower.indexOf(al);
      while (i >= 0) {
        const before = i === 0 ? ' ' : lower[i - 1]!;
        const after = lower[i + al.length] ?? ' ';
        if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) {
          out.push({ id: a.id, name: text.slice(i, i + al.length), kind: a.kind, start: i, end: i + al.length });
          break;
        }
        i = lower.indexOf(al, i + 1);
      }
    }
  }
  return out;
}

/** Every actor a piece of text names, in order of appearance, each once. */
export function actorMentions(text: string, actors: readonly Actor[]): Mention[] {
  const all = [...numberedMentions(text), ...aliasMentions(text, actors)].sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  return all.filter((m) => (seen.has(m.id) ? false : (seen.add(m.id), true)));
}
