import type { PlanFile } from '../model.js';
import type { StatusVocabulary } from '../status.js';
import type { Block } from './blocks.js';

export interface ParseOptions {
  vocabulary?: StatusVocabulary;
}

/** What every recogniser reads and appends to. */
export interface ParseContext {
  path: string;
  /** File name without folders and extension, slugged: the prefix of generated ids. */
  stem: string;
  blocks: Block[];
  /** Repaired text of each line; `lines[0]` is line 1. */
  lines: string[];
  /** Original text of each line, as in the file. */
  rawLines: string[];
  vocabulary: StatusVocabulary;
  file: PlanFile;
}

/** A recogniser finds one kind of element in the block stream and appends it to `ctx.file`. */
export type Recogniser = (ctx: ParseContext) => void;
