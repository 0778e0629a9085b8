import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plain, slug } from '../../src/text/inline.js';
import { fieldOf } from '../../src/parse/recognise/fields.js';
import { uncleanInside } from '../../src/parse/recognise/items.js';

/** More distinct texts than any of the bounded memos holds: reading them all clears each memo at least once. */
function flood(read: (s: string) => unknown): void {
  for (let i = 0; i < 5000; i++) read(`**Key ${i}**: value *${i}* [[note ${i}]]`);
}

/** Short lines full of the marks `plain` strips and the shapes `fieldOf` reads. */
const markedLine = fc
  .array(fc.constantFrom('**', '__', '*', '_', '`', '[[', ']]', '[', '](', ')', '\\', '~~', '<b>', ':', ': ', 'Status', 'Owner', ' ', 'x', 'é', '- '), {
    maxLength: 16,
  })
  .map((parts) => parts.join(''));

describe('memoised plain and fieldOf', () => {
  it('plain gives the same text on a first read, a memoised read and a read after the memo was cleared', () => {
    fc.assert(
      fc.property(fc.array(markedLine, { minLength: 1, maxLength: 20 }), (lines) => {
        const first = lines.map((l) => plain(l));
        expect(lines.map((l) => plain(l))).toEqual(first);
        flood(plain);
        expect(lines.map((l) => plain(l))).toEqual(first);
      }),
      { numRuns: 20 },
    );
  });

  it('fieldOf gives an equal field on a first read, a memoised read and a read after the memo was cleared', () => {
    fc.assert(
      fc.property(fc.array(markedLine, { minLength: 1, maxLength: 20 }), (lines) => {
        const first = lines.map((l) => (fieldOf(l) ? { ...fieldOf(l)! } : null));
        expect(lines.map((l) => fieldOf(l))).toEqual(first);
        flood(fieldOf);
        expect(lines.map((l) => fieldOf(l))).toEqual(first);
      }),
      { numRuns: 20 },
    );
  });

  it('a repeated field line reads the same both times, long or short', () => {
    const short = '**Status**: In Progress';
    const long = `**Status**: In Progress — ${'waiting on the parser review '.repeat(4)}`;
    for (const line of [short, long]) {
      const a = fieldOf(line);
      const b = fieldOf(line);
      expect(a).toEqual({ key: 'status', raw: line.slice('**Status**: '.length).trim(), value: plain(line.slice('**Status**: '.length)), label: 'Status' });
      expect(b).toEqual(a);
    }
    expect(plain('**Owner**: `Worker 1`')).toBe('Owner: Worker 1');
    expect(plain('**Owner**: `Worker 1`')).toBe('Owner: Worker 1');
  });
});

/** `slug` as the regex chain gives it (ASCII needs no NFKD). */
function referenceAsciiSlug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out.slice(0, 60).replace(/-+$/g, '') || 'item';
}

describe('ASCII slug built in one pass', () => {
  it('equals the regex chain on ASCII text dense in separators, around the 60-character cut (fast-check)', () => {
    const word = fc.constantFrom('a', 'Ab', 'x9', '0', 'LONGWORD', 'abcdefghij', '-', ' ', '--', ' - ', '_', '.', '!', '  ');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), (parts) => {
        const s = parts.join('');
        expect(slug(s)).toBe(referenceAsciiSlug(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts at 60 characters: on a dash, inside a word, at a word end', () => {
    expect(slug(`${'a'.repeat(59)} b`)).toBe('a'.repeat(59));
    expect(slug(`${'a'.repeat(58)} bcd`)).toBe(`${'a'.repeat(58)}-b`);
    expect(slug('b'.repeat(60))).toBe('b'.repeat(60));
    expect(slug(`  ${'C'.repeat(61)}`)).toBe('c'.repeat(60));
    expect(slug('-- !! --')).toBe('item');
    expect(slug('')).toBe('item');
  });
});

describe('cleanTitle whitespace check without the regex', () => {
  it('uncleanInside agrees with /[^\\S ]| {2}/ on text mixing every kind of whitespace (fast-check)', () => {
    const SPACES = ['\t', '\n', '\v', '\f', '\r', ' ', '  ', '\u00a0', '\u1680', '\u180e', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085'];
    const part = fc.oneof(fc.constantFrom(...SPACES), fc.constantFrom('a', 'Title', '-', ':', 'é', '😀'));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(uncleanInside(s)).toBe(/[^\S ]| {2}/.test(s));
      }),
      { numRuns: 3000 },
    );
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      if (uncleanInside(s) !== /[^\S ]| {2}/.test(s)) throw new Error(`U+${c.toString(16)} disagrees`);
    }
  });
});
