import { DEFAULT_VOCABULARY, repairLine, statusOfText, type Status, type StatusVocabulary } from '@plansight/core';

/**
 * The per-keystroke fast path: what one line of a plan says, from that line alone. Columns are UTF-16 offsets
 * into the line as written (mojibake included), so decorations land on the file's own characters.
 * (Stands in for core's `fast/lineStatus` until it lands; same shape, so it can be swapped.)
 */
export interface RefSpan {
  /** Normalised id: `#145`, `T1-001`. */
  id: string;
  from: number;
  to: number;
}

export interface LineInfo {
  kind: 'heading' | 'status' | 'checkbox' | 'fence' | 'other';
  depth?: number;
  /** Heading text, repaired. */
  text?: string;
  status?: Status;
  /** Column range of the status symbol: checkbox marker or emoji. */
  token?: { from: number; to: number };
  /** Column range of a status label such as `Completed` (without the colon). */
  label?: { from: number; to: number };
  refs: RefSpan[];
}

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const LIST = /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+/;
const CHECKBOX = /^\[(.)\][ \t]*/u;
const LABEL = /^\**([A-Za-z][A-Za-z' -]{0,24}?)\**[ \t]*:/;
const REF = /\b(?:Issue[ \t]+)?#(\d{1,6})\b|\b([A-Z]{1,3}\d{0,3}-\d{2,4})\b/g;
const FENCE = /^[ \t]{0,3}(```|~~~)/;

export function lineStatus(raw: string, vocab: StatusVocabulary = DEFAULT_VOCABULARY): LineInfo {
  if (FENCE.test(raw)) return { kind: 'fence', refs: [] };
  const rep = repairLine(raw);
  const text = rep.text;
  const col = (i: number): number => rep.from[i] ?? raw.length;
  const refs = refsOf(text, col);
  const h = HEADING.exec(text);
  if (h) return { kind: 'heading', depth: h[1]!.length, text: h[2]!, refs };
  const list = LIST.exec(text);
  if (!list) return { kind: 'other', refs };
  let at = list[0].length;
  const rest = text.slice(at);
  const box = CHECKBOX.exec(rest);
  if (box) {
    const marker = box[1]!;
    const status = vocab.markers[marker] ?? 'unknown';
    const from = at + 1;
    return { kind: 'checkbox', status, token: { from: col(from), to: col(from + marker.length) }, refs };
  }
  let status: Status | undefined;
  let token: LineInfo['token'];
  const first = /^\S+/u.exec(rest)?.[0] ?? '';
  const symbol = vocab.emoji[first] ?? vocab.markers[first];
  if (symbol && !/^[A-Za-z0-9]/.test(first)) {
    status = symbol;
    token = { from: col(at), to: col(at + first.length) };
    at += first.length;
    while (text[at] === ' ' || text[at] === '\t') at++;
  }
  let label: LineInfo['label'];
  const l = LABEL.exec(text.slice(at));
  if (l) {
    const word = statusOfText(l[1]!, vocab);
    if (word) {
      const start = at + l[0].indexOf(l[1]!);
      label = { from: col(start), to: col(start + l[1]!.length) };
      status ??= word;
    }
  }
  if (!status) return { kind: 'other', refs };
  return { kind: 'status', status, ...(token ? { token } : {}), ...(label ? { label } : {}), refs };
}

function refsOf(text: string, col: (i: number) => number): RefSpan[] {
  const out: RefSpan[] = [];
  for (const m of text.matchAll(REF)) {
    const id = m[1] ? `#${m[1]}` : m[2]!;
    out.push({ id, from: col(m.index), to: col(m.index + m[0].length) });
  }
  return out;
}
