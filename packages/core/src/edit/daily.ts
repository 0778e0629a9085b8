import type { Status } from '../model.js';
import { DEFAULT_VOCABULARY, type StatusVocabulary } from '../status.js';
import { encodeMojibake, repairLine, type MojibakeStyle } from '../text/mojibake.js';
import {
  CARRIED,
  STATUS_ORDER,
  findActor,
  headingText,
  latestEntry,
  parseDaily,
  type DailyActor,
  type DailyDoc,
  type DailyEntry,
  type DailyStatusLine,
} from '../daily/structure.js';
import { statusSplices, spliceRaw, type LineContext } from './setStatus.js';
import { statusSpots } from './lineStatus.js';
import { formatDateLike } from '../text/dates.js';
import type { LineEditor } from './lineEditor.js';

/** Everything the daily-status actions read: the raw lines, their repaired text, the structure, the style. */
export interface DailyContext extends LineContext {
  raw: readonly string[];
  lines: readonly string[];
  doc: DailyDoc;
  vocab: StatusVocabulary;
}

export function dailyContext(raw: readonly string[], line: LineContext, repaired?: readonly string[]): DailyContext {
  const vocab = line.vocab ?? DEFAULT_VOCABULARY;
  const lines = repaired ?? raw.map((l) => repairLine(l).text);
  return { ...line, vocab, raw, lines, doc: parseDaily(lines, vocab) };
}

const BULLET = /^(\s*)([-*+]|\d{1,9}[.)])\s+/;

/** Where the words of a status line begin, after bullet, checkbox, emoji and label. */
function bodyStart(line: string, vocab: StatusVocabulary): number {
  let at = BULLET.exec(line)?.[0].length ?? 0;
  for (const s of statusSpots(line, vocab)) if (s.start <= at + 6 && s.end > at) at = s.end;
  const tail = /^(?:[*_]{0,2}\s*:\s*[*_]{0,2}\s*|[*_]{0,2}\s+)?/.exec(line.slice(at))![0];
  return at + tail.length;
}

function encode(text: string, mojibake: MojibakeStyle | null): string {
  return mojibake ? encodeMojibake(text, mojibake) : text;
}

/** A new status line in the shape of an existing one (bullet, emoji, bold or plain label), stating `status`. */
function composeLine(ctx: DailyContext, template: number | null, status: Status, text: string): string {
  if (template === null) {
    return encode(`- ${ctx.style.emoji.get(status) ?? defaultEmoji(status)} ${defaultLabel(status)}: ${text}`, ctx.mojibake);
  }
  const line = ctx.lines[template]!;
  const start = bodyStart(line, ctx.vocab);
  const prefix = line.slice(0, start);
  const splices = statusSplices(prefix, status, ctx) ?? [];
  let out = prefix;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  if (start >= line.length && !/\s$/.test(out)) out += ' ';
  return encode(out + text, ctx.mojibake);
}

function defaultEmoji(status: Status): string {
  return { done: '✅', 'in-progress': '🔄', blocked: '❌', waiting: '⏳', next: '🎯', todo: '⬜', cancelled: '🚫', unknown: '❔' }[status];
}

function defaultLabel(status: Status): string {
  return { done: 'Completed', 'in-progress': 'In Progress', blocked: 'Blocked', waiting: 'Waiting', next: 'Next', todo: 'Todo', cancelled: 'Cancelled', unknown: 'Note' }[status];
}

/** The best line to copy the shape of: same status in this actor, then in the file, then any status line. */
function templateFor(ctx: DailyContext, actor: DailyActor | undefined, status: Status, subsectioned: boolean): number | null {
  const all = ctx.doc.entries.flatMap((e) => e.actors.flatMap((a) => a.lines));
  const own = actor?.lines ?? [];
  const hasOwnStatus = (l: DailyStatusLine) => subsectioned || statusSpots(ctx.lines[l.index]!, ctx.vocab).length > 0;
  const pick =
    own.find((l) => l.status === status && hasOwnStatus(l)) ??
    all.find((l) => l.status === status && hasOwnStatus(l)) ??
    own.find(hasOwnStatus) ??
    all.find(hasOwnStatus);
  return pick ? pick.index : null;
}

function lastIndexOf(l: DailyStatusLine): number {
  return l.children.length ? l.children[l.children.length - 1]! : l.index;
}

