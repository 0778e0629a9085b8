import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', 'src');
const FORBIDDEN = /^(obsidian|vscode|electron|fs|node:.*|path|os|child_process|worker_threads|@codemirror\/.*|d3.*)$/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('packages/core stays pure', () => {
  const files = sources(SRC);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('should import no host or file-system module', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (FORBIDDEN.test(spec)) offenders.push(`${f.slice(SRC.length + 1)} imports ${spec}`);
      }
      if (/\bprocess\.(env|cwd|argv)|\bglobalThis\.(app|require)\b/.test(text)) offenders.push(`${f.slice(SRC.length + 1)} reads process or host globals`);
    }
    expect(offenders).toEqual([]);
  });

  it('should catch a forbidden import when one is planted', () => {
    expect(FORBIDDEN.test('node:fs')).toBe(true);
    expect(FORBIDDEN.test('obsidian')).toBe(true);
    expect(FORBIDDEN.test('vscode')).toBe(true);
    expect(FORBIDDEN.test('unified')).toBe(false);
  });
});
