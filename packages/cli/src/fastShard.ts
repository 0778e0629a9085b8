import { readFileSync } from 'node:fs';
import { pack, parseOutline, parseProvisional, planSignal, type PlanFile } from '@plansight/core';

/**
 * The provisional (fast-pass) load shared between threads. Every thread takes the next chunk of the file list from a
 * shared counter, reads it and asks `planSignal` of each text. A worker parses the outline of the notes without a
 * signal and hands the plan files' texts to the main thread, which parses them: a parsed plan file costs about as
 * much to copy between threads as to parse, an outline or a text far less. Once every chunk is taken, a worker helps
 * with the plan files it found that the main thread has not started (each claimed once through `slots`), and posts
 * them packed (`pack`), which the main thread decodes in a fraction of a parse.
 */

/** A chunk's results, one per file from `start`: an outline, a plan file's text, or null (the file could not be read). */
export interface ShardChunk {
  start: number;
  results: ShardResult[];
}

export type ShardResult = { outline: PlanFile } | { text: string } | null;

/** A plan file parsed by a worker: its fast-pass result packed, or null when that failed (the main thread parses it). */
export interface ShardPlan {
  plan: number;
  packed: Uint8Array | null;
}

export type ShardMessage = ShardChunk | ShardPlan;

export interface ShardShared {
  claim: Int32Array;
  signal: Int32Array;
  /** One per file: set to 1 by whichever thread parses that plan file. */
  slots: Int32Array;
}

/** Claim a plan file for this thread; false when another thread has it. */
export function claimPlan(slots: Int32Array, i: number): boolean {
  return Atomics.compareExchange(slots, i, 0, 1) === 0;
}

export const SHARD_CHUNK = 32;

/** Read one file and parse its outline when it has no plan signal. */
export function shardFile(abs: string, rel: string): ShardResult {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    return null;
  }
  return planSignal(text) ? { text } : { outline: parseOutline(rel, text) };
}

/** A worker's loop: claim chunks until the list is done, then help with the plan files found that nobody has taken. */
export function runShard(files: readonly [abs: string, rel: string][], shared: ShardShared, post: (m: ShardMessage, transfer?: ArrayBuffer[]) => void): void {
  const { claim, signal, slots } = shared;
  const notify = () => {
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  const found: [index: number, text: string][] = [];
  for (let c = Atomics.add(claim, 0, 1); c * SHARD_CHUNK < files.length; c = Atomics.add(claim, 0, 1)) {
    const start = c * SHARD_CHUNK;
    const results: ShardResult[] = [];
    for (let i = start; i < Math.min(files.length, start + SHARD_CHUNK); i++) {
      const [abs, rel] = files[i]!;
      let r: ShardResult = null;
      try {
        r = shardFile(abs, rel);
      } catch {
        // null: the main thread reads it again and reports what is wrong
      }
      if (r && 'text' in r) found.push([i, r.text]);
      results.push(r);
    }
    post({ start, results });
    notify();
  }
  // The main thread takes plan files newest first: start from the oldest.
  for (const [i, text] of found) {
    if (!claimPlan(slots, i)) continue;
    let packed: Uint8Array | null = null;
    try {
      packed = pack(parseProvisional(files[i]![1], text));
    } catch {
      // null: parsed on the main thread
    }
    post({ plan: i, packed }, packed ? [packed.buffer as ArrayBuffer] : []);
    notify();
  }
}
