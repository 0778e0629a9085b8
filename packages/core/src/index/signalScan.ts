/**
 * `planSignal` as one pass over the text. It answers exactly what SIGNAL_REGEX, HARD_HEADING or SIGNAL_WIDENED
 * answer (the tests hold the two equal on fuzzed text, the seeds, the corpus and generated vaults), several times
 * faster: the regex tries a hundred-word alternation at every position, this runs an automaton over the bytes: one
 * table load per byte, and a closer look only at the few bytes that may start a signal.
 */

/** The original definition, kept as the reference the scanner is tested against. */
export const SIGNAL_REGEX =
  /[^\x00-\x7f]|\[[^\]\n]{0,3}\]|#\d|\||->|=>|\d{4}-\d\d-\d\d|^---|\b(?:workers?|agents?|teams?|jr|owners?|owns?|own|status|depend\w*|block\w*|after|needs?|wait\w*|gates?|sprints?|weeks?|phases?|milestones?|deliverables?|stor(?:y|ies)|issues?|tasks?|todo|to do|done|complete\w*|progress|assign\w*|exclusive|read-only|readonly|shared|coordinat\w*|critical|enables?|rounds?|days?|criteri\w*|fail\w*|estimates?|hours?|hrs?|priority|size|eta|next|lead|roles?|branch\w*|expertise|challenges?|objectives?|goals?|risks?|checklist|definition|acceptance|started|pending|review|blocked|merged|shipped|finished|cancel\w*|dropped|paused|hold|deferred|planned|queued|active|working|wip|ongoing|open|closed|resolved|passed|ready|starts?|finish\w*|before|then|requires?|prerequisites?|only|edits?|creates?|enhances?|modif\w*|files?|paths?|folders?|directory|src|alice|bob|@\w+|p[0-3]|[xsml]|xl|xs)\b|\b[A-Z]{1,4}\d{0,2}-[A-Z]?\d{2,4}/im;

/**
 * What the recognisers read that SIGNAL_REGEX missed (fast-check and the corpus lines found them): a numbered actor
 * written as one word (`Worker01`, `team_2`), and a story id of five to eight letters (`ABCDEFG-12: …` in a list).
 */
export const SIGNAL_WIDENED = /\b(?:workers?|agents?|teams?)[\d_]|\b[A-Z]{5,8}\d{0,2}-[A-Z]?\d{2,4}/i;

/**
 * Headings the outline-only fast pass may read differently from remark: inside a list item or quote (`1. # x`),
 * or with inline markup in their text (`## \`\`\` \`code\``). Such notes take the full parse.
 */
export const HARD_HEADING = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)+#{1,6}(?:[ \t]|$)|^ {0,3}#{1,6}[ \t][^\n]*[`\\<[\]*_~&!]/m;

/** Whole words (case-insensitive) that are a signal. `read-only` needs no entry: its `only` is a word of its own. */
const WORDS =
  'worker workers agent agents team teams jr owner owners own owns status after need needs gate gates sprint sprints week weeks phase phases milestone milestones deliverable deliverables story stories issue issues task tasks todo done progress exclusive readonly shared critical enable enables round rounds day days estimate estimates hour hours hr hrs priority size eta next lead role roles expertise challenge challenges objective objectives goal goals risk risks checklist definition acceptance started pending review blocked merged shipped finished dropped paused hold deferred planned queued active working wip ongoing open closed resolved passed ready start starts before then require requires prerequisite prerequisites only edit edits create creates enhance enhances file files path paths folder folders directory src alice bob p0 p1 p2 p3 x s m l xl xs';
/** Words that are a signal with anything after them (`depend\w*`), numbered actors written as one word among them. */
const STEMS = [
  ...'depend block wait complete assign coordinat criteri fail branch cancel finish modif'.split(' '),
  ...['worker', 'workers', 'agent', 'agents', 'team', 'teams'].flatMap((w) => [...'0123456789_'].map((c) => w + c)),
].join(' ');

const EXACT = 1;
const STEM = 2;
/** `to`: a signal when ` do` follows as a word. */
const TO = 4;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isWordByte = (c: number): boolean => isLetter(c) || isDigit(c) || c === 95;

/** Bytes outside words that may start a signal: line starts, `[`, `#1`, `|`, `->`, dates, `=>`, `a@b`. */
const SPECIAL_BYTES = '\n\r[#|-=@';

