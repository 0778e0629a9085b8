import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plain, prefixedSlug, slug } from '../../src/text/inline.js';
import { DEFAULT_VOCABULARY, statusOfText, mergeVocabulary, type StatusVocabulary } from '../../src/status.js';
import { actorMentions } from '../../src/parse/recognise/mentions.js';
import type { Actor, Status } from '../../src/model.js';

/** The implementations before the fast paths (prechecks, memos, the ASCII slug loop): the outputs must not differ. */
function referencePlain(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[\[([^\]|]+)\|([^\]]+)\]\]/g, '$2')
    .replace(/\[\[([^\]]+)\]\]/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/(\*\*|__)(?=\S)(.*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(.*?)~~/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/\\([\\`*_{}\[\]()#+\-.!|>~])/g, '$1')
    .replace(/\*\*/g, '')
    .trim();
}

function referenceSlug(s: string): string {
  const out = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out.slice(0, 60).replace(/-+$/g, '') || 'item';
}

function referenceStatusOfText(text: string, vocab: StatusVocabulary): Status | null {
  const t = text.replace(/[*_`]/g, '').trim();
  if (!t) return null;
  const lower = t.toLowerCase();
  let best: { len: number; status: Status } | null = null;
  for (const [word, status] of Object.entries(vocab.words)) {
    if (word.length <= (best?.len ?? 0)) continue;
    const i = lower.indexOf(word);
    if (i < 0) continue;
    const before = i === 0 ? ' ' : lower[i - 1]!;
    const after = lower[i + word.length] ?? ' ';
    if (/[a-z0-9]/.test(before) || /[a-z0-9]/.test(after)) continue;
    best = { len: word.length, status };
  }
  if (best) return best.status;
  const pct = /(\d{1,3})\s*%/.exec(t);
  if (pct) {
    const p = Number(pct[1]);
    return p <= 0 ? 'todo' : p >= 100 ? 'done' : 'in-progress';
  }
  for (const [emoji, status] of Object.entries(vocab.emoji)) if (t.includes(emoji)) return status;
  return null;
}

/** Markup-dense text: every mark the inline stripper knows, words, spaces, non-ASCII letters and emoji. */
const markup = fc
  .array(
    fc.constantFrom(
      '[', ']', '(', ')', '!', '|', '<', '>', '*', '**', '_', '__', '~', '~~', '`', '\\', ' ', '  ', '\t', 'a', 'B', 'x',
      'word', 'Done', 'in progress', '50%', '✅', 'é', 'É', 'ﬁ', '-', ':', '#', '/', 'b>', '<i>', '[[', ']]', '](', '![',
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('inline text fast paths', () => {
  it('plain gives what the unconditional replace chain gives (fast-check)', () => {
    fc.assert(
      fc.property(markup, (s) => {
        expect(plain(s)).toBe(referencePlain(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('plain keeps its examples', () => {
    expect(plain('ga**te** [x](u) [[a|b]] <b>c</b> ~~d~~ `e` \\*')).toBe('gate x b c d e *');
    expect(plain('  ![alt](img.png) and [[Wiki]]  ')).toBe('alt and Wiki');
  });

  it('slug gives what NFKD and the regex chain give, ASCII or not (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(markup, fc.string({ maxLength: 90 }), fc.string({ unit: 'binary', maxLength: 90 })), (s) => {
        expect(slug(s)).toBe(referenceSlug(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('slug cuts at 60 characters without a trailing dash', () => {
    expect(slug(`${'a'.repeat(59)} bcd`)).toBe('a'.repeat(59));
    expect(slug('--Hello,  World!--')).toBe('hello-world');
    expect(slug('***')).toBe('item');
  });

  it('statusOfText reads words, percentages and emoji as before, for the default and a merged vocabulary (fast-check)', () => {
    const merged = mergeVocabulary(DEFAULT_VOCABULARY, { words: { 'Ready For QA': 'in-progress' }, emoji: { '🧪': 'in-progress' } });
    const text = fc
      .array(fc.constantFrom('done', 'not started', 'in', 'progress', ' ', '-', '_', '*', 'x', '0', '%', '100', '✅', '🧪', 'ready for qa', 'blocked by', 'Open'), { maxLength: 12 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(statusOfText(s, DEFAULT_VOCABULARY)).toBe(referenceStatusOfText(s, DEFAULT_VOCABULARY));
        expect(statusOfText(s, merged)).toBe(referenceStatusOfText(s, merged));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('actor mentions memo', () => {
  const actor = (id: string, aliases: string[]): Actor => ({ id, name: aliases[0]!, aliases, kind: 'person', dependsOn: [], file: 'p.md', line: 1 });

  it('sees actors and aliases added after a first lookup of the same text', () => {
    const actors: Actor[] = [actor('alice', ['Alice'])];
    const text = 'Alice hands over to Bobby, then Worker 2 and the Reviewer';
    expect(actorMentions(text, actors).map((m) => m.id)).toEqual(['alice', 'worker-2']);
    actors.push(actor('bob', ['Bob']));
    // "Bob" is not a whole word in "Bobby".
    expect(actorMentions(text, actors).map((m) => m.id)).toEqual(['alice', 'worker-2']);
    actors[1]!.aliases.push('Bobby');
    expect(actorMentions(text, actors).map((m) => m.id)).toEqual(['alice', 'bob', 'worker-2']);
    actors[0]!.aliases.push('the Reviewer');
    expect(actorMentions(text, actors).map((m) => m.id)).toEqual(['alice', 'bob', 'worker-2']);
    expect(actorMentions('the reviewer alone', actors).map((m) => m.id)).toEqual(['alice']);
  });

  it('gives a separate answer per actor list', () => {
    const text = 'Carol and Dave';
    expect(actorMentions(text, [actor('carol', ['Carol'])]).map((m) => m.id)).toEqual(['carol']);
    expect(actorMentions(text, [actor('dave', ['Dave'])]).map((m) => m.id)).toEqual(['dave']);
  });
});

describe('slug on ASCII text (bytes decoded as latin1)', () => {
  it('agrees with the regex definition', () => {
    const ascii = fc.string({ unit: fc.constantFrom(...' -_.:aZq09\t#*/()'.split(''), 'ab', 'Word', 'x'.repeat(25)), maxLength: 40 });
    fc.assert(fc.property(ascii, (s) => slug(s) === referenceSlug(s)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 90 }), (s) => slug(s) === referenceSlug(s)), { numRuns: 2000 });
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
