import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/model.js';
import { actorId, mayBeNumbered, numberedActor } from '../../src/ids.js';
import { findActor } from '../../src/parse/recognise/actors.js';
import { actorWords, aliasMentions, hasNumberedWord, LEAD_WORD, NUMBERED_WORD } from '../../src/parse/recognise/mentions.js';

/** Strings rich in the letters, separators and case pairs the pre-checks look at. */
const text = fc
  .array(fc.constantFrom('worker', 'WORKER', 'Agent', 'teAm', 'lead', 'Lead', ' ', '-', '_', 'coordinator', 'jr', '1', '03', 'é', 'İ', '\u212A', 'ſ', '\t', 'x', '@', '`'), { maxLength: 8 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(text, fc.string(), fc.string({ unit: 'binary', maxLength: 12 }));

describe('actor word pre-checks', () => {
  it('actorWords flags exactly what the word patterns match', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const w = actorWords(s);
        expect(!!(w & NUMBERED_WORD)).toBe(/worker|agent|team/i.test(s));
        expect(!!(w & LEAD_WORD)).toBe(/lead[ -]coordinator/i.test(s));
        expect(hasNumberedWord(s)).toBe(/worker|agent|team/i.test(s));
      }),
    );
  });

  it('a name ruled out by its first code unit is never numbered', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        if (!mayBeNumbered(s.charCodeAt(0))) expect(/^(workers?|agents?|teams?)[ _-]*0*(\d{1,3})$/i.test(s.trim())).toBe(false);
      }),
    );
    expect(numberedActor(' Worker_01')).toEqual({ id: 'worker-1', kind: 'worker' });
    expect(numberedActor('\u00a0teams 2')).toEqual({ id: 'team-2', kind: 'team' });
    expect(numberedActor('xworker 1')).toBeNull();
    expect(actorId('A7')).toBe('agent-7');
    expect(actorId('@Memory Jr')).toBe('memory-jr');
  });
});

function actor(id: string, aliases: string[]): Actor {
  return { id, name: aliases[0] ?? id, aliases, kind: 'person', dependsOn: [], file: 'p.md', line: 1 };
}

const names = fc.constantFrom('Alice', 'alice', 'Bob', 'Worker 1', 'worker-1', 'İlk', 'Memory Jr', 'memory-jr', 'Ünal', '@Bob');
const actorList = fc.array(fc.tuple(names, fc.array(names, { maxLength: 3 })), { maxLength: 5 }).map((xs) => xs.map(([n, al]) => actor(actorId(n), [n, ...al])));

describe('actor lookups', () => {
  it('findActor answers as a linear search by id, then by alias', () => {
    fc.assert(
      fc.property(actorList, names, (actors, name) => {
        const n = name.trim().replace(/^@/, '');
        const lower = n.toLowerCase();
        const want = actors.find((a) => a.id === actorId(n)) ?? actors.find((a) => a.aliases.some((x) => x.toLowerCase() === lower));
        expect(findActor(actors, name)).toBe(want);
        // Aliases appended later are seen.
        actors[0]?.aliases.push(name);
        const again = actors.find((a) => a.id === actorId(n)) ?? actors.find((a) => a.aliases.some((x) => x.toLowerCase() === lower));
        expect(findActor(actors, name)).toBe(again);
      }),
    );
  });

  it('aliasMentions finds whole-word aliases with any neighbour', () => {
    const actors = [actor('alice', ['Alice']), actor('bob', ['Bob'])];
    fc.assert(
      fc.property(fc.constantFrom('', 'x', '_', '1', 'é', ' ', '-', '\ud800', 'İ'), fc.constantFrom('', 'x', '_', '1', 'é', ' ', '.', '\udc00'), (a, b) => {
        const s = `${a}alice${b} and ${a}BOB`;
        const word = (c: string) => c !== '' && /[\p{L}\p{N}_]/u.test(c);
        const ids = aliasMentions(s, actors).map((m) => m.id);
        // The neighbours as written: `İ` is a letter, though lowering it ends in a combining mark.
        expect(ids.includes('alice')).toBe(!word(a.slice(-1)) && !word(b.slice(0, 1)));
        expect(ids.includes('bob')).toBe(!word(a.slice(-1)));
      }),
    );
  });
});

describe('boldLeadActors', () => {
  it('answers as without its first-character pre-check', async () => {
    const { boldLeadActors } = await import('../../src/parse/recognise/actors.js');
    const reference = (text: string) => {
      const m = /^(?:\*\*|__)([^*_]{2,60}?)(?:\*\*|__)/.exec(text.trim());
      if (!m || !/j`*r/i.test(m[1]!)) return [];
      const parts = m[1]!.split(/\s*(?:\+|,|&|\/|;|\band\b)\s*/).map((x) => x.replace(/^@/, '').replace(/[*_`]/g, '').trim()).filter((x) => x && !/^(tbd|none|n\/a|unassigned|all|all teams|everyone|-|—|\[.*\]|.*\bname|\?)$/i.test(x));
      if (!parts.length || !parts.some((p) => /\bjr\.?$/i.test(p))) return [];
      if (!parts.every((p) => /^[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}$/.test(p))) return [];
      return parts.map((name) => ({ name, kind: /\bjr\.?$/i.test(name) ? 'jr' : 'person' }));
    };
    const lead = fc.constantFrom('', ' ', '\u00a0', '\ufeff', '\t', 'x', '-', '*', '_', '**', '__', '`');
    const body = fc.constantFrom('Memory Jr', 'Medicine Woman + Meta Jr', 'Alice, Bob Jr.', 'Meta J`r', 'none', 'Status');
    fc.assert(
      fc.property(lead, fc.constantFrom('**', '__', '*'), body, fc.constantFrom('**', '__', ''), fc.constantFrom('', ' (SBOM) - x', ': jr'), (a, o, b, c, d) => {
        const text = `${a}${o}${b}${c}${d}`;
        expect(boldLeadActors(text)).toEqual(reference(text));
      }),
    );
  });
});
