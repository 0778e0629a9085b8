import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_VOCABULARY,
  STATUSES,
  findActor,
  latestEntry,
  parseDaily,
  repairLine,
  splitLines,
  statusOfLine,
  statusOfText,
  type EditAction,
  type Status,
} from '@plansight/core';
import { loadVault, UsageError } from '../io.js';
import { runFileAction } from './newDay.js';

export interface Candidate {
  file: string;
  abs: string;
  line: number;
  column?: number;
  text: string;
}

/** `done`, `in-progress`, `in progress`, `wip`, `complete`, or a checkbox marker `[/]`. */
export function parseStatusArg(s: string): { status: Status } | { marker: string } {
  const box = /^\[(.{1,2})\]$/u.exec(s);
  if (box) return { marker: box[1]! };
  const t = s.trim().toLowerCase();
  if ((STATUSES as readonly string[]).includes(t) && t !== 'unknown') return { status: t as Status };
  const st = DEFAULT_VOCABULARY.words[t] ?? DEFAULT_VOCABULARY.words[t.replace(/-/g, ' ')] ?? statusOfText(s);
  if (st) return { status: st };
  throw new UsageError(`unknown status: ${s} (use one of ${STATUSES.filter((x) => x !== 'unknown').join(', ')}, or a marker like [x])`);
}

/** The action for a line: a worker's daily-status line moves between sections; any other line changes in place. */
export function actionFor(text: string, line: number, want: { status: Status } | { marker: string }, column?: number): EditAction {
  if ('marker' in want) return { type: 'set-marker', line, marker: want.marker };
  const doc = parseDaily(splitLines(text).lines.map((l) => repairLine(l).text));
  const inActor = doc.entries.some((e) => e.date && e.actors.some((a) => a.lines.some((l) => l.index === line - 1)));
  if (inActor) return { type: 'move-status-line', line, to: want.status };
  return { type: 'set-status', line, status: want.status, ...(column !== undefined ? { column } : {}) };
}

/** Everything the target could mean: an item id, else status lines whose text contains it (newest daily entry only). */
export function findCandidates(target: string, scope: string[], actor?: string): Candidate[] {
  const vault = loadVault(scope);
  const out = new Map<string, Candidate>();
  const lower = target.toLowerCase();
  if (!actor) {
    for (const it of vault.model.items) {
      if (it.id.toLowerCase() !== lower) continue;
      const line = it.statusSource?.line ?? it.line;
      const text = splitLines(vault.texts.get(it.file) ?? '').lines[line - 1] ?? it.title;
      const column = it.statusSource?.kind === 'table-cell' ? it.statusSource.column : undefined;
      out.set(`${it.file}:${line}`, { file: it.file, abs: vault.abs.get(it.file)!, line, text, ...(column !== undefined ? { column } : {}) });
    }
    if (out.size) return [...out.values()];
  }
  for (const [file, text] of vault.texts) {
    const lines = splitLines(text).lines.map((l) => repairLine(l).text);
    const doc = parseDaily(lines);
    const entry = doc.entries.some((e) => e.date) ? latestEntry(doc) : undefined;
    let range: [number, number] = [0, lines.length];
    if (entry) range = [entry.header, entry.end];
    if (actor) {
      const a = entry && findActor(entry, [actor]);
      if (!a) continue;
      range = [a.header, a.end];
    }
    for (let i = range[0]; i < range[1]; i++) {
      const l = lines[i]!;
      if (!l.toLowerCase().includes(lower) || statusOfLine(l) === null) continue;
      out.set(`${file}:${i + 1}`, { file, abs: vault.abs.get(file)!, line: i + 1, text: l.trim() });
    }
  }
  return [...out.values()];
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('set the status of an item or a daily-status line, in the file’s own style')
    .argument('<target-or-status>', 'item id (T1-001, #145) or text of the line; or only the status with --file and --line')
    .argument('[status]', 'done, in-progress, blocked, waiting, next, todo, cancelled, or a marker like [/]')
    .option('--file <path>', 'the file (or folder) to look in')
    .option('--line <n>', 'the 1-based line: with --file, names the target directly')
    .option('--actor <name>', 'only lines in this worker’s section of the newest daily entry')
    .option('--dry-run', 'show the diff, write nothing')
    .option('--json', 'print the edits as JSON')
    .action((first: string, second: string | undefined, opts: { file?: string; line?: string; actor?: string; dryRun?: boolean; json?: boolean }) => {
      const want = parseStatusArg(second ?? first);
      const target = second === undefined ? undefined : first;
      if (opts.line !== undefined) {
        const line = Number(opts.line);
        if (!opts.file) throw new UsageError('--line needs --file');
        if (!Number.isInteger(line) || line < 1) throw new UsageError(`--line wants a line number, got ${opts.line}`);
        const abs = resolve(opts.file);
        if (!existsSync(abs)) throw new UsageError(`no such file: ${opts.file}`);
        process.exitCode = applyTo({ file: opts.file, abs, line, text: '' }, want, opts);
        return;
      }
      if (target === undefined) throw new UsageError('name the item (id or text), or the line with --file F --line N');
      const found = findCandidates(target, opts.file ? [opts.file] : [], opts.actor);
      if (!found.length) throw new UsageError(`nothing matches ${JSON.stringify(target)}${opts.actor ? ` for ${opts.actor}` : ''}`);
      if (found.length > 1) {
        const list = found.map((c) => `  ${c.file}:${c.line}: ${c.text}`).join('\n');
        if (opts.json) process.stdout.write(JSON.stringify({ ambiguous: true, candidates: found.map(({ abs: _a, ...c }) => c) }, null, 2) + '\n');
        throw new UsageError(`${JSON.stringify(target)} matches ${found.length} lines; name one with --file F --line N (nothing was written):\n${list}`);
      }
      process.exitCode = applyTo(found[0]!, want, opts);
    });
}

function applyTo(c: Candidate, want: { status: Status } | { marker: string }, opts: { dryRun?: boolean; json?: boolean }): number {
  const text = readFileSync(c.abs, 'utf8');
  return runFileAction(c.abs, c.file, actionFor(text, c.line, want, c.column), opts);
}
