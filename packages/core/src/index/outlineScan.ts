import type { Encoding } from '../model.js';
import type { HeadingBlock } from '../parse/blocks.js';
import { inlineText } from '../fast/inline.js';
import { isSpaceCode } from '../fast/chars.js';

/** What a note without plan signals yields: its heading blocks and how its lines end. */
export interface Outline {
  headings: HeadingBlock[];
  /** Each heading's line as written. */
  sources: string[];
  encoding: Encoding;
}

/** Chars a list or quote marker is made of, with the spaces around them: `- `, `1. `, `> `, `* `. */
const PREFIX = new Uint8Array(128);
for (const ch of ' \t\v\f>*+-.)0123456789') PREFIX[ch.charCodeAt(0)] = 1;

const isBlank = (c: number): boolean => c === 32 || c === 9;

/**
 * The headings `fastBlocks` finds in a text `planSignal` says no to (pure ASCII: no BOM, no mojibake, no frontmatter,
 * no table, no heading in a list item or quote), from one pass over its lines. Only column-0 fences are tracked;
 * any line whose reading would depend on containers or on a block this pass does not model returns null, and the
 * caller parses the file the general way: a fence or HTML block after indentation or a list/quote marker, a
 * setext underline, an ATX heading indented four columns or by a tab. `scanOutlineAt` reads only the lines the
 * signal scan collected (`lineStarts`): no other line can change the outline.
 */
export function scanOutline(text: string): Outline | null {
  const scan = new LineScan(text);
  const n = text.length;
  let cr = text.indexOf('\r');
  let lf = 0;
  let crlf = 0;
  let line = 0;
  let p = 0;
  let lastEmpty = false;
  for (;;) {
    line++;
    let e = text.indexOf('\n', p);
    if (e < 0) e = n;
    let next = e + 1;
    if (cr >= 0 && cr < e) {
      // A line ends at \r or \r\n as well (splitLines).
      if (text.charCodeAt(cr + 1) === 10) crlf++;
      else next = cr + 1;
      e = cr;
      cr = text.indexOf('\r', next);
    } else if (e < n) lf++;
    lastEmpty = e === p;
    if (!scan.visit(p, e, line)) return null;
    p = next;
    if (p > n) break;
  }
  const eol = lf && crlf ? 'mixed' : crlf ? 'crlf' : lf ? 'lf' : 'none';
  return { headings: scan.headings, sources: scan.sources, encoding: { bom: false, eol, mojibake: false, finalNewline: line > 1 && lastEmpty } };
}

/**
 * `scanOutline` given the line starts the signal scan collected (`pos[0..count)`, ascending): only those lines are
 * read, and the newlines before a heading counted when it is found.
 */
export function scanOutlineAt(text: string, pos: Int32Array, count: number): Outline | null {
  const scan = new LineScan(text);
  const n = text.length;
  for (let k = 0; k < count; k++) {
    const p = pos[k]!;
    const e = text.indexOf('\n', p);
    if (!scan.visit(p, e < 0 ? n : e, COUNT)) return null;
  }
  const eol = text.includes('\n') ? 'lf' : 'none';
  const finalNewline = n > 0 && text.charCodeAt(n - 1) === 10;
  return { headings: scan.headings, sources: scan.sources, encoding: { bom: false, eol, mojibake: false, finalNewline } };
}

/** A line number `LineScan` counts itself, only for a heading. */
const COUNT = 0;

/** The outline scan's state over lines visited in order: open column-0 fence, headings found. */
class LineScan {
  readonly headings: HeadingBlock[] = [];
  readonly sources: string[] = [];
  private fenceCh = 0;
  private fenceLen = 0;
  /** Lines counted so far (COUNT): `counted` is the number of the line holding `nextBreak`, the first `\n` not counted. */
  private counted = 1;
  private nextBreak = -2;

  constructor(private readonly text: string) {}

