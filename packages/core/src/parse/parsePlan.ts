import type { PlanFile } from '../model.js';
import { DEFAULT_VOCABULARY } from '../status.js';
import { mayHaveMojibake, repairLine, textMayHaveMojibake } from '../text/mojibake.js';
import { splitLines, encodingOf } from '../text/lines.js';
import { slug } from '../text/inline.js';
import type { Block } from './blocks.js';
import { remarkBlocks, type SectionCache, type SectionFailure } from './remarkBlocks.js';
import type { ParseContext, ParseOptions, Recogniser } from './context.js';
import { RECOGNISERS } from './recognise/index.js';

export interface ParseInternals {
  /** Reuse section extracts across parses: keyed by the section's text. */
  cache?: SectionCache;
  /** Replace the block extraction (the fast line pass uses this). */
  blocks?: (lines: string[]) => Block[];
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
