import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { BoundedSectionCache, parsePlan, type ParseOptions, type PlanFile } from '@plansight/core';
import { runShard } from './fastShard.js';

/**
 * The CLI's parse worker: remark-accurate parses off the main thread, through its own section cache.
 *
 * Every worker receives every job, in the same order (`{ jobs }` messages, then `{ total }` once all are sent),
 * and takes the next one by incrementing the shared counter `claim[0]`: whoever is free parses the next file,
 * the main thread included. Results go to `workerData.port`, and `workerData.signal[0]` counts them so that a
 * main thread blocked in `Atomics.wait` wakes up and drains the port with `receiveMessageOnPort`.
 */
export interface ParseJob {
  id: number;
  path: string;
  text: string;
}

export type ParseResult = { id: number; path: string; file: PlanFile } | { id: number; path: string; error: string };

export type WorkerMessage = { jobs: ParseJob[] } | { total: number };

export interface WorkerInit {
  port: MessagePort;
  signal: Int32Array;
  claim: Int32Array;
  options?: ParseOptions;
  /** A provisional load: read and fast-parse chunks of these files (see fastShard.ts) instead of taking jobs. */
  files?: [abs: string, rel: string][];
}

if (parentPort && workerData) {
  const { port, signal, claim, options, files } = workerData as WorkerInit;
  if (files) runShard(files, claim, signal, (chunk) => port.postMessage(chunk));
  const cache = new BoundedSectionCache(20_000);
  const jobs: ParseJob[] = [];
  let total = Infinity;
  let mine = -1;
  const pump = () => {
    for (;;) {
      if (mine < 0) mine = Atomics.add(claim, 0, 1);
      if (mine >= total) return;
      const job = jobs[mine];
      if (!job) return; // claimed before it arrived: the next message brings it
      mine = -1;
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
  };
  parentPort.on('message', (m: WorkerMessage) => {
    if ('jobs' in m) for (const j of m.jobs) jobs[j.id] = j;
    else total = m.total;
    pump();
  });
}
