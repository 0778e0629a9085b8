import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { remarkBlocks, repairLine, splitLines } from '@plansight/core';
import { fastBlocks, nestsQuote, REMARK_FALLBACK_MAX_LINES, scanBlocks, scanSection } from '../../src/fast/blocks.js';
import { remarkSection } from '../../src/parse/remarkBlocks.js';
import { splitSections } from '../../src/parse/sections.js';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../shared.js';
import { differences, type Difference } from './diff.js';
import { planDoc } from './gen.js';

function repaired(text: string): string[] {
  return splitLines(text).lines.map((l) => repairLine(l).text);
}

function diff(lines: string[]): Difference[] {
  return differences(remarkBlocks(lines), fastBlocks(lines));
}

/**
 * Where the line scanner and remark would disagree, the scanner says so (`scanSection(...).defers`) and the fast pass
 * reads the section with remark; the scanner alone is held to remark's reading of every other section. A deferred
 * section longer than REMARK_FALLBACK_MAX_LINES keeps the scanner's reading: the fast pass's one known limitation.
 */
describeShared('fast pass agrees with remark on every seed and corpus file', () => {
  const files = [...seedNames().map((n) => ['seeds/' + n, seed(n)] as const), ...corpusNames().map((n) => ['corpus/' + n, corpus(n)] as const)];
  it('has files to compare', () => {
    expect(files.length).toBeGreaterThanOrEqual(47);
  });
  for (const [name, text] of files) {
    it(name, () => {
      expect(diff(repaired(text))).toEqual([]);
    });
  }
});

