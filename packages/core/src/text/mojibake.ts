/**
 * Mojibake: UTF-8 bytes that were decoded as Windows-1252 or Mac Roman and saved again (`âœ…` for ✅,
 * `‚ùå` for ❌), sometimes with a byte lost where cp1252 has no character (`âŒ` for ❌, `â³` for ⏳).
 *
 * The repair works one line at a time and never touches ASCII, so line numbers are unchanged; `repairLine`
 * also returns where each repaired character came from, so columns can be mapped back to the original.
 */

export type Charset = 'cp1252' | 'macroman';

export interface MojibakeStyle {
  charset: Charset;
  /** cp1252 bytes with no character (0x81 0x8D 0x8F 0x90 0x9D): dropped, or kept as C1 control characters. */
  undefinedBytes: 'drop' | 'c1';
}

const CP1252_HIGH =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const CP1252_UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

const MACROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü' +
  '†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' +
  '¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ' +
  '‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

function buildDecodeTable(charset: Charset): string[] {
  const table: string[] = [];
  for (let b = 0; b < 256; b++) {
    if (b < 0x80) table.push(String.fromCharCode(b));
    else if (charset === 'cp1252') table.push(b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b));
    else table.push(MACROMAN_HIGH[b - 0x80]!);
  }
  return table;
}

const DECODE: Record<Charset, string[]> = {
  cp1252: buildDecodeTable('cp1252'),
  macroman: buildDecodeTable('macroman'),
};

function buildEncodeTable(charset: Charset): Map<number, number> {
  const map = new Map<number, number>();
  DECODE[charset].forEach((ch, b) => {
    if (b >= 0x80) map.set(ch.codePointAt(0)!, b);
  });
  return map;
}

const ENCODE: Record<Charset, Map<number, number>> = {
  cp1252: buildEncodeTable('cp1252'),
  macroman: buildEncodeTable('macroman'),
};

/** Decode one UTF-8 sequence at `i`; returns [codePoint, length] or null. */
function decodeUtf8At(bytes: number[], i: number): [number, number] | null {
  const b0 = bytes[i]!;
  let n: number;
  let cp: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    n = 1;
    cp = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 2;
    cp = b0 & 0x0f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 3;
    cp = b0 & 0x07;
  } else return null;
  for (let k = 1; k <= n; k++) {
    const b = bytes[i + k];
    if (b === undefined || b < 0x80 || b > 0xbf) return null;
    cp = (cp << 6) | (b & 0x3f);
  }
  if ((n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff))) return null;
  if (cp >= 0xd800 && cp <= 0xdfff) return null;
  return [cp, n + 1];
}

/** Symbols status lines use, in the order a dropped-byte guess should prefer them. */
const PREFERRED = new Set([
  0x2705, 0x274c, 0x274e, 0x23f3, 0x231b, 0x26a0, 0x2714, 0x2713, 0x2717, 0x2718, 0x27a1, 0x2192, 0x2190, 0x2191,
  0x2193, 0x2194, 0x21d2, 0x2b50, 0x26a1, 0x2611, 0x2b1c, 0x2b1b, 0x23f8, 0x23ed, 0x23f1, 0x23f0, 0x231a, 0x2757,
  0x2753, 0x2764, 0x2728, 0x270f, 0x2702, 0x26d4, 0x2699, 0x267b, 0x2b06, 0x2b07, 0x2022, 0x2026, 0x2014, 0x2013,
  0x201c, 0x201d, 0x2018, 0x2019, 0x2122, 0x2260, 0x2264, 0x2265, 0x2248, 0x00d7,
]);

/** How likely a guessed code point is what the writer meant: lower is better, Infinity is implausible. */
function guessRank(cp: number): number {
  if (PREFERRED.has(cp)) return 0;
  if (cp >= 0x1f300 && cp <= 0x1faff) return 1;
  if (cp >= 0x2700 && cp <= 0x27bf) return 2;
  if (cp >= 0x2600 && cp <= 0x26ff) return 3;
  if (cp >= 0x2300 && cp <= 0x23ff && !(cp >= 0x2336 && cp <= 0x237a)) return 4;
  if (cp >= 0x2190 && cp <= 0x21ff) return 5;
  if (cp >= 0x2b00 && cp <= 0x2bff) return 6;
  return Infinity;
}

