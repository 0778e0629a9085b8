import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../../core/test/shared';
import { looksLikePlan, PLAN_SIGNS } from '../src/index/planIndex';

/** The definition: at least two different signs match (every sign tested). */
const naive = (path: string, text: string) =>
  /(^|\/)DAILY_STATUS\.md$/i.test(path) || PLAN_SIGNS.filter((re) => re.test(text)).length >= 2;

const fragments = [
  '# Worker 1', '## Team 3 notes', '### Sprint 2', '# Daily Status', 'week 3', '- ✅ Done', '* 🔄 doing', '- âœ… mojibake',
  'Depends on: A', 'blocks :', 'Issue #12', 'T1-001', 'AB12-345', '- [ ] task', '* [x] done', 'plain prose', 'worker 2', '',
  '#Worker 1', 'dependencies', 'x-123',
];
const text = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 8 })), { maxLength: 12 }).chain((parts) =>
  fc.array(fc.constantFrom('\n', ' ', '\r\n', ''), { minLength: parts.length, maxLength: parts.length }).map((seps) =>
    parts.map((p, i) => p + seps[i]).join(''),
  ),
);

describe('looksLikePlan stops early but answers as the two-sign definition', () => {
  it('on generated texts mixing every sign', () => {
    fc.assert(
      fc.property(fc.constantFrom('notes/a.md', 'DAILY_STATUS.md', 'x/daily_status.md'), text, (path, t) => {
        expect(looksLikePlan(path, t)).toBe(naive(path, t));
      }),
      { numRuns: 3000 },
    );
  });
  it('on one-sign and two-sign fixtures', () => {
    expect(looksLikePlan('n.md', 'prose that blocks: nothing')).toBe(false);
    expect(looksLikePlan('n.md', 'prose\n- [ ] one task')).toBe(false);
    expect(looksLikePlan('n.md', '- [ ] one task\nDepends on: T1-001')).toBe(true);
    expect(looksLikePlan('n.md', '# Worker 1\nblocked by: the build')).toBe(true);
  });
});

describeShared('looksLikePlan on the seeds and the corpus', () => {
  it('answers as the definition on every file', () => {
    const files = [...seedNames().map((n) => seed(n)), ...corpusNames().map((n) => corpus(n))];
    expect(files.length).toBeGreaterThan(40);
    for (const t of files) expect(looksLikePlan('notes/x.md', t)).toBe(naive('notes/x.md', t));
  });
});
