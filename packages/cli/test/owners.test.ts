import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeShared, SHARED } from '../../core/test/shared.js';
import { cli, tempVault } from './cliHarness.js';

const PLAN = `# Master Plan

### WORKER 1 - EXCLUSIVE FILES:

\`\`\`
src/ai/
├── model.rs (OWNS)
\`\`\`

**READ-ONLY**: \`src/gpu/kernel_executor.rs\`

### WORKER 2 - EXCLUSIVE FILES:

\`\`\`
src/gpu/
├── kernel_executor.rs (OWNS)
\`\`\`
`;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function repo(): string {
  const dir = tempVault({ 'plans/master.md': PLAN, 'src/gpu/kernel_executor.rs': '// kernels\n', 'src/ai/model.rs': '// model\n' });
  git(dir, 'init', '-q');
  git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
  git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'init');
  return dir;
}

describe('plansight owners', () => {
  it('should list who owns a path, exclusive first', async () => {
    const dir = tempVault({ 'plans/master.md': PLAN });
    const r = await cli(['owners', '-p', 'plans', 'src/gpu/kernel_executor.rs', 'README.md'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^src\/gpu\/kernel_executor\.rs:\n {2}Worker 2: exclusive .*\n {2}Worker 1: read-only /m);
    expect(r.stdout).toContain('README.md: no owner');
  });

  it('should pass when an actor changes only its own files', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'src/ai/model.rs'), '// changed\n');
    mkdirSync(join(dir, 'src/ai/new'), { recursive: true });
    writeFileSync(join(dir, 'src/ai/new/extra.rs'), '// untracked\n');
    const r = await cli(['owners', '-p', 'plans', '--diff', 'HEAD', '--as', 'Worker 1'], dir);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('2 changed files, 0 ownership violations');
    expect(r.code).toBe(0);
  });

  it('should fail when the working tree changes another actor\'s exclusive file, tracked or untracked', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'src/gpu/kernel_executor.rs'), '// worker 1 was here\n');
    writeFileSync(join(dir, 'src/gpu/new_kernel.cu'), '// untracked\n');
    const r = await cli(['owners', '-p', 'plans', '--diff', 'HEAD', '--as', 'worker-1', '--json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { violations: { path: string; owner: string }[] };
    expect(out.violations.map((v) => [v.path, v.owner])).toEqual([
      ['src/gpu/kernel_executor.rs', 'worker-2'],
      ['src/gpu/new_kernel.cu', 'worker-2'],
    ]);
  });

  it('should exit 2 on bad usage: --diff without --as, an unknown actor, a bad revision', async () => {
    const dir = repo();
    expect((await cli(['owners', '-p', 'plans', '--diff', 'HEAD'], dir)).code).toBe(2);
    expect((await cli(['owners', '-p', 'plans', '--diff', 'HEAD', '--as', 'Nobody'], dir)).code).toBe(2);
    expect((await cli(['owners', '-p', 'plans', '--diff', 'no-such-rev', '--as', 'Worker 1'], dir)).code).toBe(2);
  });
});

describeShared('plansight owners on the master plan seed', () => {
  it('kernel_executor.rs: Worker 2 exclusive, Worker 1 read-only', async () => {
    const r = await cli(['owners', '-p', 'seeds/master-plan-4-workers.md', 'src/gpu/kernel_executor.rs'], SHARED);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Worker 2: exclusive/);
    expect(r.stdout).toMatch(/Worker 1: read-only/);
    expect(r.stdout.indexOf('Worker 2')).toBeLessThan(r.stdout.indexOf('Worker 1'));
  });
});
