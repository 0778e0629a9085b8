import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { VaultIndex, type PlanFile, type PlanModel } from '@plansight/core';
import { buildId, cacheDir, cacheFile, readSnapshot, writeSnapshot } from './cache.js';
import { createProgress, NO_PROGRESS, type Progress } from './progress.js';
import type { ParseJob, ParseResult, WorkerInit } from './indexWorker.js';

const SKIP_DIRS = new Set(['node_modules', '.git', '.obsidian', '.trash', 'dist']);

export class UsageError extends Error {}

/** Expand files and folders into markdown files, sorted, with paths relative to `base` using `/`. */
export function collectFiles(inputs: readonly string[], base = process.cwd()): { abs: string; rel: string }[] {
  const out = new Map<string, string>();
  const visit = (abs: string) => {
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`no such file or folder: ${relative(base, abs) || abs}`);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (SKIP_DIRS.has(name)) continue;
        const child = join(abs, name);
        const cst = statSync(child, { throwIfNoEntry: false });
        if (!cst) continue;
        if (cst.isDirectory()) visit(child);
        else if (/\.(md|markdown)$/i.test(name)) out.set(child, toRel(base, child));
      }
    } else out.set(abs, toRel(base, abs));
  };
  for (const input of inputs.length ? inputs : ['.']) visit(resolve(base, input));
  return [...out.entries()].map(([abs, rel]) => ({ abs, rel })).sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

function toRel(base: string, abs: string): string {
  return (relative(base, abs) || abs).split(sep).join('/');
}

/** Paths in the model are relative to the vault: the folder when one folder is given, else the working directory. */
export function vaultBase(inputs: readonly string[], cwd = process.cwd()): string {
  if (inputs.length === 1) {
    const only = resolve(cwd, inputs[0]!);
    if (statSync(only, { throwIfNoEntry: false })?.isDirectory()) return only;
  }
  return cwd;
}

export interface LoadedVault {
  files: PlanFile[];
  model: PlanModel;
  texts: Map<string, string>;
  abs: Map<string, string>;
  stats?: LoadStats;
}

export interface LoadOptions {
  /** Use the persistent cache (default: when running from the built CLI and `$PLANSIGHT_CACHE` is not `off`). */
  cache?: boolean;
  /** Parse workers for the remark pass; 0 parses in this thread. Default: one per core when there is enough to parse. */
  workers?: number;
  /** A progress bar, `true` to force one, `false` for none. Default: on a TTY without `--json`. */
  progress?: Progress | boolean;
  /** `false`: the fast pass only (provisional model, no remark). Default true. */
  accurate?: boolean;
  /** The built worker (`indexWorker.cjs`), when it is not beside the running bundle. */
  workerScript?: string;
}

