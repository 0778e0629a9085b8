import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, buildModel, editsFor, type EditAction } from '@plansight/core';
import { ATTRIBUTE, driverCommand, installMergeDriver, launcherPath } from '../src/commands/mergeDriver.js';

/**
 * The merge driver under real git. git runs the driver as a separate process, so the CLI is bundled once into a
 * temporary file first (the same esbuild settings as the real build) and the installer is pointed at it.
 */
const ROOT = resolve(__dirname, '../../..');
let work = '';
let bundle = '';
const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Plansight Test',
  GIT_AUTHOR_EMAIL: 'test@plansight.invalid',
  GIT_COMMITTER_NAME: 'Plansight Test',
  GIT_COMMITTER_EMAIL: 'test@plansight.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function tryGit(cwd: string, ...args: string[]): number {
  return spawnSync('git', args, { cwd, env: ENV, encoding: 'utf8' }).status ?? -1;
}

const EMPTY = buildModel([]);
const act = (text: string, a: EditAction) => applyEdits(text, editsFor('DAILY_STATUS.md', text, EMPTY, a));

const DAILY = `# Daily Status - 2025-10-12

## Worker 1:
- ✅ Completed: Time-delay embedding
- 🔄 In Progress: k-NN implementation

## Worker 2:
- ✅ Completed: GGUF parser
- 🔄 In Progress: Digamma kernel (Issue #145)

## Worker 3:
- 🔄 In Progress: Molecular graph parser
- ⏳ Waiting: GNN from Worker 1

## Worker 4:
- 🔄 In Progress: Problem interface
- 🎯 Next: Algorithm selector
`;

