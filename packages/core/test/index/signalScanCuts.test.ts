import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HARD_HEADING, SIGNAL_REGEX, SIGNAL_WIDENED, scanSignal } from '../../src/index/signalScan.js';

const reference = (text: string): boolean => SIGNAL_REGEX.test(text) || HARD_HEADING.test(text) || SIGNAL_WIDENED.test(text);

/** Signals and near misses that span a few bytes: the scan must see them whole wherever it cuts the text. */
const SNIPPETS = ['[a b]', '[ab c]', '[a  b]', '[\nb]', 'a [b', 'to do', 'go do', 'to  do', 'to\ndo', 'to do_', 'a-b', '2024-01-02', 'ab-12', 'x', 'a x', '#1', '# 1', 'a@b', 'a @b', '->', '- >', '=>', '\n---', '\n- # x', '\n  ```', '\n> # a', 'status', 'statu', 'worker_', 'workerx'];

describe('scanSignal cuts a long text in four parts without losing a signal across a cut', () => {
  it('with each snippet at every offset around the cut points', () => {
    const base = 'river garden lantern canvas '.repeat(8);
    for (const snippet of SNIPPETS) {
      for (let at = 0; at <= base.length; at++) {
        const text = base.slice(0, at) + snippet + base.slice(at);
        expect(scanSignal(text), JSON.stringify([at, snippet])).toBe(reference(text));
      }
    }
  });

  it('on generated texts of plain words with snippets anywhere (fast-check)', () => {
    const token = fc.oneof(
      { arbitrary: fc.constantFrom('river', 'garden', 'canvas', 'a', 'go', 'to', 'lo', 'b', '[', ']', '-', '12', '\n', '  '), weight: 6 },
      { arbitrary: fc.constantFrom(...SNIPPETS), weight: 1 },
    );
    const text = fc.array(fc.tuple(token, fc.constantFrom(' ', ' ', '', '\n')), { minLength: 8, maxLength: 80 }).map((ts) => ts.map(([a, b]) => a + b).join(''));
    fc.assert(fc.property(text, (t) => scanSignal(t) === reference(t)), { numRuns: Number(process.env.PLANSIGHT_FC_RUNS ?? 300) * 5 });
  });
});

describe('scanSignal reads heading lines as HARD_HEADING does', () => {
  it('on generated heading lines after blanks, markers and line breaks (fast-check)', () => {
    const lead = fc.array(fc.constantFrom(' ', '  ', '\t', '\v', '\f', '\r', '- ', '* ', '1. ', '2) ', '> ', '>', '-', '1.'), { maxLength: 3 }).map((ls) => ls.join(''));
    const text = fc.array(fc.constantFrom('river', 'garden', ' ', '\t', '#', '`', '\\', '<', '[', ']', '*', '_', '~', '&', '!', '(', '\r', '1'), { maxLength: 8 }).map((ws) => ws.join(''));
    const line = fc.tuple(lead, fc.integer({ min: 1, max: 8 }), fc.constantFrom(' ', '\t', '', 'a'), text).map(([l, h, sep, t]) => l + '#'.repeat(h) + sep + t);
    const doc = fc.tuple(fc.array(line, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\n\nriver garden\n', '\r\n')).map(([ls, eol]) => ls.join(eol));
    fc.assert(fc.property(doc, (t) => scanSignal(t) === reference(t)), { numRuns: Number(process.env.PLANSIGHT_FC_RUNS ?? 300) * 10 });
  });
});
