import { blocksOf, rebase, type Block } from './blocks.js';
import { splitSections, type Section } from './sections.js';

export interface SectionCache {
  get(key: string): Block[] | undefined;
  set(key: string, blocks: Block[]): void;
}

export interface SectionFailure {
  line: number;
  message: string;
}

/** Deeper containers than this are not plans; remark's time grows with depth × lines and can exhaust the stack. */
export const MAX_NESTING = 100;

/** Index of the first line nested deeper than MAX_NESTING (`>` marks, list markers, indentation), or -1. */
function tooDeep(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length < MAX_NESTING) continue;
    const lead = /^[\s>*+\-\d.)]*/.exec(line)![0];
    let depth = 0;
    let spaces = 0;
    for (let k = 0; k < lead.length; k++) {
      const c = lead[k]!;
      if (c === '>' || ((c === '-' || c === '*' || c === '+') && (lead[k + 1] === ' ' || lead[k + 1] === '\t'))) depth++;
      else if (c === ' ') spaces++;
      else if (c === '\t') spaces += 4;
    }
    if (depth + Math.floor(spaces / 2) > MAX_NESTING) return i;
  }
  return -1;
}

/**
 * remark's blocks of one section, on document lines. Throws where remark cannot read the section: nesting deeper
 * than MAX_NESTING (an error that carries the line), or a failure of remark itself.
 */
export function remarkSection(section: Section, cache?: SectionCache): Block[] {
  const text = section.lines.join('\n');
  let blocks = cache?.get(text);
  if (!blocks) {
    const deep = tooDeep(section.lines);
    if (deep >= 0) throw new NestingError(section.startLine + deep);
    blocks = blocksOf(text);
    cache?.set(text, blocks);
  }
  return rebase(blocks, section.startLine - 1);
}

class NestingError extends Error {
  constructor(readonly line: number) {
    super(`nesting deeper than ${MAX_NESTING} levels`);
  }
}

/**
 * Parse with remark, section by section, and return document-line blocks. A section remark cannot parse (a stack
 * overflow on pathological nesting) is reported through `onFail` and skipped; the other sections still count.
 */
export function remarkBlocks(lines: string[], cache?: SectionCache, onFail?: (f: SectionFailure) => void): Block[] {
  const out: Block[] = [];
  for (const section of splitSections(lines)) {
    let blocks: Block[];
    try {
      blocks = remarkSection(section, cache);
    } catch (e) {
      onFail?.({ line: e instanceof NestingError ? e.line : section.startLine, message: (e as Error)?.message ?? String(e) });
      continue;
    }
    for (const b of blocks) out.push(b);
  }
  return out;
}