let repoCount = 0;
function newRepo(text: string): string {
  const repo = join(work, `repo-${repoCount++}`);
  mkdirSync(join(repo, 'notes'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  installMergeDriver(join(repo, 'notes'), driverCommand(process.execPath, bundle));
  writeFileSync(join(repo, 'DAILY_STATUS.md'), text);
  git(repo, 'add', '.gitattributes', 'DAILY_STATUS.md');
  git(repo, 'commit', '-q', '-m', 'base');
  return repo;
}

function branch(repo: string, name: string, from: string, text: string): void {
  git(repo, 'checkout', '-q', '-b', name, from);
  writeFileSync(join(repo, 'DAILY_STATUS.md'), text);
  git(repo, 'commit', '-q', '--allow-empty', '-am', name);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'plansight-merge-'));
  bundle = join(work, 'plansight-cli.cjs');
  await build({
    entryPoints: [join(ROOT, 'packages/cli/src/main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    alias: { '@plansight/core': join(ROOT, 'packages/core/src/index.ts') },
    logLevel: 'silent',
  });
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('install-merge-driver', () => {
  it('writes an absolute driver command and one .gitattributes line; running again changes nothing', () => {
    const repo = newRepo(DAILY);
    const cmd = git(repo, 'config', 'merge.plansight-daily.driver').trim();
    expect(cmd).toBe(driverCommand(process.execPath, bundle));
    const attrs = readFileSync(join(repo, '.gitattributes'), 'utf8');
    expect(attrs).toBe(ATTRIBUTE + '\n');
    const again = installMergeDriver(repo, driverCommand(process.execPath, bundle));
    expect(again.attributesChanged).toBe(false);
    expect(readFileSync(join(repo, '.gitattributes'), 'utf8')).toBe(attrs);
    expect(git(repo, 'check-attr', 'merge', 'DAILY_STATUS.md').trim()).toBe('DAILY_STATUS.md: merge: plansight-daily');
  });

  it('points by default at this checkout’s launcher and this node, both absolute', () => {
    const [node, launcher, sub] = driverCommand().split(' ');
    expect(isAbsolute(node!.replace(/'/g, ''))).toBe(true);
    expect(launcher!.replace(/'/g, '')).toBe(launcherPath());
    expect(existsSync(launcherPath())).toBe(true);
    expect(launcherPath()).toBe(join(ROOT, 'packages/cli/bin/plansight.cjs'));
    expect(sub).toBe('merge-driver');
  });

  it('refuses outside a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plansight-nogit-'));
    try {
      expect(() => installMergeDriver(dir, 'x')).toThrow(/not inside a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('merge-driver under real git', () => {
  it('merges 4 workers who each start the day and update their own lines, without a conflict', () => {
    const repo = newRepo(DAILY);
    const mine: string[] = [];
    for (let w = 1; w <= 4; w++) {
      let text = act(DAILY, { type: 'new-day', date: '2025-10-13' });
      const ownLine = text.split('\n').findIndex((l, i, all) => l.startsWith('- 🔄') && all.slice(0, i).reverse().find((h) => h.startsWith('## '))=== `## Worker ${w}:`);
      text = act(text, { type: 'move-status-line', line: ownLine + 1, to: 'done' });
      text = act(text, { type: 'add-status-line', actor: `Worker ${w}`, status: 'next', text: `Follow-up ${w}` });
      mine.push(`- 🎯 Next: Follow-up ${w}`);
      branch(repo, `worker-${w}`, 'main', text);
    }
    git(repo, 'checkout', '-q', 'main');
    for (let w = 1; w <= 4; w++) expect(tryGit(join(repo, 'notes'), 'merge', '--no-edit', '-q', `worker-${w}`), `worker-${w}`).toBe(0);
    const merged = readFileSync(join(repo, 'DAILY_STATUS.md'), 'utf8');
    expect(merged).not.toMatch(/^(<<<<<<<|>>>>>>>)/m);
    expect(merged.match(/# Daily Status - 2025-10-13/g)).toHaveLength(1);
    const today = merged.split('# Daily Status - 2025-10-12')[0]!;
    for (const l of mine) expect(today).toContain(l);
    for (const done of ['k-NN implementation', 'Digamma kernel (Issue #145)', 'Molecular graph parser', 'Problem interface']) {
      expect(today).toContain(`- ✅ Completed: ${done}`);
      expect(today).not.toContain(`- 🔄 In Progress: ${done}`);
    }
    expect(merged.endsWith(DAILY)).toBe(true);
  });

  it('leaves standard conflict markers holding both versions when the same line changed differently', () => {
    const repo = newRepo(DAILY);
    branch(repo, 'a', 'main', DAILY.replace('🔄 In Progress: k-NN implementation', '✅ Completed: k-NN implementation'));
    branch(repo, 'b', 'main', DAILY.replace('🔄 In Progress: k-NN implementation', '❌ Blocked: k-NN implementation'));
    expect(tryGit(repo, 'merge', '--no-edit', '-q', 'a')).not.toBe(0);
    const text = readFileSync(join(repo, 'DAILY_STATUS.md'), 'utf8');
    expect(text).toContain('<<<<<<< ours\n- ❌ Blocked: k-NN implementation\n=======\n- ✅ Completed: k-NN implementation\n>>>>>>> theirs\n');
    expect(git(repo, 'diff', '--name-only', '--diff-filter=U').trim()).toBe('DAILY_STATUS.md');
  });

  it('loses no line in 30 random trials of two branches', () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const repo = newRepo(DAILY);
    for (let t = 0; t < 30; t++) {
      const side = (name: string) => {
        let text = DAILY;
        for (let k = rnd(4); k >= 0; k--) {
          const w = 1 + rnd(4);
          const r = rnd(4);
          try {
            if (r === 0) text = act(text, { type: 'new-day', date: '2025-10-13' });
            else if (r === 1) text = act(text, { type: 'add-blocker', actor: `Worker ${w}`, text: `${name} ${t} ${k}` });
            else if (r === 2) text = act(text, { type: 'add-status-line', actor: `Worker ${w}`, status: 'next', text: `${name} ${t} ${k}` });
            else {
              const lines = text.split('\n');
              const i = lines.findIndex((l) => l.startsWith('- 🔄'));
              if (i >= 0) text = act(text, { type: 'move-status-line', line: i + 1, to: 'done' });
            }
          } catch {
            /* action does not fit: skip */
          }
        }
        return text;
      };
      const ours = side('A');
      const theirs = side('B');
      git(repo, 'checkout', '-q', 'main');
      branch(repo, `t${t}-a`, 'main', ours);
      branch(repo, `t${t}-b`, 'main', theirs);
      const code = tryGit(repo, 'merge', '--no-edit', '-q', `t${t}-a`);
      const merged = readFileSync(join(repo, 'DAILY_STATUS.md'), 'utf8');
      const keyed = (text: string) => {
        const out = new Set<string>();
        let ctx = '';
        for (const l of text.split('\n')) {
          if (l.startsWith('#')) ctx = l.startsWith('# ') ? l : ctx.split('|')[0] + '|' + l;
          else if (l.trim() && !/^(<<<<<<<|=======|>>>>>>>)/.test(l)) out.add(`${ctx}|${l}`);
        }
        return out;
      };
      const o = new Set([...keyed(DAILY), ...keyed(act(DAILY, { type: 'new-day', date: '2025-10-13' }))]);
      const [a, b, m] = [keyed(theirs), keyed(ours), keyed(merged)];
      for (const l of a) if (!o.has(l) || b.has(l)) expect(m.has(l), `trial ${t}: ${l}`).toBe(true);
      for (const l of b) if (!o.has(l) || a.has(l)) expect(m.has(l), `trial ${t}: ${l}`).toBe(true);
      expect(code === 0, `trial ${t}`).toBe(!/^<<<<<<< /m.test(merged));
      if (code !== 0) git(repo, 'merge', '--abort');
    }
  });
});
