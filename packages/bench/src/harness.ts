import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  BoundedSectionCache,
  analyze,
  buildModel,
  emptyPlanFile,
  lineStatus,
  parseOutline,
  parsePlan,
  parseProvisional,
  planSignal,
  remarkBlocks,
  splitSections,
  type PlanFile,
  type WorkItem,
} from '@plansight/core';
import { layoutGraph, type ViewModelPayload } from '@plansight/graph-view';
import { collectFiles, loadVault } from '../../cli/src/io.js';
import { dailyFile, graphPlan, listHeavy, rng, vaultFiles } from './gen.js';

export interface BenchConfig {
  /** Vault sizes in files; results are keyed `vault<size/1000>k` (or `vault<size>` below 1000). */
  vaults: number[];
  repeats: number;
  /** Repeats for the runs that take minutes (full cold parses, the 5 MB file). */
  slowRepeats: number;
  dailyLines: number;
  keystrokes: number;
  bigBytes: number;
  splitParts: number;
  graphNodes: number;
  analysisItems: number;
  /** The built CLI worker, for worker-thread parsing. */
  workerScript?: string;
  /**
   * One provisional load of the vault at `root` in a fresh process, timed there (the load alone, its code not yet
   * optimised: what a CLI run or an editor's start-up pays); ms. Without it the figure is not measured.
   */
  firstLoad?: (root: string) => number;
  /**
   * Vaults whose provisional load is also measured with their plans replaced by notes of the same size: the load
   * with nothing to parse but outlines, beside a line scan of its own.
   */
  notesOnlyVaults?: number[];
  log: (line: string) => void;
}

export const FULL: Omit<BenchConfig, 'log'> = {
  vaults: [1000, 10_000, 20_000],
  repeats: 5,
  slowRepeats: 3,
  dailyLines: 5000,
  keystrokes: 300,
  bigBytes: 5_000_000,
  splitParts: 5,
  graphNodes: 2000,
  analysisItems: 10_000,
  notesOnlyVaults: [10_000],
};

export type Results = Record<string, unknown>;

const now = (): number => performance.now();

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

