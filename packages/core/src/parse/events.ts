import type { Event, Token } from 'micromark-util-types';
import { itemBlock, stripContainer, treeBlocks, type Block, type HeadingBlock, type ItemBlock, type TableBlock } from './blocks.js';

/**
 * The block stream straight from micromark events, without building mdast: what `treeBlocks` reads from the tree
 * mdast-util-from-markdown would build from the same events. List items are not micromark tokens; their extents
 * follow from-markdown's `prepareList` (`itemExtents`).
 *
 * Returns null when the lean events cannot give a text exactly (inline markup in a heading or table cell, a
 * multi-line setext heading, an escape or reference in a code fence's info): the caller then takes the full parse.
 */
export function eventBlocks(events: Event[], lines: string[]): Block[] | null {
  const { enters, exits } = itemExtents(events);
  const out: Block[] = [];
  const frames: Frame[] = [];
  let items = 0;
  let quotes = 0;
  let heading: HeadingBlock | null = null;
  let table: TableBlock | null = null;
  let row: string[] | null = null;
  let cell: string | null = null;
  let value: Value | null = null;
  /** ATX headings whose text holds inline markup, with their source: the full parse reads each alone. */
  const marked: { heading: HeadingBlock; source: string }[] = [];
  let markedHeading = false;
  let definitions = false;

  for (let i = 0; i < events.length; i++) {
    const ended = exits[i];
    if (ended !== undefined) {
      for (const endLine of ended) {
        const frame = frames.pop();
        if (!frame || frame.kind !== 'item') throw new Error('unbalanced list item');
        frame.block.endLine = endLine;
        const done = itemBlock(lines, frame.block.line, endLine, frame.block.ordered, frame.checked, frame.block.depth, frame.block.parentLine, frame.block.quote);
        frame.block.task = done.task;
        frame.block.text = done.text;
        items--;
      }
    }
    if (enters[i]) {
      const list = frames[frames.length - 1];
      if (!list || list.kind !== 'list') throw new Error('list item outside a list');
      let parent: ItemFrame | undefined;
      for (let f = frames.length - 1; f >= 0 && !parent; f--) if (frames[f]!.kind === 'item') parent = frames[f] as ItemFrame;
      const block: ItemBlock = itemBlock(lines, events[i]![1].start.line, 0, list.ordered, undefined, items, parent?.block.line, quotes > 0);
      out.push(block);
      frames.push({ kind: 'item', block, checked: undefined });
      items++;
    }

    const [kind, token, context] = events[i]!;
    const enter = kind === 'enter';
    switch (token.type as string) {
      case 'blockQuote':
        if (enter) {
          frames.push({ kind: 'quote' });
          quotes++;
        } else {
          if (frames.pop()?.kind !== 'quote') throw new Error('unbalanced quote');
          quotes--;
        }
        break;
      case 'listOrdered':
      case 'listUnordered':
        if (enter) frames.push({ kind: 'list', ordered: token.type === 'listOrdered' });
        else if (frames.pop()?.kind !== 'list') throw new Error('unbalanced list');
        break;
      case 'paragraph':
        if (!enter) {
          const start = token.start.line;
          const end = token.end.line;
          const top = frames[frames.length - 1];
          if (top?.kind === 'item') {
            for (let l = start; l <= end; l++) {
              if (l === top.block.line) continue;
              top.block.more.push({ line: l, text: stripContainer(lines[l - 1] ?? '').trim() });
            }
          } else {
            const ls: string[] = [];
            for (let l = start; l <= end; l++) ls.push(stripContainer(lines[l - 1] ?? ''));
            out.push({ type: 'paragraph', line: start, endLine: end, lines: ls, quote: quotes > 0 });
          }
        }
        break;
      case 'atxHeading':
      case 'setextHeading':
        if (enter) heading = { type: 'heading', line: token.start.line, depth: 0, text: '' };
        else if (heading) {
          if (markedHeading) marked.push({ heading, source: context.sliceSerialize(token) });
          markedHeading = false;
          out.push(heading);
          heading = null;
        }
        break;
      case 'atxHeadingSequence':
        if (!enter && heading && !heading.depth) heading.depth = context.sliceSerialize(token).length;
        break;
      case 'setextHeadingLineSequence':
        if (!enter && heading) heading.depth = context.sliceSerialize(token).codePointAt(0) === 61 ? 1 : 2;
        break;
      case 'atxHeadingText':
      case 'setextHeadingText':
        if (!enter && heading) {
          if (token.start.line !== token.end.line) return null;
          const raw = context.sliceSerialize(token);
          if (!INLINE_START.test(raw)) heading.text = raw.trim();
          else if (token.type === 'atxHeadingText') markedHeading = true;
          else return null;
        }
        break;
      case 'taskListCheckValueChecked':
      case 'taskListCheckValueUnchecked':
        if (!enter) {
          // from-markdown sets `checked` on the parent of the paragraph (or heading) the check is in.
          const top = frames[frames.length - 1];
          if (top?.kind === 'item') top.checked = token.type === 'taskListCheckValueChecked';
        }
        break;
      case 'table':
        if (enter) table = { type: 'table', line: token.start.line, endLine: token.end.line, header: [], rows: [] };
        else if (table) {
          const head = table.rows.shift();
          table.header = head ? head.cells : [];
          out.push(table);
          table = null;
        }
        break;
      case 'tableRow':
        if (enter && table) {
          row = [];
          table.rows.push({ line: token.start.line, cells: row });
        } else row = null;
        break;
      case 'tableHeader':
      case 'tableData':
        if (enter) cell = '';
        else if (row && cell !== null) {
          row.push(cell.trim());
          cell = null;
        }
        break;
      case 'tableContent':
        if (!enter && cell !== null && INLINE_START.test(context.sliceSerialize(token))) return null;
        break;
      case 'data':
        if (!enter && cell !== null) cell += context.sliceSerialize(token);
        break;
      case 'codeFenced':
        if (enter) value = { line: token.start.line, lang: '', meta: '', parts: null, inItem: items > 0 };
        else if (value) {
          out.push(codeBlock(value, token, value.parts === null ? '' : value.parts.join('').replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '')));
          value = null;
        }
        break;
      case 'codeFencedFence':
        if (!enter && value && value.parts === null) value.parts = [];
        break;
      case 'codeFencedFenceInfo':
      case 'codeFencedFenceMeta':
        if (!enter && value) {
          const raw = context.sliceSerialize(token);
          if (raw.includes('\\') || raw.includes('&')) return null;
          if (token.type === 'codeFencedFenceInfo') value.lang = raw;
          else value.meta = raw;
        }
        break;
      case 'codeIndented':
        if (enter) value = { line: token.start.line, lang: '', meta: '', parts: [], inItem: items > 0 };
        else if (value) {
          out.push(codeBlock(value, token, value.parts!.join('').replace(/(\r?\n|\r)$/g, '')));
          value = null;
        }
        break;
      case 'htmlFlow':
        if (enter) value = { line: token.start.line, lang: '', meta: '', parts: [], inItem: false };
        else if (value) {
          out.push({ type: 'html', line: value.line, endLine: token.end.line, text: value.parts!.join('') });
          value = null;
        }
        break;
      case 'yaml':
        if (enter) value = { line: token.start.line, lang: '', meta: '', parts: [], inItem: false };
        else if (value) {
          const raw = value.parts!.join('').replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '');
          out.push({ type: 'frontmatter', line: value.line, endLine: token.end.line, raw });
          value = null;
        }
        break;
      case 'codeFlowValue':
      case 'htmlFlowData':
      case 'yamlValue':
      case 'lineEnding':
        if (!enter && value?.parts) value.parts.push(context.sliceSerialize(token));
        break;
      case 'definition':
        definitions = true;
        break;
      case 'thematicBreak':
        if (enter) out.push({ type: 'rule', line: token.start.line });
        break;
      default:
        break;
    }
  }
  if (frames.length > 0) throw new Error('unclosed container');
  if (marked.length > 0) {
    // Inline text depends on nothing outside the heading's line but link reference definitions.
    if (definitions) return null;
    for (const { heading: h, source } of marked) {
      const [alone, ...rest] = treeBlocks(source);
      if (rest.length > 0 || alone?.type !== 'heading' || alone.depth !== h.depth) return null;
      h.text = alone.text;
    }
  }
  return out;
}

