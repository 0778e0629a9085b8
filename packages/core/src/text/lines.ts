import type { Encoding } from '../model.js';

export interface SourceLines {
  /** Text of each line without its line ending; index 0 is line 1. The BOM is not part of line 1. */
  lines: string[];
  /** Line ending after each line: '\n', '\r\n', '\r' or '' for the last line without one. */
  eols: string[];
  bom: boolean;
}

/** Split text into lines, remembering each line's ending and the BOM, so that it can be joined back byte for byte. */
export function splitLines(text: string): SourceLines {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  if (!body.includes('\r')) {
    const lines = body.split('\n');
    const eols = new Array<string>(lines.length).fill('\n');
    eols[lines.length - 1] = '';
    return { lines, eols, bom };
  }
  const lines: string[] = [];
  const eols: string[] = [];
  const re = /\r\n|\n|\r/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    lines.push(body.slice(last, m.index));
    eols.push(m[0]);
    last = m.index + m[0].length;
  }
  lines.push(body.slice(last));
  eols.push('');
  return { lines, eols, bom };
}

export function joinLines(src: SourceLines): string {
  let out = src.bom ? '\uFEFF' : '';
  for (let i = 0; i < src.lines.length; i++) out += src.lines[i]! + src.eols[i]!;
  return out;
}

export function detectEncoding(src: SourceLines, mojibake: boolean): Encoding {
  let lf = 0;
  let crlf = 0;
  for (const e of src.eols) {
    if (e === '\n') lf++;
    else if (e === '\r\n') crlf++;
  }
  const eol = lf && crlf ? 'mixed' : crlf ? 'crlf' : lf ? 'lf' : 'none';
  const n = src.lines.length;
  return { bom: src.bom, eol, mojibake, finalNewline: n > 1 && src.lines[n - 1] === '' };
}

/** `detectEncoding`, knowing the text `src` was split from: without a `\r`, every line but the last ends with `\n`. */
export function encodingOf(text: string, src: SourceLines, mojibake: boolean): Encoding {
  if (text.includes('\r')) return detectEncoding(src, mojibake);
  const n = src.lines.length;
  return { bom: src.bom, eol: n > 1 ? 'lf' : 'none', mojibake, finalNewline: n > 1 && src.lines[n - 1] === '' };
}

/** The line ending a new line should get: the file's majority, LF when it has none. */
export function dominantEol(src: SourceLines): string {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (const e of src.eols) {
    if (e === '\n') lf++;
    else if (e === '\r\n') crlf++;
    else if (e === '\r') cr++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}