/** Automaton states: between words, inside a word no signal word starts, then one state per trie node. */
const OUT = 0;
const DEAD = 1;
/** Codes the automaton stops on. */
const MATCH = -1;
const SPECIAL = -2;
const TO_CHECK = -3;
/**
 * In the table a code is a state of its own, CODE_STATE - 1 - code, whose row is OUT's: the scan can run on
 * through a stop and look back at it later. Entering one sets the FLAG bit, and a flagged state's row is its
 * unflagged row with FLAG set in every entry: once set, the flag stays until the scan clears it.
 */
const CODE_STATE = 1024;
const FLAG = 1024 << 7;

/**
 * The transition table, `table[row | byte]` where a state's row is `state << 7`, for ASCII bytes. Words are matched whole (`\b…\b`) and
 * case-insensitively through a trie of WORDS and STEMS; entering a stem, or leaving an exact word, is a match.
 */
function buildAutomaton(): { table: Int32Array; exact: Uint8Array } {
  const kids: Map<number, number>[] = [new Map()];
  const flags: number[] = [0];
  const add = (word: string, flag: number) => {
    let n = 0;
    for (const ch of word) {
      const c = ch.charCodeAt(0);
      let k = kids[n]!.get(c);
      if (k === undefined) {
        k = kids.length;
        kids.push(new Map());
        flags.push(0);
        kids[n]!.set(c, k);
      }
      n = k;
    }
    flags[n] = flags[n]! | flag;
  };
  for (const w of WORDS.split(' ')) add(w, EXACT);
  for (const w of STEMS.split(' ')) add(w, STEM);
  add('to', TO);
  // Trie node t (t >= 1) is state t + 1; the root (0) is OUT.
  const states = kids.length + 1;
  if (states > CODE_STATE - 3) throw new Error('signalScan: too many automaton states');
  // A state is stored as its row offset (state << 7), so that a step is one OR and one load.
  const table = new Int32Array(FLAG << 1);
  const exact = new Uint8Array(CODE_STATE);
  const enter = (node: number | undefined): number => (node === undefined ? DEAD : flags[node]! & STEM ? MATCH : node + 1);
  for (let s = 0; s < states; s++) {
    const node = s === OUT ? 0 : s === DEAD ? -1 : s - 1;
    const f = node > 0 ? flags[node]! : 0;
    if (f & EXACT) exact[s] = 1;
    for (let c = 0; c < 128; c++) {
      let to: number;
      if (isWordByte(c)) to = node < 0 ? DEAD : enter(kids[node]!.get(c | (isLetter(c) ? 32 : 0)));
      else if (f & EXACT) to = MATCH;
      else if (SPECIAL_BYTES.includes(String.fromCharCode(c))) to = SPECIAL;
      else if (f & TO && c === 32) to = TO_CHECK;
      else to = OUT;
      table[(s << 7) | c] = to < 0 ? ((CODE_STATE + to) << 7) | FLAG : to << 7;
    }
  }
  for (let code = -3; code < 0; code++) table.copyWithin((CODE_STATE + code) << 7, 0, 128);
  for (let k = 0; k < FLAG; k++) table[FLAG | k] = table[k]! | FLAG;
  return { table, exact };
}

const { table: TABLE, exact: EXACT_STATE } = buildAutomaton();
const HARD_AT = new RegExp(HARD_HEADING.source, 'my');

/** Bytes past the text read as NUL, so that lookaheads need no bounds checks. */
const PAD = 8;
const KEEP = 1 << 20;
const encoder = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);
let scratchWords = new Int32Array(scratch.buffer);
/** scanAscii reads four bytes at a time as one little-endian word. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The lines `scanOutline` must look at, found by the signal scan of a text without signal: every line whose first
 * char other than whitespace or control chars may start a heading, fence, HTML block, setext underline or rule,
 * alone or after list and quote markers (a marker run followed by a letter is left out). `pos[k]` is where line `line[k]` (1-based) starts, ascending; `breaks` counts the `\n`s.
 */
export interface OutlineStarts {
  pos: Int32Array;
  line: Int32Array;
  count: number;
  breaks: number;
}

