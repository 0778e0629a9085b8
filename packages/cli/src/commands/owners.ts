import { execFileSync } from 'node:child_process';
import type { Command } from 'commander';
import { checkChanges, makeResolver, normalizePath, ownersOf, type OwnerOfPath, type PlanModel } from '@plansight/core';
import { loadVault, UsageError } from '../io.js';

interface OwnersOptions {
  plans: string[];
  diff?: string;
  as?: string;
  json?: boolean;
}

const MODE_ORDER = ['exclusive', 'shared', 'creates', 'enhances', 'read-only'];

/** Owners of one path grouped per actor, strongest mode first. */
export function ownersByActor(model: PlanModel, path: string): { actor: string; name: string; modes: string[]; rules: OwnerOfPath[] }[] {
  const names = new Map(model.actors.map((a) => [a.id, a.name] as const));
  const groups = new Map<string, OwnerOfPath[]>();
  for (const o of ownersOf(model, path)) groups.set(o.actor, [...(groups.get(o.actor) ?? []), o]);
  return [...groups.entries()]
    .map(([actor, rules]) => ({
      actor,
      name: names.get(actor) ?? actor,
      modes: [...new Set(rules.map((r) => r.mode))].sort((a, b) => MODE_ORDER.indexOf(a) - MODE_ORDER.indexOf(b)),
      rules,
    }))
    .sort((a, b) => MODE_ORDER.indexOf(a.modes[0]!) - MODE_ORDER.indexOf(b.modes[0]!));
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new UsageError(`git ${args.join(' ')} failed: ${(err.stderr || err.message).trim()}`);
  }
}

/** Paths changed since `rev` in the working tree, plus untracked files, relative to the repository root. */
export function changedPaths(rev: string, cwd = process.cwd()): string[] {
  const top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  const lines = [...git(['diff', '--name-only', rev, '--'], top).split('\n'), ...git(['ls-files', '--others', '--exclude-standard'], top).split('\n')];
  return [...new Set(lines.map((l) => l.trim()).filter(Boolean))].sort();
}

export function registerOwners(program: Command): void {
  program
    .command('owners')
    .description('who owns each path; with --diff, fail when the working tree changes another actor\'s exclusive files')
    .argument('[paths...]', 'repository paths to look up')
    .option('-p, --plans <path>', 'plan file or folder (repeatable; default: the working directory)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--diff <rev>', 'check the files changed since this git revision (plus untracked files)')
    .option('--as <actor>', 'the actor making the changes (id, name or alias), with --diff')
    .option('--json', 'print JSON')
    .action((paths: string[], opts: OwnersOptions) => {
      const { model } = loadVault(opts.plans.length ? opts.plans : ['.']);
      if (opts.diff !== undefined || opts.as !== undefined) {
        if (opts.diff === undefined || opts.as === undefined) throw new UsageError('--diff and --as go together: plansight owners --diff <rev> --as <actor>');
        const actor = makeResolver(model).actorId(opts.as);
        if (!actor) throw new UsageError(`unknown actor "${opts.as}" (known: ${model.actors.map((a) => a.name).join(', ') || 'none'})`);
        const changed = [...changedPaths(opts.diff), ...paths.map(normalizePath)];
        const violations = checkChanges(model, changed, actor);
        if (opts.json) process.stdout.write(JSON.stringify({ actor, changed, violations }, null, 2) + '\n');
        else {
          for (const v of violations) {
            process.stdout.write(`${v.path}: changed by ${v.actor}, but ${v.owner} owns it exclusively (${v.pattern}, ${v.file}:${v.line})\n`);
          }
          process.stderr.write(`${changed.length} changed files, ${violations.length} ownership violations for ${actor}\n`);
        }
        if (violations.length) process.exitCode = 1;
        return;
      }
      if (!paths.length) throw new UsageError('give one or more paths, or --diff <rev> --as <actor>');
      const result = paths.map((p) => ({ path: normalizePath(p), owners: ownersByActor(model, p) }));
      if (opts.json) {
        process.stdout.write(JSON.stringify(result.map((r) => ({ path: r.path, owners: r.owners.flatMap((o) => o.rules) })), null, 2) + '\n');
        return;
      }
      for (const r of result) {
        if (!r.owners.length) {
          process.stdout.write(`${r.path}: no owner\n`);
          continue;
        }
        process.stdout.write(`${r.path}:\n`);
        for (const o of r.owners) {
          const strongest = o.rules.filter((x) => x.mode === o.modes[0]);
          const first = strongest.find((x) => normalizePath(x.pattern) === r.path) ?? strongest[0]!;
          process.stdout.write(`  ${o.name}: ${o.modes.join(', ')} (${first.pattern}, ${first.file}:${first.line})\n`);
        }
      }
    });
}
