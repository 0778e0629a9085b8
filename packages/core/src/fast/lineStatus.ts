import type { ReferenceKind, Status } from '../model.js';
import { DEFAULT_VOCABULARY, statusOfText, type StatusVocabulary } from '../status.js';
import { STORY_ID_G, numberedActor } from '../ids.js';
import { repairLine } from '../text/mojibake.js';

/**
 * Per-keystroke reading of one line, for editor decorations: what kind of status line it is, its status, where
 * the status is written and which ids it references. Looks at the line alone (no block context), so it is cheap
 * enough to run on every visible line after every keystroke. Columns are 0-based in the line as given, also
 * when the line is mojibake.
 */
export type LineKind = 'blank' | 'heading' | 'checkbox' | 'status-label' | 'status-field' | 'table-row' | 'list' | 'text';

export interface LineRef {
  /** Normalised id: `#145`, `T1-001`, `worker-1`. */
  id: string;
  raw: string;
  kind: ReferenceKind;
  start: number;
  end: number;
}

export interface LineStatus {
  kind: LineKind;
  status?: Status;
  /** Where the status is written: the checkbox marker, the emoji or label, the field value. */
  marker?: { start: number; end: number; text: string };
  /** The daily-status label as written (`Completed`, `In Progress`). */
  label?: string;
  /** Heading depth, for `heading` lines. */
  depth?: number;
  refs: LineRef[];
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const LIST = /^(\s*(?:>\s?)*\s*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const CHECKBOX = /^\[([^\]\s]|[^\]]{1,3}?)\](?=[ \t]|$)/u;
const FIELD = /^(?:\*\*|__)?(status|state|progress)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(.*)$/i;
const LABEL = /^((?:[A-Za-z][A-Za-z' -]{1,24}?))(?:\*\*|__)?\s*:(?!\/)/;
const ISSUE_G = /(?:\bissues?\s*)?#(\d{1,6})\b/gi;
const ACTOR_G = /\b((?:workers?|agents?|teams?)[ _-]*0*\d{1,3})\b/gi;

const emojiKeys = new WeakMap<StatusVocabulary, string[]>();
function sortedEmoji(vocab: StatusVocabulary): string[] {
  let keys = emojiKeys.get(vocab);
  if (!keys) {
    keys = Object.keys(vocab.emoji).sort((a, b) => b.length - a.length);
    emojiKeys.set(vocab, keys);
  }
  return keys;
}

export function lineStatus(line: string, vocab: StatusVocabulary = DEFAULT_VOCABULARY): LineStatus {
  const rep = repairLine(line);
  const text = rep.text;
  const col = (i: number): number => (rep.changed ? (rep.from[i] ?? line.length) : i);
  const result: LineStatus = { kind: 'text', refs: refsOf(text, col) };
  if (text.trim() === '') {
    result.kind = 'blank';
    return result;
  }
  const h = HEADING.exec(text);
  if (h) {
    result.kind = 'heading';
    result.depth = h[1]!.length;
    statusAfter(text, h[0].length, vocab, col, result);
    return result;
  }
  if (/^\s*\|/.test(text)) {
    result.kind = 'table-row';
    const cells = text.split('|');
    let at = 0;
    for (const cell of cells) {
      const s = cell.trim() ? statusOfText(cell, vocab) : null;
      if (s) {
        const start = at + cell.indexOf(cell.trim());
        result.status = s;
        result.marker = { start: col(start), end: col(start + cell.trim().length), text: cell.trim() };
        break;
      }
      at += cell.length + 1;
    }
    return result;
  }
  let at = 0;
  const li = LIST.exec(text);
  if (li) {
    at = li[0].length;
    result.kind = 'list';
    const cb = CHECKBOX.exec(text.slice(at));
    const marker = cb?.[1];
    if (cb && marker !== undefined && (vocab.markers[marker] !== undefined || vocab.emoji[marker] !== undefined)) {
      result.kind = 'checkbox';
      result.status = vocab.markers[marker] ?? vocab.emoji[marker]!;
      result.marker = { start: col(at + 1), end: col(at + 1 + marker.length), text: marker };
      return result;
    }
  } else {
    at = text.length - text.trimStart().length;
  }
  statusAfter(text, at, vocab, col, result);
  return result;
}

/** A leading status emoji, a `Completed:` label or a `**Status**:` field at `at`. */
function statusAfter(text: string, at: number, vocab: StatusVocabulary, col: (i: number) => number, out: LineStatus): void {
  let i = at;
  const bold = /^(?:\*\*|__)/.exec(text.slice(i));
  if (bold) i += bold[0].length;
  for (const e of sortedEmoji(vocab)) {
    if (text.startsWith(e, i)) {
      const end = i + e.length + (text[i + e.length] === '\uFE0F' ? 1 : 0);
      out.kind = out.kind === 'heading' ? 'heading' : 'status-label';
      out.status = vocab.emoji[e]!;
      out.marker = { start: col(i), end: col(end), text: text.slice(i, end) };
      const lab = LABEL.exec(text.slice(end).replace(/^\s+/, ''));
      if (lab) {
        out.label = lab[1]!.trim();
        const s = statusOfText(out.label, vocab);
        if (s) out.status = s;
      }
      return;
    }
  }
  const rest = text.slice(at);
  const field = FIELD.exec(rest);
  if (field) {
    const value = field[2]!;
    const s = statusOfText(value, vocab);
    if (s) {
      const start = at + rest.length - value.length;
      out.kind = out.kind === 'heading' ? 'heading' : 'status-field';
      out.status = s;
      out.marker = { start: col(start), end: col(start + value.trimEnd().length), text: value.trim() };
    }
    return;
  }
  const lab = LABEL.exec(text.slice(i));
  if (lab) {
    const s = vocab.words[lab[1]!.trim().toLowerCase()];
    if (s) {
      out.kind = out.kind === 'heading' ? 'heading' : 'status-label';
      out.status = s;
      out.label = lab[1]!.trim();
      out.marker = { start: col(i), end: col(i + lab[1]!.length), text: out.label };
    }
  }
}

function refsOf(text: string, col: (i: number) => number): LineRef[] {
  if (!/[#\dA-Z]/.test(text)) return [];
  const out: LineRef[] = [];
  for (const m of text.matchAll(ISSUE_G)) {
    const start = m.index;
    // `# Heading` and `#tag` are not issue references; `#12` needs digits right after the hash.
    out.push({ id: `#${Number(m[1])}`, raw: m[0], kind: 'issue', start: col(start), end: col(start + m[0].length) });
  }
  for (const m of text.matchAll(STORY_ID_G)) {
    if (/^(UTF|SHA|ISO|CVE|RFC|HTTP|X)-/i.test(m[1]!)) continue;
    out.push({ id: m[1]!, raw: m[1]!, kind: 'story', start: col(m.index), end: col(m.index + m[1]!.length) });
  }
  for (const m of text.matchAll(ACTOR_G)) {
    const a = numberedActor(m[1]!);
    if (a) out.push({ id: a.id, raw: m[1]!, kind: 'actor', start: col(m.index), end: col(m.index + m[1]!.length) });
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
