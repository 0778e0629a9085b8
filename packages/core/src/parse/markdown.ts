import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { parse, postprocess, preprocess } from 'micromark';
import type { Event, ParseContext } from 'micromark-util-types';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { frontmatter } from 'micromark-extension-frontmatter';

/** The one place that knows which markdown parser core uses. Nothing outside `parse/` sees an mdast node. */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(disableUnread);

/**
 * micromark constructs core never reads: GFM autolink literals (`www.x.com` as a link gives the same text) and
 * footnotes. Dropping them parses the corpus about 1.3× faster with the same block stream (test/fast/markdown.test.ts).
 */
export const DISABLED_CONSTRUCTS = ['wwwAutolink', 'protocolAutolink', 'emailAutolink', 'gfmFootnoteDefinition', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall'];

function disableUnread(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ disable: { null: DISABLED_CONSTRUCTS } });
  return undefined;
}

export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}

/**
 * Text constructs the lean parse leaves out. Inline parsing never changes block structure (CommonMark and GFM parse
 * blocks first), so the lean events have the same blocks; only the text of headings, table cells and code info can
 * differ, and `blocks.ts` takes the full parse where such text holds a character that could start one of these.
 * `tasklistCheck` stays: it decides whether a list item is a GFM task.
 */
export const LEAN_DISABLED = [
  ...DISABLED_CONSTRUCTS,
  'attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText',
  'labelEnd', 'labelStartImage', 'labelStartLink', 'strikethrough',
];

const lean = { disable: { null: LEAN_DISABLED } };
/** Built once: `micromark.parse` combines its extensions on every call. */
const leanWithTables = parse({ extensions: [frontmatter(['yaml']), gfmTable(), gfmTaskListItem(), lean] });
/** A GFM table needs a `|`; without one the table construct, tried at every line, is dead weight. */
const leanNoTables = parse({ extensions: [frontmatter(['yaml']), gfmTaskListItem(), lean] });

/**
 * micromark events of the lean parse (block structure, GFM tables and task checks, YAML frontmatter). The parser
 * objects are reused; `defined` and `lazy` are its only per-document state and are reset here.
 */
export function markdownEvents(text: string): Event[] {
  const parser: ParseContext = text.includes('|') ? leanWithTables : leanNoTables;
  parser.defined = [];
  parser.lazy = {};
  return postprocess(parser.document().write(preprocess()(text, undefined, true)));
}
