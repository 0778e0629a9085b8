import type { Status } from '../model.js';
import { DEFAULT_VOCABULARY, type StatusVocabulary } from '../status.js';
import { encodeMojibake, repairLine, type MojibakeStyle } from '../text/mojibake.js';
import { statusSpots, type StatusSpot } from './lineStatus.js';
import { emojiFor, markerFor, wordFor, type FileStyle } from './style.js';

export interface Splice {
  start: number;
  end: number;
  text: string;
}

export interface LineContext {
  style: FileStyle;
  mojibake: MojibakeStyle | null;
  vocab?: StatusVocabulary;
}

/** Apply splices given in repaired columns to the raw line, writing new symbols in the file's own encoding. */
export function spliceRaw(raw: string, splices: readonly Splice[], mojibake: MojibakeStyle | null): string {
  const rep = repairLine(raw);
  let out = '';
  let at = 0;
  for (const s of [...splices].sort((a, b) => a.start - b.start)) {
    const rs = rep.from[s.start]!;
    const re = rep.from[s.end]!;
    out += raw.slice(at, rs) + (rep.changed && mojibake ? encodeMojibake(s.text, mojibake) : s.text);
    at = re;
  }
  return out + raw.slice(at);
}

/** Columns a string takes in a monospace editor: emoji are two wide, variation selectors and joiners none. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfe0f || cp === 0x200d || (cp >= 0x300 && cp <= 0x36f)) continue;
    w += cp >= 0x1f000 || (cp >= 0x2300 && cp <= 0x23ff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff) || (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xff00 && cp <= 0xff60) ? 2 : 1;
  }
  return w;
}

function percentFor(status: Status, old: string): string {
  const n = Number(/\d+/.exec(old)?.[0] ?? 0);
  if (status === 'done') return '100%';
  if (status === 'todo') return '0%';
  if (status === 'in-progress') return n > 0 && n < 100 ? old : '50%';
  return old;
}

/** Keep a table cell's width: take the growth out of its trailing spaces, or pad a shrink with spaces. */
function cellPadding(line: string, cell: { start: number; end: number }, grow: number): Splice | null {
  if (grow === 0) return null;
  const raw = line.slice(cell.start, cell.end);
  const trailing = /\s*$/.exec(raw)![0].length;
  if (trailing === 0) return null;
  if (grow > 0) {
    const take = Math.min(grow, trailing - 1);
    return take > 0 ? { start: cell.end - take, end: cell.end, text: '' } : null;
  }
  return { start: cell.end, end: cell.end, text: ' '.repeat(-grow) };
}

/**
 * The splices that make a repaired line state `status`, in the line's own style: every place the line writes a
 * status is changed together (a checkbox and its `✅`, a status cell and its `0%`). Null when it states none.
 */
export function statusSplices(line: string, status: Status, ctx: LineContext, column?: number): Splice[] | null {
  const vocab = ctx.vocab ?? DEFAULT_VOCABULARY;
  let spots = statusSpots(line, vocab);
  if (column !== undefined && spots.some((s) => s.column === column)) {
    const cell = spots.find((s) => s.column === column);
    spots = spots.filter((s) => s.column === column || s.kind === 'percent' || (cell && s.kind === cell.kind));
  }
  if (!spots.length) return null;
  const splices: Splice[] = [];
  const grow = new Map<string, { cell: { start: number; end: number }; n: number }>();
  const wordAfter = (s: StatusSpot) =>
    spots.find((o) => o !== s && (o.kind === 'label' || o.kind === 'field' || o.kind === 'cell') && o.start >= s.end && o.start - s.end <= 4);
  for (const s of spots) {
    let text: string;
    switch (s.kind) {
      case 'checkbox':
        text = markerFor(status, s.value, vocab);
        break;
      case 'emoji':
        text = (wordAfter(s) ?? s).status === status ? s.value : emojiFor(ctx.style, status, !wordAfter(s), vocab);
        break;
      case 'percent':
        text = percentFor(status, s.value);
        break;
      default:
        text = s.status === status ? s.value : wordFor(ctx.style, s.kind, status, s.value);
    }
    if (text === s.value) continue;
    splices.push({ start: s.start, end: s.end, text });
    if (s.cell) {
      const key = `${s.cell.start}`;
      const g = grow.get(key) ?? { cell: s.cell, n: 0 };
      g.n += displayWidth(text) - displayWidth(s.value);
      grow.set(key, g);
    }
  }
  for (const g of grow.values()) {
    const pad = cellPadding(line, g.cell, g.n);
    if (pad) splices.push(pad);
  }
  return splices;
}

/** Rewrite one raw file line so it states `status`; null when the line states no status. */
export function setLineStatus(raw: string, status: Status, ctx: LineContext, column?: number): string | null {
  const rep = repairLine(raw);
  const splices = statusSplices(rep.text, status, ctx, column);
  if (!splices) return null;
  return spliceRaw(raw, splices, ctx.mojibake);
}