describe('fast pass on small documents', () => {
  it('reads a plan-like document exactly as remark does', () => {
    const doc = [
      '---',
      'owner: alice',
      '---',
      '# Plan',
      '',
      '## Worker 1: Core',
      '- [ ] todo',
      '  - [x] nested done',
      '- [/] half',
      '',
      '| Agent | Status |',
      '|---|---|',
      '| A1 | ✅ Done |',
      '',
      '```ts',
      'const x = 1;',
      '```',
      '> - [ ] quoted',
      '',
      'Text',
      '---',
    ];
    expect(diff(doc)).toEqual([]);
    const blocks = fastBlocks(doc);
    expect(blocks.map((b) => b.type)).toEqual(['frontmatter', 'heading', 'heading', 'item', 'item', 'item', 'table', 'code', 'item', 'heading']);
    const nested = blocks[4]!;
    expect(nested).toMatchObject({ type: 'item', depth: 1, parentLine: 7, task: { marker: 'x', gfm: true }, text: 'nested done' });
    expect(blocks[9]).toEqual({ type: 'heading', line: 20, depth: 2, text: 'Text' });
  });

  it('a bare `- [ ]` is a GFM task only when its paragraph continues', () => {
    expect(fastBlocks(['- [ ]'])[0]).toMatchObject({ task: { marker: ' ', gfm: false } });
    expect(fastBlocks(['- [ ]', '  more'])[0]).toMatchObject({ task: { marker: ' ', gfm: true } });
    expect(diff(['- [ ]', '  more'])).toEqual([]);
  });

  it('an item whose text starts five blanks after the marker holds indented code: no lazy line, no GFM task (fast-check found `1.      river`)', () => {
    const docs = [
      '1.      river\nriver\n-',
      '-     a\nb',
      '-      river\n      more',
      '-      river\n\n  para',
      '1.     x\n   y\n-',
      '-      [ ] river',
      '- -      river',
      '-\t     river\nx',
      '1.\t\triver\nx',
      '- a\n  -      b\n  c',
    ];
    for (const d of docs) expect(diff(d.split('\n')), JSON.stringify(d)).toEqual([]);
    expect(fastBlocks(['1.      river', 'river', '-'])).toEqual([
      { type: 'item', line: 1, endLine: 1, depth: 0, ordered: true, bullet: '1.', task: null, text: 'river', more: [], quote: false },
      { type: 'code', line: 1, endLine: 1, lang: '', meta: '', lines: [' river'], inItem: true },
      { type: 'heading', line: 2, depth: 2, text: 'river' },
    ]);
    expect(fastBlocks(['-      [x] river'])[0]).toMatchObject({ task: { marker: 'x', gfm: false } });
  });

  it('ends a table at indented code (fast-check found `--- | ---` / `|---|---|` / `    # Heading` / `Issue #145 blocked`)', () => {
    for (const d of ['--- | ---\n|---|---|\n    # Heading\nIssue #145 blocked', '| a | b |\n|---|---|\n    | c | d |\n| e | f |', '| a | b |\n|---|---|\n\t| c |', '| a | b |\n|---|---|\n| c | d |\n    x'])
      expect(diff(d.split('\n')), JSON.stringify(d)).toEqual([]);
    expect(fastBlocks(['| a | b |', '|---|---|', '    code', 'text']).map((b) => `${b.type} ${b.line}`)).toEqual(['table 1', 'code 3', 'paragraph 4']);
  });

  it('an item whose text is a heading, a fence, a rule or HTML holds that block too, and no lazy line continues it (fast-check found `  - _ _ _`)', () => {
    const docs = ['- # x\nriver\n-', '- ```\nriver\n-', '  - _ _ _\nriver\n-', '  - <b>\nriver\n-', '- * * *\nriver\n-', '- ```js\n  code\n  ```\nriver', '- <!-- c\n  d -->\ne', '1. ## y\n   - z', '* - - -\nx'];
    for (const d of docs) expect(diff(d.split('\n')), JSON.stringify(d)).toEqual([]);
    expect(fastBlocks(['- # x', 'river', '-']).map((b) => `${b.type} ${b.line}${b.type === 'heading' ? ` ${b.text}` : ''}`)).toEqual(['item 1', 'heading 1 x', 'heading 2 river']);
    // A task marker first: the text is a paragraph, as before.
    expect(fastBlocks(['- [ ] # x']).map((b) => b.type)).toEqual(['item']);
  });

  it('an item that holds only an empty block quote, or one of empty list items, has no paragraph for a lazy line to continue (fast-check found `1. >` and `1. > *`)', () => {
    for (const d of ['1. >\nriver\n-', '* >\nriver\n---', '1. >  \nriver\n-', '1. >\n   river\n   ---', '1. >\nriver', '- >\n\nriver\n===', '- > > \nriver\n---', '1. >>\nriver\n-'])
      expect(diff(d.split('\n')), JSON.stringify(d)).toEqual([]);
    // The scanner alone (what a section too long for remark's fallback gets) reads the heading as remark does.
    expect(scanBlocks(['1. >', 'river', '-']).map((b) => `${b.type} ${b.line}`)).toEqual(['item 1', 'heading 2']);
    // The list items inside the quote are its known limitation (a quote in an item); the heading after them is not.
    for (const q of ['> *', '>*', '> 1.', '> - *']) expect(scanBlocks([`1. ${q}`, 'river', '-']).map((b) => `${b.type} ${b.line}`), q).toEqual(['item 1', 'heading 2']);
    // A quote with text keeps its paragraph, which the next line continues lazily (as before).
    expect(scanBlocks(['1. > a', 'river', '-']).map((b) => `${b.type} ${b.line}`)).toEqual(['item 1', 'item 3']);
  });

  it('an item whose text is another bullet, empty or not, nests it with the outer bullet, as remark reads the raw line (fast-check found `1. -`)', () => {
    for (const d of ['1. -\nriver\n-', '1. *\n--\n===', '1. - a', '- 1. a', '* + x', '1. - * a', '1. - \n   - a'])
      expect(diff(d.split('\n')), JSON.stringify(d)).toEqual([]);
    expect(fastBlocks(['1. -', 'river', '-']).map((b) => (b.type === 'item' ? `item ${b.depth} ${b.bullet}` : `${b.type} ${b.line}`))).toEqual(['item 0 1.', 'item 1 1.', 'heading 2']);
  });

  it('a list start after indented code that began right after an empty item closed at a blank line is a list (micromark), not the paragraph the quirk makes elsewhere', () => {
    for (const d of ['-\n\n    code\n10. x', '-\n\n    code\n\n10. x', '-\n\n\t# Heading\n10. tenth\n\t# Heading\n', 'para\n\n    code\n10. x', '- a\n\nb\n\n    code\n10. x', '    code\n10. x'])
      expect(diff(d.split('\n')), JSON.stringify(d)).toEqual([]);
    expect(fastBlocks(['-', '', '    code', '10. x']).map((b) => b.type)).toEqual(['item', 'code', 'item']);
    expect(fastBlocks(['para', '', '    code', '10. x']).map((b) => b.type)).toEqual(['paragraph', 'code', 'paragraph']);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        fastBlocks(s.split('\n'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sections with a nested block quote are read by remark', () => {
  const nested = [
    '- a\n  > b',
    '> - a\n> > b',
    '> - a\n> > b\n> c',
    '> - a\n>   > b',
    '1. > a\n   b',
    '- a\n\n  > - [ ] b\n  > c',
    '> a\n- > b',
    '> a\n> > b',
    '# Plan\n\n- [ ] task\n  > note\n  > - [x] quoted done\n\n## Next\n- [ ] other',
  ];
  it('the line scanner reads each of these otherwise (the fallback is what makes them agree)', () => {
    for (const d of nested) expect(differences(remarkBlocks(d.split('\n')), scanBlocks(d.split('\n'))), JSON.stringify(d)).not.toEqual([]);
  });
  it('the fast pass reads them exactly as remark does', () => {
    for (const d of nested) expect(diff(d.split('\n')), JSON.stringify(d)).toEqual([]);
  });
  it('only the section that holds the quote goes to remark', () => {
    const lines = ['# Plan', '- [ ] a', '  > b', '## Next', '> - c', '> > d'].concat(['## Long', ...Array.from({ length: 5 }, (_, i) => `- [ ] t${i}`)]);
    expect(fastBlocks(lines)).toEqual(remarkBlocks(lines));
    // The last section has no nested quote: the scanner's reading, line for line the same as remark's here.
    expect(fastBlocks(lines).slice(-5)).toEqual(scanBlocks(lines).slice(-5));
  });
  it(`a section longer than ${REMARK_FALLBACK_MAX_LINES} lines keeps the scanner's reading (the known limitation, bounded in time)`, () => {
    const long = ['- a', '  > b', ...Array.from({ length: REMARK_FALLBACK_MAX_LINES }, (_, i) => `- t${i}`)];
    expect(fastBlocks(long)).toEqual(scanBlocks(long));
    expect(diff(long)).not.toEqual([]);
    const short = long.slice(0, REMARK_FALLBACK_MAX_LINES);
    expect(diff(short)).toEqual([]);
  });
  it('a section remark cannot read (nesting past MAX_NESTING) keeps the scanner\'s reading', () => {
    const deep = ['- '.repeat(120) + '> x'];
    expect(remarkBlocks(deep)).toEqual([]);
    expect(fastBlocks(deep)).toEqual(scanBlocks(deep));
    expect(fastBlocks(deep).length).toBeGreaterThan(0);
  });
  it('nestsQuote finds a `>` after a bullet or after another `>`, and nothing else', () => {
    for (const l of ['- > a', '1. > a', '2) >', '> > a', '>> a', '> - > a', '>   > a', '- - > a', '  - > a'])
      expect(nestsQuote(l), JSON.stringify(l)).toBe(true);
    for (const l of ['> a', '>', ' > a', '  > a', '\t> a', '- a', '- [ ] a > b', 'text > more', '> - a', '2024 > x', '1.5 > 1', '--> x', '', '#> x'])
      expect(nestsQuote(l), JSON.stringify(l)).toBe(false);
  });
  it('a `>` line indented into an open list item defers its section; one outside any item does not', () => {
    const reason = (d: string) => splitSections(d.split('\n')).map((s) => scanSection(s).defers);
    expect(reason('- a\n  > b')).toEqual(['nested block quote']);
    expect(reason('- a\n\n\t> b')).toEqual(['nested block quote']);
    expect(reason('1. a\n\n   > b')).toEqual(['nested block quote']);
    expect(reason('  > b')).toEqual([null]);
    expect(reason('- a\n> b')).toEqual([null]);
    expect(reason('1. a\n  > b')).toEqual([null]);
    for (const d of ['- a\n> b', '1. a\n  > b', '  > b']) expect(diff(d.split('\n')), d).toEqual([]);
  });
});

describe('the scanner defers a section where micromark has a quirk it does not follow', () => {
  const defers = (d: string) => splitSections(d.split('\n')).some((s) => scanSection(s).defers !== null);
  const cases: [why: string, doc: string, scannerDiffers: boolean][] = [
    ['indented code going on after it closed a list item (micromark splits it)', '   -\n\t# Heading\n      # Heading\n-', true],
    ['indented code going on after an HTML item closed', '\n   - <div>\n    plain text\n    - * * *\n    # Heading', true],
    ['a lazy line that is a table header', '- a\nb | c\n  |---|---|', true],
    ['a lazy line that is an HTML tag', '- a\n<span>x</span>', false],
    ['a list start right after indented code', '    code\n- x', false],
    ['an unclosed fence', '- a\n  ```\n  code', false],
    ['an unclosed first-line `---`', '---\na\nb', false],
    ['a setext heading whose inline HTML spans indented lines', '**Status**: ✅ Done\n\t<!-- note\n      # Heading\nend -->\n-\n# Heading', true],
  ];
  for (const [why, doc, scannerDiffers] of cases)
    it(why, () => {
      expect(defers(doc)).toBe(true);
      expect(differences(remarkBlocks(doc.split('\n')), scanBlocks(doc.split('\n'))).length > 0).toBe(scannerDiffers);
      expect(diff(doc.split('\n'))).toEqual([]);
    });
  it('a setext heading in an item keeps a continuation line\'s indentation past the content column inside a code span, and a lazy `>` (fast-check found both)', () => {
    const heading = (d: string) => scanBlocks(d.split('\n')).flatMap((b) => (b.type === 'heading' ? [b.text] : []));
    expect(heading('- **Owner**: Alice\n      1. ```\n      1. ```\n  ---')).toEqual(['Owner: Alice\n1.     1.']);
    expect(heading('   - [X] Done\n\t> quote\n      -')).toEqual(['[X] Done\n> quote']);
    for (const d of ['- **Owner**: Alice\n      1. ```\n      1. ```\n  ---', '   - [X] Done\n\t> quote\n      -\n# Heading'])
      expect(differences(remarkBlocks(d.split('\n')), scanBlocks(d.split('\n'))), d).toEqual([]);
  });
  it('a plan section defers nothing', () => {
    expect(defers('# Plan\n\n- [ ] a\n    - [x] b\n\n```ts\nx\n```\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n> note')).toBe(false);
  });
  it('a fence in an item closed by a list item or quote keeps every blank line before it; closed by text, all but the last', () => {
    const code = (d: string) => fastBlocks(d.split('\n')).flatMap((b) => (b.type === 'code' ? [b.lines] : []));
    for (const d of ['1. ```\n\n\n- x', '- ```\n\n\n> q', '- ```\n  a\n\n\n- x', '1. ```\n\nx', '- ```\n  a\n\n\nx']) expect(diff(d.split('\n')), JSON.stringify(d)).toEqual([]);
    expect(code('1. ```\n\n\n- x')).toEqual([['', '']]);
    expect(code('- ```\n  a\n\n\nx')).toEqual([['a', '']]);
    expect(code('1. ```\n\nx')).toEqual([['']]);
  });
});

describe('the line scanner alone on fuzzed plan-like documents (fast-check)', () => {
  it('reads every section it does not defer exactly as remark does', () => {
    const deferred = new Map<string, number>();
    let sections = 0;
    fc.assert(
      fc.property(planDoc, (doc) => {
        for (const s of splitSections(doc.split('\n'))) {
          sections++;
          const { blocks, defers } = scanSection(s);
          if (defers) deferred.set(defers, (deferred.get(defers) ?? 0) + 1);
          else if (differences(remarkSection(s), blocks).length) return false;
        }
        return true;
      }),
      { numRuns: Number(process.env.PLANSIGHT_FC_RUNS ?? 800) },
    );
    for (const [why, n] of deferred) console.info(`the scanner deferred ${n} of ${sections} fuzzed sections to remark: ${why}`);
    expect(deferred.size).toBeGreaterThan(0);
  });
});

describe('fast pass on fuzzed plan-like documents (fast-check)', () => {
  it('agrees with remark on every document', () => {
    fc.assert(
      fc.property(planDoc, (doc) => differences(remarkBlocks(doc.split('\n')), fastBlocks(doc.split('\n'))).length === 0),
      { numRuns: Number(process.env.PLANSIGHT_FC_RUNS ?? 800) },
    );
  });
});
