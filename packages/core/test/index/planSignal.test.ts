import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePlan } from '@plansight/core';
import { parseOutline, planSignal } from '../../src/index/planSignal.js';
import { note, rng } from '../../../bench/src/gen.js';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../shared.js';

/** The guarantee the index relies on: a text without plan signals parses to its outline and nothing else. */
function holds(path: string, text: string): void {
  if (!planSignal(text)) expect(parseOutline(path, text)).toEqual(parsePlan(path, text));
}

function mdFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) mdFiles(p, out);
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

describe('planSignal', () => {
  it('sees plan content', () => {
    for (const t of ['- [ ] a', '✅ done', 'Issue #12', '| a | b |', 'Worker 1 owns src/', 'T1-001 server', '**Status**: open', 'A -> B', '---\nx: 1\n---'])
      expect(planSignal(t), t).toBe(true);
  });

  it('lets plain notes through, and they parse to their outline exactly', () => {
    const r = rng(9);
    let plain = 0;
    for (let i = 0; i < 40; i++) {
      const text = note(r, 3000);
      if (!planSignal(text)) plain++;
      holds(`notes/n${i}.md`, text);
    }
    expect(plain).toBeGreaterThan(30);
  });

  it('parses a heading inside a list item or quote, or with inline markup, in full (fast-check found `1. # river`)', () => {
    for (const text of ['1. # river', '- ## garden', '* 1. # note', '> # Plan', '> - # ideas', '## ``` `code`', '# a *b*']) {
      expect(planSignal(text), text).toBe(true);
      holds('notes/nested.md', text);
    }
    expect(planSignal('1. river # garden')).toBe(false);
  });

  it('holds on generated markdown (fast-check)', () => {
    const word = fc.constantFrom('river', 'garden', 'the', 'of', 'note', 'Plan', 'ideas', 'and', 'then', '1.', '-', '#', '##', '*', '>', '`code`', '[link](x)', '**b**', '```', '    ', ':', 'Alpha:', 'Owner', 'done', '[x]');
    const line = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (ls) => {
        holds('notes/x.md', ls.join('\n'));
      }),
      { numRuns: Number(process.env.PLANSIGHT_FC_RUNS ?? 300) },
    );
  });

  it('holds on the vault template', () => {
    const dir = resolve(__dirname, '../../../../vault-template');
    if (!existsSync(dir)) {
      console.warn('vault-template/ not found: SKIPPED');
      return;
    }
    const files = mdFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) holds(f.slice(dir.length + 1), readFileSync(f, 'utf8'));
  });
});

describeShared('planSignal on seeds and corpus', () => {
  it('flags every seed and corpus file', () => {
    for (const n of seedNames()) expect(planSignal(seed(n)), n).toBe(true);
    for (const n of corpusNames()) expect(planSignal(corpus(n)), n).toBe(true);
  });
});
