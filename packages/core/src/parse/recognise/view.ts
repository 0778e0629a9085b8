import type { Block, ItemBlock, TableBlock, CodeBlock } from '../blocks.js';
import type { ParseContext } from '../context.js';
import { plain } from '../../text/inline.js';
import { fieldOf, type Field } from './fields.js';
import { headingSource } from '../../fast/chars.js';

/** One line of live content with its heading path: what most recognisers scan. */
export interface Entry {
  line: number;
  kind: 'heading' | 'para' | 'item' | 'table' | 'code';
  /** Markdown source of the line's content (heading marks, bullets, checkbox and quote marks removed). */
  text: string;
  /** Heading depth, or list depth for items. */
  depth: number;
  block: Block;
  /** Headings enclosing this line, outermost first (a heading's own entry excludes itself). */
  section: { depth: number; text: string; raw: string; line: number }[];
  /** `plain(text)` and `fieldOf(text)`, read once by `plainOf` and `fieldOfEntry`. */
  plain: string | undefined;
  field: Field | null | undefined;
}

/** `plain(e.text)`, computed once per entry. */
export function plainOf(e: Entry): string {
  return (e.plain ??= plain(e.text));
}

/** `fieldOf(e.text)`, computed once per entry. */
export function fieldOfEntry(e: Entry): Field | null {
  if (e.field === undefined) e.field = fieldOf(e.text);
  return e.field;
}

/** The entries of a context, computed once. */
export function entriesOf(ctx: ParseContext): Entry[] {
  const seen = ctx.entryCache;
  if (seen && seen.blocks === ctx.blocks) return seen.entries;
  const entries = readEntries(ctx.blocks, ctx.lines);
  ctx.entryCache = { blocks: ctx.blocks, entries };
  return entries;
}

function entry(
  line: number,
  kind: Entry['kind'],
  text: string,
  depth: number,
  block: Block,
  section: Entry['section'],
): Entry {
  return { line, kind, text, depth, block, section, plain: undefined, field: undefined };
}

function readEntries(blocks: readonly Block[], lines: readonly string[]): Entry[] {
  const out: Entry[] = [];
  let section: Entry['section'] = [];
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k]!;
    switch (b.type) {
      case 'heading': {
        const raw = headingSource(lines[b.line - 1] ?? b.text);
        out.push(entry(b.line, 'heading', raw, b.depth, b, section));
        section = nextSection(section, { depth: b.depth, text: b.text, raw, line: b.line });
        break;
      }
      case 'paragraph': {
        const ls = b.lines;
        for (let i = 0; i < ls.length; i++) out.push(entry(b.line + i, 'para', ls[i]!.trim(), 0, b, section));
        break;
      }
      case 'item': {
        out.push(entry(b.line, 'item', b.text, b.depth, b, section));
        const more = b.more;
        for (const m of more) out.push(entry(m.line, 'para', m.text, b.depth, b, section));
        break;
      }
      case 'table':
        out.push(entry(b.line, 'table', '', 0, b, section));
        break;
      case 'code':
        out.push(entry(b.line, 'code', '', 0, b, section));
        break;
      default:
        break;
    }
  }
  // Blocks come in document order but for an item's later paragraphs: sort (stably) only when something is out of place.
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.line < out[i - 1]!.line) {
      out.sort((a, b) => a.line - b.line);
      break;
    }
  }
  return out;
}

/** The enclosing headings below a heading: those of a lower depth, then the heading itself (a new array). */
function nextSection(section: Entry['section'], h: Entry['section'][number]): Entry['section'] {
  const next: Entry['section'] = [];
  for (let i = 0; i < section.length; i++) if (section[i]!.depth < h.depth) next.push(section[i]!);
  next.push(h);
  return next;
}

export function isItem(b: Block): b is ItemBlock {
  return b.type === 'item';
}
export function isTable(b: Block): b is TableBlock {
  return b.type === 'table';
}
export function isCode(b: Block): b is CodeBlock {
  return b.type === 'code';
}

/** Text of the nearest enclosing headings joined, innermost first. */
export function headingTexts(e: Entry): string[] {
  return e.section.map((h) => h.text).reverse();
}

/** Last line of the section a heading opens: the line before the next heading of the same or a higher level. */
export function sectionEnd(entries: Entry[], headingIndex: number, lastLine: number): number {
  const h = entries[headingIndex]!;
  for (let i = headingIndex + 1; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.kind === 'heading' && e.depth <= h.depth) return e.line - 1;
  }
  return lastLine;
}
