/** `/\s/` for one UTF-16 code unit: the characters `trim` removes. */
export function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Index after the leading `/\s/` characters of `s` from `from`. */
export function skipSpaces(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** Index of the end of `s` (or of its first `end` characters) before trailing `/\s/` characters, not below `floor`. */
export function trimmedEnd(s: string, floor: number, end = s.length): number {
  let e = end;
  while (e > floor && isSpaceCode(s.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * `line.replace(/^\s{0,3}#{1,6}\s*\/, '').replace(/\s+#+\s*$/, '').trim()`: an ATX heading's text as written,
 * without its marks and closing sequence.
 */
export function headingSource(line: string): string {
  let i = 0;
  while (i < 3 && i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  let start = 0;
  if (line.charCodeAt(i) === 35) {
    let h = i + 1;
    while (h < i + 6 && line.charCodeAt(h) === 35) h++;
    start = skipSpaces(line, h);
  }
  // The closing sequence: blanks, a run of `#` that is the last non-blank text, optional blanks.
  let end = trimmedEnd(line, start);
  let h = end;
  while (h > start && line.charCodeAt(h - 1) === 35) h--;
  if (h < end && h > start && isSpaceCode(line.charCodeAt(h - 1))) end = h;
  // What is left is trimmed on both sides.
  const a = skipSpaces(line, start);
  const b = trimmedEnd(line, a, end);
  return a === 0 && b === line.length ? line : line.slice(a, b);
}
