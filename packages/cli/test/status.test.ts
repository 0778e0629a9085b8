import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './cliHarness.js';
import { atomicWrite, FileChangedError, readSnapshot } from '../src/atomicWrite.js';


const DAILY = `# Daily Status - 2025-10-12\r
\r
## Worker 1:\r
- ✅ Completed: Time-delay embedding\r
- 🔄 In Progress: k-NN implementation\r
\r
## Worker 2:\r
- 🔄 In Progress: Digamma kernel (Issue #145)\r
- 🎯 Next: KV-cache\r
`;
const TRACKER = `| Agent | Tool | Status | Progress |
|-------|------|--------|----------|
| 1 | realtime-core | Not Started | 0% |
| 2 | vector-navigator | Not Started | 0% |
`;
const PLAN = `# Plan
- [ ] k-NN implementation review
- [ ] Digamma kernel benchmarks
`;

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plansight-status-'));
  writeFileSync(join(dir, 'DAILY_STATUS.md'), DAILY);
  writeFileSync(join(dir, 'tracker.md'), TRACKER);
  writeFileSync(join(dir, 'plan.md'), PLAN);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = undefined;
});
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

describe('plansight status', () => {
  it('moves a worker line to Completed in the file’s own style, keeping CRLF', async () => {
    const r = await cli(['status', 'k-NN implementation', 'done', '--actor', 'Worker 1', '--file', dir]);
    expect(r.code).toBe(0);
    expect(read('DAILY_STATUS.md')).toBe(DAILY.replace('🔄 In Progress: k-NN implementation', '✅ Completed: k-NN implementation'));
    expect(r.stdout).toContain('+- ✅ Completed: k-NN implementation');
  });

  it('names the target directly with --file and --line: a tracker row goes Not Started → In Progress, 0% → 50%', async () => {
    const r = await cli(['status', 'in-progress', '--file', join(dir, 'tracker.md'), '--line', '4']);
    expect(r.code).toBe(0);
    expect(read('tracker.md')).toBe(TRACKER.replace('| 2 | vector-navigator | Not Started | 0% |', '| 2 | vector-navigator | In Progress | 50% |'));
  });

  it('lists the candidates of an ambiguous target, writes nothing and exits 2', async () => {
    const r = await cli(['status', 'k-NN implementation', 'done', '--file', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DAILY_STATUS.md:5:');
    expect(r.stderr).toContain('plan.md:2:');
    expect(r.stderr).toContain('--file F --line N');
    expect(read('DAILY_STATUS.md')).toBe(DAILY);
    expect(read('plan.md')).toBe(PLAN);
  });

  it('accepts a marker and words for the status', async () => {
    expect((await cli(['status', 'Digamma kernel benchmarks', '[/]', '--file', join(dir, 'plan.md')])).code).toBe(0);
    expect(read('plan.md')).toBe(PLAN.replace('- [ ] Digamma kernel benchmarks', '- [/] Digamma kernel benchmarks'));
    expect((await cli(['status', 'review', 'complete', '--file', join(dir, 'plan.md')])).code).toBe(0);
    expect(read('plan.md')).toContain('- [x] k-NN implementation review');
  });

  it('--dry-run and --json show the edit and write nothing', async () => {
    const r = await cli(['status', 'KV-cache', 'in-progress', '--file', dir, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { written: boolean; edits: { line: number; text: string }[] };
    expect(json.written).toBe(false);
    expect(json.edits.map((e) => e.line)).toEqual([9]);
    expect(json.edits[0]!.text).toBe("- 🔄 In Progress: KV-cache\r\n");
    expect(read('DAILY_STATUS.md')).toBe(DAILY);
  });

  it('refuses an unknown status and a missing target with exit 2', async () => {
    expect((await cli(['status', 'KV-cache', 'sideways', '--file', dir])).code).toBe(2);
    expect((await cli(['status', 'nothing like this', 'done', '--file', dir])).code).toBe(2);
    expect((await cli(['status', 'done', '--line', '3'])).code).toBe(2);
    expect(read('DAILY_STATUS.md')).toBe(DAILY);
  });
});

describe('atomicWrite', () => {
  it('writes through a temporary file and leaves nothing else in the folder', () => {
    const f = join(dir, 'plan.md');
    atomicWrite(readSnapshot(f, 'plan.md'), 'new\n');
    expect(read('plan.md')).toBe('new\n');
    expect(require('node:fs').readdirSync(dir).sort()).toEqual(['DAILY_STATUS.md', 'plan.md', 'tracker.md']);
  });

  it('refuses, naming file:line, when the file changed after it was read; the change survives', () => {
    const f = join(dir, 'plan.md');
    const snap = readSnapshot(f, 'plan.md');
    writeFileSync(f, PLAN + '- [ ] added by someone else\n');
    expect(() => atomicWrite(snap, 'mine\n', 3)).toThrow(FileChangedError);
    expect(() => atomicWrite(snap, 'mine\n', 3)).toThrow(/plan\.md:3: the file changed on disk/);
    expect(read('plan.md')).toBe(PLAN + '- [ ] added by someone else\n');
    expect(require('node:fs').readdirSync(dir).sort()).toEqual(['DAILY_STATUS.md', 'plan.md', 'tracker.md']);
  });

  it('refuses to read for writing a file that is not UTF-8', () => {
    const f = join(dir, 'latin1.md');
    writeFileSync(f, Buffer.from([0x2d, 0x20, 0x5b, 0x20, 0x5d, 0x20, 0xe9, 0x0a]));
    expect(() => readSnapshot(f, 'latin1.md')).toThrow(/latin1\.md:1: not valid UTF-8/);
  });
});
