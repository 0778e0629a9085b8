import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePlan } from '@plansight/core';
import { parseOutline, parseOutlineByBlocks, planSignal } from '../../src/index/planSignal.js';
import { scanOutline, scanOutlineAt } from '../../src/index/outlineScan.js';
import { lineStarts } from '../../src/index/signalScan.js';
import { note, rng } from '../../../bench/src/gen.js';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../shared.js';

/**
 * The guarantee the index relies on: a text without plan signals parses to its outline and nothing else, and the
 * outline scan gives exactly what the block pass gave (same keys, same order).
 */
function holds(path: string, text: string): boolean {
  if (planSignal(text)) return false;
  startsAgree(text);
  const outline = parseOutline(path, text);
  expect(JSON.stringify(outline)).toBe(JSON.stringify(parseOutlineByBlocks(path, text)));
  expect(outline).toEqual(parsePlan(path, text));
  return true;
}

/** The outline from the line starts the signal scan collected is the outline from reading every line. */
function startsAgree(text: string): void {
  const starts = lineStarts(text);
  expect(starts === null, JSON.stringify(text)).toBe(text.includes('\r'));
  if (starts) expect(JSON.stringify(scanOutlineAt(text, starts.pos, starts.count)), JSON.stringify(text)).toBe(JSON.stringify(scanOutline(text)));
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

  it('sees numbered actors written as one word and long story ids, which the recognisers read (were missed)', () => {
    for (const [t, found] of [
      ['Worker01 wrote this', (f: ReturnType<typeof parsePlan>) => f.actors.length],
      ['- ABCDEFG-12: river garden', (f: ReturnType<typeof parsePlan>) => f.items.length],
    ] as const) {
      expect(found(parsePlan('notes/a.md', t)), t).toBeGreaterThan(0);
      expect(planSignal(t), t).toBe(true);
    }
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

  it('reads a setext heading right after an item that holds indented code or an empty block quote (fast-check found `1.      river`, `1. >`, `1. > *`)', () => {
    for (const text of ['1.      river\nriver\n-', '-     a\nb\n===', '1. >\nriver\n-', '1. > *\nriver\n-', '1. > 1.\nriver\n-', '1. >*\nriver\n-']) {
      expect(planSignal(text), text).toBe(false);
      expect(holds('notes/code-item.md', text)).toBe(true);
      expect(parseOutline('notes/code-item.md', text).headings).toHaveLength(1);
    }
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

  it('reads the bench notes with the line scan alone', () => {
    const r = rng(3);
    for (let i = 0; i < 20; i++) {
      const text = note(r, 3000);
      if (planSignal(text)) continue;
      const o = scanOutline(text);
      expect(o, text).not.toBeNull();
      expect(o!.sources.every((l) => /^#{1,6} [a-z ]+$/.test(l))).toBe(true);
    }
  });

  it('holds on outline edge cases: fences, setext, indented code, CRLF, BOM, trailing #s, empty headings, containers', () => {
    const docs = [
      '# A\n\n```js\n# not\n```\n## B',
      '# A\n````\n```\n# not\n````\n## B',
      '~~~\n# not\n```\n~~~~\n# yes',
      '```\n# not\n    ```\n# still not',
      '```\n# not\n  ```\n# yes',
      '```a`b\n# yes',
      '    # code\n# yes',
      '- item\n\n    # in item\n',
      'Title\n===\n\ntext',
      'Title\n ---\n',
      'Title\n-\n',
      '# A\r\n## B\r\n',
      '# A\r## B\rtext\r',
      '# A\n## B\r\nmixed\n',
      '\uFEFF# A',
      '# A ##\n## B #\n### C \\#\n#\n##   ##\n# #',
      '#\tTab\n\t# tab indented\n   # three\n',
      '<div>\n# inside html\n</div>\n\n# after',
      '<!--\n# in comment\n-->\n# after',
      '> quote\n# after quote',
      '- a\n# after list\n  # indented two',
      '####### seven\n#hash\n# ok',
      '---\ntitle: x\n---\n# A',
      'x\n\n```\nunclosed\n# no',
      'para\n    ```\n# x',
      '> ```\n# x\n```',
      '- ```\n  # x\n  ```',
      '# Chapter 3 (notes)\n## Q? "yes", it\'s.',
      '# worker1 notes\n## agent7',
      '# abcdefg-12: river',
      '# Challenge 1: river',
      '# garden\f\n```\f\n# x',
    ];
    let plain = 0;
    for (const d of docs) if (holds('notes/edge.md', d)) plain++;
    expect(plain).toBeGreaterThan(15);
  });

  it('reads the same outline from the collected line starts as from every line, control chars and blanks included (fast-check)', () => {
    const lead = ['', '', ' ', '   ', '    ', '\t', '\v', '\f', '\x01', ' \x1f', '\0'];
    const body = ['# river', '## garden #', '```', '~~~~', '``` a`b', '<div>', '===', '- x', '-', '---', '1) x', '> x', '* *', 'river', '', '#x'];
    const doc = fc.array(fc.tuple(fc.constantFrom(...lead), fc.constantFrom(...body)).map(([a, b]) => a + b), { maxLength: 20 })
      .chain((ls) => fc.constantFrom('', '\n').map((end) => ls.join('\n') + end));
    let plain = 0;
    fc.assert(
      fc.property(doc, (text) => {
        if (planSignal(text)) return;
        plain++;
        startsAgree(text);
      }),
      { numRuns: Number(process.env.PLANSIGHT_FC_RUNS ?? 300) * 2 },
    );
    expect(plain).toBeGreaterThan(50);
    expect(lineStarts('# a')).toBeNull();
    // `- b` (a marker, then a letter) and `river` are passed over; `- ` alone may underline a setext heading.
    const text = '# a\n- b\nriver\n  ```\n- \n';
    expect(planSignal(text)).toBe(false);
    const starts = lineStarts(text)!;
    expect({ pos: [...starts.pos.subarray(0, starts.count)], count: starts.count }).toEqual({ pos: [0, 14, 20], count: 3 });
    // Line numbers are counted from those starts: a heading after skipped lines is on its own line.
    const later = 'intro\n\nriver\n## b\n';
    expect(planSignal(later)).toBe(false);
    const s = lineStarts(later)!;
    expect(scanOutlineAt(later, s.pos, s.count)!.headings.map((h) => [h.line, h.text])).toEqual([[4, 'b']]);
  });

  it('holds on generated notes with fences, setext, indentation, containers and line endings (fast-check)', () => {
    const starts = ['', '', '', '# ', '## ', '###### ', '####### ', '#', '   # ', '    # ', '\t# ', '- ', '  - ', '1. ', '> ', '    ', '  ', '\t'];
    const words = ['river', 'garden', 'Plan', 'ideas', 'note', 'Chapter', '3', '(x)', '?', '.', ',', "'", '"', 'a-b', 'c:', '#', '##',
      'worker1', 'agent2x', 'abcdefg-12:', 'Challenge', '*', '_', '`code`', '[link](x)', '<b>', '&amp;', '~'];
    const whole = ['```', '````', '~~~', '~~~~', '``` js', '```js `x`', '    ```', '  ```', '===', ' ---', '--', '-', '<div>', '<!--', '-->', ''];
    const line = fc.oneof(
      fc.tuple(fc.constantFrom(...starts), fc.array(fc.constantFrom(...words), { maxLength: 5 }), fc.constantFrom('', '', ' #', ' ##', '  ')).map(([s, ws, end]) => s + ws.join(' ') + end),
      fc.constantFrom(...whole),
    );
    const doc = fc.tuple(fc.array(line, { maxLength: 16 }), fc.constantFrom('\n', '\n', '\r\n', '\r'), fc.boolean(), fc.constantFrom('', '', '\uFEFF', '---\nx: 1\n---\n'))
      .map(([ls, eol, final, pre]) => pre + ls.join(eol) + (final ? eol : ''));
    let plain = 0;
    fc.assert(
      fc.property(doc, (text) => {
        if (holds('notes/x.md', text)) plain++;
      }),
      { numRuns: Number(process.env.PLANSIGHT_FC_RUNS ?? 300) * 2 },
    );
    expect(plain).toBeGreaterThan(50);
  });

  it('holds on every plain line set of the bench plan generators', () => {
    const r = rng(5);
    for (let i = 0; i < 30; i++) {
      const text = note(r, 2000);
      const noisy = text.replace(/\n\n/g, (m) => (r() < 0.1 ? '\n\n    ```\n' : r() < 0.1 ? '\n\ntitle\n===\n' : m));
      holds(`notes/g${i}.md`, noisy);
    }
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

  it('reads the lines of seeds and corpus without a signal to their outline exactly', () => {
    let plain = 0;
    const files: [string, string][] = [...seedNames().map((n): [string, string] => [n, seed(n)]), ...corpusNames().map((n): [string, string] => [n, corpus(n)])];
    for (const [name, text] of files) {
      const lines = text.split(/\r?\n/).filter((l) => !planSignal(l));
      if (holds(`corpus/${name}`, lines.join('\n'))) plain++;
      // Headings kept, prose dropped: the structure without the plan.
      if (holds(`corpus/h-${name}`, lines.filter((l) => /^ {0,3}#|^```|^~~~/.test(l)).join('\n'))) plain++;
    }
    expect(plain).toBeGreaterThan(20);
  });
});