/** Chars that make a line start worth the outline scan's look (its PREFIX chars, `#`, fences, `<`, `=`). */
const OUTLINE_START = new Uint8Array(128);
for (const ch of '>*+-.)0123456789#`~<=') OUTLINE_START[ch.charCodeAt(0)] = 1;
/** The outline scan's PREFIX: chars list and quote markers and the blanks around them are made of. */
const MARKER_RUN = new Uint8Array(128);
for (const ch of ' \t\v\f>*+-.)0123456789') MARKER_RUN[ch.charCodeAt(0)] = 1;

/** Per part of the text (scanAscii's four chains): line starts found, as position and the part's `\n` count. */
const PARTS = 4;
const partPos: Int32Array[] = [];
const partLine: Int32Array[] = [];
const partCount = new Int32Array(PARTS);
const partBreaks = new Int32Array(PARTS);
let sawCR = false;
/** The text the last scan said no to, when it had no `\r`: its line starts are in the part arrays. */
let startsText: string | undefined;
for (let j = 0; j < PARTS; j++) {
  partPos.push(new Int32Array(256));
  partLine.push(new Int32Array(256));
}

function recordStart(part: number, p: number): void {
  const k = partCount[part]!;
  if (k === partPos[part]!.length) {
    const pos = new Int32Array(k * 2);
    const line = new Int32Array(k * 2);
    pos.set(partPos[part]!);
    line.set(partLine[part]!);
    partPos[part] = pos;
    partLine[part] = line;
  }
  partPos[part]![k] = p;
  partLine[part]![k] = partBreaks[part]!;
  partCount[part] = k + 1;
}

/** The line starts `scanSignal` collected for `text`, if its last call was on this text, said no, and saw no `\r`. */
export function outlineStarts(text: string): OutlineStarts | null {
  if (startsText !== text) return null;
  let total = 0;
  for (let j = 0; j < PARTS; j++) total += partCount[j]!;
  const pos = new Int32Array(total);
  const line = new Int32Array(total);
  let k = 0;
  let before = 0;
  for (let j = 0; j < PARTS; j++) {
    const ps = partPos[j]!;
    const ls = partLine[j]!;
    for (let i = 0; i < partCount[j]!; i++, k++) {
      pos[k] = ps[i]!;
      line[k] = 1 + before + ls[i]!;
    }
    before += partBreaks[j]!;
  }
  return { pos, line, count: total, breaks: before };
}

/**
 * Any of SIGNAL_REGEX, HARD_HEADING, SIGNAL_WIDENED. The text is copied into bytes first: if a char takes more
 * than one byte the text is not ASCII, which is a signal; otherwise the scan reads bytes, which is faster than
 * reading chars. A text that says no leaves its line starts for `outlineStarts`.
 */
export function scanSignal(text: string): boolean {
  startsText = undefined;
  sawCR = false;
  partCount.fill(0);
  partBreaks.fill(0);
  const n = text.length;
  let bytes = scratch;
  let words = scratchWords;
  if (bytes.length < n + PAD) {
    bytes = new Uint8Array((n + PAD + 3) & ~3);
    words = new Int32Array(bytes.buffer);
    if (n + PAD <= KEEP) {
      scratch = bytes;
      scratchWords = words;
    }
  }
  // n chars fit in n bytes only when every char is one byte.
  if (encoder.encodeInto(text, bytes.subarray(0, n)).read! < n) return true;
  bytes.fill(0, n, n + PAD);
  const signal = LITTLE_ENDIAN ? scanAscii(text, bytes, words, n) : lineStartSignal(text, bytes, 0, 0) || rest(text, bytes, n, 0, n, OUT, 0);
  if (!signal && !sawCR) startsText = text;
  return signal;
}

/**
 * The scan over an ASCII text's bytes (`b[n]` and the next PAD - 1 bytes are 0; `w` is the same memory as words).
 * Each step waits for the table load of the step before, so the text is cut after a space into four parts scanned
 * side by side: four independent chains keep the processor busy. A part starts between words, where the automaton
 * starts. The parts are read a word (four bytes) at a time with no test between bytes; a word in which a part
 * stopped is read again byte by byte from the state before it, to look at the stops.
 */
