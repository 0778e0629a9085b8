import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeMojibake } from '@plansight/core';
import { cli } from './cliHarness.js';


const DAILY = `# Daily Status - 2025-10-12

## Worker 1:
- ✅ Completed: Time-delay embedding
- 🔄 In Progress: k-NN implementation

## Worker 2:
- 🎯 Next: KV-cache
`;
const STYLE = { charset: 'cp1252', undefinedBytes: 'drop' } as const;

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plansight-block-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = undefined;
});

describe('plansight block', () => {
  it('adds ❌ Blocked: … (Issue #145) after the worker’s in-progress line', async () => {
    const f = join(dir, 'DAILY_STATUS.md');
    writeFileSync(f, DAILY);
    const r = await cli(['block', 'Worker 1', 'Needs digamma kernel', '--ref', 'Issue #145', '--file', f]);
    expect(r.code).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe(DAILY.replace('k-NN implementation\n', 'k-NN implementation\n- ❌ Blocked: Needs digamma kernel (Issue #145)\n'));
  });

  it('writes the new line in a mojibake file’s own bytes and leaves every other byte alone', async () => {
    const f = join(dir, 'DAILY_STATUS.md');
    const moj = encodeMojibake(DAILY, STYLE);
    writeFileSync(f, moj);
    expect((await cli(['block', 'worker-2', 'Waiting for GPU quota', '--file', f])).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe(moj.replace('## Worker 2:\n', '## Worker 2:\nâŒ'.replace('âŒ', '- âŒ Blocked: Waiting for GPU quota\n')));
  });

  it('names the file and exits 2 when there is no DAILY_STATUS.md', async () => {
    const r = await cli(['block', 'Worker 1', 'x', '--file', join(dir, 'missing.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.md');
  });
});
