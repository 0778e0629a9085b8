import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blocksOf, treeBlocks, type Block } from '../../src/parse/blocks.js';
import { eventBlocks } from '../../src/parse/events.js';
import { markdownEvents, LEAN_DISABLED } from '../../src/parse/markdown.js';
import { splitSections } from '../../src/parse/sections.js';
import { splitLines } from '../../src/text/lines.js';
import { repairLine } from '../../src/text/mojibake.js';
import { vaultFiles, dailyFile, listHeavy, graphPlan } from '../../../bench/src/gen.js';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../shared.js';

/** The lean blocks, or null where blocksOf falls back to the full parse. */
function lean(text: string): Block[] | null {
  return eventBlocks(markdownEvents(text), text.split('\n'));
}

/** Every section of a file, as remarkBlocks parses it (repaired lines, split at headings). */
function sections(text: string): string[] {
  const lines = splitLines(text).lines.map((l) => repairLine(l).text);
  return splitSections(lines).map((s) => s.lines.join('\n'));
}

/** blocksOf equals the full remark walk; returns how many sections took the lean path. */
function agrees(text: string): number {
  let leanCount = 0;
  for (const s of sections(text)) {
    const reference = treeBlocks(s);
    expect(blocksOf(s)).toEqual(reference);
    const l = lean(s);
    if (l) {
      expect(l).toEqual(reference);
      leanCount++;
    }
  }
  return leanCount;
}

describe('lean micromark events give the same blocks as the full remark parse', () => {
  it('keeps the constructs that decide blocks', () => {
    expect(LEAN_DISABLED).not.toContain('tasklistCheck');
    expect(LEAN_DISABLED).not.toContain('table');
    expect(LEAN_DISABLED).not.toContain('definition');
  });

  it('reads blocks from events without the full parse', () => {
    const doc = [
      '---', 'title: x', '---', '# Plan', '', 'Intro line', 'second line', '', '- [ ] todo', '  more text', '  - [x] nested done',
      '', '> - quoted item', '> para', '', '1. first', '2) second', '', '| A | B |', '|---|:-:|', '| 1 | 2 |', '', '```TS meta',
      'code', '', '```', '', '    indented', '', '<div>', 'html', '</div>', '', '***', 'Setext', '---',
    ].join('\n');
    const blocks = lean(doc);
    expect(blocks).not.toBeNull();
    expect(blocks).toEqual(treeBlocks(doc));
    expect(blocks!.map((b) => `${b.type}@${b.line}`)).toEqual([
      'frontmatter@1', 'heading@4', 'paragraph@6', 'item@9', 'item@11', 'item@13', 'item@16', 'item@17',
      'table@19', 'code@23', 'code@28', 'html@30', 'rule@34', 'heading@35',
    ]);
  });

  it.each([
    ['# A [b] c\n\n[b]: /url', 'inline markup in a heading and a link reference definition'],
    ['| a | `x\\|y` |\n|---|---|', 'escaped pipe in a cell'],
    ['```c\\+\\+\nx\n```', 'escape in fence info'],
    ['```a&amp;b\nx\n```', 'reference in fence info'],
    ['Multi\nline\n===', 'multi-line setext heading'],
  ])('falls back to the full parse for %j (%s)', (doc) => {
    expect(lean(doc)).toBeNull();
    expect(blocksOf(doc)).toEqual(treeBlocks(doc));
  });

  it('reads a heading with inline markup alone with the full parse', () => {
    const doc = '# A *b* `c` [d](u) &amp; \\* #\n\n- ## [x] **e**\n\n> ### ~~f~~ <i>g</i>';
    const blocks = lean(doc);
    expect(blocks).not.toBeNull();
    expect(blocks).toEqual(treeBlocks(doc));
    expect(blocks!.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text)).toEqual(['A b c d & *', '[x] e', 'f <i>g</i>']);
  });

  it('the bench generators: plan files of a vault, a daily status, a list-heavy file and a big plan', () => {
    let leanSections = 0;
    for (const f of vaultFiles(400, 7)) if (!/note-/.test(f.path)) leanSections += agrees(f.text);
    leanSections += agrees(dailyFile(400, 3));
    leanSections += agrees(listHeavy(40_000, 5));
    leanSections += agrees(graphPlan(60, 9));
    expect(leanSections).toBeGreaterThan(500);
  });

  const INDENT = ['', ' ', '  ', '   ', '    ', '\t', '> ', '>', '- ', '* ', '1. ', '- > ', '> - ', '  - ', '    - ', '- - '];
  const INLINE = [
    'word', 'two words', '*em*', '_u_', '**bold**', '__b__', '`code`', '``a`b``', '\\|', '\\*', '\\', '&amp;', '&copy;', '&#35;',
    '[link](u)', '[ref]', '[x]', '[ ]', '![img](s)', '<b>', '</i>', '<https://a.b>', '~~s~~', '~one~', 'www.x.com', 'https://x.io/p.',
    'a@b.co', 'mailto:a@b.co', '#', ' #', ' ##', '|', '  ', '\t', 'ü', '✅', ':', '!', '*', '_', '<', '&', ']', '[',
  ];
  const inline = fc.array(fc.constantFrom(...INLINE), { minLength: 0, maxLength: 3 }).map((p) => p.join(' '));
  const cell = inline.map((c) => c.replace(/\|/g, '\\|'));
  const line = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...INDENT), fc.constantFrom('# ', '## ', '### ', '', '', '- [ ] ', '- [x] ', '- [X] ', '[/] ', '+ '), inline).map(([i, c, t]) => i + c + t) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...INDENT), fc.array(cell, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([i, cs, edge]) => (edge ? `${i}| ${cs.join(' | ')} |` : i + cs.join(' | '))) },
    fc.tuple(fc.constantFrom(...INDENT), fc.constantFrom('|---|---|', '| - |', '---|---', ':-:|--:', '|:---|', '| --- | --- | --- |')).map(([i, d]) => i + d),
    fc.tuple(fc.constantFrom(...INDENT), fc.constantFrom('```', '~~~', '````', '```ts', '```c\\+\\+', '```a&amp;b', '```js meta *x*', '~~~ x~y')).map(([i, f]) => i + f),
    fc.tuple(fc.constantFrom(...INDENT), fc.constantFrom('---', '===', '***', '- - -', '<div>', '</div>', '<!-- c', '-->', '[ref]: /url', '[x]: <u> "t"')).map(([i, f]) => i + f),
    fc.constant(''),
  );
  const doc = fc.array(line, { minLength: 1, maxLength: 14 }).map((ls) => ls.join('\n'));

  it('fast-check: documents mixing inline markup into headings, cells, items, tasks, tables, quotes and fences', () => {
    let leanDocs = 0;
    let runs = 0;
    fc.assert(
      fc.property(doc, (text) => {
        runs++;
        const reference = treeBlocks(text);
        expect(blocksOf(text)).toEqual(reference);
        const l = lean(text);
        if (l) {
          expect(l).toEqual(reference);
          leanDocs++;
        }
      }),
      { numRuns: 1500 },
    );
    // The property means something only if the lean path is taken often enough.
    expect(leanDocs).toBeGreaterThan(runs / 10);
  });
});

describeShared('lean blocks on the seeds and the corpus', () => {
  const files = [...seedNames().map((n) => ['seeds/' + n, seed(n)] as const), ...corpusNames().map((n) => ['corpus/' + n, corpus(n)] as const)];
  it.each(files)('%s', (_name, text) => {
    agrees(text);
  });
});
