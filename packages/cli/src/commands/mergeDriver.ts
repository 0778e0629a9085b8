import type { Command } from 'commander';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { mergeDaily } from '@plansight/core';
import { UsageError } from '../io.js';

export const DRIVER = 'plansight-daily';
export const ATTRIBUTE = `DAILY_STATUS.md merge=${DRIVER}`;

/** The CLI's own launcher, found from the bundle (`dist/`) or from the sources (`src/commands/`). */
export function launcherPath(): string {
  for (const up of ['..', '../..', '../../..']) {
    const p = resolve(__dirname, up, 'bin', 'plansight.cjs');
    if (existsSync(p)) return p;
  }
  throw new Error(`cannot find bin/plansight.cjs near ${__dirname}`);
}

function shellQuote(s: string): string {
  return /^[\w./:@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The driver command git runs: absolute node and launcher, so it works from any working directory. */
export function driverCommand(node = process.execPath, launcher = launcherPath()): string {
  return `${shellQuote(node)} ${shellQuote(launcher)} merge-driver %O %A %B`;
}

/** Merge %O (base), %A (ours, also the output) and %B (theirs). Exit 0 clean, 1 with conflict markers. */
export function runMergeDriver(base: string, ours: string, theirs: string): number {
  const result = mergeDaily(readFileSync(base, 'utf8'), readFileSync(ours, 'utf8'), readFileSync(theirs, 'utf8'));
  const tmp = join(dirname(ours), `.${basename(ours)}.plansight-merge-${process.pid}.tmp`);
  writeFileSync(tmp, result.text, 'utf8');
  renameSync(tmp, ours);
  if (result.conflicts) process.stderr.write(`plansight merge-driver: ${result.conflicts} conflict${result.conflicts === 1 ? '' : 's'} left as conflict markers\n`);
  return result.conflicts ? 1 : 0;
}

/** Write the driver into this repository's git config and `.gitattributes`. Running it again changes nothing. */
export function installMergeDriver(cwd = process.cwd(), command = driverCommand()): { root: string; attributesChanged: boolean } {
  let root: string;
  try {
    root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new UsageError('not inside a git repository');
  }
  execFileSync('git', ['config', `merge.${DRIVER}.name`, 'Plansight DAILY_STATUS.md merge (per entry, per worker)'], { cwd: root });
  execFileSync('git', ['config', `merge.${DRIVER}.driver`, command], { cwd: root });
  const attrs = join(root, '.gitattributes');
  const text = existsSync(attrs) ? readFileSync(attrs, 'utf8') : '';
  if (text.split(/\r?\n/).some((l) => l.trim().split(/\s+/).join(' ') === ATTRIBUTE)) return { root, attributesChanged: false };
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  writeFileSync(attrs, text + (text && !/\n$/.test(text) ? eol : '') + ATTRIBUTE + eol, 'utf8');
  return { root, attributesChanged: true };
}

export function registerMergeDriver(program: Command): void {
  program
    .command('merge-driver')
    .description('git merge driver for DAILY_STATUS.md: merges per dated entry and per worker (used by git)')
    .argument('<base>', '%O')
    .argument('<ours>', '%A (the result is written here)')
    .argument('<theirs>', '%B')
    .action((base: string, ours: string, theirs: string) => {
      process.exitCode = runMergeDriver(base, ours, theirs);
    });
  program
    .command('install-merge-driver')
    .description('configure this git repository to merge DAILY_STATUS.md with plansight merge-driver')
    .action(() => {
      const r = installMergeDriver();
      process.stdout.write(`merge.${DRIVER}.driver = ${driverCommand()}\n${r.attributesChanged ? 'added' : 'already in'} .gitattributes: ${ATTRIBUTE}\n`);
    });
}
