import type { Block, ItemBlock, TableBlock, CodeBlock } from '../blocks.js';
import type { ParseContext } from '../context.js';
import { plain } from '../../text/inline.js';
import { fieldOf, type Field } from './fields.js';

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

const cache = new WeakMap<ParseContext, Entry[]>();

/** The entries of a context, computed once. */
export function entriesOf(ctx: ParseContext): Entry[] {
  const seen = cache.get(ctx);
  if (seen) return seen;
  const out: Entry[] = [];
  let section: Entry['section'] = [];
  for (const b of ctx.blocks) {
    switch (b.type) {
      case 'heading': {
        const raw = headingSource(ctx.lines[b.line - 1] ?? b.text);
        out.push({ line: b.line, kind: 'heading', text: raw, depth: b.depth, block: b, section, plain: undefined, field: undefined });
        section = [...section.filter((h) => h.depth < b.depth), { depth: b.depth, text: b.text, raw, line: b.line }];
        break;
      }
      case 'paragraph':
        b.lines.forEach((l, i) => out.push({ line: b.line + i, kind: 'para', text: l.trim(), depth: 0, block: b, section, plain: undefined, field: undefined }));
        break;
      case 'item':
        out.push({ line: b.line, kind: 'item', text: b.text, depth: b.depth, block: b, section, plain: undefined, field: undefined });
        for (const m of b.more) out.push({ line: m.line, kind: 'para', text: m.text, depth: b.depth, block: b, section, plain: undefined, field: undefined });
        break;
      case 'table':
        out.push({ line: b.line, kind: 'table', text: '', depth: 0, block: b, section, plain: undefined, field: undefined });
        break;
      case 'code':
        out.push({ line: b.line, kind: 'code', text: '', depth: 0, block: b, section, plain: undefined, field: undefined });
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
  cache.set(ctx, out);
  return out;
}

function headingSource(line: string): string {
  return line.replace(/^\s{0,3}#{1,6}\s*/, '').replace(/\s+#+\s*$/, '').trim();
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