/** Insert a composed status line into an actor section, next to the lines of the same status, in file order. */
function insertStatusLine(ed: LineEditor, ctx: DailyContext, actor: DailyActor, status: Status, newLines: string[], skip?: DailyStatusLine): void {
  const sub = actor.subsections.find((s) => s.status === status);
  if (actor.subsections.length) {
    if (sub) {
      const inSub = actor.lines.filter((l) => l !== skip && l.index > sub.header && l.index < sub.end);
      const last = inSub[inSub.length - 1];
      if (last) ed.insertAfter(lastIndexOf(last), newLines);
      else ed.insertAfter(sub.header, newLines);
      return;
    }
    // No sub-section for this status yet: add one in the shape of an existing sub-heading, at the actor's end.
    const shape = actor.subsections[0]!;
    const heading = spliceRaw(ctx.raw[shape.header]!, statusSplices(ctx.lines[shape.header]!, status, ctx) ?? [], ctx.mojibake);
    const end = lastNonBlank(ctx, actor.header, actor.end);
    ed.insertAfter(end, ['', heading, ...newLines]);
    return;
  }
  const lines = actor.lines.filter((l) => l !== skip);
  const rank = (s: Status) => STATUS_ORDER.indexOf(s);
  const same = lines.filter((l) => l.status === status);
  const before = lines.filter((l) => rank(l.status) <= rank(status));
  const anchor = same[same.length - 1] ?? before[before.length - 1];
  if (anchor) ed.insertAfter(lastIndexOf(anchor), newLines);
  else if (lines[0]) ed.insertBefore(lines[0].index, newLines);
  else ed.insertAfter(actor.header, newLines);
}

function lastNonBlank(ctx: DailyContext, from: number, end: number): number {
  let i = end - 1;
  while (i > from && (ctx.lines[i]!.trim() === '' || /^\s*([-*_])(\s*\1){2,}\s*$/.test(ctx.lines[i]!))) i--;
  return i;
}

function statusLineAt(ctx: DailyContext, index: number): { entry: DailyEntry; actor: DailyActor; line: DailyStatusLine } | null {
  for (const entry of ctx.doc.entries)
    for (const actor of entry.actors)
      for (const line of actor.lines) if (line.index === index) return { entry, actor, line };
  return null;
}

/** Move a worker's line to another status section (🔄 In Progress → ✅ Completed), rewriting its label in the file's style. */
export function moveStatusLine(ed: LineEditor, ctx: DailyContext, index: number, to: Status): void {
  const found = statusLineAt(ctx, index);
  if (!found) throw new Error(`line ${index + 1} is not a status line inside an actor's section`);
  const { actor, line } = found;
  const raw = ctx.raw[index]!;
  const own = statusSplices(ctx.lines[index]!, to, ctx);
  const rewritten = own && statusSpots(ctx.lines[index]!, ctx.vocab).length ? spliceRaw(raw, own, ctx.mojibake) : raw;
  const sub = actor.subsections.find((s) => s.header < index && index < s.end);
  const sameSection = actor.subsections.length ? sub?.status === to : true;
  if (line.status === to && sameSection) {
    ed.replace(index, rewritten);
    return;
  }
  if (!actor.subsections.length) {
    // Stay in place when the line already sits where a line of status `to` would go.
    const others = actor.lines.filter((l) => l !== line);
    const rank = (s: Status) => STATUS_ORDER.indexOf(s);
    const prev = [...others].reverse().find((l) => l.index < index);
    const next = others.find((l) => l.index > index);
    if ((!prev || rank(prev.status) <= rank(to)) && (!next || rank(next.status) > rank(to))) {
      ed.replace(index, rewritten);
      return;
    }
  }
  const moved = [rewritten, ...line.children.map((c) => ctx.raw[c]!)];
  ed.delete(index);
  for (const c of line.children) ed.delete(c);
  insertStatusLine(ed, ctx, actor, to, moved, line);
}

function entryFor(ctx: DailyContext): DailyEntry {
  const e = latestEntry(ctx.doc);
  if (!e) throw new Error('no daily status entry found');
  return e;
}

