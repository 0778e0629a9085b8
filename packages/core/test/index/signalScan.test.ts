import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HARD_HEADING, SIGNAL_REGEX, SIGNAL_WIDENED, scanSignal } from '../../src/index/signalScan.js';
import { planSignal } from '../../src/index/planSignal.js';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../shared.js';

/** The definition the scanner replaces, widened where the recognisers read more than it saw. */
const reference = (text: string): boolean => SIGNAL_REGEX.test(text) || HARD_HEADING.test(text) || SIGNAL_WIDENED.test(text);

const WORDS =
  'worker workers agent agents team teams jr owner owners own owns status after need needs gate gates sprint sprints week weeks phase phases milestone milestones deliverable deliverables story stories issue issues task tasks todo done progress exclusive readonly shared critical enable enables round rounds day days estimate estimates hour hours hr hrs priority size eta next lead role roles expertise challenge challenges objective objectives goal goals risk risks checklist definition acceptance started pending review blocked merged shipped finished dropped paused hold deferred planned queued active working wip ongoing open closed resolved passed ready start starts before then require requires prerequisite prerequisites only edit edits create creates enhance enhances file files path paths folder folders directory src alice bob p0 p1 p2 p3 x s m l xl xs'.split(
    ' ',
  );
const STEMS = 'depend block wait complete assign coordinat criteri fail branch cancel finish modif'.split(' ');

/** Near misses as well as hits: prefixes and extensions of signal words, ids, dates. */
const WORDISH = [
  ...WORDS,
  ...STEMS,
  ...STEMS.map((s) => s.slice(0, -1)),
  ...WORDS.map((w) => w.toUpperCase()),
  ...WORDS.map((w) => w[0]!.toUpperCase() + w.slice(1)),
  ...WORDS.filter((w) => w.length > 2).map((w) => w.slice(0, -1)),
  ...WORDS.map((w) => w + 'q'),
  'to', 'do', 'To', 'DO', 'read', 'only', 'p4', 'p', 'xx', 'sm', 'ml', 'owner1', 'worker1', 'teams_', '_', 'x1', 'T1',
  'ABCD', 'abcde', 'A', '001', '12', '1', '2024', '99999', '-', '--', '---', '>', '=', '[', ']', '[ ]', '|', '#', '##',
  '@', '.', ',', '*', '+', '`', '1.', ':', '(', ')', '/', '\\', '!', '&', '<', '~', '\v', '\f', '\0',
];
/** Plain words, weighted so that about half of the texts have no signal. */
const PLAIN = ['river', 'garden', 'the', 'of', 'Plan', 'ideas', 'a', 'b', 'note', 'Canvas', 'lantern'];
const SEPARATORS = ['', '', ' ', ' ', ' ', ' ', '  ', '\t', '\n', '\n', '\r', '\r\n', '-', '.', ', '];
const token = fc
  .tuple(fc.oneof({ arbitrary: fc.constantFrom(...WORDISH), weight: 1 }, { arbitrary: fc.constantFrom(...PLAIN), weight: 3 }), fc.constantFrom(...SEPARATORS))
  .map(([w, sep]) => w + sep);
const asciiDoc = fc.array(token, { maxLength: 24 }).map((ts) => ts.join(''));
const ASCII_TOKENS = [...WORDISH, ...PLAIN, ...SEPARATORS];
const RUNS = Number(process.env.PLANSIGHT_FC_RUNS ?? 300);

