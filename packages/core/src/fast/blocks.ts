import type { Block, CodeBlock, HtmlBlock, ItemBlock, ParagraphBlock, TableBlock, TaskMarker } from '../parse/blocks.js';
import { TASK_MARKERS } from '../parse/blocks.js';
import { splitSections, type Section } from '../parse/sections.js';
import { remarkSection } from '../parse/remarkBlocks.js';
import { inlineText } from './inline.js';
import { isSpaceCode, skipSpaces, trimmedEnd } from './chars.js';

/** A block quote with no paragraph in it: `>`, `> >`, `> *`, `> 1. -` (markers only, each bullet followed by a blank). */
const EMPTY_QUOTE = /^>(?:[ \t]*>)*(?:[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*$/;

/**
 * The fast pass: the same block stream as `remarkBlocks`, from a line scanner that follows CommonMark's container
 * rules for lists and top-level block quotes. Sections are split exactly as remark's pass splits them, so a section
 * boundary never differs. A section the scanner does not model is read by remark instead, up to
 * `REMARK_FALLBACK_MAX_LINES` lines: one with a block quote nested in a list item or in another quote, or one where
 * the scanner meets a micromark quirk it does not follow (`SectionScanner.unmodelled`).
 */
export function fastBlocks(lines: readonly string[]): Block[] {
  const out: Block[] = [];
  for (const s of splitSections(lines)) {
    const mark = out.length;
    // A section too long for remark, or one remark cannot read, keeps the scanner's reading.
    if (!scanInto(s, out) || s.lines.length > REMARK_FALLBACK_MAX_LINES) continue;
    const exact = remarkOrNull(s);
    if (!exact) continue;
    out.length = mark;
    for (const b of exact) out.push(b);
  }
  return out;
}

/** The line scanner alone, with no section handed to remark: what `fastBlocks` does with a long section. */
export function scanBlocks(lines: readonly string[]): Block[] {
  const out: Block[] = [];
  for (const s of splitSections(lines)) scanInto(s, out);
  return out;
}

/**
 * The scanner's reading of one section, and why it defers the section to remark, if it does (`fastBlocks` then asks
 * remark when the section is short enough). Where `defers` is null the blocks are remark's: the tests hold the
 * scanner to that on every fuzzed section.
 */
export function scanSection(s: Section): { blocks: Block[]; defers: string | null } {
  const blocks: Block[] = [];
  return { blocks, defers: scanInto(s, blocks) };
}

/** Scan a section into `out`; what the scanner met that it does not model, or null. */
function scanInto(s: Section, out: Block[]): string | null {
  const scanner = new SectionScanner(s.lines, s.startLine - 1, out);
  scanner.run();
  return scanner.unmodelled;
}

/** The longest section the fast pass hands to remark (about 20 ms of remark's time for plan-like lines). */
export const REMARK_FALLBACK_MAX_LINES = 300;

function remarkOrNull(s: Section): Block[] | null {
  try {
    return remarkSection(s);
  } catch {
    return null;
  }
}

/**
 * A `>` in a line's container prefix after a list bullet or after another `>`: a quote inside a list item or inside
 * another quote, which the scanner does not model (it reads block quotes only at the top level and one deep).
 */
export function nestsQuote(line: string): boolean {
  let containers = 0;
  for (let i = 0; i < line.length; ) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) i++;
    else if (c === 62) {
      if (containers > 0) return true;
      containers++;
      i++;
    } else if (mayBullet(c)) {
      const b = bulletOf(line, i);
      if (!b) return false;
      containers++;
      i += markerEnd(b);
    } else return false;
  }
  return false;
}

