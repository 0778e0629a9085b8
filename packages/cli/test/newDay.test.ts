import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './cliHarness.js';
import { localToday } from '../src/commands/newDay.js';


const TEMPLATE = resolve(__dirname, '../../../vault-template/DAILY_STATUS.md');
const DAILY = `\uFEFF# Daily Status - 2025-10-12

## Worker 1:
- ✅ Completed: Time-delay embedding
- 🔄 In Progress: k-NN implementation
`;

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plansight-newday-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = undefined;
});

describe('plansight new-day', () => {
  it('puts a new dated entry on top with what is not done, keeping the BOM; a second run changes nothing', async () => {
    const f = join(dir, 'DAILY_STATUS.md');
    writeFileSync(f, DAILY);
    expect((await cli(['new-day', '--date', '2025-10-13', f])).code).toBe(0);
    const once = readFileSync(f, 'utf8');
    expect(once).toBe(`\uFEFF# Daily Status - 2025-10-13

## Worker 1:
- 🔄 In Progress: k-NN implementation

` + DAILY.slice(1));
    const again = await cli(['new-day', '--date', '2025-10-13', f]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to change');
    expect(readFileSync(f, 'utf8')).toBe(once);
  });

  it.runIf(existsSync(TEMPLATE))('run twice on vault-template/DAILY_STATUS.md, changes nothing the second time', async () => {
    const f = join(dir, 'DAILY_STATUS.md');
    copyFileSync(TEMPLATE, f);
    const before = readFileSync(f, 'utf8');
    expect((await cli(['new-day', '--date', '2099-01-01', f])).code).toBe(0);
    const once = readFileSync(f, 'utf8');
    expect(once.startsWith(before.split('\n')[0]!.replace(/\d{4}-\d{2}-\d{2}/, '2099-01-01'))).toBe(true);
    expect(once.endsWith(before)).toBe(true);
    expect(once.slice(0, once.length - before.length)).not.toContain('✅');
    expect((await cli(['new-day', '--date', '2099-01-01', f])).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe(once);
  });

  it('defaults to today (local) and to DAILY_STATUS.md in the working directory', async () => {
    writeFileSync(join(dir, 'DAILY_STATUS.md'), DAILY);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await cli(['new-day'])).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(readFileSync(join(dir, 'DAILY_STATUS.md'), 'utf8')).toContain(`# Daily Status - ${localToday()}`);
  });

  it('rejects a malformed date with exit 2 and writes nothing', async () => {
    const f = join(dir, 'DAILY_STATUS.md');
    writeFileSync(f, DAILY);
    expect((await cli(['new-day', '--date', '13/10/2025', f])).code).toBe(2);
    expect(readFileSync(f, 'utf8')).toBe(DAILY);
  });

  it('localToday formats the local date', () => {
    expect(localToday(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});
