import fc from 'fast-check';

/** Plan-like markdown lines: the constructs the block stream distinguishes, at container-relevant indents. */
const INDENTS = ['', ' ', '  ', '   ', '    ', '      ', '\t'];
const PIECES = [
  '# Heading', '## Worker 1: Status', '### Gate 1: Week 4 #', '#NoSpace',
  '- item', '* item', '+ item', '1. first', '2) second', '10. tenth', '-', '- [ ] todo', '- [x] done', '- [X] Done',
  '- [/] half', '- [✅] emoji', '- [ ]', '- - nested', '- **Owner**: Alice',
  '| A | B |', '|---|---|', '| 1 | 2 |', 'a | b', '--- | ---', '| x |',
  '```', '```ts', '~~~', '````', '> quote', '> - [ ] quoted task', '>', '> - item in a quote',
  '---', '***', '===', '<div>', '</div>', '<!-- note', 'end -->', '<span>x</span>',
  'plain text', '**Status**: ✅ Done', 'Issue #145 blocked', 'T1-001: setup (M)', 'text with `code` and *em*',
  '✅ Completed: thing', '🔄 In Progress: other', '-      code after the marker', '1.     [x] code',
  '- # Heading in an item', '1. ```', '- * * *', '- <div>',
];

/** Quotes the line scanner does not model (the fast pass reads their sections with remark): rare, as in plans. */
const NESTED_QUOTES = ['> > nested quote', '>   > deeper', '- > quote in an item', '1. > quote in an item'];

export const planLine = fc.oneof(
  { weight: 120, arbitrary: fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...PIECES)).map(([i, p]) => i + p) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...NESTED_QUOTES)).map(([i, p]) => i + p) },
);
export const planDoc = fc
  .array(fc.oneof({ weight: 5, arbitrary: planLine }, { weight: 2, arbitrary: fc.constant('') }), { minLength: 1, maxLength: 25 })
  .map((ls) => ls.join('\n'));
