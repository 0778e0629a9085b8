import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildModel, editsFor, emptyPlanFile, type EditAction } from '@plansight/core';
import { collectFiles, UsageError } from '../io.js';
import { readSnapshot } from '../atomicWrite.js';
import { unifiedDiff, writeEdits } from './repair.js';

/** `DAILY_STATUS.md` named by the user, in the folder given, or the only one under the working directory. */
export function findDailyFile(given: string | undefined, cwd = process.cwd()): string {
  if (given) {
    const abs = resolve(cwd, given);
    if (statSync(abs, { throwIfNoEntry: false })?.isDirectory()) return findDailyFile(undefined, abs);
    if (!existsSync(abs)) throw new UsageError(`no such file: ${given}`);
    return abs;
  }
  const here = resolve(cwd, 'DAILY_STATUS.md');
  if (existsSync(here)) return here;
  const found = collectFiles([cwd], cwd).filter((f) => /(^|\/)DAILY_STATUS\.md$/i.test(f.rel));
  if (found.length === 1) return found[0]!.abs;
  if (!found.length) throw new UsageError('no DAILY_STATUS.md here; name the file');
  throw new UsageError(`several DAILY_STATUS.md files; name one:\n${found.map((f) => `  ${f.rel}`).join('\n')}`);
}

/** Today in the local time zone, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export interface WriteOptions {
  json?: boolean;
  dryRun?: boolean;
}

/** Compute an action's edits on one file, show them, and write them atomically unless it is a dry run. */
export function runFileAction(abs: string, name: string, action: EditAction, opts: WriteOptions): number {
  const snap = readSnapshot(abs, name);
  const edits = editsFor(name, snap.text, buildModel([emptyPlanFile(name)]), action);
  if (!opts.dryRun && edits.length) writeEdits(snap, edits);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ file: name, action, written: !opts.dryRun && edits.length > 0, edits }, null, 2) + '\n');
  } else if (!edits.length) {
    process.stdout.write(`${name}: nothing to change\n`);
  } else {
    process.stdout.write(unifiedDiff(name, snap.text, edits));
    if (opts.dryRun) process.stdout.write('(dry run: nothing written)\n');
  }
  return 0;
}

export function registerNewDay(program: Command): void {
  program
    .command('new-day')
    .description('start a new dated entry on top of DAILY_STATUS.md, carrying over what is not done')
    .argument('[path]', 'DAILY_STATUS.md (default: the one in this folder)')
    .option('--date <YYYY-MM-DD>', 'the new day (default: today, local time)')
    .option('--dry-run', 'show the diff, write nothing')
    .option('--json', 'print the edits as JSON')
    .action((path: string | undefined, opts: { date?: string; dryRun?: boolean; json?: boolean }) => {
      const date = opts.date ?? localToday();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date wants YYYY-MM-DD, got ${date}`);
      const abs = findDailyFile(path);
      process.exitCode = runFileAction(abs, path ?? 'DAILY_STATUS.md', { type: 'new-day', date }, opts);
    });
}
