import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Actor } from '../../src/model.js';
import { aliasMentions, lowerInPlace } from '../../src/parse/recognise/mentions.js';

const alice: Actor = { id: 'alice', name: 'Alice', aliases: ['Alice', 'Memory Jr'], kind: 'person', dependsOn: [], file: 'p.md', line: 1 };

describe('aliasMentions', () => {
  it('should give offsets into the text as written when lowering it would change its length', () => {
    expect(aliasMentions('İİ Alice and more', [alice])).toEqual([{ id: 'alice', name: 'Alice', kind: 'person', start: 3, end: 8 }]);
    expect(aliasMentions('ALİ asks memory jr', [alice])).toEqual([{ id: 'alice', name: 'memory jr', kind: 'person', start: 9, end: 18 }]);
  });

  it('should always name the text at its offsets (fast-check)', () => {
    const part = fc.constantFrom('İ', 'ß', 'Alice', 'ALICE', 'memory JR', ' ', 'x', '😀', '-', 'Σ');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        for (const m of aliasMentions(text, [alice])) {
          expect(text.slice(m.start, m.end)).toBe(m.name);
          expect(['alice', 'memory jr']).toContain(lowerInPlace(m.name));
        }
      }),
    );
  });
});

describe('lowerInPlace', () => {
  it('should keep the length of any text and lower what keeps its length (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const l = lowerInPlace(s);
        expect(l.length).toBe(s.length);
        if (s.toLowerCase().length === s.length) expect(l).toBe(s.toLowerCase());
      }),
    );
  });
});
