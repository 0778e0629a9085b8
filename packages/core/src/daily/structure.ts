import type { Status } from '../model.js';
import { DEFAULT_VOCABULARY, statusOfText, type StatusVocabulary } from '../status.js';
import { plain, slug } from '../text/inline.js';
import { statusOfSpots, statusSpots, type StatusSpot } from '../edit/lineStatus.js';
import { findDate, type DateMatch } from '../text/dates.js';

/**
 * The shape of a `DAILY_STATUS.md`, from its (repaired) lines: dated entries, per-actor sections inside them,
 * optional status sub-sections (`### ✅ Completed`) and the status lines. Indexes are 0-based lines.
 */
export interface DailyStatusLine {
  index: number;
  status: Status;
  /** The line's own words without bullet, checkbox, emoji and label: what two lines are compared by. */
  body: string;
  /** Lines that belong to it (nested list items, continuation lines). */
  children: number[];
}

export interface DailySubsection {
  status: Status;
  header: number;
  end: number;
}

export interface DailyActor {
  name: string;
  key: string;
  header: number;
  /** Exclusive. */
  end: number;
  depth: number;
  lines: DailyStatusLine[];
  subsections: DailySubsection[];
}

export interface DailyEntry {
  /** ISO date, or undefined for a file without dated entries (the whole file is one entry). */
  date?: string;
  /** The date as the heading writes it (`2026-11-21`, `Nov 21, 2026`). */
  dateText?: string;
  header: number;
  depth: number;
  /** Exclusive. */
  end: number;
  actors: DailyActor[];
}

export interface DailyDoc {
  entries: DailyEntry[];
}

const BULLET = /^(\s*)([-*+]|\d{1,9}[.)])\s+/;

interface Head {
  index: number;
  depth: number;
  text: string;
  /** The date the heading holds, if any. */
  date: DateMatch | null;
}

/** An ATX heading, or a line that is only bold text (`**Worker 1:**`), which sits below every ATX depth. */
function headOf(line: string, index: number): Head | null {
  const atx = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
  if (atx) return { index, depth: atx[1]!.length, text: atx[2]!, date: findDate(atx[2]!) };
  const bold = /^\s*\*\*([^*]+?)\*\*\s*:?\s*$/.exec(line);
  if (bold) return { index, depth: 7, text: bold[1]!, date: findDate(bold[1]!) };
  return null;
}

export function headingText(text: string): string {
  return plain(text).replace(/:\s*$/, '').trim();
}

