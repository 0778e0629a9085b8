/** Every construct `stripInline` removes needs one of these characters. */
const INLINE_MARK = /[[<*_~`\\]/;
const PLAIN_MEMO_MAX = 4096;
const plainMemo = new Map<string, string>();

/** Strip inline markdown from one line of source: emphasis, code ticks, links, images, HTML tags, escapes. */
export function plain(s: string): string {
  if (!INLINE_MARK.test(s)) return s.trim();
  let out = plainMemo.get(s);
  if (out === undefined) {
    // Several recognisers plain the same line; the memo is bounded and dropped whole when full.
    if (plainMemo.size >= PLAIN_MEMO_MAX) plainMemo.clear();
    out = stripInline(s);
    plainMemo.set(s, out);
  }
  return out;
}

function stripInline(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[\[([^\]|]+)\|([^\]]+)\]\]/g, '$2')
    .replace(/\[\[([^\]]+)\]\]/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/(\*\*|__)(?=\S)(.*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(.*?)~~/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/\\([\\`*_{}\[\]()#+\-.!|>~])/g, '$1')
    .replace(/\*\*/g, '')
    .trim();
}

const NON_ASCII = /[^\x00-\x7f]/;

/** A stable slug: lower case, ASCII letters and digits joined by single dashes. */
export function slug(s: string): string {
  // NFKD and the combining-mark strip leave ASCII unchanged.
  const out = (NON_ASCII.test(s) ? s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out.slice(0, 60).replace(/-+$/g, '') || 'item';
}
