/**
 * Inline text as remark's `toString` gives it for headings and table cells: emphasis, code ticks, links and
 * images reduced to their text, escapes and entities decoded, inline HTML kept.
 */
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  rarr: '→',
  larr: '←',
  times: '×',
};

const PAD = /[ \n]/;
const NEEDS_WORK = /[\\*_`[\]!&~<\n]/;

export function inlineText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s.trim();
  const codes: string[] = [];
  // A code span opens on a whole backtick run (not the rest of a longer one, nor an escaped one) and keeps its text raw.
  let t = s.replace(/(?<![`\\])(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, body: string) => {
    let b = body;
    // One space or line ending of padding goes from each side when both have one (micromark's code text).
    if (b.length > 1 && PAD.test(b[0]!) && PAD.test(b[b.length - 1]!) && /[^ \n]/.test(b)) b = b.slice(1, -1);
    codes.push(b);
    return `\u0000${codes.length - 1}\u0000`;
  });
  // Line endings of a multi-line text (a setext heading), outside code: the next line's indentation goes; a hard
  // break (two or more spaces and no tab before it, or an odd run of backslashes) adds no text; a soft one is a
  // newline without the blanks before it.
  if (t.includes('\n')) {
    t = t.replace(/\n[ \t]+/g, '\n').replace(/(?<![ \t]) {2,}\n/g, '').replace(/(^|[^\\])((?:\\\\)*)\\\n/g, '$1$2').replace(/[ \t]+\n/g, '\n');
  }
  t = t
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/<((?:https?|mailto|ftp):[^>\s]*)>/gi, '$1')
    // Strong and strike open on a whole delimiter run followed by a non-blank (`***` before a line ending opens nothing).
    .replace(/(?<!\*)\*\*(?=\**[^\s*])([\s\S]*?\S)\*\*/g, '$1')
    .replace(/(?<!_)__(?=_*[^\s_])([\s\S]*?\S)__/g, '$1')
    .replace(/(^|[^\w*\\])\*(?=[^\s*])([^*]*?[^\s*\\])\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w_\\])_(?=[^\s_])([^_]*?[^\s_\\])_(?![\w_])/g, '$1$2')
    .replace(/(?<!~)~~(?=~*[^\s~])([\s\S]*?\S)~~/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
  if (codes.length) t = t.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)] ?? '');
  return t.trim();
}