const FENCE = /^(`{3,}|~{3,})(.*)$/;
const SETEXT = /^(=+|-+)[ \t]*$/;
const EXTENDED_TASK = /^\[([^\]\s]|[^\]]{1,3}?)\](?:[ \t]+|$)/u;
const HTML_COMMENT = /^<!--/;
const HTML_RAW = /^<(script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_BLOCK6 =
  /^<\/?(address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s>]|\/>|$)/i;
const HTML_BLOCK7 =
  /^(?:<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[a-zA-Z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[a-zA-Z][a-zA-Z0-9-]*\s*>)[ \t]*$/;
const HTML_OTHER = /^<(\?|![A-Za-z]|!\[CDATA\[)/;
const NON_BLANK = /\S/;

/** The first character can open a fence, a heading, a rule, a setext underline or a list item (the anchored patterns). */
const mayFence = (c: number) => c === 96 || c === 126;
const mayRule = (c: number) => c === 45 || c === 42 || c === 95;
const maySetext = (c: number) => c === 61 || c === 45;
const mayBullet = (c: number) => c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** `ATX.exec(s)` for `ATX = /^(#{1,6})(?=[ \t]|$)(.*)$/`: the heading's depth (the run of `#`), or 0. */
export function atxDepth(s: string): number {
  let h = 0;
  while (h < 6 && s.charCodeAt(h) === 35) h++;
  if (h === 0 || (h < s.length && s.charCodeAt(h) !== 32 && s.charCodeAt(h) !== 9)) return 0;
  // `.` stops at a line terminator, and `$` needs the end of the text.
  return LINE_TERMINATOR.test(s) ? 0 : h;
}

/** The one-character ASCII task markers, by code. */
const ASCII_TASK = new Uint8Array(128);
for (const m of TASK_MARKERS) if (m.length === 1 && m.charCodeAt(0) < 128) ASCII_TASK[m.charCodeAt(0)] = 1;

/** A block quote marker: `^ {0,3}>`. */
function isQuoteLine(s: string): boolean {
  let i = 0;
  while (i < 3 && s.charCodeAt(i) === 32) i++;
  return s.charCodeAt(i) === 62;
}

/** `!/\S/.test(s)`: ASCII is decided here, anything else by the regex. */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128) return false;
    return !NON_BLANK.test(s.slice(i));
  }
  return true;
}

/** Length of the match of `^\[([ xX])\][ \t]+(?=\S)` at index `at` of `s`, or 0. */
function gfmTaskLength(s: string, at: number): number {
  const c1 = s.charCodeAt(at + 1);
  if (s.charCodeAt(at) !== 91 || !(c1 === 32 || c1 === 120 || c1 === 88) || s.charCodeAt(at + 2) !== 93) return 0;
  let i = at + 3;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  if (i === at + 3 || i === s.length || isSpaceCode(s.charCodeAt(i))) return 0;
  return i - at;
}

/**
 * `BULLET.exec(s)`: `-`, `*`, `+` or 1-9 digits and `.` or `)`, then blanks or the end. 0 when there is none, else
 * the match's length and the marker's length packed in one number (no array, no strings): see `matchEnd`, `markerEnd`.
 */
type Bullet = number;
function bulletOf(s: string, from = 0): Bullet {
  const c0 = s.charCodeAt(from);
  let i = from + 1;
  if (isDigit(c0)) {
    while (i < from + 9 && isDigit(s.charCodeAt(i))) i++;
    const c = s.charCodeAt(i);
    if (c !== 46 && c !== 41) return 0;
    i++;
  } else if (!(c0 === 45 || c0 === 42 || c0 === 43)) return 0;
  const marker = i;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  if (i === marker && i < s.length) return 0;
  return ((i - from) << 4) | (marker - from);
}

/** Length of the bullet with the blanks after it. */
const matchEnd = (b: Bullet) => b >> 4;
/** Length of the marker (`-`, `12.`): at most 10. */
const markerEnd = (b: Bullet) => b & 15;

/** An ordered marker other than 1 (`parseInt` stops at the `.` or `)` after the digits). */
const orderedNotOne = (s: string) => isDigit(s.charCodeAt(0)) && parseInt(s, 10) !== 1;

/** `RULE.test(s)` for a line starting with `-`, `*` or `_`: that character three times or more, blanks between. */
function isRule(s: string): boolean {
  const c0 = s.charCodeAt(0);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === c0) n++;
    else if (c !== 32 && c !== 9) return false;
  }
  return n >= 3;
}

interface OpenItem {
  block: ItemBlock;
  content: number;
  /** Nothing after the bullet yet: a blank line now ends the item. */
  empty: boolean;
  /** The first line after the bullet, task marker included: `src` from `restAt`. */
  src: string;
  restAt: number;
}

type Para =
  | { kind: 'para'; block: ParagraphBlock; depth: number }
  /** `start`: index in the item's `more` where this paragraph begins, -1 when it begins on the bullet line. */
  | { kind: 'item'; item: OpenItem; depth: number; start: number };

