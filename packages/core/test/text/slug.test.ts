import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefixedSlug, slug } from '../src/text/inline.js';

/** `slug` as first written: the definition the fast ASCII path must keep. */
function slugByRegex(s: string): string {
  const out = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out.slice(0, 60).replace(/-+$/g, '') || 'item';
}

describe('slug on ASCII text (bytes decoded as latin1)', () => {
  it('agrees with the regex definition', () => {
    const ascii = fc.string({ unit: fc.constantFrom(...' -_.:aZq09\t#*/()'.split(''), 'ab', 'Word', 'x'.repeat(25)), maxLength: 40 });
    fc.assert(fc.property(ascii, (s) => slug(s) === slugByRegex(s)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 90 }), (s) => slug(s) === slugByRegex(s)), { numRuns: 2000 });
  });

  it('cuts at 60 characters without a trailing dash, and names an empty slug item', () => {
    expect(slug('a'.repeat(59) + ' b')).toBe('a'.repeat(59));
    expect(slug('A'.repeat(70))).toBe('a'.repeat(60));
    expect(slug('  --  ')).toBe('item');
    expect(slug('Ship v2.0: Login & Sign-up!')).toBe('ship-v2-0-login-sign-up');
  });
});

describe('prefixedSlug', () => {
  it('is the prefix joined to the slug, for any prefix and text', () => {
    const part = fc.oneof(
      fc.string({ unit: fc.constantFrom(...' -_.:aZq09#é'.split(''), 'Word', 'x'.repeat(25)), maxLength: 12 }),
      fc.string({ maxLength: 8 }),
    );
    const prefix = fc.oneof(fc.constantFrom('plan:', 'a-b:', '', 'ü:', 'x'.repeat(195) + ':', 'x'.repeat(196) + ':'), fc.string({ maxLength: 10 }));
    fc.assert(fc.property(prefix, part, (p, s) => prefixedSlug(p, s) === p + slug(s)), { numRuns: 3000 });
  });
});