function scanAscii(text: string, b: Uint8Array, w: Int32Array, n: number): boolean {
  if (n > 0 && lineStartSignal(text, b, 0, 0)) return true;
  const q = n >> 2;
  const m1 = cutAfterSpace(b, q, n);
  const m2 = cutAfterSpace(b, Math.max(m1, 2 * q), n);
  const m3 = cutAfterSpace(b, Math.max(m2, 3 * q), n);
  // Each part runs byte by byte to a multiple of four, then word by word.
  const a1 = Math.min((m1 + 3) & ~3, m2);
  const a2 = Math.min((m2 + 3) & ~3, m3);
  const a3 = Math.min((m3 + 3) & ~3, n);
  let s0 = OUT;
  let s1 = advance(text, b, n, m1, a1, OUT, 1);
  let s2 = advance(text, b, n, m2, a2, OUT, 2);
  let s3 = advance(text, b, n, m3, a3, OUT, 3);
  if ((s1 | s2 | s3) < 0) return true;
  const len = Math.min(m1 >> 2, (m2 - a1) >> 2, (m3 - a2) >> 2, (n - a3) >> 2);
  const o1 = a1 >> 2;
  const o2 = a2 >> 2;
  const o3 = a3 >> 2;
  const table = TABLE;
  for (let k = 0; k < len; k++) {
    const x0 = w[k]!;
    const x1 = w[o1 + k]!;
    const x2 = w[o2 + k]!;
    const x3 = w[o3 + k]!;
    const p0 = s0;
    const p1 = s1;
    const p2 = s2;
    const p3 = s3;
    s0 = table[s0 | (x0 & 255)]!;
    s1 = table[s1 | (x1 & 255)]!;
    s2 = table[s2 | (x2 & 255)]!;
    s3 = table[s3 | (x3 & 255)]!;
    s0 = table[s0 | ((x0 >>> 8) & 255)]!;
    s1 = table[s1 | ((x1 >>> 8) & 255)]!;
    s2 = table[s2 | ((x2 >>> 8) & 255)]!;
    s3 = table[s3 | ((x3 >>> 8) & 255)]!;
    s0 = table[s0 | ((x0 >>> 16) & 255)]!;
    s1 = table[s1 | ((x1 >>> 16) & 255)]!;
    s2 = table[s2 | ((x2 >>> 16) & 255)]!;
    s3 = table[s3 | ((x3 >>> 16) & 255)]!;
    s0 = table[s0 | (x0 >>> 24)]!;
    s1 = table[s1 | (x1 >>> 24)]!;
    s2 = table[s2 | (x2 >>> 24)]!;
    s3 = table[s3 | (x3 >>> 24)]!;
    if (((s0 | s1 | s2 | s3) & FLAG) !== 0) {
      const k4 = k << 2;
      if (s0 & FLAG && (s0 = advance(text, b, n, k4, k4 + 4, p0, 0)) < 0) return true;
      if (s1 & FLAG && (s1 = advance(text, b, n, a1 + k4, a1 + k4 + 4, p1, 1)) < 0) return true;
      if (s2 & FLAG && (s2 = advance(text, b, n, a2 + k4, a2 + k4 + 4, p2, 2)) < 0) return true;
      if (s3 & FLAG && (s3 = advance(text, b, n, a3 + k4, a3 + k4 + 4, p3, 3)) < 0) return true;
    }
  }
  // The rest of each part, one at a time; a part ends with a space, so only the last can end inside a word.
  const l4 = len << 2;
  return rest(text, b, n, l4, m1, s0, 0) || rest(text, b, n, a1 + l4, m2, s1, 1) || rest(text, b, n, a2 + l4, m3, s2, 2) || rest(text, b, n, a3 + l4, n, s3, 3);
}

/** Where to cut the text near `at`: just after the next space (or at the end). */
function cutAfterSpace(b: Uint8Array, at: number, n: number): number {
  const sp = b.indexOf(32, at);
  return sp < 0 || sp >= n ? n : sp + 1;
}

/** Bytes `from` to `to` from state `s`, stops looked at: the state after, or -1 at a signal. */
function advance(text: string, b: Uint8Array, n: number, from: number, to: number, s: number, part: number): number {
  const table = TABLE;
  for (let i = from; i < to; i++) {
    s = table[s | b[i]!]!;
    if (s & FLAG) {
      s ^= FLAG;
      if (stop(text, b, n, i, s, part)) return -1;
    }
  }
  return s;
}

/** The end of a part: a signal in it, or an exact word running to its end. */
function rest(text: string, b: Uint8Array, n: number, from: number, to: number, s: number, part: number): boolean {
  const after = advance(text, b, n, from, to, s, part);
  return after < 0 || EXACT_STATE[after >> 7] === 1;
}

