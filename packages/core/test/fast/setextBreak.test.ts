import { describe, expect, it } from 'vitest';
import { fastBlocks } from '../../src/fast/blocks.js';
import { remarkBlocks } from '../../src/parse/remarkBlocks.js';

const headings = (blocks: ReturnType<typeof fastBlocks>) => blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : []));

describe('fast pass: hard line breaks inside a setext heading', () => {
  const cases: [string, string][] = [
    ['river  \nriver\n ---', 'riverriver'],
    ['river\\\nriver\n===', 'riverriver'],
    ['x   \ny  \nz\n---', 'xyz'],
    ['> q  \n> r\n> ---', 'qr'],
    ['*a*  \n`b`\n---', 'ab'],
    ['a\\\\\nb\n---', 'a\\\nb'],
    ['a \nb\n---', 'a\nb'],
    ['a\nb\n---', 'a\nb'],
    // Found by fast-check with random seeds (sixth session): code spans across lines and breaks, tabs, escapes.
    ['river\n    ```\n`code`\n-', 'river\n```\ncode'],
    ['`code`  \n    ```\n-', 'code```'],
    ['`a  \nb`\n---', 'a  \nb'],
    ['`x`  \n``\n---', 'x``'],
    ['\\`code`\n---', '`code`'],
    ['a\t  \nb\n---', 'a\nb'],
    ['a\\  \nb\n---', 'a\\b'],
    ['- a  \n  b\n  ---', 'ab'],
    ['- `x`  \n  ``\n  ---', 'x``'],
    // A continuation line's indentation stays inside a code span (remark), and goes outside it.
    ['T1-001: setup (M)\n\t```ts\n\t```ts\n---', 'T1-001: setup (M)\nts\n\tts'],
    ['a\n  `x\n  y`\n---', 'a\nx\n  y'],
    ['> a\n>   `x\n>   y`\n> ---', 'a\nx\n  y'],
    ['a  \n   b\n---', 'ab'],
    ['a\n  *b\n  c*\n---', 'a\nb\nc'],
    // A code span's padding may be a line ending (fast-check: `river ``` river / ``` `code` / -`).
    ['river ``` river\n``` `code`\n-', 'river river code'],
    ['a `\nb\n` c\n---', 'a b c'],
    // `***` or `~~~` before a line ending opens nothing (fast-check: `| A | B |` / `    ***` / `**Status**: ✅ Done`).
    ['| A | B |\n    ***\n**Status**: ✅ Done\n-', '| A | B |\n***\nStatus: ✅ Done'],
    ['a | b\n    ~~~\n      ~~~\n===', 'a | b\n~~~\n~~~'],
    ['***b**\n---', '*b'],
    ['**a\nb**\n---', 'a\nb'],
  ];
  for (const [text, want] of cases) {
    it(`reads ${JSON.stringify(text)} as remark does`, () => {
      const lines = text.split('\n');
      expect(headings(remarkBlocks(lines))).toEqual([want]);
      expect(headings(fastBlocks(lines))).toEqual([want]);
    });
  }
});
