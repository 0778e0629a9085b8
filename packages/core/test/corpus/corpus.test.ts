import { expect, it } from 'vitest';
import { buildModel, parsePlan } from '../../src/index.js';
import { reportJson } from '../../../cli/src/commands/report.js';
import { corpus, corpusNames, describeShared } from '../shared.js';

/** A plain count of GFM task items outside fenced code: what the parser's checkbox total must equal. */
export function countTaskItems(text: string): { total: number; checked: number } {
  let fence: string | null = null;
  let total = 0;
  let checked = 0;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && /^\s*[`~]+\s*$/.test(line)) fence = null;
      continue;
    }
    if (f) {
      fence = f[1]!;
      continue;
    }
    const m = /^\s*(?:>\s?)*\s*(?:[-*+]|\d{1,9}[.)])\s+\[([ xX])\](?:[ \t]|$)/.exec(line);
    if (m) {
      total++;
      if (m[1] !== ' ') checked++;
    }
  }
  return { total, checked };
}

describeShared('the corpus of real plans', () => {
  const timings: string[] = [];
  for (const name of corpusNames()) {
    it(`should parse ${name} without an exception, count its checkboxes, and match its snapshot`, async () => {
      const text = corpus(name);
      const start = performance.now();
      const file = parsePlan(name, text);
      timings.push(`${name}: ${Math.round(performance.now() - start)} ms`);
      expect(file.diagnostics.filter((d) => d.code === 'parser-error' || d.code === 'parse-failed')).toEqual([]);
      expect(file.checkboxes).toEqual(countTaskItems(text));
      await expect(JSON.stringify(reportJson(buildModel([file])), null, 1) + '\n').toMatchFileSnapshot(`./snapshots/${name.replace(/\.md$/, '')}.json`);
    });
  }
  it('should log how long each file took (measured, not asserted)', () => {
    console.log(`corpus parse times (machine shared, not asserted):\n  ${timings.join('\n  ')}`);
    expect(timings).toHaveLength(corpusNames().length);
  });
});