/** The status a heading names (`✅ Completed`, `In Progress:`, `Blockers`), or null for any other heading. */
export function statusOfHeading(text: string, vocab: StatusVocabulary = DEFAULT_VOCABULARY): Status | null {
  const t = headingText(text).replace(/[^\p{L}\p{N}\s'-]/gu, '').trim().toLowerCase();
  if (!t) {
    const st = statusOfText(headingText(text), vocab);
    return st;
  }
  return vocab.words[t] ?? null;
}

export function actorKey(name: string): string {
  return slug(headingText(name).replace(/[^\p{L}\p{N}\s-]/gu, ' '));
}

/** Compare two status lines by their words only: `🔄 In Progress: k-NN` and `✅ Completed: k-NN` are the same work. */
export function bodyOf(line: string, vocab: StatusVocabulary = DEFAULT_VOCABULARY, spots: readonly StatusSpot[] = statusSpots(line, vocab)): string {
  let at = BULLET.exec(line)?.[0].length ?? 0;
  for (const s of spots) if (s.start <= at + 6 && s.end > at) at = s.end;
  return plain(line.slice(at).replace(/^[\s*_]*:?[\s*_]*/, ''))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseDaily(lines: readonly string[], vocab: StatusVocabulary = DEFAULT_VOCABULARY): DailyDoc {
  const heads: Head[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const f = /^\s*(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (!fence) fence = f[1]!;
      else if (l.trim().startsWith(fence)) fence = null;
      continue;
    }
    if (fence) continue;
    const h = headOf(l, i);
    if (h) heads.push(h);
  }
  const dated = heads.filter((h) => h.depth <= 6 && h.date);
  const entries: DailyEntry[] = [];
  if (dated.length) {
    for (const h of dated) {
      const next = heads.find((o) => o.index > h.index && o.depth <= h.depth);
      const end = next ? next.index : lines.length;
      const d = h.date!;
      entries.push({ date: d.iso, dateText: d.text, header: h.index, depth: h.depth, end, actors: [] });
    }
  } else {
    entries.push({ header: -1, depth: 0, end: lines.length, actors: [] });
  }
  for (const e of entries) {
    const inside = heads.filter((h) => h.index > e.header && h.index < e.end && h.depth > e.depth);
    // Actors sit at the shallowest heading depth in the entry that is not a status heading.
    const actorHeads = inside.filter((h) => statusOfHeading(h.text, vocab) === null && !h.date);
    const depth = Math.min(...actorHeads.map((h) => h.depth));
    const own = actorHeads.filter((h) => h.depth === depth);
    for (let k = 0; k < own.length; k++) {
      const h = own[k]!;
      const nextHead = inside.find((o) => o.index > h.index && o.depth <= h.depth);
      const end = nextHead ? nextHead.index : e.end;
      const actor: DailyActor = { name: headingText(h.text), key: actorKey(h.text), header: h.index, end, depth: h.depth, lines: [], subsections: [] };
      const subs = inside.filter((o) => o.index > h.index && o.index < end && o.depth > h.depth);
      for (const s of subs) {
        const st = statusOfHeading(s.text, vocab);
        if (st === null) continue;
        const nextSub = subs.find((o) => o.index > s.index && o.depth <= s.depth);
        actor.subsections.push({ status: st, header: s.index, end: nextSub ? nextSub.index : end });
      }
      readStatusLines(lines, actor, vocab);
      e.actors.push(actor);
    }
  }
  return { entries };
}

function readStatusLines(lines: readonly string[], actor: DailyActor, vocab: StatusVocabulary): void {
  let current: DailyStatusLine | null = null;
  let currentIndent = 0;
  for (let i = actor.header + 1; i < actor.end; i++) {
    const l = lines[i]!;
    const b = BULLET.exec(l);
    if (!b) {
      if (current && l.trim() !== '' && /^\s+/.test(l) && !headOf(l, i)) current.children.push(i);
      else current = null;
      continue;
    }
    const indent = b[1]!.length;
    if (current && indent > currentIndent) {
      current.children.push(i);
      continue;
    }
    const sub = actor.subsections.filter((s) => s.header < i && i < s.end).pop();
    const spots = statusSpots(l, vocab);
    const status = statusOfSpots(spots) ?? sub?.status ?? null;
    if (status === null) {
      current = null;
      continue;
    }
    current = { index: i, status, body: bodyOf(l, vocab, spots), children: [] };
    currentIndent = indent;
    actor.lines.push(current);
  }
}

/** The newest dated entry (largest date, first in the file on a tie). */
export function latestEntry(doc: DailyDoc): DailyEntry | undefined {
  let best: DailyEntry | undefined;
  for (const e of doc.entries) if (!best || (e.date ?? '') > (best.date ?? '')) best = e;
  return best;
}

/** Find an actor section by name, id or alias (`Worker 1`, `worker-1`). */
export function findActor(entry: DailyEntry, names: readonly string[]): DailyActor | undefined {
  const keys = names.map(actorKey).filter(Boolean);
  return (
    entry.actors.find((a) => keys.includes(a.key)) ??
    entry.actors.find((a) => keys.some((k) => a.key.startsWith(k + '-') || k.startsWith(a.key + '-')))
  );
}

export const STATUS_ORDER: Status[] = ['done', 'in-progress', 'blocked', 'waiting', 'next', 'todo', 'cancelled', 'unknown'];

export const CARRIED: ReadonlySet<Status> = new Set<Status>(['in-progress', 'blocked', 'waiting', 'next', 'todo']);
