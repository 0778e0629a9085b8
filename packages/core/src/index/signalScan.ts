/**
 * `planSignal` as one pass over the text. It answers exactly what SIGNAL_REGEX, HARD_HEADING or SIGNAL_WIDENED
 * answer (the tests hold the two equal on fuzzed text, the seeds, the corpus and generated vaults), several times
 * faster: the regex tries a hundred-word alternation at every position, this runs an automaton over the bytes: one
 * table load per byte. The automaton knows the signal words, the short signals (`->`, `#1`, `a@b`, `|`, `[x]`) and
 * how a line starts; it stops for a closer look only at a `-` after a word and at a line start that may matter.
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

/** Chars that make a line start worth the outline scan's look (its PREFIX chars, `#`, fences, `<`, `=`). */
const OUTLINE_START = new Uint8Array(128);
for (const ch of '>*+-.)0123456789#`~<=') OUTLINE_START[ch.charCodeAt(0)] = 1;
/** The outline scan's PREFIX: chars list and quote markers and the blanks around them are made of. */
const MARKER_RUN = new Uint8Array(128);
for (const ch of ' \t\v\f>*+-.)0123456789') MARKER_RUN[ch.charCodeAt(0)] = 1;

/** The word being read: between words, inside a word no signal word starts, or a trie node (1 and up). */
const OUT = -1;
const DEAD = -2;
/** While the table is built: any trie node with these EXACT and TO flags (below ENDS), read as if it had no children. */
const ENDS = -3;
/**
 * Where the line being read stands for `lineStartSignal`: past its start, at its start, in its leading blanks, in a
 * run of list and quote markers after them, or one or two `-` into a `---` at its start.
 */
const PAST = 0;
const START = 1;
const BLANKS = 2;
const MARKERS = 3;
const DASH1 = 4;
const DASH2 = 5;
/** What the byte just read lets the next one complete: `->` and `=>`, `#1`, `a@b`. */
const ARROW = 1;
const HASH = 2;
const AT = 3;
/** Why the scan stops at a byte: a closer look at a `-` after a word (an id or a date?), or at its line's start. */
const LOOK = 1;
const LINE = 2;
/** `to` then ` do`: how much of it was just read. */
const TO_SPACE = 1;
const TO_D = 2;
const TO_DO = 3;

/** One state of the automaton: all it needs to know of the bytes read so far, and why it stops here, if it does. */
interface Place {
  word: number;
  toDo: number;
  line: number;
  next: number;
  stop: number;
  /** Bytes since a `[` (1 just after it), up to 4, 0 if none or past a `]` or line break: a `]` then is a signal. */
  bracket: number;
}

interface Trie {
  kids: Map<number, number>[];
  flags: number[];
}

function buildTrie(): Trie {
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
  return { kids, flags };
}

/** The trie key of a word byte: letters in lower case. */
const wordKey = (c: number): number => c | (isLetter(c) ? 32 : 0);

/** The place after reading byte `c` at `at`, or null where the bytes read so far hold a signal. */
function step(trie: Trie, at: Place, c: number): Place | null {
  const inWord = isWordByte(c);
  const afterWord = at.word !== OUT;
  if (c === 93 && at.bracket > 0) return null;
  if (c === 124 || (at.next === ARROW && c === 62) || (at.next === HASH && isDigit(c)) || (at.next === AT && inWord)) return null;
  const wordFlags = at.word > 0 ? trie.flags[at.word]! : at.word <= ENDS ? ENDS - at.word : 0;
  let word: number;
  let toDo = 0;
  let next = 0;
  let stop = 0;
  if (inWord) {
    const node = at.word === DEAD || at.word <= ENDS ? undefined : trie.kids[at.word === OUT ? 0 : at.word]!.get(wordKey(c));
    if (node !== undefined && trie.flags[node]! & STEM) return null;
    word = node ?? DEAD;
    if (at.toDo === TO_SPACE && (c | 32) === 100) toDo = TO_D;
    else if (at.toDo === TO_D && (c | 32) === 111) toDo = TO_DO;
  } else {
    if (wordFlags & EXACT || at.toDo === TO_DO) return null;
    word = OUT;
    if (c === 32 && wordFlags & TO) toDo = TO_SPACE;
    if (c === 45 || c === 61) next = ARROW;
    else if (c === 35) next = HASH;
    else if (c === 64 && afterWord) next = AT;
    if (c === 45 && afterWord) stop = LOOK;
  }
  const lineBreak = c === 10 || c === 13;
  let line = PAST;
  if (at.line === PAST) line = lineBreak ? START : PAST;
  else if (at.line === START || at.line === BLANKS) {
    if (lineBreak) line = START;
    else if (at.line === START && c === 45) line = DASH1;
    else if (c <= 32) line = BLANKS;
    else if (OUTLINE_START[c] === 1) {
      if (MARKER_RUN[c] === 1) line = MARKERS;
      else stop |= LINE;
    }
  } else if (c === 45 && at.line === DASH2) return null;
  else if (c === 45 && at.line === DASH1) line = DASH2;
  else if (MARKER_RUN[c] === 1) line = MARKERS;
  else if (!isLetter(c)) {
    stop |= LINE;
    line = lineBreak ? START : PAST;
  }
  const bracket = c === 91 ? 1 : c === 10 || at.bracket === 0 || at.bracket === 4 ? 0 : at.bracket + 1;
  return { word, toDo, line, next, stop, bracket };
}