/** The first line after an item's bullet, task marker included. */
const restOf = (open: OpenItem) => open.src.slice(open.restAt);

/** `- [ ]` alone on its line is a GFM task only when its paragraph continues on the next line. */
const BARE_GFM_TASK = /^\[[ xX]\]$/;

/** `indentOf(s.slice(from))`. */
function indentOf(s: string, from = 0): number {
  let col = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) col++;
    else if (c === 9) col += 4 - (col % 4);
    else break;
  }
  return col;
}

/** Remove `cols` columns of leading whitespace (of `s` from index `from`, which sits at column `col0`). */
function dropColumns(s: string, cols: number, from = 0, col0 = 0): string {
  let col = col0;
  let i = from;
  while (i < s.length && col < cols) {
    const c = s.charCodeAt(i);
    if (c === 32) col++;
    else if (c === 9) {
      const w = 4 - (col % 4);
      if (col + w > cols) return ' '.repeat(col + w - cols) + s.slice(i + 1);
      col += w;
    } else break;
    i++;
  }
  return s.slice(i);
}

function stripContainer(line: string): string {
  const c0 = line.charCodeAt(0);
  if (c0 > 32 && c0 < 128 && c0 !== 62) return line.trimEnd();
  return line.replace(/^\s*(?:>\s?)*/, '').trimEnd();
}

function stripQuote(line: string): string {
  let t = line;
  while (isQuoteLine(t)) t = t.replace(/^ {0,3}> ?/, '');
  return t;
}

