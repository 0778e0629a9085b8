import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL, finish, graphPayload, provisionalLoadMs, runBench, runAnalysisOnly, runGraphOnly, table, type BenchConfig } from './harness.js';
import { benchFirstRender } from './render.js';

/**
 * `npm run bench`: generated vaults and documents, each figure a median over repeated runs next to the line-scan
 * baseline of the same run; prints a table and writes `packages/bench/results.json`.
 * Options: `--vaults 1000,10000` `--repeats N` `--slow-repeats N` `--render-runs N` `--out file`
 * `--only graph` (the graph layout and the browser first render alone) or `--only analysis` (10k items / 30k edges
 * through `analyze`); with `--only`, writes only with `--out`, never results.json.
 * `--first-load <vault>` (what the bench runs in a child process): one provisional load, its ms printed as JSON.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const started = performance.now();
  const workerScript = join(__dirname, '..', '..', 'cli', 'dist', 'indexWorker.cjs');
  const firstLoad = arg('--first-load');
  if (firstLoad !== undefined) {
    process.stdout.write(JSON.stringify({ ms: provisionalLoadMs(firstLoad, workerScript) }) + '\n');
    return;
  }
  const cfg: BenchConfig = {
    ...FULL,
    workerScript,
    firstLoad: (root) => (JSON.parse(execFileSync(process.execPath, [__filename, '--first-load', root], { encoding: 'utf8' })) as { ms: number }).ms,
    log: (line) => process.stderr.write(line + '\n'),
  };
  const vaults = arg('--vaults');
  if (vaults) cfg.vaults = vaults.split(',').map(Number);
  const repeats = arg('--repeats');
  if (repeats) cfg.repeats = Number(repeats);
  const slow = arg('--slow-repeats');
  if (slow) cfg.slowRepeats = Number(slow);
  const only = arg('--only');
  if (only !== undefined && only !== 'graph' && only !== 'analysis') throw new Error(`--only: unknown figure group "${only}" (known: graph, analysis)`);
  const out = arg('--out') ?? (only ? undefined : join(__dirname, '..', 'results.json'));

  const payload = graphPayload(cfg.graphNodes);
  const results = only === 'analysis' ? runAnalysisOnly(cfg) : only ? runGraphOnly(cfg, payload) : runBench(cfg);
  if (only !== 'analysis') await benchFirstRender(
    payload,
    { runs: Number(arg('--render-runs') ?? 5), bundle: { path: join(__dirname, '..', '..', 'graph-view', 'dist', 'graph-view.js') }, log: cfg.log },
    results,
  );
  finish(results, started);

  if (out) writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(table(results) + '\n');
  process.stderr.write(out ? `wrote ${out}\n` : 'not written (--only without --out)\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
