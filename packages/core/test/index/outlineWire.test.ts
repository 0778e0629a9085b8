import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { outlineFromWire, outlineToWire, parseOutline, parsePlan, type PlanFile } from '@plansight/core';
import { note, rng } from '../../../bench/src/gen.js';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../shared.js';

/** Either the wire form is refused, or the file comes back byte for byte (keys in the same order). */
function roundTrips(file: PlanFile): boolean {
  const wire = outlineToWire(file);
  if (!wire) return false;
  const back = outlineFromWire(file.path, structuredClone(wire));
  expect(JSON.stringify(back)).toBe(JSON.stringify(file));
  expect(back).toEqual(file);
  return true;
}

describe('outline wire form', () => {
  it('should carry the outline of a plain note: headings, title, encoding, kind', () => {
    const text = '\uFEFF# Notes on bridges\r\n\r\nSome prose.\r\n\r\n## Spans\r\n\r\nMore prose.\r\n';
    const file = parseOutline('a/b.md', text);
    expect(outlineToWire(file)).toEqual([file.kind, 'Notes on bridges', 1 | 4 | 16, [1, 'Notes on bridges', 1, 2, 'Spans', 5]]);
    expect(roundTrips(file)).toBe(true);
  });

  it('should keep an untitled note untitled and a note without a final newline so', () => {
    const file = parseOutline('c.md', 'just prose, no heading');
    expect(file.title).toBeUndefined();
    expect(roundTrips(file)).toBe(true);
    expect('title' in outlineFromWire('c.md', outlineToWire(file)!)).toBe(false);
  });

  it('should refuse a file that holds more than an outline', () => {
    const plan = parsePlan('p.md', '# Plan\n\n- [ ] Worker 1: build the parser\n');
    expect(plan.items.length + plan.checkboxes.total).toBeGreaterThan(0);
    expect(outlineToWire(plan)).toBeNull();
    const fm = parsePlan('f.md', '---\nowner: Alice\n---\n# Title\n');
    expect(outlineToWire(fm)).toBeNull();
  });

  it('should round-trip or refuse the outline of any generated note (fast-check)', () => {
    let carried = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 3000 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (s, size, eol, bom) => {
        const text = (bom ? '\uFEFF' : '') + note(rng(s), size).split('\n').join(eol);
        if (roundTrips(parseOutline(`n${s}.md`, text))) carried++;
      }),
      { numRuns: 300 },
    );
    expect(carried).toBeGreaterThan(100);
  });
});

describeShared('outline wire form on the seeds and corpus', () => {
  it('should round-trip or refuse every file, parsed as an outline or in full', () => {
    let refused = 0;
    for (const [name, text] of [...seedNames().map((n) => [n, seed(n)]), ...corpusNames().map((n) => [n, corpus(n)])] as [string, string][]) {
      roundTrips(parseOutline(name, text));
      if (!roundTrips(parsePlan(name, text))) refused++;
    }
    expect(refused).toBeGreaterThan(40);
  });
});
