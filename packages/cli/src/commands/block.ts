import type { Command } from 'commander';
import { findDailyFile, runFileAction } from './newDay.js';

export function registerBlock(program: Command): void {
  program
    .command('block')
    .description('add a blocker for a worker in the newest DAILY_STATUS.md entry (❌ Blocked: … (Issue #145))')
    .argument('<actor>', 'the worker: "Worker 1", worker-1, Agent-2 …')
    .argument('<text>', 'what blocks them')
    .option('--ref <id>', 'the issue or story it waits on, e.g. "Issue #145"')
    .option('--file <path>', 'DAILY_STATUS.md (default: the one in this folder)')
    .option('--dry-run', 'show the diff, write nothing')
    .option('--json', 'print the edits as JSON')
    .action((actor: string, text: string, opts: { ref?: string; file?: string; dryRun?: boolean; json?: boolean }) => {
      const abs = findDailyFile(opts.file);
      const action = { type: 'add-blocker' as const, actor, text, ...(opts.ref ? { ref: opts.ref } : {}) };
      process.exitCode = runFileAction(abs, opts.file ?? 'DAILY_STATUS.md', action, opts);
    });
}
