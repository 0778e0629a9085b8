import type { PlanFile } from '../model.js';
import type { ParseOptions } from '../parse/context.js';
import { emptyPlanFile, parsePlan } from '../parse/parsePlan.js';
import { fastBlocks } from '../fast/blocks.js';
import { classifyFile } from '../model/fileKind.js';
import { lineStarts, scanSignal } from './signalScan.js';
import { scanOutline, scanOutlineAt } from './outlineScan.js';

/** The last text `planSignal` said no to: `parseOutline` then need not ask again. */
let lastPlain: string | undefined;

/**
 * Could this text hold anything but headings and prose? Conservative: any non-ASCII character (emoji, mojibake),
 * bracket marker, issue number, table pipe, arrow, date, frontmatter, a word the recognisers key on, or a heading
 * inside a list item or quote or with inline markup says yes (`SIGNAL_REGEX`, `HARD_HEADING`). A note that says no is
 * parsed for its outline only (`parseOutline`), which the tests hold equal to `parsePlan`.
 */
export function planSignal(text: string): boolean {
  const signal = scanSignal(text);
  if (!signal) lastPlain = text;
  return signal;
}

/**
 * Heading lines no recogniser reads anything from but the outline: words, numbers and plain punctuation, no actor
 * name (`worker1` is a numbered actor without being a signal word). Others go through the recognisers.
 */
const PLAIN_HEADING = /^ {0,3}#{1,6}(?:[ \t][A-Za-z0-9 \t.,?'"()#]*)?$/;
const ACTOR_WORD = /worker|agent|team/i;

/** Headings, title, frontmatter and encoding only: what a file without plan signals yields. */
export function parseOutline(path: string, text: string, options: ParseOptions = {}): PlanFile {
  if (text !== lastPlain && planSignal(text)) return parseOutlineByBlocks(path, text, options);
  const starts = lineStarts(text);
  const outline = starts ? scanOutlineAt(text, starts.pos, starts.count) : scanOutline(text);
  if (!outline) return parseOutlineByBlocks(path, text, options);
  const { headings } = outline;
  for (const raw of outline.sources) {
    if (!PLAIN_HEADING.test(raw) || ACTOR_WORD.test(raw)) return parsePlan(path, text, options, { blocks: () => headings });
  }
  const file = emptyPlanFile(path);
  file.encoding = outline.encoding;
  for (const h of headings) {
    if (!h.text) continue;
    file.headings.push({ depth: h.depth, text: h.text, line: h.line });
    if (file.title === undefined && h.depth === 1) file.title = h.text;
  }
  if (file.title === undefined && file.headings[0]) file.title = file.headings[0].text;
  file.kind = classifyFile(file);
  return file;
}

/** The general way (and the reference the tests hold `parseOutline` to): fast block pass, headings and frontmatter kept, recognisers. */
export function parseOutlineByBlocks(path: string, text: string, options: ParseOptions = {}): PlanFile {
  return parsePlan(path, text, options, { blocks: (lines) => fastBlocks(lines).filter((b) => b.type === 'heading' || b.type === 'frontmatter') });
}
