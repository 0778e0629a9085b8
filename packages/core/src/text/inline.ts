import { memoText } from './memo.js';

/** Every construct `stripInline` removes needs one of these characters. */
const INLINE_MARK = /[[<*_~`\\]/;

/** Strip inline markdown from one line of source: emphasis, code ticks, links, images, HTML tags, escapes. */
export function plain(s: string): string {
  if (!INLINE_MARK.test(s)) return s.trim();
  return stripShort(s);
}

const stripShort = memoText(stripInline, 4096, 64);

/** Each replace runs only when the text it is about to scan holds the literal marks its pattern requires. */
function stripInline(s: string): string {
  let t = s;
  if (t.includes('[')) {
    if (t.includes('](')) {
      if (t.includes('![')) t = t.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1');
      if (t.includes('](')) t = t.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
    }
    if (t.includes('[[')) {
      if (t.includes('|')) t = t.replace(/\[\[([^\]|]+)\|([^\]]+)\]\]/g, '$2');
      if (t.includes('[[')) t = t.replace(/\[\[([^\]]+)\]\]/g, '$1');
    }
  }
  if (t.includes('<')) t = t.replace(/<\/?[a-zA-Z][^>]*>/g, '');
  if (t.includes('**') || t.includes('__')) t = t.replace(/(\*\*|__)(?=\S)(.*?\S)\1/g, '$2');
  if (t.includes('*')) t = t.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2');
  if (t.includes('_')) t = t.replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2');
  if (t.includes('~~')) t = t.replace(/~~(.*?)~~/g, '$1');
  if (t.includes('`')) t = t.replace(/`+([^`]*)`+/g, '$1');
  if (t.includes('\\')) t = t.replace(/\\([\\`*_{}\[\]()#+\-.!|>~])/g, '$1');
  if (t.includes('**')) t = t.replace(/\*\*/g, '');
  return t.trim();
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

/** The slug being built: one code unit per character, never longer than SLUG_MAX; a view of each length, made once. */
const SLUG_BUF = new Uint16Array(SLUG_MAX);
const SLUG_VIEWS = Array.from({ length: SLUG_MAX + 1 }, (_, n) => SLUG_BUF.subarray(0, n));

/**
 * `slug` for ASCII text (NFKD and the combining-mark strip change nothing there): the words (runs of letters and
 * digits, lower-cased) joined by single dashes, cut at SLUG_MAX without a trailing dash — built in one pass with
 * one string allocated.
 */
function asciiSlug(s: string): string {
  let n = 0;
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && n > 0) {
        SLUG_BUF[n++] = 45;
        if (n === SLUG_MAX) break;
      }
      gap = false;
      SLUG_BUF[n++] = c;
      if (n === SLUG_MAX) break;
    } else gap = true;
  }
  while (n > 0 && SLUG_BUF[n - 1] === 45) n--;
  // `apply` takes any array-like: the view's code units become the arguments.
  return n ? String.fromCharCode.apply(null, SLUG_VIEWS[n] as unknown as number[]) : 'item';
}
