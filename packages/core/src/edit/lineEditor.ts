import { dominantEol, splitLines, type SourceLines } from '../text/lines.js';
import type { TextEdit } from './types.js';

/**
 * Collects line-level changes (replace, delete, insert before/after) on one text and turns them into one
 * TextEdit per touched line. Every edit's `expected` is the whole original line with its line ending, so a
 * file that changed under any touched line is refused; untouched lines are never part of an edit.
 */
export class LineEditor {
  readonly src: SourceLines;
  readonly eol: string;
  private readonly starts: number[];
  private readonly replaced = new Map<number, string | null>();
  private readonly before = new Map<number, string[]>();
  private readonly after = new Map<number, string[]>();

  constructor(readonly text: string) {
    this.src = splitLines(text);
    this.eol = dominantEol(this.src);
    this.starts = [];
    let at = this.src.bom ? 1 : 0;
    for (let i = 0; i < this.src.lines.length; i++) {
      this.starts.push(at);
      at += this.src.lines[i]!.length + this.src.eols[i]!.length;
    }
  }

  get lineCount(): number {
    return this.src.lines.length;
  }

  /** Original text of 0-based line `i`. */
  line(i: number): string {
    return this.src.lines[i] ?? '';
  }

  replace(i: number, text: string): void {
    this.check(i);
    if (text !== this.src.lines[i]) this.replaced.set(i, text);
  }

  delete(i: number): void {
    this.check(i);
    this.replaced.set(i, null);
  }

  insertBefore(i: number, lines: readonly string[]): void {
    this.check(i);
    this.before.set(i, [...(this.before.get(i) ?? []), ...lines]);
  }

  insertAfter(i: number, lines: readonly string[]): void {
    this.check(i);
    this.after.set(i, [...(this.after.get(i) ?? []), ...lines]);
  }

  private check(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.src.lines.length) throw new RangeError(`line ${i + 1} is outside the file`);
  }

  edits(): TextEdit[] {
    const touched = new Set<number>([...this.replaced.keys(), ...this.before.keys(), ...this.after.keys()]);
    const out: TextEdit[] = [];
    const last = this.src.lines.length - 1;
    for (const i of [...touched].sort((a, b) => a - b)) {
      const orig = this.src.lines[i]!;
      const eol = this.src.eols[i]!;
      const rep = this.replaced.has(i) ? this.replaced.get(i)! : orig;
      const pre = this.before.get(i) ?? [];
      const post = this.after.get(i) ?? [];
      let text = pre.map((l) => l + this.eol).join('');
      if (rep !== null) {
        if (post.length) text += rep + (eol || this.eol) + post.map((l, k) => l + (k < post.length - 1 || eol ? this.eol : '')).join('');
        else text += rep + eol;
      } else if (post.length) {
        text += post.map((l, k) => l + (k < post.length - 1 || eol ? this.eol : '')).join('');
      } else if (!eol && i === last && i > 0 && text === '') {
        // Deleting the last line of a file without a final newline: take the previous line's ending with it.
        const prevEol = this.src.eols[i - 1]!;
        const start = this.starts[i]! - prevEol.length;
        out.push({ start, end: this.starts[i]! + orig.length, expected: prevEol + orig, text: '', line: i + 1 });
        continue;
      }
      if (rep === null && pre.length && !post.length && !eol) text = text.slice(0, -this.eol.length);
      const start = this.starts[i]!;
      out.push({ start, end: start + orig.length + eol.length, expected: orig + eol, text, line: i + 1 });
    }
    return mergeAdjacent(out).filter((e) => e.expected !== e.text);
  }
}

/** Two edits where one starts where the other ends (the last-line case above) become one, so none overlap. */
function mergeAdjacent(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && e.start < prev.end) {
      // Only the "delete last line" edit reaches back into the previous line's ending.
      const overlap = prev.end - e.start;
      out[out.length - 1] = {
        start: prev.start,
        end: e.end,
        expected: prev.expected + e.expected.slice(overlap),
        text: prev.text.slice(0, prev.text.length - overlap) + e.text,
        line: prev.line,
      };
    } else out.push(e);
  }
  return out;
}
