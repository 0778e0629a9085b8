import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { BoundedSectionCache, parsePlan, type ParseOptions, type PlanFile } from '@plansight/core';

/**
 * The CLI's parse worker: remark-accurate parses off the main thread, through its own section cache. Results go
 * to `workerData.port`, and `workerData.signal[0]` counts them so that a main thread blocked in `Atomics.wait`
 * wakes up and drains the port with `receiveMessageOnPort`.
 */
export interface ParseJob {
  id: number;
  path: string;
  text: string;
}

export type ParseResult = { id: number; path: string; file: PlanFile } | { id: number; path: string; error: string };

export interface WorkerInit {
  port: MessagePort;
  signal: Int32Array;
  options?: ParseOptions;
}

if (parentPort && workerData) {
  const { port, signal, options } = workerData as WorkerInit;
  const cache = new BoundedSectionCache(20_000);
  parentPort.on('message', (jobs: ParseJob[]) => {
    for (const job of jobs) {
      let result: ParseResult;
      try {
        result = { id: job.id, path: job.path, file: parsePlan(job.path, job.text, options ?? {}, { cache }) };
      } catch (e) {
        result = { id: job.id, path: job.path, error: (e as Error).message };
      }
      port.postMessage(result);
      Atomics.add(signal, 0, 1);
      Atomics.notify(signal, 0);
    }
  });
}
