import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { outlineFromWire, parsePlan, planSignal, statAt, VaultIndex, type FileStat, type PlanFile, type PlanModel } from '@plansight/core';
import { buildId, cacheDir, cacheFile, readSnapshot, writeSnapshot } from './cache.js';
import { createProgress, NO_PROGRESS, type Progress } from './progress.js';
import type { ParseJob, ParseResult, WorkerInit, WorkerMessage } from './indexWorker.js';
import { SHARD_CHUNK, type ShardChunk } from './fastShard.js';

const SKIP_DIRS = new Set(['node_modules', '.git', '.obsidian', '.trash', 'dist']);

export class UsageError extends Error {}

export interface FoundFile {
  abs: string;
  rel: string;
  /** Size and mtime (whole ms) when the listing saw them, racy when the mtime was that recent (`statAt`). */
  stat: FileStat;
}

/** Expand files and folders into markdown files, sorted, with paths relative to `base` using `/`. */
export function collectFiles(inputs: readonly string[], base = process.cwd()): FoundFile[] {
  const out = new Map<string, FoundFile>();
  // Before any stat: a file is read after it is listed, so one racy at its read is racy at this time too.
  const now = Date.now();
  const add = (abs: string, rel: string, st: { size: number; mtimeMs: number }) => out.set(abs, { abs, rel, stat: statAt(st.size, Math.floor(st.mtimeMs), now) });
  // `rel` of a folder's child is the folder's `rel` and the name: no path arithmetic per file.
  const visitDir = (abs: string, rel: string) => {
    const prefix = abs.endsWith(sep) ? abs : abs + sep;
    const relPrefix = rel ? rel + '/' : '';
    for (const d of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (SKIP_DIRS.has(d.name)) continue;
      const child = prefix + d.name;
      if (d.isDirectory()) visitDir(child, relPrefix + d.name);
      else if (d.isFile() && !MARKDOWN.test(d.name)) continue;
      else {
        // A markdown file, or a link or special entry: stat follows links.
        const cst = statSync(child, { throwIfNoEntry: false });
        if (!cst) continue;
        if (cst.isDirectory()) visitDir(child, relPrefix + d.name);
        else if (MARKDOWN.test(d.name)) add(child, relPrefix + d.name, cst);
      }
    }
  };
  for (const input of inputs.length ? inputs : ['.']) {
    const abs = resolve(base, input);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`no such file or folder: ${relative(base, abs) || abs}`);
    }
    if (st.isDirectory()) visitDir(abs, abs === base ? '' : toRel(base, abs));
    else add(abs, toRel(base, abs), st);
  }
  return [...out.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

const MARKDOWN = /\.(md|markdown)$/i;

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
  /** File texts by model path, read from disk on first use (an unchanged vault is not read at all). */
  texts: VaultTexts;
  abs: Map<string, string>;
  stats?: LoadStats;
}

/** The vault's texts by model path: the ones read while loading, the others read on demand. */
export class VaultTexts implements Iterable<[string, string]> {
  private readonly loaded = new Map<string, string>();

  constructor(private readonly abs: ReadonlyMap<string, string>) {}

  /** The file's text, read now if it was not read yet; undefined for a path not in the vault or a file gone since. */
  get(path: string): string | undefined {
    let text = this.loaded.get(path);
    if (text !== undefined) return text;
    const abs = this.abs.get(path);
    if (abs === undefined) return undefined;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
    this.loaded.set(path, text);
    return text;
  }

  /** Keep a text read while loading. */
  set(path: string, text: string): void {
    this.loaded.set(path, text);
  }

  has(path: string): boolean {
    return this.abs.has(path);
  }

  get size(): number {
    return this.abs.size;
  }

  keys(): IterableIterator<string> {
    return this.abs.keys();
  }

