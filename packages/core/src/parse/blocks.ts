import type { Root, RootContent, ListItem, List, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown, markdownEvents } from './markdown.js';
import { eventBlocks } from './events.js';

/**
 * The block stream: what the recognisers read. Plain data with 1-based lines; the same shape comes from remark
 * (accurate) and from the fast line scanner (provisional). Text is the repaired (mojibake-free) source.
 */
export type Block =
  | HeadingBlock
  | ParagraphBlock
  | ItemBlock
  | TableBlock
  | CodeBlock
  | HtmlBlock
  | FrontmatterBlock
  | RuleBlock;

export interface HeadingBlock {
  type: 'heading';
  line: number;
  depth: number;
  /** Plain text, inline markup removed. */
  text: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  line: number;
  endLine: number;
  /** Source lines with indentation and blockquote markers removed. */
  lines: string[];
  quote: boolean;
}

export interface TaskMarker {
  /** As written between the brackets. */
  marker: string;
  /** A GFM task item (`[ ]`, `[x]`, `[X]`): counted in the file's checkboxes. */
  gfm: boolean;
}

export interface ItemBlock {
  type: 'item';
  line: number;
  endLine: number;
  /** 0 for a top-level list item, 1 for an item in a list nested in it … */
  depth: number;
  ordered: boolean;
  /** `-`, `*`, `+`, `1.`, `2)` */
  bullet: string;
  task: TaskMarker | null;
  /** First line's content after the bullet and the checkbox. */
  text: string;
  /** Further lines of the item's own paragraphs (not its nested lists), with their line numbers. */
  more: { line: number; text: string }[];
  /** Line of the enclosing item, when nested. */
  parentLine?: number;
  quote: boolean;
}

export interface TableBlock {
  type: 'table';
  line: number;
  endLine: number;
  header: string[];
  rows: { line: number; cells: string[] }[];
}

export interface CodeBlock {
  type: 'code';
  line: number;
  endLine: number;
  lang: string;
  meta: string;
  /** Content lines; `lines[0]` is on `line + 1`. */
  lines: string[];
  /** Inside a list item. */
  inItem: boolean;
}

export interface HtmlBlock {
  type: 'html';
  line: number;
  endLine: number;
  text: string;
}

export interface FrontmatterBlock {
  type: 'frontmatter';
  line: number;
  endLine: number;
  raw: string;
}

export interface RuleBlock {
  type: 'rule';
  line: number;
}

const BULLET = /^(\s*(?:>\s?)*\s*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const EXTENDED_TASK = /^\[([^\]\s]|[^\]]{1,3}?)\](?:[ \t]+|$)/u;
export const TASK_MARKERS = new Set([' ', 'x', 'X', '/', '-', '>', '<', '!', '?', '✅', '✔', '✔️', '☑', '☑️', '🔄', '❌', '🚫', '⏳', '🎯', '⏸', '⏸️', '🚧', '⚠', '⚠️']);

export function stripContainer(line: string): string {
  return line.replace(/^\s*(?:>\s?)*/, '').trimEnd();
}

/**
 * Parse one section's text into blocks with section-relative 1-based lines. The lean micromark events give the
 * blocks directly (`eventBlocks`); where they cannot be sure of a text, the full remark parse decides.
 */
export function blocksOf(text: string): Block[] {
  const lines = text.split('\n');
  let fast: Block[] | null = null;
  try {
    fast = eventBlocks(markdownEvents(text), lines);
  } catch {
    fast = null;
  }
  return fast ?? treeBlocks(text, lines);
}

/** The reference: the full remark parse (every inline construct) walked as mdast. */
export function treeBlocks(text: string, lines: string[] = text.split('\n')): Block[] {
  const tree: Root = parseMarkdown(text);
  const out: Block[] = [];
  walk(tree.children, lines, out, { depth: -1, quote: false });
  return out;
}

interface Ctx {
  depth: number;
  parentLine?: number;
  quote: boolean;
}

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}
function endOf(node: { position?: { end: { line: number } } }): number {
  return node.position?.end.line ?? 1;
}

