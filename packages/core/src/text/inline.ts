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

const NON_ALNUM_RUN = /[^a-z0-9]+/g;

/** `slug` for ASCII text (NFKD and the combining-mark strip change nothing there): one replace, one slice. */
function asciiSlug(s: string): string {
  const out = s.toLowerCase().replace(NON_ALNUM_RUN, '-');
  const n = out.length;
  let start = 0;
  while (start < n && out.charCodeAt(start) === 45) start++;
  let end = Math.min(n, start + SLUG_MAX);
  while (end > start && out.charCodeAt(end - 1) === 45) end--;
  if (start === end) return 'item';
  return start === 0 && end === n ? out : out.slice(start, end);
}
