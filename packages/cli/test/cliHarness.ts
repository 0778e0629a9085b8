import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, vi } from 'vitest';
import { run } from '../src/main.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process (from `cwd` when given), capturing its output and exit code. */
export async function cli(args: string[], cwd?: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  const before = process.cwd();
  process.exitCode = undefined;
  try {
    if (cwd !== undefined) process.chdir(cwd);
    const code = await run(args);
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
    process.exitCode = undefined;
    out.mockRestore();
    err.mockRestore();
  }
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding the given files, removed after the test file. */
export function tempVault(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'plansight-cli-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