function walk(nodes: RootContent[], lines: string[], out: Block[], ctx: Ctx): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        out.push({ type: 'heading', line: lineOf(node), depth: node.depth, text: toString(node).trim() });
        break;
      case 'paragraph': {
        const start = lineOf(node);
        const end = endOf(node);
        const ls: string[] = [];
        for (let l = start; l <= end; l++) ls.push(stripContainer(lines[l - 1] ?? ''));
        out.push({ type: 'paragraph', line: start, endLine: end, lines: ls, quote: ctx.quote });
        break;
      }
      case 'list':
        for (const item of (node as List).children) listItem(item, node as List, lines, out, ctx);
        break;
      case 'table':
        table(node as Table, out);
        break;
      case 'code': {
        const start = lineOf(node);
        out.push({
          type: 'code',
          line: start,
          endLine: endOf(node),
          lang: (node.lang ?? '').toLowerCase(),
          meta: node.meta ?? '',
          lines: node.value.split('\n'),
          inItem: ctx.depth >= 0,
        });
        break;
      }
      case 'blockquote':
        walk(node.children, lines, out, { ...ctx, quote: true });
        break;
      case 'html':
        out.push({ type: 'html', line: lineOf(node), endLine: endOf(node), text: node.value });
        break;
      case 'yaml':
        out.push({ type: 'frontmatter', line: lineOf(node), endLine: endOf(node), raw: node.value });
        break;
      case 'thematicBreak':
        out.push({ type: 'rule', line: lineOf(node) });
        break;
      default:
        break;
    }
  }
}

/** An item block from its first source line; `checked` is mdast's `listItem.checked`. */
export function itemBlock(
  lines: string[],
  line: number,
  endLine: number,
  ordered: boolean,
  checked: boolean | null | undefined,
  depth: number,
  parentLine: number | undefined,
  quote: boolean,
): ItemBlock {
  const raw = lines[line - 1] ?? '';
  const m = BULLET.exec(raw);
  const bullet = m ? m[2]! : ordered ? '1.' : '-';
  let rest = m ? raw.slice(m[0].length) : raw.trim();
  let task: TaskMarker | null = null;
  if (typeof checked === 'boolean') {
    const t = /^\[([ xX])\](?:[ \t]+|$)/.exec(rest);
    task = { marker: t ? t[1]! : checked ? 'x' : ' ', gfm: true };
    if (t) rest = rest.slice(t[0].length);
  } else {
    const t = EXTENDED_TASK.exec(rest);
    if (t && TASK_MARKERS.has(t[1]!)) {
      task = { marker: t[1]!, gfm: false };
      rest = rest.slice(t[0].length);
    }
  }
  const block: ItemBlock = { type: 'item', line, endLine, depth, ordered, bullet, task, text: rest.trimEnd(), more: [], quote };
  if (parentLine !== undefined) block.parentLine = parentLine;
  return block;
}

function listItem(item: ListItem, list: List, lines: string[], out: Block[], ctx: Ctx): void {
  const line = lineOf(item);
  const depth = ctx.depth + 1;
  const block = itemBlock(lines, line, endOf(item), !!list.ordered, item.checked, depth, ctx.parentLine, ctx.quote);
  out.push(block);
  const inner: Ctx = { depth, parentLine: line, quote: ctx.quote };
  const children = item.children;
  for (let c = 0; c < children.length; c++) {
    const child = children[c]!;
    if (child.type === 'paragraph') {
      const start = lineOf(child);
      const end = endOf(child);
      for (let l = start; l <= end; l++) {
        if (l === line) continue;
        block.more.push({ line: l, text: stripContainer(lines[l - 1] ?? '').trim() });
      }
    } else {
      walk([child], lines, out, inner);
    }
  }
}

function table(node: Table, out: Block[]): void {
  const rows = node.children.map((row) => ({
    line: lineOf(row),
    cells: row.children.map((cell) => toString(cell).trim()),
  }));
  const [head, ...body] = rows;
  out.push({
    type: 'table',
    line: lineOf(node),
    endLine: endOf(node),
    header: head ? head.cells : [],
    rows: body,
  });
}

/** Shift a section's blocks to document lines. */
export function rebase(blocks: Block[], offset: number): Block[] {
  if (offset === 0) return blocks;
  return blocks.map((b) => {
    const c = { ...b, line: b.line + offset } as Block;
    if ('endLine' in c) (c as { endLine: number }).endLine += offset;
    if (c.type === 'item') {
      c.more = c.more.map((m) => ({ line: m.line + offset, text: m.text }));
      if (c.parentLine !== undefined) c.parentLine += offset;
    }
    if (c.type === 'table') c.rows = c.rows.map((r) => ({ line: r.line + offset, cells: r.cells }));
    return c;
  });
}