/** Characters that can start an inline construct the lean parse leaves out (see LEAN_DISABLED). */
const INLINE_START = /[`*_\\[\]<&!~]/;

interface ItemFrame {
  kind: 'item';
  block: ItemBlock;
  checked: boolean | undefined;
}
type Frame = ItemFrame | { kind: 'list'; ordered: boolean } | { kind: 'quote' };

interface Value {
  line: number;
  lang: string;
  meta: string;
  /** Text collected so far; null before a fenced block's opening fence ends. */
  parts: string[] | null;
  inItem: boolean;
}

function codeBlock(v: Value, token: Token, text: string): Block {
  return { type: 'code', line: v.line, endLine: token.end.line, lang: v.lang.toLowerCase(), meta: v.meta, lines: text.split('\n'), inItem: v.inItem };
}

/**
 * Where list items start and end, as mdast-util-from-markdown's `prepareList` decides: an item starts at its
 * `listItemPrefix`; it ends where the next item of the same list starts (or the list ends), less the trailing line
 * endings and container prefixes before that. `enters[i]`: an item opens before event i; `exits[i]`: the end lines
 * of the items that close before event i.
 */
function itemExtents(events: Event[]): { enters: boolean[]; exits: (number[] | undefined)[] } {
  const enters: boolean[] = new Array(events.length).fill(false);
  const exits: (number[] | undefined)[] = new Array(events.length);
  const open: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const type = events[i]![1].type;
    if (type !== 'listOrdered' && type !== 'listUnordered') continue;
    if (events[i]![0] === 'enter') open.push(i);
    else prepareList(events, open.pop()!, i, enters, exits);
  }
  return { enters, exits };
}

function prepareList(events: Event[], start: number, end: number, enters: boolean[], exits: (number[] | undefined)[]): void {
  let balance = -1;
  let inItem = false;
  for (let index = start; index <= end; index++) {
    const [kind, token] = events[index]!;
    const type = token.type;
    if (type === 'listUnordered' || type === 'listOrdered' || type === 'blockQuote') balance += kind === 'enter' ? 1 : -1;
    const boundary =
      (balance === 0 && kind === 'enter' && type === 'listItemPrefix') ||
      (balance === -1 && kind === 'exit' && (type === 'listUnordered' || type === 'listOrdered'));
    if (!boundary) continue;
    if (inItem) {
      let lineIndex: number | undefined;
      let tail = index;
      while (tail--) {
        const [tailKind, tailToken] = events[tail]!;
        const t = tailToken.type;
        if (t === 'lineEnding' || t === 'lineEndingBlank') {
          if (tailKind === 'exit') continue;
          lineIndex = tail;
        } else if (t === 'linePrefix' || t === 'blockQuotePrefix' || t === 'blockQuotePrefixWhitespace' || t === 'blockQuoteMarker' || t === 'listItemIndent') {
          // Container prefixes between the item's content and the boundary.
        } else break;
      }
      const at = lineIndex ?? index;
      const endLine = lineIndex !== undefined ? events[lineIndex]![1].start.line : token.end.line;
      (exits[at] ??= []).push(endLine);
    }
    if (type === 'listItemPrefix') {
      enters[index] = true;
      inItem = true;
    }
  }
}
