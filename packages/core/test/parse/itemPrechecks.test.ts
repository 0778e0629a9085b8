import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STORY_ID } from '../../src/ids.js';
import { plain } from '../../src/text/inline.js';
import type { WorkItem } from '../../src/model.js';
import type { ItemSpan } from '../../src/parse/context.js';
import { cleanTitle, innermostByLine, mayLeadBold, mayLeadId, mayLeadStoryHeading, mayLeadStoryId } from '../../src/parse/recognise/items.js';

/** Strings near the shapes the pre-checks guard: ids, `#n`, `story`, bold marks, odd whitespace. */
const idLike = fc
  .array(fc.constantFrom('A', 'B', 'Z', 'a', 'z', 'S', 'story', 'Story ', 'STORY', '1', '2', '0', '-', '–', '#', '*', '_', '**', '__', ' ', '\t', '\u00a0', '\u2003', '\ufeff', ':', 'x', 'é', 'İ', 'ſ', 'K'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

const STORY_LEAD = new RegExp(`^${STORY_ID.source}`);
const ID_LEAD = new RegExp(`^(?:${STORY_ID.source}|#(\\d{1,6}))`);
const STORY_HEADING = new RegExp(`^(?:story\\s+)?${STORY_ID.source}\\s*[:\\-–—]\\s*(.+)$`, 'i');

describe('items pre-checks never reject what their regex accepts', () => {
  it('mayLeadStoryId, mayLeadId, mayLeadStoryHeading, mayLeadBold', () => {
    fc.assert(
      fc.property(fc.oneof(idLike, fc.string()), (s) => {
        if (STORY_LEAD.test(s)) expect(mayLeadStoryId(s)).toBe(true);
        if (ID_LEAD.test(s)) expect(mayLeadId(s)).toBe(true);
        if (STORY_HEADING.test(s)) expect(mayLeadStoryHeading(s)).toBe(true);
        if (/^(?:\*\*|__)/.test(s.trim())) expect(mayLeadBold(s)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts the usual leads', () => {
    expect(mayLeadStoryId('FT-001: x')).toBe(true);
    expect(mayLeadStoryId('Recipe ocean')).toBe(false);
    expect(mayLeadId('#12 x')).toBe(true);
    expect(mayLeadStoryHeading('Story T1-001: x')).toBe(true);
    expect(mayLeadStoryHeading('Weeks 1-2: x')).toBe(false);
    expect(mayLeadBold('**Branch**: x')).toBe(true);
    expect(mayLeadBold('Branch: x')).toBe(false);
  });
});

/** cleanTitle as it was written before its fast path. */
function cleanTitleReference(s: string): string {
  const p = plain(s);
  if (!/[^\S ]| {2}/.test(p) && !/[\s:–—-]$/.test(p)) return p.trim();
  return p
    .replace(/\s+/g, ' ')
    .replace(/[\s:–—-]+$/, '')
    .trim();
}

describe('cleanTitle', () => {
  const titleLike = fc
    .array(fc.constantFrom('Task', 'one', ' ', '  ', '\t', '\u00a0', '\u3000', '\ufeff', ':', '-', '–', '—', '*', '**', '_', '`', '[[', ']]', '<b>', '\\', '~~', 'é', '2h'), {
      maxLength: 14,
    })
    .map((parts) => parts.join(''));

  it('agrees with the reference on titles full of marks, whitespace and trailing punctuation', () => {
    fc.assert(
      fc.property(fc.oneof(titleLike, fc.string()), (s) => {
        expect(cleanTitle(s)).toBe(cleanTitleReference(s));
      }),
      { numRuns: 3000 },
    );
  });
});

/** The line map as it was built: spans painted longest first, then by start, then in order. */
function lineMapReference(spans: ItemSpan[]): (WorkItem | undefined)[] {
  const map: (WorkItem | undefined)[] = [];
  const order = spans.map((s, i) => ({ s, i })).sort((a, b) => b.s.end - b.s.start - (a.s.end - a.s.start) || a.s.start - b.s.start || a.i - b.i);
  for (const { s } of order) for (let l = s.start; l <= s.end; l++) map[l] = s.item;
  return map;
}

describe('innermostByLine', () => {
  it('gives every line the item the sorted painting gives it', () => {
    const span = fc.record({ start: fc.integer({ min: 1, max: 30 }), len: fc.integer({ min: 0, max: 12 }), item: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 25 }), (raw) => {
        const items = Array.from({ length: 6 }, (_, k) => ({ id: `i${k}` }) as WorkItem);
        const spans: ItemSpan[] = raw.map((r) => ({ item: items[r.item]!, start: r.start, end: r.start + r.len }));
        const got = innermostByLine(spans);
        const want = lineMapReference(spans);
        for (let l = 0; l <= 45; l++) expect(got[l]).toBe(want[l]);
      }),
      { numRuns: 500 },
    );
  });
});
