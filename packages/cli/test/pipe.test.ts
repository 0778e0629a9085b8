import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'plansight.cjs');

describe('plansight writing into a closed pipe', () => {
  it('should stop quietly when the reader closes early (report | head -1)', () => {
    expect(existsSync(join(ROOT, 'packages', 'cli', 'dist', 'cli.cjs'))).toBe(true);
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `node "${BIN}" report vault-template | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|Error:/);
    expect(r.status).toBe(0);
  });
});