/** Add an in-progress / next / blocked line for a worker in the newest entry, with its reference. */
export function addStatusLine(ed: LineEditor, ctx: DailyContext, actorName: string, status: Status, text: string, ref?: string): void {
  const entry = entryFor(ctx);
  const full = ref && !text.includes(ref) ? `${text} (${ref})` : text;
  const actor = findActor(entry, [actorName]);
  if (actor && actor.lines.some((l) => l.status === status && l.body === normalise(full))) return;
  if (!actor) {
    const shape = entry.actors[0];
    if (!shape) throw new Error(`no section for ${actorName} in the entry at line ${entry.header + 1}, and no other actor section to copy`);
    const raw = ctx.raw[shape.header]!;
    const heading = raw.replace(shape.name.replace(/:$/, ''), actorName);
    const newLine = composeLine(ctx, templateFor(ctx, undefined, status, false), status, full);
    const last = lastNonBlank(ctx, entry.header, entry.end);
    ed.insertAfter(last, ['', heading === raw ? `${'#'.repeat(Math.min(6, entry.depth + 1))} ${actorName}` : heading, newLine]);
    return;
  }
  const subsectioned = actor.subsections.some((s) => s.status === status);
  let newLine = composeLine(ctx, templateFor(ctx, actor, status, subsectioned), status, full);
  if (!subsectioned && actor.subsections.length) newLine = encode(`- ${full}`, ctx.mojibake);
  insertStatusLine(ed, ctx, actor, status, [newLine]);
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The heading of a new entry: `from` (the date as the old heading writes it) becomes `to` in the same form, and the weekday follows. */
function redate(raw: string, from: string, to: string): string {
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const day = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
  let out = raw.split(from).join(formatDateLike(from, to));
  out = out.replace(/\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/, day);
  out = out.replace(/\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat)\b(?!\w)/, day.slice(0, 3));
  return out;
}

function isBreak(line: string): boolean {
  return /^\s*([-*_])(\s*\1){2,}\s*$/.test(line);
}

/** The lines of a new entry for `date`, built from `source`: its skeleton and every line not done yet. */
export function carriedEntry(ctx: DailyContext, source: DailyEntry, date: string): string[] {
  const keep = new Set<number>([source.header]);
  for (const a of source.actors) {
    keep.add(a.header);
    for (const l of a.lines) {
      if (!CARRIED.has(l.status)) continue;
      keep.add(l.index);
      for (const c of l.children) keep.add(c);
      const sub = a.subsections.find((s) => s.header < l.index && l.index < s.end);
      if (sub) keep.add(sub.header);
    }
  }
  const actorOrSub = new Set(source.actors.flatMap((a) => [a.header, ...a.subsections.map((s) => s.header)]));
  const out: string[] = [];
  for (let i = source.header; i < source.end; i++) {
    const l = ctx.lines[i]!;
    const blank = l.trim() === '';
    const heading = /^ {0,3}#{1,6}\s/.test(l) && !actorOrSub.has(i);
    if (!(keep.has(i) || blank || isBreak(l) || heading)) continue;
    if (blank && (out.length === 0 || out[out.length - 1]!.trim() === '')) continue;
    out.push(i === source.header ? redate(ctx.raw[i]!, source.dateText ?? source.date!, date) : ctx.raw[i]!);
  }
  if (out.length && out[out.length - 1]!.trim() !== '') out.push('');
  return out;
}

/** Start a new day: a new dated entry on top, or complete today's entry with what is still missing. Idempotent. */
export function newDay(ed: LineEditor, ctx: DailyContext, date: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  const dated = ctx.doc.entries.filter((e) => e.date);
  if (!dated.length) throw new Error('no dated entry (a heading with a date: 2026-11-21, Nov 21, 2026 or 21 Nov 2026) to start the new day from');
  const older = dated.filter((e) => e.date! < date);
  const source = older.reduce<DailyEntry | undefined>((b, e) => (!b || e.date! > b.date! ? e : b), undefined);
  const today = dated.find((e) => e.date === date);
  if (!today) {
    const from = source ?? dated[0]!;
    const top = Math.min(...dated.map((e) => e.header));
    ed.insertBefore(top, carriedEntry(ctx, from, date));
    return;
  }
  if (!source) return;
  const present = new Set(today.actors.flatMap((a) => a.lines.map((l) => `${a.key}\u0000${l.body}`)));
  for (const a of source.actors) {
    const carried = a.lines.filter((l) => CARRIED.has(l.status) && !present.has(`${a.key}\u0000${l.body}`));
    if (!carried.length) continue;
    const target = findActor(today, [a.name]);
    if (target) {
      for (const l of carried) insertStatusLine(ed, ctx, target, l.status, [ctx.raw[l.index]!, ...l.children.map((c) => ctx.raw[c]!)]);
    } else {
      const last = lastNonBlank(ctx, today.header, today.end);
      ed.insertAfter(last, ['', ctx.raw[a.header]!, ...carried.flatMap((l) => [ctx.raw[l.index]!, ...l.children.map((c) => ctx.raw[c]!)])]);
    }
  }
}

export { headingText };
