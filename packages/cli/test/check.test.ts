import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempVault } from './cliHarness.js';

const ROOT = resolve(__dirname, '../../..');

const CYCLE = `# Sprint

#### Story T1-001: Server

**Dependencies**: T1-002

#### Story T1-002: Client

**Dependencies**: T1-001
`;

const CLEAN = `# Sprint

#### Story T1-001: Server

**Dependencies**: None

#### Story T1-002: Client

**Dependencies**: T1-001
`;

describe('plansight check', () => {
  it('should exit 0 and print nothing on stdout for a clean plan', async () => {
    const dir = tempVault({ 'plan.md': CLEAN });
    const r = await cli(['check', '.'], dir);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('0 errors');
    expect(r.code).toBe(0);
  });

  it('should report a cycle as file:line: severity code message and exit 1', async () => {
    const dir = tempVault({ 'plan.md': CYCLE });
    const r = await cli(['check', 'plan.md'], dir);
    expect(r.stdout).toMatch(/^plan\.md:3: error cycle dependency cycle: T1-00\d → T1-00\d → T1-00\d$/m);
    expect(r.code).toBe(1);
  });

  it('should print JSON with --json', async () => {
    const dir = tempVault({ 'plan.md': CYCLE });
    const r = await cli(['check', '--json', '.'], dir);
    const json = JSON.parse(r.stdout);
    expect(json.errors).toBe(1);
    expect(json.ok).toBe(false);
    expect(json.diagnostics[0]).toMatchObject({ file: 'plan.md', line: 3, code: 'cycle', severity: 'error' });
    expect(r.code).toBe(1);
  });

  it('should fail on warnings only beyond --max-warnings', async () => {
    const dir = tempVault({ 'plan.md': `# Plan\n\n#### Story T1-001: Server\n\n**Dependencies**: T9-999\n` });
    const loose = await cli(['check', '.', '--max-warnings', '1'], dir);
    expect(loose.stdout).toContain('warning dangling-reference');
    expect(loose.code).toBe(0);
    const strict = await cli(['check', '.', '--max-warnings', '0'], dir);
    expect(strict.code).toBe(1);
  });

  it('should exit 2 on bad usage', async () => {
    const dir = tempVault({ 'plan.md': CLEAN });
    expect((await cli(['check', '.', '--max-warnings', 'lots'], dir)).code).toBe(2);
    expect((await cli(['check', 'missing-folder'], dir)).code).toBe(2);
    expect((await cli(['check', '--no-such-flag'], dir)).code).toBe(2);
  });

  it('should report the planted cycle in vault-template with exit 1', async () => {
    const r = await cli(['check', 'vault-template'], ROOT);
    expect(r.stdout).toMatch(/^vault-template\/Sprint Plan M1\.md:\d+: error cycle /m);
    expect(r.code).toBe(1);
    void join;
  });
});