/**
 * The transition table, `table[row | byte]` where a state's row is `state << 7`, for ASCII bytes, and for each
 * state why the scan stops there (`STOP_OF`, MATCH for a signal) and the same state without the stop (`GO_ON`).
 * The states the scan stops at are numbered from STOPS on, so that their rows have the FLAG bit, and never leave
 * (every byte leads back to them): a part that stopped in a word of four bytes is still stopped at its end.
 */
function buildAutomaton(): { table: Int32Array; stopOf: Uint8Array; goOn: Int32Array } {
  const trie = buildTrie();
  const places: Place[] = [];
  const ids = new Map<number, number>();
  let goOn = 0;
  let stops = STOPS + 1;
  const idOf = (p: Place): number => {
    const key = (((((p.word + 2) * 4 + p.toDo) * 8 + p.line) * 4 + p.next) * 4 + p.stop) * 8 + p.bracket;
    let id = ids.get(key);
    if (id === undefined) {
      id = p.stop ? stops++ : goOn++;
      if (goOn > STOPS || stops > STOPS << 1) throw new Error('signalScan: too many automaton states');
      ids.set(key, id);
      places[id] = p;
    }
    return id;
  };
  const table = new Int32Array(FLAG << 1);
  const stopOf = new Uint8Array(STOPS << 1);
  const goOnRow = new Int32Array(STOPS << 1);
  const rowOf = (p: Place): Int32Array => {
    const row = new Int32Array(128);
    for (let c = 0; c < 128; c++) {
      const to = step(trie, p, c);
      row[c] = (to ? idOf(to) : MATCH_STATE) << 7;
    }
    return row;
  };
  // A trie node's row is the row of any node with its flags and the same other fields, but for its children: one
  // such row per kind of node (ENDS - flags) is enough, which keeps the build short.
  const shared = new Map<number, Int32Array>();
  const sharedRow = (p: Place): Int32Array => {
    const ends = p.word > 0 ? ENDS - (trie.flags[p.word]! & (EXACT | TO)) : p.word;
    const key = ((((ends + 16) * 4 + p.toDo) * 8 + p.line) * 4 + p.next) * 8 + p.bracket;
    let row = shared.get(key);
    if (row === undefined) shared.set(key, (row = rowOf({ ...p, word: ends, stop: 0 })));
    return row;
  };
  const fill = (s: number) => {
    const p = places[s]!;
    if (p.word === OUT) table.set(rowOf(p), s << 7);
    else {
      table.set(sharedRow(p), s << 7);
      if (p.word > 0) {
        for (const key of trie.kids[p.word]!.keys()) {
          const next = step(trie, p, key);
          const to = next ? idOf(next) : MATCH_STATE;
          table[(s << 7) | key] = to << 7;
          if (isLetter(key)) table[(s << 7) | (key ^ 32)] = to << 7;
        }
      }
    }
  };
  idOf({ word: OUT, toDo: 0, line: PAST, next: 0, stop: 0, bracket: 0 });
  idOf({ word: OUT, toDo: 0, line: START, next: 0, stop: 0, bracket: 0 });
  places[MATCH_STATE] = { word: OUT, toDo: 0, line: PAST, next: 0, stop: MATCH, bracket: 0 };
  // States are found on the way; a stop's own row leads back to it, and its state without the stop gets a row.
  for (let s = 0, t = STOPS; s < goOn || t < stops; ) {
    if (s < goOn) fill(s++);
    else {
      const p = places[t]!;
      stopOf[t] = p.stop;
      goOnRow[t] = p.stop === MATCH ? 0 : idOf({ ...p, stop: 0 }) << 7;
      table.fill(t << 7, t << 7, (t + 1) << 7);
      t++;
    }
  }
  return { table, stopOf, goOn: goOnRow };
}