function expectedLength(b0: number): number {
  if (b0 >= 0xc2 && b0 <= 0xdf) return 2;
  if (b0 >= 0xe0 && b0 <= 0xef) return 3;
  if (b0 >= 0xf0 && b0 <= 0xf4) return 4;
  return 0;
}

interface RunResult {
  text: string;
  /** For each UTF-16 unit of `text`, the index of the run character it came from. */
  from: number[];
  /** Clean UTF-8 sequences decoded, weighted above guesses; characters left as they were count against. */
  score: number;
  repaired: number;
}

/** Decode a run of high bytes as UTF-8, guessing bytes that cp1252 lost. */
function decodeRun(bytes: number[], chars: string[], charset: Charset): RunResult {
  let text = '';
  const from: number[] = [];
  let repaired = 0;
  let score = 0;
  let i = 0;
  const push = (s: string, src: number) => {
    for (let k = 0; k < s.length; k++) from.push(src);
    text += s;
  };
  while (i < bytes.length) {
    const ok = decodeUtf8At(bytes, i);
    if (ok) {
      push(String.fromCodePoint(ok[0]), i);
      i += ok[1];
      repaired++;
      score += 3;
      continue;
    }
    const guess = charset === 'cp1252' ? guessDroppedByte(bytes, i) : null;
    if (guess) {
      push(String.fromCodePoint(guess[0]), i);
      i += guess[1];
      repaired++;
      score += 1;
      continue;
    }
    const lead = guessDroppedLead(bytes, i);
    if (lead) {
      push(String.fromCodePoint(lead[0]), i);
      i += lead[1];
      repaired++;
      score += 1;
      continue;
    }
    push(chars[i]!, i);
    i++;
    score -= 1;
  }
  return { text, from, score, repaired };
}

/** A multi-byte sequence missing one of its continuation bytes, lost because cp1252 has no character for it. */
function guessDroppedByte(bytes: number[], i: number): [number, number] | null {
  const len = expectedLength(bytes[i]!);
  if (len < 3) return null;
  const have = len - 1;
  for (let k = 1; k < have; k++) {
    const b = bytes[i + k];
    if (b === undefined || b < 0x80 || b > 0xbf) return null;
  }
  let best: [number, number] | null = null;
  let bestRank = Infinity;
  for (let at = 1; at < len; at++) {
    for (const missing of CP1252_UNDEFINED) {
      const candidate = [...bytes.slice(i, i + at), missing, ...bytes.slice(i + at, i + have)];
      const dec = decodeUtf8At(candidate, 0);
      if (!dec || dec[1] !== len) continue;
      const rank = guessRank(dec[0]);
      if (rank < bestRank) {
        bestRank = rank;
        best = [dec[0], have];
      }
    }
  }
  return best;
}

/** Three continuation bytes whose 0xF0 lead was lost (`Ÿ”„` for 🔄). */
function guessDroppedLead(bytes: number[], i: number): [number, number] | null {
  const b = bytes[i]!;
  if (b < 0x80 || b > 0xbf) return null;
  const dec = decodeUtf8At([0xf0, ...bytes.slice(i, i + 3)], 0);
  if (dec && dec[1] === 4 && dec[0] >= 0x1f300 && dec[0] <= 0x1faff) return [dec[0], 3];
  return null;
}

function runOf(line: string, start: number, charset: Charset): { bytes: number[]; chars: string[]; end: number } {
  const bytes: number[] = [];
  const chars: string[] = [];
  let i = start;
  const enc = ENCODE[charset];
  while (i < line.length) {
    const cp = line.codePointAt(i)!;
    let b = enc.get(cp);
    if (b === undefined && charset === 'cp1252' && cp >= 0x80 && cp <= 0x9f) b = cp;
    if (b === undefined) break;
    bytes.push(b);
    chars.push(String.fromCodePoint(cp));
    i += cp > 0xffff ? 2 : 1;
  }
  return { bytes, chars, end: i };
}

export interface RepairedLine {
  text: string;
  /** `from[i]` is the index in the original line of the character that produced `text[i]`; length text.length + 1. */
  from: number[];
  changed: boolean;
}

function isCandidateStart(cp: number): boolean {
  return cp >= 0x80 && cp !== 0xfeff;
}