describe('scanSignal answers exactly what the signal regexes answer', () => {
  it('on hand-picked texts', () => {
    const texts = [
      '', 'river', 'x', 'xy', 'X', 'it\'s', 'to do', 'to  do', 'to do_', 'to doing', 'TO DO.', 'todo', 'read-only', 'readonly',
      'a@b', '@alice', 'me@', 'depends', 'dependency', 'Blocked', 'wait', 'waiting', 'wai', 'p3', 'p4', 'P2', 'xl', 'xxl',
      'ab-12', 'abcd12-12', 'abcde-12', 'ab123-12', 'ab-c1', 'ab-c12', '_ab-12', 'x2024-01-02', '2024-1-02', '#1', '# 1',
      '[]', '[abc]', '[abcd]', '[\n]', '[\r]', '->', '=>', '= >', '|', '---', 'a\n---', 'a\r---', ' ---', '- # x', '1. # x',
      '> # x', '#  a*b', '# a', '## a `b`', '####### a*b', 'é', 'river\u2028---', '\uFEFF# x', 'riverstatus', 'status1',
      'enable', 'enables', 'enabled', 'criteria', 'criterion', 'modify', 'modified', 'hr', 'hrs', 'hrsx', 'size', 'sizes',
      'start', 'starts', 'started', 'startx', 'l', 'L.', 'm2', 'M', 'Worker01', 'team_2', 'agents7x', 'teamwork', 'ABCDEFG-12',
      'abcdefgh-1234', 'abcdefghi-12', 'ABCDEFGH12-12', 'ABCDEFGH123-12', 'garden-12', 'gardens-a12', 'x_abcde-12',
    ];
    for (const t of texts) expect(scanSignal(t), JSON.stringify(t)).toBe(reference(t));
  });

  it('on every signal word alone, and not on its neighbours', () => {
    for (const w of [...WORDS, ...STEMS]) {
      for (const t of [w, w.toUpperCase(), ` ${w}.`, `${w}_`, `a${w}`, `${w}9`, `${w.slice(0, -1)}`]) expect(scanSignal(t), t).toBe(reference(t));
    }
  });

  it('on generated ASCII text (fast-check)', () => {
    // The generator must reach both answers, the plain side especially.
    const sample = fc.sample(asciiDoc, { numRuns: 1000, seed: 1 });
    const plain = sample.filter((t) => !reference(t)).length;
    console.log(`scanSignal fuzz: ${plain} of 1000 sampled texts have no signal`);
    expect(plain).toBeGreaterThan(250);
    expect(plain).toBeLessThan(750);
    fc.assert(fc.property(asciiDoc, (t) => scanSignal(t) === reference(t)), { numRuns: RUNS * 10 });
  });

  it('on generated text with any characters (fast-check)', () => {
    const any = fc.array(fc.oneof(fc.constantFrom(...ASCII_TOKENS), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 20 }).map((ts) => ts.join(''));
    fc.assert(fc.property(any, (t) => scanSignal(t) === reference(t)), { numRuns: RUNS });
  });

  it('on long texts, wherever the one signal sits (the scan cuts a text in four parts)', () => {
    const long = fc.tuple(fc.array(fc.constantFrom(...PLAIN, ' ', ' ', '\n'), { minLength: 40, maxLength: 200 }), asciiDoc, fc.nat(), fc.constantFrom('', ' ', '\n'))
      .map(([ws, doc, at, sep]) => {
        const words = ws.join(' ').split(' ');
        const k = at % (words.length + 1);
        return [...words.slice(0, k), sep + doc + sep, ...words.slice(k)].join(' ');
      });
    fc.assert(fc.property(long, (t) => scanSignal(t) === reference(t)), { numRuns: RUNS * 3 });
  });

  it('on long texts, past the scratch buffer (signal only at the end)', () => {
    const long = 'river garden '.repeat(200_000);
    expect(scanSignal(long)).toBe(false);
    expect(scanSignal(long + 'status')).toBe(true);
    expect(scanSignal('river')).toBe(false);
    expect(planSignal(long + 'x')).toBe(true);
  });
});

describeShared('scanSignal on seeds and corpus, line by line', () => {
  it('agrees with the regexes on every file and every line', () => {
    const texts = [...seedNames().map(seed), ...corpusNames().map(corpus)];
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      expect(scanSignal(t)).toBe(reference(t));
      for (const line of t.split('\n')) expect(scanSignal(line), line).toBe(reference(line));
    }
  });
});