/** States from STOPS on are stops; FLAG is the bit their rows have. */
const STOPS = 1024;
const FLAG = STOPS << 7;
/** The state a part of the text starts in (between words, past a line's start), the text's first, and a signal. */
const PAST_STATE = 0;
const START_STATE = 1 << 7;
const MATCH_STATE = STOPS;
const MATCH = 8;

const { table: TABLE, stopOf: STOP_OF, goOn: GO_ON } = buildAutomaton();
const HARD_AT = new RegExp(HARD_HEADING.source, 'my');

/** Bytes past the text read as NUL, so that lookaheads need no bounds checks. */
const PAD = 8;
const KEEP = 1 << 20;
const encoder = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);
let scratchWords = new Int32Array(scratch.buffer);

/** scanAscii reads four bytes at a time as one little-endian word. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Per part of the text (scanAscii's four chains): the line starts found. */
const PARTS = 4;
const partPos: Int32Array[] = [];
const partCount = new Int32Array(PARTS);
/** The text the last scan said no to: its line starts are in the part arrays. */
let startsText: string | undefined;
for (let j = 0; j < PARTS; j++) partPos.push(new Int32Array(256));

function recordStart(part: number, p: number): void {
  const k = partCount[part]!;
  if (k === partPos[part]!.length) {
    const pos = new Int32Array(k * 2);
    pos.set(partPos[part]!);
    partPos[part] = pos;
  }
  partPos[part]![k] = p;
  partCount[part] = k + 1;
}

let merged = new Int32Array(1024);

/**
 * The line starts `scanSignal` collected for `text`, ascending, if its last call was on this text, said no, and it
 * has no `\r`: every line whose first char other than whitespace or control chars may start a heading, fence, HTML
 * block, setext underline or rule, alone or after list and quote markers (a marker run followed by a letter is left
 * out) — the lines `scanOutlineAt` must look at. `pos` is a buffer the next call reuses.
 */
export function lineStarts(text: string): { pos: Int32Array; count: number } | null {
  if (startsText !== text || text.includes('\r')) return null;
  let total = 0;
  for (let j = 0; j < PARTS; j++) total += partCount[j]!;
  if (merged.length < total) merged = new Int32Array(total * 2);
  let k = 0;
  for (let j = 0; j < PARTS; j++) {
    const part = partPos[j]!;
    for (let i = 0; i < partCount[j]!; i++) merged[k++] = part[i]!;
  }
  return { pos: merged, count: total };
}

/**
 * Any of SIGNAL_REGEX, HARD_HEADING, SIGNAL_WIDENED. The text is copied into bytes first: if a char takes more
 * than one byte the text is not ASCII, which is a signal; otherwise the scan reads bytes, which is faster than
 * reading chars. A text that says no leaves its line starts for `lineStarts`.
 */
export function scanSignal(text: string): boolean {
  startsText = undefined;
  partCount.fill(0);
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
  // Each char outside ASCII takes two bytes or more: n chars are read into n bytes only when all are ASCII.
  const copied = encoder.encodeInto(text, bytes);
  if (copied.read !== n || copied.written !== n) return true;
  bytes.fill(0, n, n + PAD);
  // The scan reads one NUL past the text: a word or `to do` that ends the text ends there.
  const signal = LITTLE_ENDIAN ? scanAscii(text, bytes, words, n) : advance(text, bytes, 0, n + 1, START_STATE, 0) < 0;
  if (!signal) startsText = text;
  return signal;
}

/**
 * The scan over an ASCII text's bytes (`b[n]` and the next PAD - 1 bytes are 0; `w` is the same memory as words).
 * Each step waits for the table load of the step before, so the text is cut into four parts scanned side by side:
 * four independent chains keep the processor busy. A part starts after a space that follows a letter, where the
 * automaton is in PAST_STATE. The parts are read a word (four bytes) at a time with no test between bytes; a word in
 * which a part stopped is read again byte by byte from the state before it, to look at the stops.
 */