/** Repair one line. Lines without suspicious characters come back unchanged and cheaply. */
/** Characters that can start a mojibake run; a line without any is its own repair. */
const CANDIDATE = /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122\u221a\u2248\uf8ff\u00fc]/;

/** False when `repairLine(line)` certainly leaves the line unchanged. */
export function mayHaveMojibake(line: string): boolean {
  return CANDIDATE.test(line);
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);
/** Texts longer than this are tested with the regex rather than copied. */
const MAX_COPY = 1 << 20;

/**
 * `mayHaveMojibake` for a whole text: every candidate is outside ASCII, and copying a text into bytes tells
 * whether it is ASCII several times faster than the regex runs over it.
 */
export function textMayHaveMojibake(text: string): boolean {
  const n = text.length;
  if (n <= MAX_COPY) {
    if (scratch.length < n) scratch = new Uint8Array(n);
    // Each char outside ASCII takes two bytes or more: n chars are read into n bytes only when all are ASCII.
    const r = encoder.encodeInto(text, scratch);
    if (r.read === n && r.written === n) return false;
  }
  return CANDIDATE.test(text);
}

export function repairLine(line: string): RepairedLine {
  if (!CANDIDATE.test(line)) {
    return { text: line, from: identity(line.length), changed: false };
  }
  let out = '';
  const from: number[] = [];
  let changed = false;
  let i = 0;
  while (i < line.length) {
    const cp = line.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (!isCandidateStart(cp)) {
      out += line.slice(i, i + width);
      for (let k = 0; k < width; k++) from.push(i + k);
      i += width;
      continue;
    }
    let best: { res: RunResult; end: number; start: number } | null = null;
    for (const charset of ['cp1252', 'macroman'] as const) {
      const run = runOf(line, i, charset);
      if (run.bytes.length < 2) continue;
      const res = decodeRun(run.bytes, run.chars, charset);
      if (res.repaired > 0 && res.score > 0 && (!best || res.score > best.res.score)) best = { res, end: run.end, start: i };
    }
    if (best) {
      // Map run-character indexes back to original UTF-16 offsets.
      const offsets: number[] = [];
      for (let k = best.start; k < best.end; ) {
        offsets.push(k);
        k += line.codePointAt(k)! > 0xffff ? 2 : 1;
      }
      out += best.res.text;
      for (const f of best.res.from) from.push(offsets[f]!);
      changed = true;
      i = best.end;
    } else {
      out += line.slice(i, i + width);
      for (let k = 0; k < width; k++) from.push(i + k);
      i += width;
    }
  }
  from.push(line.length);
  return { text: out, from, changed };
}

function identity(n: number): number[] {
  const a = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) a[i] = i;
  return a;
}

/** Repair a whole text, line by line, keeping every line ending as it is. */
export function repairText(text: string): string {
  return text.replace(/[^\r\n]+/g, (l) => repairLine(l).text);
}

/** Does the text hold mojibake, and in which style? Null when it reads as clean UTF-8. */
export function detectMojibake(text: string): MojibakeStyle | null {
  let cp1252 = 0;
  let mac = 0;
  let c1 = 0;
  for (const m of text.matchAll(/[^\r\n]+/g)) {
    const line = m[0];
    if (!/[\u0080-\u00ff\u2018-\u2122\u221a\uf8ff]/.test(line)) continue;
    const r = repairLine(line);
    if (!r.changed) continue;
    if (/[\u0080-\u009f]/.test(line)) c1++;
    if (/[√≈\uf8ff]|‚[úùÜ]/.test(line)) mac++;
    else cp1252++;
  }
  if (cp1252 === 0 && mac === 0) return null;
  return { charset: mac > cp1252 ? 'macroman' : 'cp1252', undefinedBytes: c1 > 0 ? 'c1' : 'drop' };
}

/** Encode clean text the way a mojibake file spells it, so a new line matches the bytes around it. */
export function encodeMojibake(text: string, style: MojibakeStyle): string {
  const table = DECODE[style.charset];
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out += ch;
      continue;
    }
    const bytes = new TextEncoder().encode(ch);
    for (const b of bytes) {
      if (style.charset === 'cp1252' && CP1252_UNDEFINED.includes(b)) {
        if (style.undefinedBytes === 'c1') out += String.fromCharCode(b);
      } else out += table[b]!;
    }
  }
  return out;
}
