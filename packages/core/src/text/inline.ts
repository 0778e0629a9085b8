import { isSpaceCode } from '../fast/chars.js';

/** Every construct `stripInline` removes needs one of these characters. */
const INLINE_MARK = /[[<*_~`\\]/;

/** Strip inline markdown from one line of source: emphasis, code ticks, links, images, HTML tags, escapes. */
export function plain(s: string): string {
  if (!INLINE_MARK.test(s)) return s.trim();
  return stripInline(s);
}

/**
 * Each replace runs only when the text it is about to scan holds the literal marks its pattern requires. Replaces
 * only remove characters, so a mark absent from `s` is absent from every later `t`: asking `s` (flat) first spares
 * scanning (and flattening) the concatenations the replaces return.
 */
function stripInline(s: string): string {
  let t = s;
  if (s.includes('[')) {
    if (t.includes('](')) {
      if (t.includes('![')) t = t.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1');
      if (t.includes('](')) t = t.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
    }
    if (t.includes('[[')) {
      if (t.includes('|')) t = t.replace(/\[\[([^\]|]+)\|([^\]]+)\]\]/g, '$2');
      if (t.includes('[[')) t = stripWikiLinks(t);
    }
  }
  const star = s.includes('*');
  const under = s.includes('_');
  if (s.includes('<') && t.includes('<')) t = t.replace(/<\/?[a-zA-Z][^>]*>/g, '');
  if ((star && t.includes('**')) || (under && t.includes('__'))) t = stripStrong(t);
  if (star && t.includes('*')) t = stripStarEmphasis(t);
  if (under && t.includes('_')) t = t.replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2');
  if (s.includes('~') && t.includes('~~')) t = t.replace(/~~(.*?)~~/g, '$1');
  if (s.includes('`') && t.includes('`')) t = t.replace(/`+([^`]*)`+/g, '$1');
  if (s.includes('\\') && t.includes('\\')) t = t.replace(/\\([\\`*_{}\[\]()#+\-.!|>~])/g, '$1');
  if (star && t.includes('**')) t = t.replace(/\*\*/g, '');
  return t.trim();
}

/** `t.replace(/\[\[([^\]]+)\]\]/g, '$1')`: `[[target]]` becomes `target`. */
export function stripWikiLinks(t: string): string {
  let out = '';
  let last = 0;
  let p = t.indexOf('[[');
  while (p >= 0) {
    // The target runs to the first `]`, which must be doubled.
    const close = t.indexOf(']', p + 2);
    if (close > p + 2 && t.charCodeAt(close + 1) === 93) {
      out += t.slice(last, p) + t.slice(p + 2, close);
      last = close + 2;
      p = t.indexOf('[[', last);
    } else p = t.indexOf('[[', p + 1);
  }
  return last === 0 ? t : out + t.slice(last);
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** Start of the first `**` or `__` at or after `from`, or -1. */
function nextPair(t: string, from: number): number {
  const a = t.indexOf('**', from);
  const b = t.indexOf('__', from);
  return a < 0 ? b : b < 0 || a < b ? a : b;
}

/**
 * `t.replace(/(\*\*|__)(?=\S)(.*?\S)\1/g, '$2')`: `**text**` and `__text__` lose their marks. The text runs lazily to
 * the first same pair after a non-blank, on one line (`.` stops at a line terminator).
 */
export function stripStrong(t: string): string {
  const lines = LINE_TERMINATOR.test(t);
  let out = '';
  let last = 0;
  let p = nextPair(t, 0);
  while (p >= 0) {
    const close = strongClose(t, p, lines);
    if (close < 0) {
      p = nextPair(t, p + 1);
      continue;
    }
    out += t.slice(last, p) + t.slice(p + 2, close);
    last = close + 2;
    p = nextPair(t, last);
  }
  return last === 0 ? t : out + t.slice(last);
}

/** Start of the pair closing the one at `p`, or -1. */
function strongClose(t: string, p: number, lines: boolean): number {
  if (p + 2 >= t.length || isSpaceCode(t.charCodeAt(p + 2))) return -1;
  let stop = t.length;
  if (lines) {
    for (let i = p + 2; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
        stop = i;
        break;
      }
    }
  }
  const pair = t.charCodeAt(p) === 42 ? '**' : '__';
  for (let q = t.indexOf(pair, p + 3); q >= 0 && q <= stop; q = t.indexOf(pair, q + 1)) {
    if (!isSpaceCode(t.charCodeAt(q - 1))) return q;
  }
  return -1;
}

const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * `t.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')`: `*text*` loses its stars. The regex tries each
 * start in turn; a start can match only where a star follows it (or is at 0), so only stars are visited.
 */
export function stripStarEmphasis(t: string): string {
  let out = '';
  let last = 0;
  let star = t.indexOf('*');
  while (star >= 0) {
    const end = starEmphasisEnd(t, star, last);
    if (end < 0) {
      star = t.indexOf('*', star + 1);
      continue;
    }
    // The match is the character before the star (kept), the stars (dropped) and the text between them (kept).
    out += t.slice(last, star) + t.slice(star + 1, end - 1);
    last = end;
    star = t.indexOf('*', end + 1);
  }
  return last === 0 ? t : out + t.slice(last);
}

/** End of the emphasis opened by the star at `star` (after its closing star), or -1; no match starts before `from`. */
function starEmphasisEnd(t: string, star: number, from: number): number {
  if (star > 0) {
    // `[^\w*]` before the star, itself at or after where the search resumes.
    if (star - 1 < from) return -1;
    const c = t.charCodeAt(star - 1);
    if (c === 42 || isWordCode(c)) return -1;
  } else if (from > 0) return -1;
  if (star + 1 >= t.length || isSpaceCode(t.charCodeAt(star + 1))) return -1;
  const f = t.indexOf('*', star + 1);
  if (f < 0) return -1;
  // Lazily: the text ends just before the first star after the opener, or on that star when another follows.
  if (f >= star + 2 && !isSpaceCode(t.charCodeAt(f - 1)) && !isWordCode(t.charCodeAt(f + 1))) return f + 1;
  if (t.charCodeAt(f + 1) === 42 && !isWordCode(t.charCodeAt(f + 2))) return f + 2;
  return -1;
}

const NON_ASCII = /[^\x00-\x7f]/;
const SLUG_MAX = 60;

/** A stable slug: lower case, ASCII letters and digits joined by single dashes. */
export function slug(s: string): string {
  if (!NON_ASCII.test(s)) return asciiSlug(s);
  const out = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out.slice(0, SLUG_MAX).replace(/-+$/g, '') || 'item';
}

/** Room for a prefix and a slug; a longer prefix is joined to the slug instead. */
const SLUG_ROOM = 256;
/** The slug being built (after its prefix), one byte per character (ASCII); a view of each length, made once. */
const SLUG_BUF = new Uint8Array(SLUG_ROOM);
const SLUG_VIEWS = Array.from({ length: SLUG_ROOM + 1 }, (_, n) => SLUG_BUF.subarray(0, n));
/**
 * Turns the slug's bytes into a string: far cheaper than `String.fromCharCode.apply` over a typed array. Bytes below
 * 0x80 decode to the same code units under latin1 (windows-1252); null where the runtime lacks that decoder.
 */
const LATIN1 = latin1Decoder();

function latin1Decoder(): TextDecoder | null {
  try {
    return new TextDecoder('latin1');
  } catch {
    return null;
  }
}

function asciiSlug(s: string): string {
  const n = asciiSlugAt(s, 0);
  return n ? decodeSlug(n) : 'item';
}

/**
 * `prefix + slug(s)` as one flat string: an id made this way is hashed and compared without first joining its
 * parts (`${stem}:${slug}` is a rope until then).
 */
export function prefixedSlug(prefix: string, s: string): string {
  const from = prefix.length;
  if (from + SLUG_MAX > SLUG_ROOM || NON_ASCII.test(s) || NON_ASCII.test(prefix)) return prefix + slug(s);
  for (let i = 0; i < from; i++) SLUG_BUF[i] = prefix.charCodeAt(i);
  const n = asciiSlugAt(s, from);
  return n > from ? decodeSlug(n) : `${prefix}item`;
}

function decodeSlug(n: number): string {
  const bytes = SLUG_VIEWS[n]!;
  // `apply` takes any array-like: the view's code units become the arguments.
  return LATIN1 ? LATIN1.decode(bytes) : String.fromCharCode.apply(null, bytes as unknown as number[]);
}

/**
 * `slug` for ASCII text (NFKD and the combining-mark strip change nothing there), written to SLUG_BUF from `from`:
 * the words (runs of letters and digits, lower-cased) joined by single dashes, cut at SLUG_MAX without a trailing
 * dash. Returns where it ends (`from` when empty).
 */
function asciiSlugAt(s: string, from: number): number {
  const max = from + SLUG_MAX;
  let n = from;
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && n > from) {
        SLUG_BUF[n++] = 45;
        if (n === max) break;
      }
      gap = false;
      SLUG_BUF[n++] = c;
      if (n === max) break;
    } else gap = true;
  }
  while (n > from && SLUG_BUF[n - 1] === 45) n--;
  return n;
}
