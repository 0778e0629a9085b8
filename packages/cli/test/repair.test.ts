import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './cliHarness.js';


const MOJ = '## Worker 1:\r\n- âœ… Completed: Time-delay embedding\r\n- plain line\r\n- ðŸ”„ In Progress: k-NN\r\n';
const CLEAN = '## Worker 1:\r\n- ✅ Completed: Time-delay embedding\r\n- plain line\r\n- 🔄 In Progress: k-NN\r\n';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plansight-repair-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = undefined;
});

describe('plansight repair', () => {
  it('prints a unified diff and writes nothing without --write', async () => {
    const f = join(dir, 'status.md');
    writeFileSync(f, MOJ);
    const r = await cli(['repair', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-- âœ… Completed: Time-delay embedding\n+- ✅ Completed: Time-delay embedding\n');
    expect(r.stdout).toContain('@@ -1,4 +1,4 @@');
    expect(readFileSync(f, 'utf8')).toBe(MOJ);
  });

  it('repairs the whole file with --write, keeping CRLF; a second run finds nothing', async () => {
    const f = join(dir, 'status.md');
    writeFileSync(f, MOJ);
    expect((await cli(['repair', f, '--write'])).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe(CLEAN);
    const again = await cli(['repair', f]);
    expect(again.stdout).toContain('no mojibake found');
  });
});