/** The automaton stopped at `i` (in part `part` of the text) in code state `s`: is it a signal? */
function stop(text: string, b: Uint8Array, n: number, i: number, s: number, part: number): boolean {
  const code = (s >> 7) - CODE_STATE;
  return code === MATCH || (code === SPECIAL ? special(text, b, n, i, part) : toDo(b, i));
}

/** ` do` after `to`, `do` a whole word (`b[i]` is the space). */
function toDo(b: Uint8Array, i: number): boolean {
  return (b[i + 1]! | 32) === 100 && (b[i + 2]! | 32) === 111 && !isWordByte(b[i + 3]!);
}

/** The byte at `i` is one of SPECIAL_BYTES: does a signal start here? */
function special(text: string, b: Uint8Array, n: number, i: number, part: number): boolean {
  switch (b[i]) {
    case 10: // \n
      partBreaks[part]!++;
      return i + 1 < n && lineStartSignal(text, b, i + 1, part);
    case 13: // \r: a line start for `^` as well
      sawCR = true;
      return i + 1 < n && lineStartSignal(text, b, i + 1, part);
    case 91:
      // [ then at most three chars other than ] and \n, then ]
      for (let j = i + 1; j < i + 5; j++) {
        const d = b[j];
        if (d === 93) return true;
        if (d === 10) break;
      }
      return false;
    case 35: // #digit
      return isDigit(b[i + 1]!);
    case 124: // |
      return true;
    case 45: // ->, dates, story ids
      return b[i + 1] === 62 || dateAt(b, i) || storyIdBefore(b, i);
    case 61: // =>
      return b[i + 1] === 62;
    case 64: // word@word
      return i > 0 && isWordByte(b[i - 1]!) && isWordByte(b[i + 1]!);
  }
  return false;
}

/**
 * A line starts at `p`: frontmatter or rule `---`, or a heading the outline pass leaves to the full parse. Else
 * the line start is recorded for the outline scan if it may matter to it.
 */
function lineStartSignal(text: string, b: Uint8Array, p: number, part: number): boolean {
  if (b[p] === 45 && b[p + 1] === 45 && b[p + 2] === 45) return true;
  const n = text.length;
  let q = p;
  let c = b[q]!;
  // The outline scan's fence test skips any blank or control char; bytes past the text are 0, so stop at its end.
  while (c <= 32 && c !== 10 && q < n) c = b[++q]!;
  if (OUTLINE_START[c] !== 1 || q >= n) return false;
  let d = c;
  while (d < 128 && MARKER_RUN[d] === 1) d = b[++q]!;
  // HARD_HEADING is `^[ \t]*`, list and quote markers with their blanks (none or more), then `#`.
  if (d === 35) {
    HARD_AT.lastIndex = p;
    if (HARD_AT.test(text)) return true;
  }
  // After the marker run (`- `, `1. `, `> `) a letter means a list item or quote the outline scan passes over.
  if (!isLetter(d)) recordStart(part, p);
  return false;
}

/** `\b[A-Z]{1,8}\d{0,2}-[A-Z]?\d{2,4}` with its `-` at `i`: the whole word before is 1-8 letters, 0-2 digits. */
function storyIdBefore(b: Uint8Array, i: number): boolean {
  let start = i;
  while (start > 0 && start > i - 11 && isWordByte(b[start - 1]!)) start--;
  if (start === i || (start > 0 && isWordByte(b[start - 1]!))) return false;
  let k = start;
  while (k < i && isLetter(b[k]!)) k++;
  const letters = k - start;
  if (letters < 1 || letters > 8) return false;
  while (k < i && isDigit(b[k]!)) k++;
  if (k !== i || i - start - letters > 2) return false;
  let j = i + 1;
  if (isLetter(b[j]!)) j++;
  return isDigit(b[j]!) && isDigit(b[j + 1]!);
}

/** `\d{4}-\d\d-\d\d` with its first `-` at `i`. */
function dateAt(b: Uint8Array, i: number): boolean {
  return (
    i >= 4 &&
    isDigit(b[i - 4]!) &&
    isDigit(b[i - 3]!) &&
    isDigit(b[i - 2]!) &&
    isDigit(b[i - 1]!) &&
    isDigit(b[i + 1]!) &&
    isDigit(b[i + 2]!) &&
    b[i + 3] === 45 &&
    isDigit(b[i + 4]!) &&
    isDigit(b[i + 5]!)
  );
}
