import type { Status } from '../model.js';
import { DEFAULT_VOCABULARY, statusOfPercent, type StatusVocabulary } from '../status.js';

/**
 * Where a status is written on one (repaired) line, and how to rewrite it in the line's own style.
 * Offsets are UTF-16 columns in the repaired text; callers map them back to the file's bytes.
 */
export type SpotKind = 'checkbox' | 'emoji' | 'label' | 'field' | 'cell' | 'percent';

export interface StatusSpot {
  kind: SpotKind;
  start: number;
  end: number;
  value: string;
  status: Status;
  /** Table cells: 0-based column. */
  column?: number;
  /** Cells: the whole cell between its pipes, for keeping the padding. */
  cell?: { start: number; end: number };
}

const LIST_PREFIX = /^(\s*(?:>\s*)*)([-*+]|\d{1,9}[.)])(\s+)/;
const CHECKBOX = /^\[([^\]\[]{1,3})\]/;
const FIELD = /^(\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?)(\*\*|__)?(status|state|progress)(\*\*|__)?\s*:\s*(\*\*|__)?\s*/i;

function emojiAt(s: string, i: number, vocab: StatusVocabulary): string | null {
  if (!(s.charCodeAt(i) >= 0x2000)) return null;
  let best: string | null = null;
  for (const e of Object.keys(vocab.emoji)) {
    if (s.startsWith(e, i) && (!best || e.length > best.length)) best = e;
  }
  if (best && best.length === 1 && s.charCodeAt(i + 1) === 0xfe0f) best += '\uFE0F';
  return best;
}

function wordAt(s: string, i: number, vocab: StatusVocabulary): { word: string; status: Status } | null {
  if (!/[a-z]/i.test(s[i] ?? '')) return null;
  const lower = s.slice(i, i + 40).toLowerCase();
  let best: { word: string; status: Status } | null = null;
  for (const [w, st] of Object.entries(vocab.words)) {
    if (!lower.startsWith(w)) continue;
    if (/[a-z0-9]/i.test(lower[w.length] ?? ' ')) continue;
    if (!best || w.length > best.word.length) best = { word: s.slice(i, i + w.length), status: st };
  }
  return best;
}

function skipSpaceAndBold(s: string, i: number): number {
  while (i < s.length && /[\s*_]/.test(s[i]!)) i++;
  return i;
}

/** Emoji then an optional status word (`✅ Completed:`, `🔄 IN PROGRESS`, `✅ **COMPLETE**`). */
function emojiAndWord(line: string, at: number, vocab: StatusVocabulary, out: StatusSpot[], labelKind: SpotKind): number {
  const i = skipSpaceAndBold(line, at);
  const e = emojiAt(line, i, vocab);
  let j = i;
  if (e) {
    out.push({ kind: 'emoji', start: i, end: i + e.length, value: e, status: vocab.emoji[e] ?? vocab.emoji[e.replace('\uFE0F', '')] ?? 'unknown' });
    j = skipSpaceAndBold(line, i + e.length);
  }
  const w = wordAt(line, j, vocab);
  if (w && (e || labelKind !== 'label' || /^\s*(\*\*|__)?\s*:/.test(line.slice(j + w.word.length)))) {
    out.push({ kind: labelKind, start: j, end: j + w.word.length, value: w.word, status: w.status });
    return j + w.word.length;
  }
  return e ? i + e.length : at;
}

function tableSpots(line: string, vocab: StatusVocabulary, out: StatusSpot[]): void {
  const cells: { start: number; end: number }[] = [];
  let i = line.indexOf('|');
  let start = i + 1;
  for (i = start; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === '|') {
      cells.push({ start, end: i });
      start = i + 1;
    }
  }
  cells.forEach((c, column) => {
    if (column === 0) return;
    const raw = line.slice(c.start, c.end);
    const inner = raw.replace(/[*_`]/g, '').trim();
    if (!inner || inner.length > 40) return;
    const pct = /^(\d{1,3})\s*%$/.exec(inner);
    if (pct) {
      const at = c.start + raw.indexOf(pct[0]);
      out.push({ kind: 'percent', start: at, end: at + pct[0].length, value: pct[0], status: statusOfPercent(Number(pct[1])), column, cell: c });
      return;
    }
    const local: StatusSpot[] = [];
    emojiAndWord(line.slice(0, c.end), c.start, vocab, local, 'cell');
    const word = local.find((s) => s.kind === 'cell');
    const rest = line.slice((word ?? local[local.length - 1])?.end ?? c.start, c.end).replace(/[*_`\s]/g, '');
    // Only cells that are nothing but a status (`✅ Complete`, `Not Started`, `🔄`): never a notes cell.
    if (!local.length || rest !== '') return;
    for (const s of local) out.push({ ...s, column, cell: c });
  });
}

/** Every place a status is written on the line, in line order. */
export function statusSpots(line: string, vocab: StatusVocabulary = DEFAULT_VOCABULARY): StatusSpot[] {
  const out: StatusSpot[] = [];
  // Every status spot needs a bracket, a colon, a pipe or a symbol: most prose lines have none.
  if (!/[\[:|\u2000-\uffff]/.test(line)) return out;
  if (/^\s*\|/.test(line)) {
    tableSpots(line, vocab, out);
    return out;
  }
  const field = FIELD.exec(line);
  if (field) {
    const at = field[0].length;
    const local: StatusSpot[] = [];
    const end = emojiAndWord(line, at, vocab, local, 'field');
    out.push(...local);
    const pct = /^\s*(\d{1,3})\s*%/.exec(line.slice(end));
    if (pct) {
      const s = end + pct[0].indexOf(pct[1]!);
      out.push({ kind: 'percent', start: s, end: s + pct[1]!.length + 1, value: pct[1] + '%', status: statusOfPercent(Number(pct[1])) });
    }
    return out;
  }
  const list = LIST_PREFIX.exec(line);
  let at = 0;
  if (list) {
    at = list[0].length;
    const box = CHECKBOX.exec(line.slice(at));
    if (box) {
      const marker = box[1]!;
      const st = vocab.markers[marker];
      if (st || marker.length === 1) {
        out.push({ kind: 'checkbox', start: at + 1, end: at + 1 + marker.length, value: marker, status: st ?? 'unknown' });
        at += box[0].length;
      }
    }
  } else {
    const h = /^\s*(#{1,6}\s+)?/.exec(line)!;
    at = h[0].length;
  }
  emojiAndWord(line, at, vocab, out, 'label');
  if (!out.some((s) => s.kind === 'emoji')) {
    // A trailing status emoji (`### Gate 1 ✅ PASSED`, `- [x] **Tests** ✅`).
    const m = /(\s)(\S+)(\s*(\*\*)?[A-Za-z ]{0,20}(\*\*)?\s*)$/u.exec(line);
    if (m) {
      const i = m.index + 1;
      const e = emojiAt(line, i, vocab);
      if (e && i >= at) emojiAndWord(line, i, vocab, out, 'label');
    }
  }
  return out;
}

const PRIORITY: SpotKind[] = ['checkbox', 'label', 'field', 'cell', 'emoji', 'percent'];

/** The status a line states, by the most specific place it is written; null when the line states none. */
export function statusOfLine(line: string, vocab: StatusVocabulary = DEFAULT_VOCABULARY): Status | null {
  return statusOfSpots(statusSpots(line, vocab));
}

export function statusOfSpots(spots: readonly StatusSpot[]): Status | null {
  for (const k of PRIORITY) {
    const s = spots.find((x) => x.kind === k);
    if (s && s.status !== 'unknown') return s.status;
  }
  return null;
}
