import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL, runBench, table, type BenchConfig } from './harness.js';

/**
 * `npm run bench`: generated vaults and documents, each figure a median over repeated runs next to the line-scan
 * baseline of the same run; prints a table and writes `packages/bench/results.json`.
 * Options: `--vaults 1000,10000` `--repeats N` `--slow-repeats N` `--out file`.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cfg: BenchConfig = {
  ...FULL,
  workerScript: join(__dirname, '..', '..', 'cli', 'dist', 'indexWorker.cjs'),
  log: (line) => process.stderr.write(line + '\n'),
};
const vaults = arg('--vaults');
if (vaults) cfg.vaults = vaults.split(',').map(Number);
const repeats = arg('--repeats');
if (repeats) cfg.repeats = Number(repeats);
const slow = arg('--slow-repeats');
if (slow) cfg.slowRepeats = Number(slow);
const out = arg('--out') ?? join(__dirname, '..', 'results.json');

const results = runBench(cfg);
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
process.stdout.write(table(results) + '\n');
process.stderr.write(`wrote ${out}\n`);