  /** The number of the line starting at `p`, counting on from the last one asked for (ascending). */
  private lineAt(p: number): number {
    const text = this.text;
    let nl = this.nextBreak === -2 ? text.indexOf('\n') : this.nextBreak;
    while (nl >= 0 && nl < p) {
      this.counted++;
      nl = text.indexOf('\n', nl + 1);
    }
    this.nextBreak = nl;
    return this.counted;
  }

  /** Read line `line` (COUNT: not known yet), chars `p` to `e`. False where the file needs the general parse. */
  visit(p: number, e: number, line: number): boolean {
    const text = this.text;
    if (this.fenceCh) {
      if (!fenceLine(text, p, e)) return true;
      const close = closes(text, p, e, this.fenceCh, this.fenceLen);
      if (close === null) return false;
      if (close) this.fenceCh = 0;
      return true;
    }
    let q = p;
    let spaces = 0;
    let odd = false;
    for (; q < e; q++) {
      const c = text.charCodeAt(q);
      if (c === 32) spaces++;
      else if (c === 9 || c === 11 || c === 12) odd = true;
      else break;
    }
    const c = q < e ? text.charCodeAt(q) : -1;
    if (c === 35) {
      let h = 1;
      while (h < 7 && text.charCodeAt(q + h) === 35) h++;
      const after = q + h < e ? text.charCodeAt(q + h) : -1;
      if (h <= 6 && (after === -1 || isBlank(after))) {
        if (odd || spaces > 3) return false;
        let content = text.slice(q + h, e).trim();
        // A closing sequence ends the trimmed text with `#`.
        if (content.charCodeAt(content.length - 1) === 35) content = content.replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim();
        this.headings.push({ type: 'heading', line: line === COUNT ? this.lineAt(p) : line, depth: h, text: inlineText(content) });
        this.sources.push(text.slice(p, e));
      }
    } else if (c >= 0 && c < 128 && (PREFIX[c] || c === 96 || c === 126 || c === 60 || c === 61)) {
      let r = q;
      while (r < e && PREFIX[text.charCodeAt(r)]) r++;
      const d = r < e ? text.charCodeAt(r) : -1;
      if (d === -1) {
        // Only marker chars: `-` alone or `---` may underline a setext heading, `- -` may be a rule or an item.
        for (let k = q; k < e; k++) if (text.charCodeAt(k) === 45) return false;
      } else if (d === 96 || d === 126) {
        let run = 1;
        while (text.charCodeAt(r + run) === d) run++;
        if (run >= 3) {
          if (r !== p) return false;
          const tick = d === 96 ? text.indexOf('`', r + run) : -1;
          if (tick < 0 || tick >= e) {
            this.fenceCh = d;
            this.fenceLen = run;
          }
        }
      } else if (d === 60) return false;
      else if (d === 61 && /^=+[ \t]*$/.test(text.slice(r, e))) return false;
    }
    return true;
  }
}

/** Could this line close a fence: whitespace, then three or more backticks or tildes. */
function fenceLine(text: string, p: number, e: number): boolean {
  let q = p;
  while (q < e && text.charCodeAt(q) <= 32) q++;
  const c = text.charCodeAt(q);
  return (c === 96 || c === 126) && text.charCodeAt(q + 1) === c && text.charCodeAt(q + 2) === c;
}

/**
 * Does this line close the open column-0 fence? `fastBlocks` closes on up to three spaces, the run, spaces or
 * tabs; `splitSections` on any whitespace around the run. Null where the two would disagree.
 */
function closes(text: string, p: number, e: number, ch: number, len: number): boolean | null {
  let q = p;
  let plain = true;
  while (q < e && isSpaceCode(text.charCodeAt(q))) {
    if (text.charCodeAt(q) !== 32) plain = false;
    q++;
  }
  if (q - p > 3) plain = false;
  let r = q;
  while (text.charCodeAt(r) === ch) r++;
  if (text.charCodeAt(q) !== ch || r - q < len) return false;
  for (let k = r; k < e; k++) {
    if (!isSpaceCode(text.charCodeAt(k))) return false;
    if (!isBlank(text.charCodeAt(k))) plain = false;
  }
  return plain ? true : null;
}
