import type { PlanIndex } from './planIndex.js';
import type { PackResult, RefineJob, RefineResult, WorkerReply, WorkerRequest } from './workerProtocol.js';

/** What the plugin needs of a Web Worker (a fake in tests). */
export interface WorkerLike {
  onmessage: ((e: { data: WorkerReply }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  postMessage(message: WorkerRequest): void;
  terminate(): void;
}

/** A batch stays small enough that a file changed meanwhile is not waited for long. */
const BATCH_FILES = 64;
const BATCH_CHARS = 512 * 1024;

/** Start the bundled parse worker from its inlined source; null when this host cannot (no Worker, no Blob URL). */
export function workerFromSource(source: string | undefined): WorkerLike | null {
  if (!source || typeof Worker === 'undefined' || typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function') return null;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  let worker: Worker;
  try {
    worker = new Worker(url);
  } catch {
    URL.revokeObjectURL(url);
    return null;
  }
  const terminate = worker.terminate.bind(worker);
  // The URL lives as long as the worker: revoked when it is terminated.
  worker.terminate = () => {
    terminate();
    URL.revokeObjectURL(url);
  };
  return worker as unknown as WorkerLike;
}

/**
 * Sends the index's provisional files to a parse worker, one batch at a time, and hands each result back with
 * `accept` (ignored when the file changed since: it stays pending and goes out in a later batch). Results
 * computed under other options (the vocabulary changed meanwhile) are dropped. A worker error ends it:
 * `failed` lets the host fall back to refining on the main thread.
 */
export class WorkerRefiner {
  private inFlight = 0;
  private sentFor: { index: PlanIndex; options: PlanIndex['options'] } | null = null;
  private acceptedInBatch = 0;
  /** path + hash of files whose parse threw in the worker: not sent again until their text changes. */
  private broken = new Set<string>();
  private stopped = false;
  private packs = new Map<number, { resolve(bytes: Uint8Array): void; reject(e: Error): void }>();
  private nextPack = 1;

  constructor(
    private readonly worker: WorkerLike,
    private readonly index: () => PlanIndex,
    private readonly hooks: { accepted(): void; failed(reason: string): void; warn(message: string): void },
  ) {
    worker.onmessage = (e) => ('id' in e.data ? this.packed(e.data) : this.receive(e.data));
    worker.onerror = (e) => this.fail(e.message ?? 'the parse worker failed');
  }

  get alive(): boolean {
    return !this.stopped;
  }

  /** Send the next batch unless one is still being parsed. */
  kick(): void {
    if (this.stopped || this.inFlight > 0) return;
    const index = this.index();
    const jobs: RefineJob[] = [];
    let chars = 0;
    for (const job of index.pending().sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (this.broken.has(`${job.path}\0${job.hash}`)) continue;
      jobs.push(job);
      chars += job.text.length;
      if (jobs.length >= BATCH_FILES || chars >= BATCH_CHARS) break;
    }
    if (jobs.length === 0) return;
    this.sentFor = { index, options: index.options };
    this.inFlight = jobs.length;
    this.acceptedInBatch = 0;
    const vocabulary = index.options.vocabulary;
    try {
      this.worker.postMessage(vocabulary ? { jobs, vocabulary } : { jobs });
    } catch (e) {
      this.fail((e as Error).message);
    }
  }

  /** Pack a value (the index cache) in the worker: the UI thread only pays for the structured clone. */
  pack(value: unknown): Promise<Uint8Array> {
    if (this.stopped) return Promise.reject(new Error('the parse worker has stopped'));
    const id = this.nextPack++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.packs.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ id, pack: value });
      } catch (e) {
        this.packs.delete(id);
        reject(e as Error);
      }
    });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    for (const p of this.packs.values()) p.reject(new Error('the parse worker has stopped'));
    this.packs.clear();
  }

  private packed(r: PackResult): void {
    const p = this.packs.get(r.id);
    if (!p) return;
    this.packs.delete(r.id);
    if ('packed' in r) p.resolve(new Uint8Array(r.packed));
    else p.reject(new Error(r.packError));
  }

  private receive(r: RefineResult): void {
    if (this.stopped) return;
    this.inFlight--;
    const index = this.index();
    const current = this.sentFor?.index === index && this.sentFor.options === index.options;
    if (current) {
      if ('file' in r) {
        if (index.accept(r.path, r.hash, r.file)) this.acceptedInBatch++;
      } else {
        this.broken.add(`${r.path}\0${r.hash}`);
        this.hooks.warn(r.error);
      }
    }
    if (this.inFlight > 0) return;
    if (this.acceptedInBatch > 0) this.hooks.accepted();
    this.kick();
  }

  private fail(reason: string): void {
    if (this.stopped) return;
    this.stop();
    this.hooks.failed(reason);
  }
}