  /** Every file with its text (read as the iteration reaches it); files that cannot be read are skipped. */
  *entries(): IterableIterator<[string, string]> {
    for (const path of this.abs.keys()) {
      const text = this.get(path);
      if (text !== undefined) yield [path, text];
    }
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /** Drop the texts held in memory; they are read again when asked for. */
  clear(): void {
    this.loaded.clear();
  }
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
  /** The cache version (a snapshot of another one is ignored). Default: the running bundle's build id. */
  build?: string;
}

export interface LoadStats {
  files: number;
  /** Taken from the persistent cache without parsing. */
  cached: number;
  /** Parsed by remark (the rest needed only the fast pass). */
  accurateParsed: number;
  workers: number;
  /** The vault model came from the cache as it was (no file added, removed or changed). */
  modelCached: boolean;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Below this much changed text, starting workers costs more than it saves (remark; the fast pass). */
const WORKER_MIN_BYTES = 512 * 1024;
const FAST_WORKER_MIN_BYTES = 16 * 1024 * 1024;

/**
 * Read and parse every plan file under the inputs. Unchanged files (same size and mtime, or same content) come
 * from the persistent cache without being read, and an unchanged vault reuses the cached model too. Of the
 * others, files with a plan signal are parsed by remark (in worker threads when there is a lot, which start on
 * the first such file and parse while this thread reads the rest and parses the outline-only notes), the rest by
 * the outline pass. Synchronous: workers are waited for with `Atomics.wait` and drained with `receiveMessageOnPort`.
 */
export function loadVault(inputs: readonly string[], cwd = process.cwd(), options: LoadOptions = {}): LoadedVault {
  const ctx = prepare(inputs, cwd, options);
  const results = ctx.pool ? collectSync(ctx, ctx.pool) : [];
  return finish(ctx, results);
}

/** The same as `loadVault`, without blocking the event loop while workers parse. */
export async function loadVaultAsync(inputs: readonly string[], cwd = process.cwd(), options: LoadOptions = {}): Promise<LoadedVault> {
  const ctx = prepare(inputs, cwd, options);
  const results = ctx.pool ? await collectAsync(ctx, ctx.pool) : [];
  return finish(ctx, results);
}

interface Job extends ParseJob {
  hash: string | undefined;
  stat: FileStat;
}

interface LoadContext {
  index: VaultIndex;
  texts: VaultTexts;
  abs: Map<string, string>;
  progress: Progress;
  cachePath: string | null;
  /** Files taken from the snapshot without parsing. */
  cached: number;
  /** Of those, files whose stat changed but not their content (the snapshot needs their new stat). */
  touched: number;
  total: number;
  done: number;
  accurate: boolean;
  jobs: Job[];
  pool: Pool | null;
  /** Results this thread computed while workers ran. */
  local: ParseResult[];
  /** Workers that shared a provisional load. */
  sharded: number;
}

function prepare(inputs: readonly string[], cwd: string, options: LoadOptions): LoadContext {
  const base = vaultBase(inputs, cwd);
  const list = collectFiles(inputs.map((i) => resolve(cwd, i)), base);
  const progress = options.progress === undefined ? createProgress() : typeof options.progress === 'boolean' ? (options.progress ? createProgress({ enabled: true }) : NO_PROGRESS) : options.progress;
  const build = options.build ?? buildId();
  const accurate = options.accurate !== false;
  const useCache = (options.cache ?? build !== null) && accurate;
  const dir = useCache ? cacheDir(cwd) : null;
  const cachePath = dir ? cacheFile(dir, base) : null;
  // Without a cache nothing compares hashes across loads, and this index lives for one load: skip hashing.
  const index = new VaultIndex({ ...(build ? { version: build } : {}), hash: cachePath ? sha1 : () => '' });
  if (cachePath) index.restore(readSnapshot(cachePath));
  const abs = new Map<string, string>();
  for (const f of list) abs.set(f.rel, f.abs);
  const texts = new VaultTexts(abs);
  const ctx: LoadContext = { index, texts, abs, progress, cachePath, cached: 0, touched: 0, total: list.length, done: 0, accurate, jobs: [], pool: null, local: [], sharded: 0 };

  const changed: typeof list = [];
  let changedBytes = 0;
  for (const f of list) {
    if (cachePath && index.setCached(f.rel, f.stat)) ctx.cached++;
    else {
      changed.push(f);
      changedBytes += f.stat.size;
    }
  }
  ctx.done = ctx.cached;
  progress.update(ctx.done, ctx.total);
  const workers = workerCount(changedBytes, options, accurate);
  if (!accurate && workers > 0) {
    loadFastSharded(ctx, changed, workers, options.workerScript);
    return ctx;
  }
  let sent = 0;
  const send = (final: boolean) => {
    if (!ctx.pool) return;
    if (sent < ctx.jobs.length) ctx.pool.post({ jobs: ctx.jobs.slice(sent).map(({ id, path, text }) => ({ id, path, text })) });
    sent = ctx.jobs.length;
    if (final) ctx.pool.post({ total: sent });
  };
  const outline: FoundFile[] = [];
  const outlineTexts: string[] = [];
  for (const f of changed) {
    const text = readFileSync(f.abs, 'utf8');
    texts.set(f.rel, text);
    const hash = cachePath ? sha1(text) : undefined;
    if (hash !== undefined && index.setCached(f.rel, f.stat, hash)) {
      ctx.cached++;
      ctx.touched++;
      progress.update(++ctx.done, ctx.total);
    } else if (accurate && planSignal(text)) {
      ctx.jobs.push({ id: ctx.jobs.length, path: f.rel, text, hash, stat: f.stat });
      if (workers > 0 && !ctx.pool) ctx.pool = startPool(workers, options.workerScript);
      // Small batches keep the workers fed while this thread reads on.
      if (ctx.jobs.length - sent >= 8) send(false);
    } else {
      outline.push(f);
      outlineTexts.push(text);
    }
  }
  send(true);
  // The outline-only (or, not accurate, provisional) pass runs here while the workers parse.
  outline.forEach((f, k) => {
    // Accurate loads asked planSignal already (no); provisional ones did not ask.
    index.set(f.rel, outlineTexts[k]!, f.stat, accurate ? false : undefined);
    if (index.get(f.rel)?.accuracy === 'accurate') ctx.done++;
    progress.update(ctx.done, ctx.total);
  });
  return ctx;
}

function workerCount(changedBytes: number, options: LoadOptions, accurate: boolean): number {
  const env = process.env.PLANSIGHT_WORKERS;
  if (options.workers === undefined && env !== undefined && /^\d+$/.test(env)) options = { ...options, workers: Number(env) };
  if (options.workers === 0) return 0;
  if (options.workers === undefined && changedBytes < (accurate ? WORKER_MIN_BYTES : FAST_WORKER_MIN_BYTES)) return 0;
  if (!workerScript(options.workerScript)) return 0;
  // The fast pass is cheap to run and costly to hand over: this thread takes a share instead of waiting on workers.
  return options.workers ?? Math.max(1, availableParallelism() - (accurate ? 0 : 1));
}

/**
 * A provisional load with workers (`fastShard.ts`): this thread and the workers claim chunks of the list, read them
 * and parse the notes' outlines; plan files are parsed here, first of anything, as their texts arrive. Files a worker
 * could not read, or left when it failed, are done here (an unreadable file then fails the load as it does without
 * workers).
 */
function loadFastSharded(ctx: LoadContext, files: FoundFile[], workers: number, script?: string): void {
  const { index, texts, progress } = ctx;
  const pool = startPool(workers, script, files.map((f) => [f.abs, f.rel]));
  ctx.sharded = workers;
  const got = new Uint8Array(files.length);
  const plans: number[] = [];
  let settled = 0;
  let parsed = 0;
  const take = (i: number, text: string) => {
    texts.set(files[i]!.rel, text);
    plans.push(i);
  };
  const accept = (chunk: ShardChunk) => {
    settled += chunk.results.length;
    chunk.results.forEach((r, k) => {
      const i = chunk.start + k;
      if (!r || got[i]) return;
      got[i] = 1;
      if ('text' in r) take(i, r.text);
      else {
        index.setFast(files[i]!.rel, 'wire' in r ? outlineFromWire(files[i]!.rel, r.wire) : r.outline, true, files[i]!.stat);
        parsed++;
      }
    });
  };
  const parsePlans = () => {
    for (let i = plans.pop(); i !== undefined; i = plans.pop()) {
      const f = files[i]!;
      index.set(f.rel, texts.get(f.rel)!, f.stat, true);
      parsed++;
      drain(pool, accept);
    }
  };
  const report = () => progress.update((ctx.done = parsed), ctx.total);
  try {
    let seen = 0;
    let last = Date.now();
    for (;;) {
      parsePlans();
      report();
      const c = settled < files.length ? Atomics.add(pool.claim, 0, 1) : Infinity;
      if (c * SHARD_CHUNK < files.length) {
        const end = Math.min(files.length, (c + 1) * SHARD_CHUNK);
        for (let i = c * SHARD_CHUNK; i < end; i++) {
          const f = files[i]!;
          const text = readFileSync(f.abs, 'utf8');
          got[i] = 1;
          if (planSignal(text)) take(i, text);
          else {
            index.set(f.rel, text, f.stat, false);
            parsed++;
          }
        }
        settled += end - c * SHARD_CHUNK;
        drain(pool, accept);
        continue;
      }
      if (settled >= files.length) break;
      // Every chunk is claimed: wait for the workers' last ones.
      Atomics.wait(pool.signal, 0, seen, 200);
      seen = Atomics.load(pool.signal, 0);
      if (drain(pool, accept)) last = Date.now();
      else if (Date.now() - last > STALL_MS) break;
    }
  } finally {
    pool.close();
  }
  for (let i = 0; i < files.length; i++) {
    if (got[i]) continue;
    const f = files[i]!;
    const text = readFileSync(f.abs, 'utf8');
    texts.set(f.rel, text);
    index.set(f.rel, text, f.stat);
  }
  parsePlans();
  ctx.done = files.length;
}

/** A job parsed by this thread (no worker, a failed one, or idle while workers parse). */
function parseHere(ctx: LoadContext, job: Job): ParseResult {
  try {
    return { id: job.id, path: job.path, file: parsePlan(job.path, job.text, {}, { cache: ctx.index.sections }) };
  } catch (e) {
    return { id: job.id, path: job.path, error: (e as Error).message };
  }
}

function finish(ctx: LoadContext, results: ParseResult[]): LoadedVault {
  const { index, jobs } = ctx;
  const delivered = new Set<number>();
  const accept = (r: ParseResult) => {
    const job = jobs[r.id];
    if (!job || delivered.has(r.id) || !('file' in r)) return;
    delivered.add(r.id);
    index.setParsed(job.path, job.hash ?? '', r.file, job.stat, job.text.length);
  };
  for (const r of results) accept(r);
  for (const r of ctx.local) accept(r);
  // Whatever no worker delivered (none started, one failed) is parsed here; a file remark cannot parse keeps the fast pass.
  let done = ctx.done + delivered.size;
  for (const job of jobs) {
    if (delivered.has(job.id)) continue;
    const r = parseHere(ctx, job);
    if ('file' in r) accept(r);
    else index.set(job.path, job.text, job.stat);
    ctx.progress.update(++done, ctx.total);
  }
  ctx.progress.done();
  const model = index.model();
  if (ctx.cachePath && (jobs.length > 0 || ctx.cached !== ctx.total || ctx.touched > 0 || index.staleCached() > 0 || !index.modelRestored())) {
    writeSnapshot(ctx.cachePath, index.snapshot((p) => ctx.texts.get(p)));
  }
  return {
    files: model.files,
    model,
    texts: ctx.texts,
    abs: ctx.abs,
    stats: { files: ctx.total, cached: ctx.cached, accurateParsed: jobs.length, workers: ctx.pool?.size ?? ctx.sharded, modelCached: index.modelRestored() },
  };
}

function workerScript(explicit?: string): string | null {
  for (const p of [explicit, join(__dirname, 'indexWorker.cjs'), join(__dirname, '..', 'dist', 'indexWorker.cjs')]) if (p && existsSync(p)) return p;
  return null;
}

interface Pool {
  size: number;
  ports: MessagePort[];
  signal: Int32Array;
  claim: Int32Array;
  post(m: WorkerMessage): void;
  close(): void;
}

function startPool(n: number, explicit?: string, files?: [abs: string, rel: string][]): Pool {
  const script = workerScript(explicit)!;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const claim = new Int32Array(new SharedArrayBuffer(4));
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  for (let i = 0; i < n; i++) {
    const channel = new MessageChannel();
    const init: WorkerInit = { port: channel.port2, signal, claim, ...(files ? { files } : {}) };
    const w = new Worker(script, { workerData: init, transferList: [channel.port2] });
    // A worker that fails delivers nothing: its files are parsed in this thread.
    w.on('error', () => {});
    workers.push(w);
    ports.push(channel.port1);
  }
  return {
    size: n,
    ports,
    signal,
    claim,
    post(m) {
      for (const w of workers) w.postMessage(m);
    },
    close() {
      for (const w of workers) void w.terminate();
      for (const p of ports) p.close();
    },
  };
}

/** A worker that has produced nothing for this long is given up on; its files are parsed in this thread. */
const STALL_MS = 120_000;

function drain<T>(pool: Pool, sink: T[] | ((m: T) => void)): boolean {
  let got = false;
  for (const port of pool.ports) {
    let m: { message: T } | undefined;
    while ((m = receiveMessageOnPort(port) as { message: T } | undefined)) {
      if (typeof sink === 'function') sink(m.message);
      else sink.push(m.message);
      got = true;
    }
  }
  return got;
}

function collectSync(ctx: LoadContext, pool: Pool): ParseResult[] {
  const results: ParseResult[] = [];
  const { jobs, progress } = ctx;
  const report = () => progress.update(ctx.done + results.length + ctx.local.length, ctx.total);
  let seen = 0;
  let lastProgress = Date.now();
  try {
    // Idle here while workers parse: take jobs from the same counter.
    for (let k = Atomics.add(pool.claim, 0, 1); k < jobs.length; k = Atomics.add(pool.claim, 0, 1)) {
      ctx.local.push(parseHere(ctx, jobs[k]!));
      drain(pool, results);
      report();
    }
    while (results.length + ctx.local.length < jobs.length) {
      Atomics.wait(pool.signal, 0, seen, 200);
      seen = Atomics.load(pool.signal, 0);
      if (drain(pool, results)) {
        lastProgress = Date.now();
        report();
      } else if (Date.now() - lastProgress > STALL_MS) break;
    }
  } finally {
    pool.close();
  }
  return results;
}

async function collectAsync(ctx: LoadContext, pool: Pool): Promise<ParseResult[]> {
  const results: ParseResult[] = [];
  const { jobs, progress } = ctx;
  try {
    // Whatever arrived while this thread was busy is waiting in the ports.
    drain(pool, results);
    if (results.length < jobs.length) {
      await new Promise<void>((resolveAll) => {
        let timer = setTimeout(resolveAll, STALL_MS);
        for (const port of pool.ports) {
          port.on('message', (m: ParseResult) => {
            results.push(m);
            progress.update(ctx.done + results.length, ctx.total);
            clearTimeout(timer);
            if (results.length >= jobs.length) resolveAll();
            else timer = setTimeout(resolveAll, STALL_MS);
          });
        }
      });
    }
  } finally {
    pool.close();
  }
  return results;
}
