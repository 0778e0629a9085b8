import type { PlanFile, WorkItem } from '../model.js';
import type { StatusVocabulary } from '../status.js';
import type { Block } from './blocks.js';
import type { Entry } from './recognise/view.js';

export interface ParseOptions {
  vocabulary?: StatusVocabulary;
}

/** A work item's extent in the document, so later recognisers know which item a line belongs to. */
export interface ItemSpan {
  item: WorkItem;
  start: number;
  end: number;
}

/** What recognisers leave for each other; never leaves the parse. */
export interface ParseScratch {
  spans: ItemSpan[];
  /** Owner names as written, resolved to actor ids at the end of the parse. */
  pendingOwners: { item: WorkItem; name: string }[];
  /** Lines that a recogniser consumed as a field of some element. */
  used: Set<number>;
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
  scratch: ParseScratch;
  /** True when the blocks come from a fenced example (line numbers are still document lines). */
  example?: boolean;
  /** `entriesOf(ctx)`, remembered with the blocks it was read from (a context spread over new blocks reads its own). */
  entryCache?: { blocks: Block[]; entries: Entry[] };
}

/** A recogniser finds one kind of element in the block stream and appends it to `ctx.file`. */
export type Recogniser = (ctx: ParseContext) => void;