function scanAscii(text: string, b: Uint8Array, w: Int32Array, n: number): boolean {
  const q = n >> 2;
  const m1 = cut(b, q, n);
  const m2 = cut(b, Math.max(m1, 2 * q), n);
  const m3 = cut(b, Math.max(m2, 3 * q), n);
  const end = n + 1;
  // Each part runs byte by byte to a multiple of four, then word by word.
  const a1 = Math.min((m1 + 3) & ~3, m2);
  const a2 = Math.min((m2 + 3) & ~3, m3);
  const a3 = Math.min((m3 + 3) & ~3, end);
  let s0 = START_STATE;
  let s1 = advance(text, b, m1, a1, PAST_STATE, 1);
  let s2 = advance(text, b, m2, a2, PAST_STATE, 2);
  let s3 = advance(text, b, m3, a3, PAST_STATE, 3);
  if ((s1 | s2 | s3) < 0) return true;
  const len = Math.min(m1 >> 2, (m2 - a1) >> 2, (m3 - a2) >> 2, (end - a3) >> 2);
  const o1 = a1 >> 2;
  const o2 = a2 >> 2;
  const o3 = a3 >> 2;
  const table = TABLE;
  const flag = FLAG;
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
    if (((s0 | s1 | s2 | s3) & flag) !== 0) {
      const k4 = k << 2;
      if (s0 & flag && (s0 = advance(text, b, k4, k4 + 4, p0, 0)) < 0) return true;
      if (s1 & flag && (s1 = advance(text, b, a1 + k4, a1 + k4 + 4, p1, 1)) < 0) return true;
      if (s2 & flag && (s2 = advance(text, b, a2 + k4, a2 + k4 + 4, p2, 2)) < 0) return true;
      if (s3 & flag && (s3 = advance(text, b, a3 + k4, a3 + k4 + 4, p3, 3)) < 0) return true;
    }
  }
  const l4 = len << 2;
  return advance(text, b, l4, m1, s0, 0) < 0 || advance(text, b, a1 + l4, m2, s1, 1) < 0 || advance(text, b, a2 + l4, m3, s2, 2) < 0 || advance(text, b, a3 + l4, end, s3, 3) < 0;
}

/**
 * Where to cut the text near `at`: just after a space that follows a letter other than `o` (so not `to `) and no
 * `[` in the three bytes before, where the automaton is in PAST_STATE; n + 1 (the end of the last part) if none.
 */
function cut(b: Uint8Array, at: number, n: number): number {
  for (let j = Math.max(at, 3); j < n; j++) {
    if (b[j] === 32 && isLetter(b[j - 1]!) && (b[j - 1]! | 32) !== 111 && b[j - 2] !== 91 && b[j - 3] !== 91) return j + 1;
  }
  return n + 1;
}

/** Bytes `from` to `to` from state `s`, stops looked at: the state after, or -1 at a signal. */
function advance(text: string, b: Uint8Array, from: number, to: number, s: number, part: number): number {
  const table = TABLE;
  for (let i = from; i < to; i++) {
    s = table[s | b[i]!]!;
    if (s & FLAG) {
      const state = s >> 7;
      const why = STOP_OF[state]!;
      if (why === MATCH) return -1;
      if (why & LOOK && look(b, i)) return -1;
      if (why & LINE && lineStart(text, b, i, part)) return -1;
      s = GO_ON[state]!;
    }
  }
  return s;
}

/** The byte at `i` is a `-` after a word: is it in a story id or a date? */
function look(b: Uint8Array, i: number): boolean {
  return dateAt(b, i) || storyIdBefore(b, i);
}

/** The automaton stopped at `i` on a line start that may matter: look at the line from its start. */
function lineStart(text: string, b: Uint8Array, i: number, part: number): boolean {
  let p = i;
  while (p > 0 && b[p - 1] !== 10 && b[p - 1] !== 13) p--;
  return lineStartSignal(text, b, p, part);
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
  if (d === 35 && hardHeading(text, b, p, q)) return true;
  // After the marker run (`- `, `1. `, `> `) a letter means a list item or quote the outline scan passes over.
  if (!isLetter(d)) recordStart(part, p);
  return false;
}

/** Chars that make a heading's text inline markup for HARD_HEADING. */
const INLINE_MARK = new Uint8Array(128);
for (const ch of '`\\<[]*_~&!') INLINE_MARK[ch.charCodeAt(0)] = 1;

/**
 * HARD_HEADING at the line start `p`, where the first char after blanks and markers is the `#` at `h`. With only
 * spaces and tabs before it there is no marker, and only the regex's second branch can match: read it here.
 */
function hardHeading(text: string, b: Uint8Array, p: number, h: number): boolean {
  let k = p;
  while (k < h && (b[k] === 32 || b[k] === 9)) k++;
  if (k < h) {
    HARD_AT.lastIndex = p;
    return HARD_AT.test(text);
  }
  // ` {0,3}#{1,6}[ \t][^\n]*` then an inline mark
  for (k = p; k < h; k++) if (b[k] !== 32) return false;
  if (h - p > 3) return false;
  let e = h;
  while (b[e] === 35) e++;
  if (e - h > 6 || (b[e] !== 32 && b[e] !== 9)) return false;
  const n = text.length;
  for (let j = e + 1; j < n; j++) {
    const c = b[j]!;
    if (c === 10) return false;
    if (INLINE_MARK[c] === 1) return true;
  }
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
