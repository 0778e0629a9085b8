import type { PlanFile } from '../model.js';
import { DEFAULT_VOCABULARY } from '../status.js';
import { mayHaveMojibake, repairLine, textMayHaveMojibake } from '../text/mojibake.js';
import { splitLines, encodingOf } from '../text/lines.js';
import { slug } from '../text/inline.js';
import { blocksOf, rebase, type Block } from './blocks.js';
import { splitSections } from './sections.js';
import type { ParseContext, ParseOptions, Recogniser } from './context.js';
import { RECOGNISERS } from './recognise/index.js';

export interface SectionCache {
  get(key: string): Block[] | undefined;
  set(key: string, blocks: Block[]): void;
}

export interface ParseInternals {
  /** Reuse section extracts across parses: keyed by the section's text. */
  cache?: SectionCache;
  /** Replace the block extraction (the fast line pass uses this). */
  blocks?: (lines: string[]) => Block[];
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
 * Parse with remark, section by section, and return document-line blocks. A section remark cannot parse (a stack
 * overflow on pathological nesting) is reported through `onFail` and skipped; the other sections still count.
 */
export function remarkBlocks(lines: string[], cache?: SectionCache, onFail?: (f: SectionFailure) => void): Block[] {
  const out: Block[] = [];
  for (const section of splitSections(lines)) {
    const text = section.lines.join('\n');
    let blocks: Block[] | undefined;
    try {
      blocks = cache?.get(text);
      if (!blocks) {
        const deep = tooDeep(section.lines);
        if (deep >= 0) {
          onFail?.({ line: section.startLine + deep, message: `nesting deeper than ${MAX_NESTING} levels` });
          continue;
        }
        blocks = blocksOf(text);
        cache?.set(text, blocks);
      }
    } catch (e) {
      onFail?.({ line: section.startLine, message: (e as Error)?.message ?? String(e) });
      continue;
    }
    for (const b of rebase(blocks, section.startLine - 1)) out.push(b);
  }
  return out;
}

export function emptyPlanFile(path: string): PlanFile {
  return {
    path,
    kind: 'other',
    headings: [],
    encoding: { bom: false, eol: 'none', mojibake: false, finalNewline: false },
    checkboxes: { total: 0, checked: 0 },
    actors: [],
    items: [],
    gates: [],
    ownership: [],
    statusReports: [],
    dependencies: [],
    references: [],
    diagnostics: [],
  };
}

/**
 * Parse one plan file into the model. Never throws: what cannot be read becomes a diagnostic.
 */
export function parsePlan(path: string, text: string, options: ParseOptions = {}, internals: ParseInternals = {}): PlanFile {
  const file = emptyPlanFile(path);
  try {
    const src = splitLines(text);
    const rawLines = src.lines;
    let mojibake = false;
    // A candidate character never spans lines: a text without one has no line to repair, and its lines are read as they are.
    const lines = !textMayHaveMojibake(text) ? rawLines : rawLines.map((l) => {
      if (!mayHaveMojibake(l)) return l;
      const r = repairLine(l);
      if (r.changed) mojibake = true;
      return r.text;
    });
    file.encoding = encodingOf(text, src, mojibake);
    const onFail = (f: SectionFailure) =>
      file.diagnostics.push({
        severity: 'error',
        code: 'parse-failed',
        message: `section not parsed: ${f.message}`,
        file: path,
        line: f.line,
      });
    const blocks = internals.blocks ? internals.blocks(lines) : remarkBlocks(lines, internals.cache, onFail);
    const ctx: ParseContext = {
      path,
      stem: slug(path.replace(/^.*\//, '').replace(/\.[^.]*$/, '')),
      blocks,
      lines,
      rawLines,
      vocabulary: options.vocabulary ?? DEFAULT_VOCABULARY,
      file,
      scratch: { spans: [], pendingOwners: [], used: new Set() },
    };
    for (const recognise of RECOGNISERS as Recogniser[]) {
      try {
        recognise(ctx);
      } catch (e) {
        file.diagnostics.push({
          severity: 'warning',
          code: 'parser-error',
          message: `${recognise.name || 'recogniser'} failed: ${(e as Error).message}`,
          file: path,
          line: 1,
        });
      }
    }
  } catch (e) {
    file.diagnostics.push({
      severity: 'error',
      code: 'parse-failed',
      message: `could not parse: ${(e as Error).message}`,
      file: path,
      line: 1,
    });
  }
  return file;
}
