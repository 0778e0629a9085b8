import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headingSource, isSpaceCode, skipSpaces, trimmedEnd } from '../../src/fast/chars.js';
import { atxDepth } from '../../src/fast/blocks.js';
import { stripStarEmphasis, stripStrong, stripWikiLinks } from '../../src/text/inline.js';

const SPACEY = fc.constantFrom(' ', '\t', '#', 'a', '\u00a0', '\u2003', '\ufeff', '\n', 'é', '\\', '*');
const LINE = fc.array(SPACEY, { maxLength: 14 }).map((cs) => cs.join(''));

describe('fast/chars', () => {
  it('isSpaceCode is /\\s/ on every code unit', () => {
    const wrong: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
  });

  it('skipSpaces and trimmedEnd bound what trim keeps', () => {
    fc.assert(
      fc.property(LINE, (s) => {
        const a = skipSpaces(s, 0);
        expect(s.slice(a, trimmedEnd(s, a))).toBe(s.trim());
        expect(s.slice(0, trimmedEnd(s, 0, s.length >> 1))).toBe(s.slice(0, s.length >> 1).trimEnd());
      }),
    );
  });

  it('headingSource is the two replaces and a trim', () => {
    const ref = (l: string) => l.replace(/^\s{0,3}#{1,6}\s*/, '').replace(/\s+#+\s*$/, '').trim();
    for (const l of ['# Title', '  ## Title ##  ', '####### x', '# #', '    ## ', '#\tA # b #', 'x #', '#'])
      expect(headingSource(l)).toBe(ref(l));
    fc.assert(
      fc.property(LINE, (l) => {
        expect(headingSource(l)).toBe(ref(l));
      }),
      { numRuns: 5000 },
    );
  });

  it('atxDepth is the depth ATX matches', () => {
    const ATX = /^(#{1,6})(?=[ \t]|$)(.*)$/;
    const ref = (l: string) => ATX.exec(l)?.[1]!.length ?? 0;
    const HASHY = fc.array(fc.constantFrom('#', ' ', '\t', 'a', '\r', '\n', '\u2028', '\u2029', '\u00a0'), {
      maxLength: 10,
    });
    fc.assert(
      fc.property(HASHY, (cs) => {
        const l = cs.join('');
        expect(atxDepth(l)).toBe(ref(l));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('text/inline hand-written replaces', () => {
  const TEXT = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 16 }).map((cs) => cs.join(''));

  it('stripWikiLinks is the [[…]] replace', () => {
    const ref = (t: string) => t.replace(/\[\[([^\]]+)\]\]/g, '$1');
    fc.assert(
      fc.property(TEXT(['[', ']', '[[', ']]', 'a', ' ', '|', '\n']), (t) => {
        expect(stripWikiLinks(t)).toBe(ref(t));
      }),
      { numRuns: 10000 },
    );
  });

  it('stripStarEmphasis is the *…* replace', () => {
    const ref = (t: string) => t.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2');
    for (const t of ['*a*', 'x *a* *b*', '**a**', '*a**', 'a*b*', '*a* b*', '* a*', '*a *', '***', '(*a*)', '*a*b'])
      expect(stripStarEmphasis(t), t).toBe(ref(t));
    fc.assert(
      fc.property(TEXT(['*', '**', 'a', '_', ' ', '.', '\n', '\u00a0', 'é', '1']), (t) => {
        expect(stripStarEmphasis(t)).toBe(ref(t));
      }),
      { numRuns: 10000 },
    );
  });
});

describe('text/inline strong', () => {
  it('stripStrong is the **…** / __…__ replace', () => {
    const ref = (t: string) => t.replace(/(\*\*|__)(?=\S)(.*?\S)\1/g, '$2');
    for (const t of ['**a**', '***a**', '__a__ **b**', '** a**', '**a **', '**a\n**', '**a\n** b**', '****', '**_a_**'])
      expect(stripStrong(t), t).toBe(ref(t));
    const TEXT = fc.array(fc.constantFrom('*', '**', '_', '__', 'a', ' ', '\n', '\r', '\u2028', 'é'), {
      maxLength: 16,
    });
    fc.assert(
      fc.property(TEXT, (cs) => {
        const t = cs.join('');
        expect(stripStrong(t)).toBe(ref(t));
      }),
      { numRuns: 10000 },
    );
  });
});