export interface LoadStats {
  files: number;
  /** Taken from the persistent cache without parsing. */
  cached: number;
  /** Parsed by remark (the rest needed only the fast pass). */
  accurateParsed: number;
  workers: number;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Below this much text to parse, starting workers costs more than it saves. */
const WORKER_MIN_BYTES = 512 * 1024;

/**
 * Read and parse every plan file under the inputs. Files with plan content are parsed by remark (in worker
 * threads when there is a lot), the others by the fast pass only; unchanged files come from the persistent
 * cache. Synchronous: workers are waited for with `Atomics.wait` and drained with `receiveMessageOnPort`.
 */
export function loadVault(inputs: readonly string[], cwd = process.cwd(), options: LoadOptions = {}): LoadedVault {
  const ctx = prepare(inputs, cwd, options);
  const jobs = ctx.accurate ? pendingJobs(ctx.index) : [];
  const workers = workerCount(jobs, options);
  let results: ParseResult[] = [];
  if (workers > 0) results = parseInWorkersSync(jobs, workers, ctx.progress, ctx.done, options.workerScript);
  return finish(ctx, jobs, results, workers);
}

/** The same as `loadVault`, without blocking the event loop while workers parse. */
export async function loadVaultAsync(inputs: readonly string[], cwd = process.cwd(), options: LoadOptions = {}): Promise<LoadedVault> {
  const ctx = prepare(inputs, cwd, options);
  const jobs = ctx.accurate ? pendingJobs(ctx.index) : [];
  const workers = workerCount(jobs, options);
  let results: ParseResult[] = [];
  if (workers > 0) results = await parseInWorkers(jobs, workers, ctx.progress, ctx.done, options.workerScript);
  return finish(ctx, jobs, results, workers);
}

interface LoadContext {
  index: VaultIndex;
  texts: Map<string, string>;
  abs: Map<string, string>;
  progress: Progress;
  cachePath: string | null;
  cached: number;
  total: number;
  done: number;
  accurate: boolean;
}

function prepare(inputs: readonly string[], cwd: string, options: LoadOptions): LoadContext {
  const base = vaultBase(inputs, cwd);
  const list = collectFiles(inputs.map((i) => resolve(cwd, i)), base);
  const progress = options.progress === undefined ? createProgress() : typeof options.progress === 'boolean' ? (options.progress ? createProgress({ enabled: true }) : NO_PROGRESS) : options.progress;
  const build = buildId();
  const useCache = (options.cache ?? build !== null) && options.accurate !== false;
  const dir = useCache ? cacheDir(cwd) : null;
  const cachePath = dir ? cacheFile(dir, base) : null;
  const index = new VaultIndex({ ...(build ? { version: build } : {}), hash: sha1 });
  if (cachePath) index.restore(readSnapshot(cachePath));
  const texts = new Map<string, string>();
  const abs = new Map<string, string>();
  let cached = 0;
  let done = 0;
  for (const f of list) {
    const text = readFileSync(f.abs, 'utf8');
    texts.set(f.rel, text);
    abs.set(f.rel, f.abs);
    const st = statSync(f.abs);
    const stat = { size: st.size, mtime: Math.floor(st.mtimeMs) };
    if (cachePath && index.setCached(f.rel, stat)) cached++;
    else index.set(f.rel, text, stat);
    if (index.get(f.rel)?.accuracy === 'accurate') done++;
    progress.update(done, list.length);
  }
  return { index, texts, abs, progress, cachePath, cached, total: list.length, done, accurate: options.accurate !== false };
}

function pendingJobs(index: VaultIndex): ParseJob[] {
  return index.pending().map((p, id) => ({ id, path: p.path, text: p.text }));
}

function workerCount(jobs: ParseJob[], options: LoadOptions): number {
  const env = process.env.PLANSIGHT_WORKERS;
  if (options.workers === undefined && env !== undefined && /^\d+$/.test(env)) options = { ...options, workers: Number(env) };
  if (options.workers === 0 || jobs.length < 2) return 0;
  let bytes = 0;
  for (const j of jobs) bytes += j.text.length;
  if (options.workers === undefined && bytes < WORKER_MIN_BYTES) return 0;
  if (!workerScript(options.workerScript)) return 0;
  const n = options.workers ?? Math.max(1, availableParallelism());
  return Math.min(n, jobs.length);
}

function finish(ctx: LoadContext, jobs: ParseJob[], results: ParseResult[], workers: number): LoadedVault {
  const { index } = ctx;
  const hashes = new Map(index.pending().map((p) => [p.path, p.hash]));
  for (const r of results) {
    if ('file' in r) index.accept(r.path, hashes.get(r.path) ?? '', r.file);
  }
  // Whatever no worker delivered (none started, one failed) is parsed here.
  let done = ctx.done + results.length;
  for (const p of index.pending()) {
    if (!ctx.accurate) break;
    index.setAccurate(p.path, p.text, index.get(p.path)?.stat);
    ctx.progress.update(++done, ctx.total);
  }
  ctx.progress.done();
  if (ctx.cachePath && (jobs.length > 0 || ctx.cached !== ctx.total)) writeSnapshot(ctx.cachePath, index.snapshot((p) => ctx.texts.get(p)));
  const model = index.model();
  return {
    files: model.files,
    model,
    texts: ctx.texts,
    abs: ctx.abs,
    stats: { files: ctx.total, cached: ctx.cached, accurateParsed: jobs.length, workers },
  };
}

function workerScript(explicit?: string): string | null {
  for (const p of [explicit, join(__dirname, 'indexWorker.cjs'), join(__dirname, '..', 'dist', 'indexWorker.cjs')]) if (p && existsSync(p)) return p;
  return null;
}

/** Largest files first, each to the worker with the least text so far. */
function distribute(jobs: ParseJob[], n: number): ParseJob[][] {
  const batches: ParseJob[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  for (const job of [...jobs].sort((a, b) => b.text.length - a.text.length)) {
    let k = 0;
    for (let i = 1; i < n; i++) if (load[i]! < load[k]!) k = i;
    batches[k]!.push(job);
    load[k]! += job.text.length;
  }
  return batches;
}

interface Pool {
  ports: MessagePort[];
  signal: Int32Array;
  close(): void;
}

function startPool(jobs: ParseJob[], n: number, explicit?: string): Pool {
  const script = workerScript(explicit)!;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  for (const batch of distribute(jobs, n)) {
    const channel = new MessageChannel();
    const init: WorkerInit = { port: channel.port2, signal };
    const w = new Worker(script, { workerData: init, transferList: [channel.port2] });
    w.postMessage(batch);
    workers.push(w);
    ports.push(channel.port1);
  }
  return {
    ports,
    signal,
    close() {
      for (const w of workers) void w.terminate();
      for (const p of ports) p.close();
    },
  };
}

/** A worker that has produced nothing for this long is given up on; its files are parsed in this thread. */
const STALL_MS = 120_000;

function parseInWorkersSync(jobs: ParseJob[], n: number, progress: Progress, done0: number, script?: string): ParseResult[] {
  const pool = startPool(jobs, n, script);
  const results: ParseResult[] = [];
  const total = done0 + jobs.length;
  let seen = 0;
  let lastProgress = Date.now();
  try {
    while (results.length < jobs.length) {
      Atomics.wait(pool.signal, 0, seen, 200);
      seen = Atomics.load(pool.signal, 0);
      let got = false;
      for (const port of pool.ports) {
        let m: { message: ParseResult } | undefined;
        while ((m = receiveMessageOnPort(port) as { message: ParseResult } | undefined)) {
          results.push(m.message);
          got = true;
        }
      }
      if (got) {
        lastProgress = Date.now();
        progress.update(done0 + results.length, total);
      } else if (Date.now() - lastProgress > STALL_MS) break;
    }
  } finally {
    pool.close();
  }
  return results;
}

async function parseInWorkers(jobs: ParseJob[], n: number, progress: Progress, done0: number, script?: string): Promise<ParseResult[]> {
  const pool = startPool(jobs, n, script);
  const results: ParseResult[] = [];
  const total = done0 + jobs.length;
  try {
    await new Promise<void>((resolveAll) => {
      let timer = setTimeout(resolveAll, STALL_MS);
      for (const port of pool.ports) {
        port.on('message', (m: ParseResult) => {
          results.push(m);
          progress.update(done0 + results.length, total);
          clearTimeout(timer);
          if (results.length >= jobs.length) resolveAll();
          else timer = setTimeout(resolveAll, STALL_MS);
        });
      }
    });
  } finally {
    pool.close();
  }
  return results;
}