export function splitRow(s: string): string[] {
  let t = s.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === '\\' && t[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

function delimiterCells(s: string): number {
  const t = s.trim();
  if (!t.includes('-')) return 0;
  if (!/^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/.test(t)) return 0;
  return splitRow(t).length;
}

class SectionScanner {
  private readonly out: Block[];
  /** Open list items, outermost first: the first `openCount` entries (shortening the array would free its store). */
  private items: OpenItem[] = [];
  private openCount = 0;
  private para: Para | null = null;
  private table: { block: TableBlock; depth: number } | null = null;
  private fence: { block: CodeBlock; ch: string; len: number; indent: number; base: number; depth: number } | null = null;
  private indented: { block: CodeBlock; base: number; pending: number; depth: number } | null = null;
  private html: { block: HtmlBlock; end: 'blank' | RegExp; base: number; depth: number } | null = null;
  private quote = false;
  /** The next line (a table's delimiter row) has been consumed. */
  private skipNext = false;
  /** The previous line was indented code that opened the section: micromark then reads a list start as an interruption. */
  private afterIndented = false;
  /** The open indented code did not start by closing a list item or a block quote. */
  private indentedQuirk = false;
  /** The blank line before this line closed an empty list item. */
  private closedByBlank = false;
  private prevQuote = false;
  /**
   * Why the section holds something the scanner does not model, or null: a quote inside a list item, or a micromark
   * quirk it does not follow (indented code going on after it closed a list item or a quote, a list start right after
   * indented code, an unclosed fence in an item or first-line `---`, a lazy line that is a table header or an HTML
   * tag, a setext heading whose inline HTML spans indented lines).
   */
  unmodelled: string | null = null;

  constructor(
    private readonly lines: readonly string[],
    private readonly offset: number,
    out: Block[],
  ) {
    this.out = out;
  }

  run(): void {
    let i = 0;
    if (this.offset === 0) i = this.frontmatter();
    for (; i < this.lines.length; i++) {
      const isQuote = isQuoteLine(this.lines[i]!);
      if (this.skipNext) this.skipNext = false;
      else this.line(i, isQuote);
      this.prevQuote = isQuote;
    }
    const end = this.offset + this.lines.length;
    if (this.fence || this.html) {
      if (this.fence && (this.fence.depth > 0 || this.quote)) this.unmodelled = 'unclosed fence in a list item or quote';
      // An unclosed fence or HTML block runs to the end of the section, its containers with it.
      if (this.html) this.html.block.endLine = end;
      this.closeFence(end);
      this.touch(end);
    }
  }

  private frontmatter(): number {
    if (!/^---\s*$/.test(this.lines[0] ?? '')) return 0;
    for (let j = 1; j < this.lines.length; j++) {
      if (/^---\s*$/.test(this.lines[j]!)) {
        this.out.push({ type: 'frontmatter', line: 1, endLine: j + 1, raw: this.lines.slice(1, j).join('\n') });
        return j + 1;
      }
    }
    this.unmodelled = 'unclosed frontmatter';
    return 0;
  }

  private base(): number {
    return this.openCount ? this.items[this.openCount - 1]!.content : 0;
  }

  private closeFence(ln: number): void {
    if (this.fence) {
      this.fence.block.endLine = ln;
      this.fence = null;
    }
  }

  private closeLeaves(): void {
    this.para = null;
    this.table = null;
    this.indented = null;
    this.html = null;
  }

  private popTo(depth: number): void {
    if (this.openCount > depth) this.openCount = depth;
    if (this.table && this.table.depth > depth) this.table = null;
    if (this.indented && this.indented.depth > depth) this.indented = null;
    if (this.html && this.html.depth > depth) this.html = null;
    if (this.para && this.para.depth > depth) this.para = null;
  }

  private touch(ln: number): void {
    for (let k = 0; k < this.openCount; k++) {
      const it = this.items[k]!;
      it.block.endLine = ln;
      if (it.block.line !== ln) it.empty = false;
    }
  }

  private line(i: number, isQuote: boolean): void {
    const raw = this.lines[i]!;
    const ln = this.offset + i + 1;
    // Inside a fence or an HTML block opened outside a quote, a `>` line is content.
    let text = isQuote && (this.quote || !(this.fence || this.html)) ? stripQuote(raw) : raw;
    let blank = isBlank(text);
    const leftQuote = this.quote && !isQuote;

    if (this.fence) {
      const f = this.fence;
      if (blank && !leftQuote) {
        if (i === this.lines.length - 1) return;
        f.block.lines.push(dropColumns(dropColumns(text, f.base), f.indent));
        this.touch(ln);
        return;
      }
      if (leftQuote || indentOf(text) < f.base) {
        // A list item or quote closes the fence and its item on its own line in remark, the blank lines before it kept;
        // anything else before it, without the last blank line (unless that is all the fence holds).
        if (this.startsContainer(raw, text)) {
          this.closeFence(ln);
          this.touch(ln);
        } else {
          const ls = f.block.lines;
          if (ls.length > 1 && ls[ls.length - 1] === '') ls.pop();
          this.closeFence(ln - 1);
        }
      } else {
        const rel = dropColumns(text, f.base);
        const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(rel);
        if (close && close[1]![0] === f.ch && close[1]!.length >= f.len) {
          this.closeFence(ln);
          this.touch(ln);
          return;
        }
        f.block.lines.push(dropColumns(rel, f.indent));
        this.touch(ln);
        return;
      }
    }

    if (this.html && (leftQuote || (!blank && indentOf(text) < this.html.base))) {
      if (this.html.end !== 'blank' && this.startsContainer(raw, text)) {
        this.html.block.text += '\n';
        this.html.block.endLine = ln;
        this.touch(ln);
      }
      this.html = null;
    }
    if (this.html) {
      const h = this.html;
      if (h.end === 'blank') {
        if (blank) {
          this.html = null;
          return;
        }
        h.block.text += '\n' + dropColumns(text, h.base);
        h.block.endLine = ln;
        this.touch(ln);
        return;
      }
      h.block.text += '\n' + dropColumns(text, h.base);
      h.block.endLine = ln;
      if (h.end.test(text)) this.html = null;
      this.touch(ln);
      return;
    }

    // A quote inside a list item or another quote: containers the scanner does not model. (Inside a fence or an HTML
    // block, above, a `>` is text.)
    if (nestsQuote(raw) || (this.openCount > 0 && !this.quote && indentOf(raw) >= this.items[0]!.content && raw.charCodeAt(skipSpaces(raw, 0)) === 62))
      this.unmodelled = 'nested block quote';

    if (isQuote && text === raw) {
      text = stripQuote(raw);
      blank = isBlank(text);
    }

    if (isQuote !== this.quote) {
      if (!isQuote && !blank && this.para && !this.startsBlock(text, indentOf(text), true, 0)) {
        this.continuePara(raw, ln);
        return;
      }
      this.popTo(0);
      this.closeLeaves();
      this.quote = isQuote;
    }

    if (blank) {
      const top = this.openCount ? this.items[this.openCount - 1] : undefined;
      if (top?.empty) {
        this.popTo(this.openCount - 1);
        this.closedByBlank = true;
      }
      this.para = null;
      this.table = null;
      if (this.indented) this.indented.pending++;
      return;
    }

    const indent = indentOf(text);
    const closedByBlank = this.closedByBlank;
    this.closedByBlank = false;

    // Lazy continuation: a paragraph line that does not start anything else stays in its paragraph.
    if (this.para && indent < this.base() && !this.startsBlock(text, indent, true)) {
      if (this.para.kind === 'item' && (text.includes('|') || text.trimStart().charCodeAt(0) === 60)) this.unmodelled = 'lazy table or HTML line';
      this.continuePara(raw, ln);
      return;
    }

    let depth = this.openCount;
    while (depth > 0 && indent < this.items[depth - 1]!.content) depth--;
    const popped = depth < this.openCount;
    this.popTo(depth);
    const base = this.base();
    const rel = indent - base;
    const s = text.trimStart();

    this.afterIndented = !!this.indented && this.indentedQuirk;
    if (this.indented) {
      if (rel >= 4) {
        const c = this.indented;
        if (!this.indentedQuirk) this.unmodelled = 'indented code after a container closed';
        for (; c.pending > 0; c.pending--) c.block.lines.push('');
        c.block.lines.push(dropColumns(text, base + 4));
        c.block.endLine = ln;
        this.touch(ln);
        return;
      }
      this.indented = null;
    }

    if (rel >= 4) {
      if (this.para) {
        this.continuePara(raw, ln);
        return;
      }
      // Indented code ends a table, as any block start does.
      this.table = null;
      this.indentedQuirk = !popped && !closedByBlank && !this.prevQuote;
      this.indented = {
        block: { type: 'code', line: ln, endLine: ln, lang: '', meta: '', lines: [dropColumns(text, base + 4)], inItem: depth > 0 },
        base,
        pending: 0,
        depth,
      };
      this.out.push(this.indented.block);
      this.touch(ln);
      return;
    }

    if (this.table) {
      if (this.startsBlock(text, indent, false)) this.table = null;
      else {
        this.table.block.rows.push({ line: ln, cells: splitRow(s).map(inlineText) });
        this.table.block.endLine = ln;
        this.touch(ln);
        return;
      }
    }

    const c0 = s.charCodeAt(0);
    if (this.fenceOrHeading(s, c0, rel, base, depth, ln)) {
      this.touch(ln);
      return;
    }

    if (this.para && this.para.kind === 'para' && !popped && this.para.depth === depth) {
      const st = maySetext(c0) ? SETEXT.exec(s) : null;
      if (st) {
        const p = this.para.block;
        const at = this.out.lastIndexOf(p);
        if (at >= 0) this.out.splice(at, 1);
        // The paragraph's lines as written (kept lines lost their blanks), inside their quote markers, for inlineText
        // to read: the indentation of a continuation line goes outside code spans only, and a hard break adds no text.
        const body = p.lines
          .map((_, k) => {
            const raw = this.lines[p.line - this.offset - 1 + k] ?? '';
            const line = p.quote ? stripQuote(raw) : raw;
            return k === 0 ? line.trimStart() : line;
          })
          .join('\n');
        this.out.push({ type: 'heading', line: p.line, depth: st[1]![0] === '=' ? 1 : 2, text: this.setextText(body) });
        this.para = null;
        this.touch(ln);
        return;
      }
    }

    if (this.para && this.para.kind === 'item' && !popped && this.para.depth === depth) {
      const st = maySetext(c0) ? SETEXT.exec(s) : null;
      if (st) {
        this.setextInItem(this.para, st[1]![0] === '=' ? 1 : 2);
        this.touch(ln);
        return;
      }
    }

    if (mayRule(c0) && isRule(s)) {
      this.para = null;
      this.out.push({ type: 'rule', line: ln });
      this.touch(ln);
      return;
    }

    const bullet = mayBullet(c0) ? bulletOf(s) : 0;
    if (bullet && this.canStartItem(s, bullet, popped)) {
      this.item(raw, s, bullet, indent, depth, ln);
      return;
    }

    const htmlEnd = this.htmlStart(s, !!this.para);
    if (htmlEnd) {
      this.para = null;
      const block: HtmlBlock = { type: 'html', line: ln, endLine: ln, text: dropColumns(text, base) };
      this.out.push(block);
      this.touch(ln);
      if (htmlEnd === 'blank' || !htmlEnd.test(s)) this.html = { block, end: htmlEnd, base, depth };
      return;
    }

    if (s.includes('|') && this.tableStart(s, i, base)) {
      this.para = null;
      const block: TableBlock = { type: 'table', line: ln, endLine: ln + 1, header: splitRow(s).map(inlineText), rows: [] };
      this.out.push(block);
      this.table = { block, depth };
      this.touch(ln + 1);
      this.skipNext = true;
      return;
    }

    if (this.para) {
      this.continuePara(raw, ln);
      return;
    }
    if (depth > 0) {
      const item = this.items[depth - 1]!;
      this.para = { kind: 'item', item, depth, start: item.block.more.length };
      item.block.more.push({ line: ln, text: stripContainer(raw).trim() });
    } else {
      const block: ParagraphBlock = { type: 'paragraph', line: ln, endLine: ln, lines: [stripContainer(raw)], quote: this.quote };
      this.out.push(block);
      this.para = { kind: 'para', block, depth };
    }
    this.touch(ln);
  }


  /** A code fence or an ATX heading opens at `s` (the line from its first non-blank); if so it is in the stream. */
  private fenceOrHeading(s: string, c0: number, rel: number, base: number, depth: number, ln: number): boolean {
    const fence = mayFence(c0) ? FENCE.exec(s) : null;
    if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
      const info = fence[2]!.trim();
      const sp = info.search(/\s/);
      const block: CodeBlock = {
        type: 'code',
        line: ln,
        endLine: ln,
        lang: (sp < 0 ? info : info.slice(0, sp)).toLowerCase(),
        meta: sp < 0 ? '' : info.slice(sp).trim(),
        lines: [],
        inItem: depth > 0,
      };
      this.para = null;
      this.out.push(block);
      this.fence = { block, ch: fence[1]![0]!, len: fence[1]!.length, indent: rel, base, depth };
      return true;
    }
    const atx = c0 === 35 ? atxDepth(s) : 0;
    if (atx) {
      const from = skipSpaces(s, atx);
      let content = s.slice(from, trimmedEnd(s, from));
      // Trimmed, the text can end in a closing sequence only if its last character is `#`.
      if (content.endsWith('#')) content = content.replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim();
      this.para = null;
      this.out.push({ type: 'heading', line: ln, depth: atx, text: inlineText(content) });
      return true;
    }
    return false;
  }

  /**
   * An item's text that opens a block of its own (a heading, a fence, a rule, HTML: remark keeps the item's text and
   * adds the block), which no lazy line continues. `rest` is the text after the marker; the block is in the stream.
   */
  private itemOpensBlock(rest: string, base: number, depth: number, ln: number): boolean {
    const c0 = rest.charCodeAt(0);
    if (this.fenceOrHeading(rest, c0, 0, base, depth, ln)) return true;
    if (mayRule(c0) && isRule(rest)) {
      this.para = null;
      this.out.push({ type: 'rule', line: ln });
      return true;
    }
    const htmlEnd = c0 === 60 ? this.htmlStart(rest, false) : null;
    if (htmlEnd) {
      this.para = null;
      const block: HtmlBlock = { type: 'html', line: ln, endLine: ln, text: rest };
      this.out.push(block);
      if (htmlEnd === 'blank' || !htmlEnd.test(rest)) this.html = { block, end: htmlEnd, base, depth };
      return true;
    }
    return false;
  }

  /** A block quote or a list item (not indented code) starts on this line. */
  private startsContainer(raw: string, text: string): boolean {
    if (isQuoteLine(raw)) return true;
    if (!bulletOf(text.trimStart())) return false;
    const indent = indentOf(text);
    let depth = this.openCount;
    while (depth > 0 && indent < this.items[depth - 1]!.content) depth--;
    return indent - (depth > 0 ? this.items[depth - 1]!.content : 0) < 4;
  }

  private continuePara(raw: string, ln: number): void {
    const p = this.para!;
    if (p.kind === 'item') {
      const b = p.item.block;
      if (b.task && !b.task.gfm && b.more.length === 0 && BARE_GFM_TASK.test(restOf(p.item).trimEnd())) b.task.gfm = true;
      b.more.push({ line: ln, text: stripContainer(raw).trim() });
    }
    else {
      p.block.lines.push(stripContainer(raw));
      p.block.endLine = ln;
    }
    this.touch(ln);
  }

  /** An underline below an item's paragraph makes it a heading inside the item (and no longer a GFM task). */
  private setextInItem(p: Extract<Para, { kind: 'item' }>, depth: number): void {
    const b = p.item.block;
    const parts = p.start < 0 ? [restOf(p.item), ...b.more.map((m) => m.text)] : b.more.slice(p.start).map((m) => m.text);
    const line = p.start < 0 ? b.line : (b.more[p.start]?.line ?? b.line);
    if (p.start < 0) {
      b.more = [];
      if (b.task?.gfm) b.task = TASK_MARKERS.has(b.task.marker) ? { marker: b.task.marker, gfm: false } : null;
    } else b.more = b.more.slice(0, p.start);
    // The parts are consecutive lines: each keeps the blanks its line ends in, for inlineText's hard breaks, and a
    // line after the first its indentation past the item's content column (inside a code span it is text).
    const body = parts.map((x, k) => {
      const raw = this.lines[line - this.offset - 1 + k] ?? '';
      if (k > 0) return dropColumns(b.quote ? stripQuote(raw) : raw, p.item.content);
      return x.trim() + raw.slice(trimmedEnd(raw, 0));
    });
    this.out.push({ type: 'heading', line, depth, text: this.setextText(body.join('\n')) });
    this.para = null;
  }

  /** A setext heading's text, its lines joined. inlineText keeps a continuation line's indentation inside code spans only, not inside inline HTML. */
  private setextText(body: string): string {
    if (/\n[ \t]/.test(body) && body.includes('<')) this.unmodelled = 'setext heading with inline HTML over indented lines';
    return inlineText(body);
  }

  private canStartItem(s: string, bullet: Bullet, popped: boolean): boolean {
    if (this.afterIndented) this.unmodelled = 'list start after indented code';
    if (!(this.para || this.afterIndented) || popped) return true;
    if (skipSpaces(s, matchEnd(bullet)) === s.length) return false;
    return !orderedNotOne(s);
  }

  private item(raw: string, s: string, bullet: Bullet, indent: number, depth: number, ln: number, asText?: string, asBullet?: string): void {
    const me = markerEnd(bullet);
    const spaces = indentOf(s, me);
    // The text after the marker, trimmed at the start, is `s.slice(restAt)`.
    const restAt = skipSpaces(s, me);
    const restEmpty = restAt === s.length;
    const content = restEmpty || spaces >= 5 ? indent + me + 1 : indent + me + spaces;
    // The item's text (after the bullet's blanks and any task marker) starts at `at`.
    let at = matchEnd(bullet);
    let task: TaskMarker | null = null;
    const g = gfmTaskLength(s, at);
    if (g > 0) {
      task = { marker: s[at + 1]!, gfm: true };
      at += g;
    } else if (s.charCodeAt(at) === 91) {
      const c1 = s.charCodeAt(at + 1);
      if (c1 > 32 && c1 < 127 && c1 !== 93 && s.charCodeAt(at + 2) === 93) {
        // `[/] `: EXTENDED_TASK's first branch (one visible ASCII character), or no match when no blank or end follows.
        let n = 3;
        while (s.charCodeAt(at + n) === 32 || s.charCodeAt(at + n) === 9) n++;
        if ((n > 3 || s.length - at === 3) && ASCII_TASK[c1] === 1) {
          task = { marker: s[at + 1]!, gfm: false };
          at += n;
        }
      } else {
        const t = EXTENDED_TASK.exec(s.slice(at));
        if (t && TASK_MARKERS.has(t[1]!)) {
          task = { marker: t[1]!, gfm: false };
          at += t[0].length;
        }
      }
    }
    const block: ItemBlock = {
      type: 'item',
      line: ln,
      endLine: ln,
      depth,
      ordered: isDigit(s.charCodeAt(0)),
      bullet: asBullet ?? s.slice(0, me),
      task,
      text: asText ?? s.slice(at, trimmedEnd(s, at)),
      more: [],
      quote: this.quote,
    };
    // Never read items[-1]: a negative index is a slow property lookup.
    const parent = depth > 0 ? this.items[depth - 1] : undefined;
    if (parent) block.parentLine = parent.block.line;
    this.out.push(block);
    this.touch(ln);
    const open: OpenItem = { block, content, empty: restEmpty, src: s, restAt };
    this.items[this.openCount++] = open;
    const r0 = s.charCodeAt(restAt);
    // `1. >`, `1. > *`: the item holds a block quote that is empty or holds empty list items, with no paragraph for a
    // lazy line to continue.
    const emptyQuote = r0 === 62 && EMPTY_QUOTE.test(s.slice(restAt));
    this.para = restEmpty || emptyQuote ? null : { kind: 'item', item: open, depth: depth + 1, start: -1 };
    // Only a text starting with a fence, `#`, rule or `<` character can open a block: most items are read without a slice.
    const mayOpen = mayFence(r0) || r0 === 35 || mayRule(r0) || r0 === 60;
    if (mayOpen && !restEmpty && spaces < 5 && !task && this.itemOpensBlock(s.slice(restAt, trimmedEnd(s, restAt)), content, depth + 1, ln)) return;
    if (!restEmpty && spaces >= 5) {
      // Five blanks after the marker: the item's content opens with indented code, which no lazy line continues,
      // and a task marker in it is text, not a GFM task.
      if (task?.gfm) block.task = TASK_MARKERS.has(task.marker) ? { marker: task.marker, gfm: false } : null;
      this.para = null;
      this.indentedQuirk = true;
      this.indented = {
        block: { type: 'code', line: ln, endLine: ln, lang: '', meta: '', lines: [dropColumns(s, content + 4, me, indent + me)], inItem: true },
        base: content,
        pending: 0,
        depth: depth + 1,
      };
      this.out.push(this.indented.block);
      return;
    }
    // `- - text`: a list item whose content starts another list on the same line. The block stream gives both
    // items the first item's text and bullet, as remark's pass reads them from the raw line.
    // (A rest that is a rule, `* - - -`, opened its block above.) An empty inner item (`1. -`) holds no paragraph.
    const inner = task ? 0 : bulletOf(s, restAt);
    if (inner) {
      this.para = null;
      this.item(raw, s.slice(restAt), inner, content, depth + 1, ln, block.text, block.bullet);
    }
  }

  private htmlStart(s: string, inPara: boolean): 'blank' | RegExp | null {
    if (s[0] !== '<') return null;
    if (HTML_COMMENT.test(s)) return /-->/;
    const rawTag = HTML_RAW.exec(s);
    if (rawTag) return new RegExp(`</${rawTag[1]}>`, 'i');
    if (HTML_OTHER.test(s)) return s[1] === '?' ? /\?>/ : s.startsWith('<![CDATA[') ? /\]\]>/ : />/;
    if (HTML_BLOCK6.test(s)) return 'blank';
    if (!inPara && HTML_BLOCK7.test(s)) return 'blank';
    return null;
  }

  private tableStart(s: string, i: number, base: number): boolean {
    const nextRaw = this.lines[i + 1];
    if (nextRaw === undefined) return false;
    const nextQuote = isQuoteLine(nextRaw);
    if (nextQuote !== this.quote) return false;
    const next = nextQuote ? stripQuote(nextRaw) : nextRaw;
    if (indentOf(next) < base || indentOf(next) - base >= 4) return false;
    const n = delimiterCells(next);
    if (n === 0 || n !== splitRow(s).length) return false;
    if (!next.includes('|')) return false;
    return true;
  }

  /** Would this line start a block of its own (and so end a paragraph or a table)? */
  private startsBlock(text: string, indent: number, forPara: boolean, open = this.openCount): boolean {
    const s = text.trimStart();
    if (isQuoteLine(text)) return true;
    let depth = open;
    while (depth > 0 && indent < this.items[depth - 1]!.content) depth--;
    const base = depth > 0 ? this.items[depth - 1]!.content : 0;
    if (indent - base >= 4) return false;
    const c0 = s.charCodeAt(0);
    if ((c0 === 35 && atxDepth(s) > 0) || (mayRule(c0) && isRule(s))) return true;
    const f = mayFence(c0) ? FENCE.exec(s) : null;
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) return true;
    const bullet = mayBullet(c0) ? bulletOf(s) : 0;
    if (bullet) {
      if (!forPara) return true;
      if (depth < open || open === 0) return true;
      if (skipSpaces(s, matchEnd(bullet)) < s.length && !orderedNotOne(s)) return true;
    }
    if (s[0] === '<' && this.htmlStart(s, forPara)) return true;
    return false;
  }
}
