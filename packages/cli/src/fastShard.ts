import { readFileSync } from 'node:fs';
import { outlineToWire, parseOutline, planSignal, type OutlineWire, type PlanFile } from '@plansight/core';

/**
 * The provisional (fast-pass) load shared between threads. Every thread takes the next chunk of the file list from a
 * shared counter, reads it and asks `planSignal` of each text. A worker parses the outline of the notes without a
 * signal and hands the plan files' texts to the main thread, which parses them: a parsed plan file costs about as
 * much to copy between threads as to parse, an outline or a text far less.
 */

/**
 * A chunk's results, one per file from `start`: an outline (in its compact wire form when it is a plain one), a plan
 * file's text, or null (the file could not be read).
 */
export interface ShardChunk {
  start: number;
  results: ShardResult[];
}

export type ShardResult = { wire: OutlineWire } | { outline: PlanFile } | { text: string } | null;

export const SHARD_CHUNK = 32;

/** Read one file and parse its outline when it has no plan signal. */
export function shardFile(abs: string, rel: string): ShardResult {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    return null;
  }
  if (planSignal(text)) return { text };
  const outline = parseOutline(rel, text);
  const wire = outlineToWire(outline);
  return wire ? { wire } : { outline };
}

/** A worker's loop: claim chunks until the list is done. */
export function runShard(files: readonly [abs: string, rel: string][], claim: Int32Array, signal: Int32Array, post: (chunk: ShardChunk) => void): void {
  for (let c = Atomics.add(claim, 0, 1); c * SHARD_CHUNK < files.length; c = Atomics.add(claim, 0, 1)) {
    const start = c * SHARD_CHUNK;
    const results: ShardResult[] = [];
    for (let i = start; i < Math.min(files.length, start + SHARD_CHUNK); i++) {
      const [abs, rel] = files[i]!;
      try {
        results.push(shardFile(abs, rel));
      } catch {
        results.push(null);
      }
    }
    post({ start, results });
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  }
}
