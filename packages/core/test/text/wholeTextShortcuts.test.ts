import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mayHaveMojibake, textMayHaveMojibake } from '../../src/text/mojibake.js';
import { detectEncoding, encodingOf, splitLines } from '../../src/text/lines.js';

const RUNS = Number(process.env.PLANSIGHT_FC_RUNS ?? 300);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '\uFEFF', 'é', 'âœ…', '✅', '\u0080', '\ud800', '😀', 'Ã'), { maxLength: 30 }).map((p) => p.join('')),
);

describe('whole-text shortcuts of the parse front agree with the per-line definitions', () => {
  it('textMayHaveMojibake is mayHaveMojibake (fast-check)', () => {
    fc.assert(fc.property(text, (t) => textMayHaveMojibake(t) === mayHaveMojibake(t)), { numRuns: RUNS * 5 });
    const long = 'river garden\n'.repeat(100_000);
    expect(textMayHaveMojibake(long)).toBe(false);
    expect(textMayHaveMojibake(long + 'â')).toBe(true);
  });

  it('encodingOf is detectEncoding (fast-check)', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (t, m) => {
        const src = splitLines(t);
        expect(encodingOf(t, src, m)).toEqual(detectEncoding(src, m));
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
