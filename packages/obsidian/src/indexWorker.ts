// The Obsidian plugin's parse worker: remark-accurate parses off the UI thread. Bundled on its own (esbuild
// `obsidian-worker`) and inlined into main.js as a string, started from a Blob URL.
import { BoundedSectionCache, pack, parsePlan } from '@plansight/core';
import { ownBuffer } from './index/cacheFile.js';
import type { RefineResult, WorkerReply, WorkerRequest } from './index/workerProtocol.js';

interface WorkerScope {
  onmessage: ((e: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const cache = new BoundedSectionCache(20_000);

scope.onmessage = ({ data }) => {
  if ('pack' in data) {
    try {
      const packed = ownBuffer(pack(data.pack));
      scope.postMessage({ id: data.id, packed }, [packed]);
    } catch (e) {
      scope.postMessage({ id: data.id, packError: (e as Error).message });
    }
    return;
  }
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