function time(fn: () => void): number {
  const t = now();
  fn();
  return now() - t;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

let gcFn: (() => void) | null = null;
function gc(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
}

function keyOf(files: number): string {
  return files >= 1000 ? `vault${files / 1000}k` : `vault${files}`;
}

function writeVault(root: string, files: number, seed: number, plans = true): number {
  let bytes = 0;
  for (const f of vaultFiles(files, seed, undefined, plans)) {
    const abs = join(root, f.path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.text);
    bytes += Buffer.byteLength(f.text);
  }
  return bytes;
}

function listFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listFiles(p, out);
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

/**
 * Where the provisional load's time goes, on one thread, stage by stage (what the worker-shared load spreads over
 * two): list the files, read them, ask each for a plan signal, outline the notes, fast-parse the plan files, build
 * the model. The line scan without its reads is beside it: the part of the baseline the scans compare with.
 */
function provisionalStages(root: string): Record<string, number> {
  const r: Record<string, number> = {};
  let t = now();
  const lap = (name: string) => {
    const x = now();
    r[name] = x - t;
    t = x;
  };
  const list = collectFiles([root], root);
  lap('list');
  const texts = list.map((f) => readFileSync(f.abs, 'utf8'));
  lap('read');
  // Signal then outline, file by file as the load does (the outline reuses the signal scan of the same text).
  const files: PlanFile[] = [];
  const plans: number[] = [];
  let signalMs = 0;
  let notesMs = 0;
  for (let i = 0; i < texts.length; i++) {
    const a = now();
    const signal = planSignal(texts[i]!);
    const b = now();
    signalMs += b - a;
    if (signal) plans.push(i);
    else {
      files.push(parseOutline(list[i]!.rel, texts[i]!));
      notesMs += now() - b;
    }
  }
  r.signal = signalMs;
  r.notes = notesMs;
  t = now();
  for (const i of plans) files.push(parseProvisional(list[i]!.rel, texts[i]!));
  lap('plans');
  buildModel(files);
  lap('build');
  for (const text of texts) scanLines(text);
  lap('lineScanWithoutReads');
  return r;
}

function scanLines(text: string): number {
  let found = 0;
  for (const line of text.split('\n')) {
    if (/^#{1,6} /.test(line)) found++;
    else if (/^\s*[-*+] \[.\]/.test(line)) found++;
    else if (/^\|/.test(line)) found++;
  }
  return found;
}

/** The baseline: read every file, split lines, a few regexes per line. */
function lineScan(paths: string[]): number {
  let found = 0;
  for (const p of paths) found += scanLines(readFileSync(p, 'utf8'));
  return found;
}

/**
 * The provisional load of the same vault with its plan files replaced by notes of the same size, alternating with
 * line scans of that vault: what listing, reading, the signal scan, the outlines and building the model cost when
 * there is no plan to parse. Its ratio to the line scan is as low as the provisional ratio can go on this host.
 */
function benchNotesOnly(files: number, cfg: BenchConfig, tmp: string, results: Results): void {
  const key = keyOf(files);
  const root = join(tmp, `${key}-notes-only`);
  const bytes = writeVault(root, files, 20261121 + files, false);
  const paths = listFiles(root);
  const scan: number[] = [];
  const load: number[] = [];
  for (let i = 0; i < cfg.repeats; i++) {
    scan.push(time(() => lineScan(paths)));
    load.push(provisionalLoadMs(root, cfg.workerScript));
  }
  const ratio = median(load) / median(scan);
  results[`${key}.notesOnly`] = { bytes, lineScanMs: round(median(scan)), provisionalMs: round(median(load)), ratio: Math.round(ratio * 100) / 100 };
  cfg.log(`  notes only (${(bytes / 1e6).toFixed(1)} MB, no plan): line scan ${median(scan).toFixed(0)} ms, provisional ${median(load).toFixed(0)} ms (${ratio.toFixed(2)} ×)`);
}

/** The load `firstLoad` times, run in the fresh process. */
export function provisionalLoadMs(root: string, workerScript?: string): number {
  return time(() => loadVault([root], root, { accurate: false, cache: false, progress: false, ...(workerScript ? { workerScript } : {}) }));
}

function readAll(paths: string[]): number {
  let n = 0;
  for (const p of paths) n += readFileSync(p, 'utf8').length;
  return n;
}

function benchVault(files: number, cfg: BenchConfig, tmp: string, results: Results): void {
  const key = keyOf(files);
  const root = join(tmp, key);
  const bytes = writeVault(root, files, 20261121 + files);
  const paths = listFiles(root);
  cfg.log(`${key}: ${paths.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
  const scan: number[] = [];
  const read: number[] = [];
  const provisional: number[] = [];
  for (let i = 0; i < cfg.repeats; i++) {
    scan.push(time(() => lineScan(paths)));
    read.push(time(() => readAll(paths)));
    provisional.push(provisionalLoadMs(root, cfg.workerScript));
  }
  results[`${key}.lineScanMs`] = round(median(scan));
  results[`${key}.readOnlyMs`] = round(median(read));
  results[`${key}.provisionalMs`] = round(median(provisional));
  cfg.log(`  line scan ${median(scan).toFixed(0)} ms, read ${median(read).toFixed(0)} ms, provisional ${median(provisional).toFixed(0)} ms`);
  const stages: Record<string, number>[] = [];
  for (let i = 0; i < cfg.repeats; i++) stages.push(provisionalStages(root));
  const stageMs: Record<string, number> = {};
  for (const k of Object.keys(stages[0]!)) stageMs[k] = round(median(stages.map((x) => x[k]!)));
  stageMs.provisionalCpu = round(['list', 'read', 'signal', 'notes', 'plans', 'build'].reduce((a, k) => a + stageMs[k]!, 0));
  results[`${key}.provisionalStagesMs`] = stageMs;
  cfg.log(`  provisional on one thread: ${Object.entries(stageMs).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} ms`);
  if (cfg.notesOnlyVaults?.includes(files)) benchNotesOnly(files, cfg, tmp, results);
  if (cfg.firstLoad) {
    const first: number[] = [];
    for (let i = 0; i < cfg.slowRepeats; i++) first.push(cfg.firstLoad(root));
    results[`${key}.provisionalFirstMs`] = round(median(first));
    cfg.log(`  provisional, first load in a fresh process: ${first.map((x) => x.toFixed(0)).join(', ')} ms`);
  }

  const cold: number[] = [];
  let stats: unknown;
  for (let i = 0; i < cfg.slowRepeats; i++) {
    cold.push(
      time(() => {
        stats = loadVault([root], root, { cache: false, progress: false, ...(cfg.workerScript ? { workerScript: cfg.workerScript } : {}) }).stats;
      }),
    );
    cfg.log(`  full cold run ${i + 1}: ${cold[i]!.toFixed(0)} ms ${JSON.stringify(stats)}`);
  }
  results[`${key}.fullColdMs`] = round(median(cold));
  results[`${key}.fullColdStats`] = stats;

  const cacheDir = join(tmp, `cache-${key}`);
  const prev = process.env.PLANSIGHT_CACHE;
  process.env.PLANSIGHT_CACHE = cacheDir;
  try {
    loadVault([root], root, { cache: true, progress: false, ...(cfg.workerScript ? { workerScript: cfg.workerScript } : {}) });
    const warm: number[] = [];
    let warmStats: unknown;
    for (let i = 0; i < cfg.repeats; i++) warm.push(time(() => (warmStats = loadVault([root], root, { cache: true, progress: false }).stats)));
    results[`${key}.warmMs`] = round(median(warm));
    results[`${key}.warmStats`] = warmStats;
    cfg.log(`  warm ${median(warm).toFixed(0)} ms ${JSON.stringify(warmStats)}`);
    if (files === 10_000 || (!cfg.vaults.includes(10_000) && files === Math.max(...cfg.vaults))) {
      gc();
      const before = process.memoryUsage().heapUsed;
      const vault = loadVault([root], root, { cache: true, progress: false });
      vault.texts.clear();
      gc();
      const after = process.memoryUsage().heapUsed;
      results[files === 10_000 ? 'heap10kMB' : `${key}.heapMB`] = round((after - before) / 1e6);
      results[`${key}.modelItems`] = vault.model.items.length;
      cfg.log(`  heap for the model ${((after - before) / 1e6).toFixed(1)} MB (texts released), ${vault.model.items.length} items`);
    }
  } finally {
    if (prev === undefined) delete process.env.PLANSIGHT_CACHE;
    else process.env.PLANSIGHT_CACHE = prev;
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** What an editor does per keystroke on a long DAILY_STATUS.md, and after a pause. */
function benchDaily(cfg: BenchConfig, results: Results): void {
  const path = 'DAILY_STATUS.md';
  const lines = dailyFile(cfg.dailyLines, 5000).split('\n');
  const cache = new BoundedSectionCache();
  parsePlan(path, lines.join('\n'), {}, { cache });
  const r = rng(42);
  const keystrokes: number[] = [];
  const full: number[] = [];
  for (let k = 0; k < cfg.keystrokes; k++) {
    const at = Math.floor(r() * lines.length);
    lines[at] = lines[at]! + (r() < 0.5 ? 'x' : ' ');
    keystrokes.push(
      time(() => {
        lineStatus(lines[at]!);
        const section = splitSections(lines).find((s, i, all) => at + 1 >= s.startLine && (i === all.length - 1 || at + 1 < all[i + 1]!.startLine))!;
        remarkBlocks(section.lines, cache);
      }),
    );
    if (k % 10 === 9) full.push(time(() => buildModel([parsePlan(path, lines.join('\n'), {}, { cache })])));
  }
  results['daily5000.lines'] = lines.length;
  results['daily5000.keystrokeP95Ms'] = round(percentile(keystrokes, 95));
  results['daily5000.keystrokeMedianMs'] = round(median(keystrokes));
  results['daily5000.fullUpdateMs'] = round(median(full));
  cfg.log(`daily ${lines.length} lines: keystroke p95 ${percentile(keystrokes, 95).toFixed(1)} ms, full update ${median(full).toFixed(0)} ms`);
}

function benchBigFile(cfg: BenchConfig, results: Results): void {
  const parts: string[] = [];
  for (let i = 0; i < cfg.splitParts; i++) parts.push(listHeavy(cfg.bigBytes / cfg.splitParts, 77 + i, 1 + i * 400));
  const big = parts.join('\n');
  const whole: number[] = [];
  const split: number[] = [];
  for (let i = 0; i < cfg.slowRepeats; i++) {
    whole.push(time(() => parsePlan('BIG.md', big)));
    split.push(time(() => parts.forEach((p, k) => parsePlan(`part-${k}.md`, p))));
    cfg.log(`  big file run ${i + 1}: whole ${whole[i]!.toFixed(0)} ms, split ${split[i]!.toFixed(0)} ms`);
  }
  const oneMB = parts[0]!;
  const single: number[] = [];
  for (let i = 0; i < cfg.slowRepeats; i++) single.push(time(() => parsePlan('ONE.md', oneMB)));
  results['bigFile5MB.bytes'] = Buffer.byteLength(big);
  results['bigFile5MB.ms'] = round(median(whole));
  results['split1MB.ms'] = round(median(split));
  results['oneFile1MB.ms'] = round(median(single));
  cfg.log(`big file ${(big.length / 1e6).toFixed(1)} MB: ${median(whole).toFixed(0)} ms whole, ${median(split).toFixed(0)} ms as ${cfg.splitParts} files, ${median(single).toFixed(0)} ms for one 1 MB file`);
}

/** The analysed generated plan the graph figures draw: the payload a host hands to `mountPlansight`. */
export function graphPayload(nodes: number): ViewModelPayload {
  const model = buildModel([parsePlan('BIG_PLAN.md', graphPlan(nodes, 2000))]);
  const analysis = analyze(model);
  const actors: Record<string, string> = {};
  for (const a of model.actors) actors[a.id] = a.name;
  return { graph: analysis.graph, rollups: analysis.rollups, actors };
}

export function benchGraph(cfg: BenchConfig, results: Results, payload = graphPayload(cfg.graphNodes)): void {
  const graph = payload.graph;
  const runs: number[] = [];
  let engine = '';
  for (let i = 0; i < cfg.repeats; i++) runs.push(time(() => (engine = layoutGraph(graph).engine)));
  results['graph2000.nodes'] = graph.nodes.length;
  results['graph2000.edges'] = graph.edges.length;
  results['graph2000.layoutMs'] = round(median(runs));
  results['graph2000.engine'] = `graph-view layoutGraph (${engine})`;
  cfg.log(`graph ${graph.nodes.length} nodes / ${graph.edges.length} edges: layout ${median(runs).toFixed(0)} ms (${engine})`);
}

/** 10k items and 30k depends-on edges, built directly as a model, through `analyze`. */
export function benchAnalysis(cfg: BenchConfig, results: Results): void {
  const r = rng(30_000);
  const n = cfg.analysisItems;
  const files: PlanFile[] = [];
  const per = 500;
  for (let f = 0; f < n / per; f++) {
    const file = emptyPlanFile(`plans/p${f}.md`);
    for (let k = 0; k < per; k++) {
      const i = f * per + k;
      const id = `S${Math.floor(i / 1000)}-${String(i % 1000).padStart(3, '0')}`;
      const deps = new Set<string>();
      if (i > 0) while (deps.size < Math.min(3, i)) {
        const j = Math.max(0, i - 1 - Math.floor(r() * 200));
        deps.add(`S${Math.floor(j / 1000)}-${String(j % 1000).padStart(3, '0')}`);
      }
      const item: WorkItem = {
        id,
        explicitId: true,
        title: `item ${i}`,
        kind: 'story',
        status: r() < 0.3 ? 'done' : 'todo',
        dependsOn: [...deps],
        blocks: [],
        checklist: [],
        section: [],
        file: file.path,
        line: k + 1,
      };
      file.items.push(item);
      for (const d of deps) file.dependencies.push({ from: id, to: d, via: 'Dependencies', file: file.path, line: k + 1 });
    }
    files.push(file);
  }
  const model = buildModel(files);
  let edges = 0;
  // The first call pays for JIT warm-up; an editor re-analyses the same shapes many times, so the figure is the
  // median of the calls after it, and the first call is reported beside it.
  const cold = time(() => (edges = analyze(model).graph.edges.length));
  // A call takes ~150 ms: three times the usual repeats cost little and keep one busy moment of the host from
  // moving the median.
  const runs: number[] = [];
  for (let i = 0; i < Math.max(3, cfg.repeats * 3); i++) runs.push(time(() => analyze(model)));
  results['analysis10k30k.items'] = model.items.length;
  results['analysis10k30k.edges'] = edges;
  results['analysis10k30k.ms'] = round(median(runs));
  results['analysis10k30k.firstCallMs'] = round(cold);
  cfg.log(`analysis ${model.items.length} items / ${edges} edges: ${median(runs).toFixed(0)} ms (first call ${cold.toFixed(0)} ms; calls ${runs.map((x) => x.toFixed(0)).join(', ')})`);
}

/** Goals from the performance issue, as ratios where the issue states them so. */
export function goals(res: Results): Record<string, { value: number | null; goal: string; met: boolean | null }> {
  const n = (k: string): number | null => (typeof res[k] === 'number' ? (res[k] as number) : null);
  const ratio = (a: string, b: string): number | null => (n(a) !== null && n(b) ? Math.round((n(a)! / n(b)!) * 100) / 100 : null);
  const g: Record<string, { value: number | null; goal: string; met: boolean | null }> = {};
  const set = (name: string, value: number | null, goal: string, ok: (v: number) => boolean) => {
    g[name] = { value, goal, met: value === null ? null : ok(value) };
  };
  set('vault10k.provisionalMs', n('vault10k.provisionalMs'), '<= 1500', (v) => v <= 1500);
  set('vault10k.provisional/lineScan', ratio('vault10k.provisionalMs', 'vault10k.lineScanMs'), '<= 1.5', (v) => v <= 1.5);
  set('vault10k.provisionalFirstMs', n('vault10k.provisionalFirstMs'), '<= 1500 (own)', (v) => v <= 1500);
  set('vault10k.fullColdMs', n('vault10k.fullColdMs'), '<= 15000', (v) => v <= 15000);
  set('vault10k.warm/readOnly', ratio('vault10k.warmMs', 'vault10k.readOnlyMs'), '<= 2', (v) => v <= 2);
  set('daily5000.keystrokeP95Ms', n('daily5000.keystrokeP95Ms'), '<= 16', (v) => v <= 16);
  set('daily5000.fullUpdateMs', n('daily5000.fullUpdateMs'), '<= 150', (v) => v <= 150);
  set('vault20k/vault10k.fullCold', ratio('vault20k.fullColdMs', 'vault10k.fullColdMs'), '<= 2.1', (v) => v <= 2.1);
  set('bigFile5MB/split1MB', ratio('bigFile5MB.ms', 'split1MB.ms'), '<= 2', (v) => v <= 2);
  set('graph2000.layoutMs', n('graph2000.layoutMs'), '<= 500', (v) => v <= 500);
  set('graph2000.firstRenderMs', n('graph2000.firstRenderMs'), '<= 500', (v) => v <= 500);
  set('heap10kMB', n('heap10kMB'), '<= 150', (v) => v <= 150);
  set('analysis10k30k.ms', n('analysis10k30k.ms'), '<= 200', (v) => v <= 200);
  return g;
}

function header(cfg: BenchConfig): Results {
  return {
    machine: { node: process.version, cpus: cpus().length, loadavgAtStart: loadavg().map(round) },
    repeats: cfg.repeats,
    slowRepeats: cfg.slowRepeats,
  };
}

/** Load averages at the end and the goals table; call again after adding figures (the browser render). */
export function finish(results: Results, startedMs: number): Results {
  results.totalSeconds = round((now() - startedMs) / 1000);
  results.loadavgAtEnd = loadavg().map(round);
  results.goals = goals(results);
  return results;
}

/** `--only analysis`: the 10k-item / 30k-edge analysis figure alone. */
export function runAnalysisOnly(cfg: BenchConfig): Results {
  const results = header(cfg);
  const started = now();
  benchAnalysis(cfg, results);
  return finish(results, started);
}

/** `--only graph`: the graph layout figure alone (the browser first render is added by the caller). */
export function runGraphOnly(cfg: BenchConfig, payload = graphPayload(cfg.graphNodes)): Results {
  const results = header(cfg);
  const started = now();
  benchGraph(cfg, results, payload);
  return finish(results, started);
}

export function runBench(cfg: BenchConfig): Results {
  const results = header(cfg);
  const tmp = mkdtempSync(join(tmpdir(), 'plansight-bench-'));
  const started = now();
  try {
    for (const files of cfg.vaults) benchVault(files, cfg, tmp, results);
    benchDaily(cfg, results);
    benchBigFile(cfg, results);
    benchGraph(cfg, results);
    try {
      benchAnalysis(cfg, results);
    } catch (e) {
      results['analysis10k30k.error'] = (e as Error).message;
      cfg.log(`analysis failed: ${(e as Error).message}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return finish(results, started);
}

export function table(res: Results): string {
  const rows: string[] = ['| figure | value |', '|---|---|'];
  for (const [k, v] of Object.entries(res)) if (typeof v === 'number') rows.push(`| ${k} | ${v} |`);
  rows.push('', '| goal | value | target | met |', '|---|---|---|---|');
  for (const [k, g] of Object.entries(goals(res))) rows.push(`| ${k} | ${g.value ?? '—'} | ${g.goal} | ${g.met === null ? '—' : g.met ? 'yes' : 'NO'} |`);
  return rows.join('\n');
}
