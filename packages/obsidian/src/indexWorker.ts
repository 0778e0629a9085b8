// The Obsidian plugin's parse worker: remark-accurate parses off the UI thread. Bundled on its own (esbuild
// `obsidian-worker`) and inlined into main.js as a string, started from a Blob URL.
import { BoundedSectionCache, parsePlan } from '@plansight/core';
import type { RefineBatch, RefineResult } from './index/workerProtocol.js';

interface WorkerScope {
  onmessage: ((e: { data: RefineBatch }) => void) | null;
  postMessage(message: RefineResult): void;
}

const scope = self as unknown as WorkerScope;
const cache = new BoundedSectionCache(20_000);

scope.onmessage = ({ data }) => {
  const options = data.vocabulary ? { vocabulary: data.vocabulary } : {};
  for (const { path, hash, text } of data.jobs) {
    let result: RefineResult;
    try {
      result = { path, hash, file: parsePlan(path, text, options, { cache }) };
    } catch (e) {
      result = { path, hash, error: `${path}: ${(e as Error).message}` };
    }
    scope.postMessage(result);
  }
};
