/** Every construct `stripInline` removes needs one of these characters. */
const INLINE_MARK = /[[<*_~`\\]/;

/** Strip inline markdown from one line of source: emphasis, code ticks, links, images, HTML tags, escapes. */
export function plain(s: string): string {
  return INLINE_MARK.test(s) ? stripInline(s) : s.trim();
}

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

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** `slug` for ASCII text (NFKD and the combining-mark strip change nothing there), without regexes. */
function asciiSlug(s: string): string {
  const l = s.toLowerCase();
  const n = l.length;
  let out = '';
  let i = 0;
  while (i < n) {
    while (i < n && !isAlnum(l.charCodeAt(i))) i++;
    const start = i;
    while (i < n && isAlnum(l.charCodeAt(i))) i++;
    if (start < i) {
      out = out ? `${out}-${l.slice(start, i)}` : l.slice(start, i);
      if (out.length > SLUG_MAX) break;
    }
  }
  if (out.length > SLUG_MAX) {
    let end = SLUG_MAX;
    while (end > 0 && out.charCodeAt(end - 1) === 45) end--;
    out = out.slice(0, end);
  }
  return out || 'item';
}
