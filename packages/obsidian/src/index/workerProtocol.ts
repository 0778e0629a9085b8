import type { PlanFile, StatusVocabulary } from '@plansight/core';

/** A file still provisional in the index, sent to the parse worker with the hash of its text. */
export interface RefineJob {
  path: string;
  hash: string;
  text: string;
}

/** Main → worker: parse these files with remark, under this vocabulary. */
export interface RefineBatch {
  jobs: RefineJob[];
  vocabulary?: StatusVocabulary;
}

/** Worker → main, one per job, in order. */
export type RefineResult = { path: string; hash: string; file: PlanFile } | { path: string; hash: string; error: string };

/** Main → worker: pack this value (the index cache) off the UI thread. */
export interface PackRequest {
  id: number;
  pack: unknown;
}

/** Worker → main: the packed bytes (transferred), or why packing failed. */
export type PackResult = { id: number; packed: ArrayBuffer } | { id: number; packError: string };

export type WorkerRequest = RefineBatch | PackRequest;
export type WorkerReply = RefineResult | PackResult;
