import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', 'src');
/** The view runs in any DOM: no host API, no Node. */
const FORBIDDEN = /^(obsidian|vscode|electron|fs|path|os|child_process|worker_threads|node:.*|@codemirror\/.*)$/;

describe('packages/graph-view stays host-free', () => {
  const files = readdirSync(SRC).filter((f) => f.endsWith('.ts'));

  it('should have sources to check', () => {
    expect(files).toContain('graph.ts');
    expect(files).toContain('browser.ts');
  });

  it('should import no host or Node module', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(SRC, f), 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (FORBIDDEN.test(spec)) offenders.push(`${f} imports ${spec}`);
      }
      if (/\bprocess\.|\bacquireVsCodeApi\b|\bglobalThis\.app\b/.test(text)) offenders.push(`${f} reaches for a host global`);
    }
    expect(offenders).toEqual([]);
  });

  it('should never assign HTML (labels go in as text)', () => {
    const offenders = files.filter((f) => /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|\.html\(/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('should catch a forbidden import when one is planted', () => {
    expect(FORBIDDEN.test('vscode')).toBe(true);
    expect(FORBIDDEN.test('node:crypto')).toBe(true);
    expect(FORBIDDEN.test('d3')).toBe(false);
  });
});
