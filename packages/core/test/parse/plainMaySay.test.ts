import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plain } from '../../src/text/inline.js';
import { plainMaySay } from '../../src/parse/recognise/refs.js';
import { endsInColonOrSpace } from '../../src/parse/recognise/statusReports.js';

/** Pieces of markdown lines: the words' letters in both cases, marks, links, tags, escapes, spaces. */
const PIECES = [
  'g', 'G', 'a', 'A', 't', 'T', 'e', 'E', 'gate', 'GaTe', 'ONLY', 'O', 'N', 'L', 'Y', 'only', 'depend', 'start', 'STaRt',
  'critical', ' path', 'critical path', '→', ' ', '  ', '*', '**', '_', '__', '~~', '`', '``', '\\', '\\*', '[', ']', '](x)',
  '[[', ']]', '|', '!', '<', '>', '<b>', '</b>', '<span class="g">', '(', ')', ':', '-', 'x', '1', '✅',
];
const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((ps) => ps.join(''));

const CASES: [string[], '' | 'i', RegExp][] = [
  [['gate'], 'i', /gate/i],
  [['ONLY'], '', /ONLY/],
  [['critical path', 'depend', 'start', '→'], 'i', /critical path|depend|start|→/i],
];

describe('plainMaySay', () => {
  for (const [words, flags, exact] of CASES) {
    it(`never fails a text whose plain text says ${words.join(' | ')}`, () => {
      const may = plainMaySay(words, flags);
      fc.assert(
        fc.property(line, (s) => {
          if (exact.test(plain(s))) expect(may.test(s)).toBe(true);
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('passes marks between the letters and anything with a link or tag, fails the rest', () => {
    const may = plainMaySay(['gate'], 'i');
    expect(may.test('**Ga**te 2')).toBe(true);
    expect(may.test('g\\_a`t`e')).toBe(true);
    expect(may.test('g<b>ate')).toBe(true);
    expect(may.test('[ga](x)te')).toBe(true);
    expect(may.test('**Status**: ready')).toBe(false);
    expect(may.test('g a t e')).toBe(false);
  });
});

describe('endsInColonOrSpace', () => {
  it('is true whenever stripping trailing colons and spaces would change the text', () => {
    const tail = fc.constantFrom(':', ' ', '\t', '\u00a0', '\u3000', '\ufeff', '\u2028', 'a', '1', '✅', '\ud83d', '-', '');
    fc.assert(
      fc.property(fc.string(), tail, (s, t) => {
        const text = s + t;
        if (text.replace(/[:\s]+$/, '') !== text) expect(endsInColonOrSpace(text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
