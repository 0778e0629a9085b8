import { slug } from './text/inline.js';
import { memoText } from './text/memo.js';
import type { ActorKind } from './model.js';

/**
 * Id conventions other packages rely on.
 * Actors: numbered kinds → `worker-1`, `agent-2`, `team-1` (Worker01, WORKER_1, Worker-1 all → `worker-1`);
 * `A1` → `agent-1`; named actors → slug (`memory-jr`, `alice`, `lead-coordinator`).
 * Items: explicit ids as written (`#2`, `T1-001`, `T3-011b`), otherwise `${stem}:${slug(title)}`.
 */
const NUMBERED = /^(workers?|agents?|teams?)[ _-]*0*(\d{1,3})$/i;

export function numberedActor(name: string): { id: string; kind: ActorKind } | null {
  if (!mayBeNumbered(name.charCodeAt(0))) return null;
  const m = NUMBERED.exec(name.trim());
  if (!m) return null;
  const word = m[1]!.toLowerCase().replace(/s$/, '') as 'worker' | 'agent' | 'team';
  return { id: `${word}-${Number(m[2])}`, kind: word };
}

/**
 * Whether a name starting with this code unit may be numbered: `NUMBERED` starts with w, a or t (ASCII, any case)
 * after trimmed white space, and a printable ASCII character other than those is never trimmed.
 */
export function mayBeNumbered(first: number): boolean {
  const c = first | 0x20;
  return c === 0x77 || c === 0x61 || c === 0x74 || first < 0x21 || first > 0x7e;
}

export function actorId(name: string): string {
  return actorIdMemo(name);
}

/** A parse asks for the ids of the same names again and again. */
const actorIdMemo = memoText(readActorId, 2048);

function readActorId(name: string): string {
  const n = numberedActor(name);
  if (n) return n.id;
  const short = /^A(\d{1,2})$/.exec(name.trim());
  if (short) return `agent-${Number(short[1])}`;
  return slug(name.replace(/^@/, ''));
}

/** `#2`, `Issue #145`, `issue 145` → `#145`. */
export function issueId(raw: string): string | null {
  const m = /#\s?(\d{1,6})\b/.exec(raw) ?? /\bissues?\s+(\d{1,6})\b/i.exec(raw);
  return m ? `#${Number(m[1])}` : null;
}

/** Story ids: `T1-001`, `M1-T001`, `FT-001`, `T3-011b`, `WS-A`-style ids are not stories. */
export const STORY_ID = /\b([A-Z]{1,8}\d{0,2}-[A-Z]?\d{2,4}[a-z]?)\b/;
export const STORY_ID_G = new RegExp(STORY_ID.source, 'g');

export function itemSlugId(stem: string, title: string): string {
  return `${stem}:${slug(title)}`;
}
