/**
 * A text edit as data. Offsets are UTF-16 code units into the whole text (BOM included), which is what
 * CodeMirror transactions and VS Code `positionAt` take. `expected` is the exact text being replaced:
 * applying an edit to a text that no longer has it there is refused.
 */
export interface TextEdit {
  start: number;
  end: number;
  expected: string;
  text: string;
  /** 1-based line of `start`, for messages. */
  line: number;
}

export class StaleEditError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(
      `${file}:${line}: the file changed since it was read (expected ${JSON.stringify(expected)}, found ${JSON.stringify(found)}); nothing was written`,
    );
    this.name = 'StaleEditError';
  }
}

/** Apply edits (any order, non-overlapping) or throw StaleEditError without changing anything. */
export function applyEdits(text: string, edits: readonly TextEdit[], file = '<text>'): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    const found = text.slice(e.start, e.end);
    if (e.start < 0 || e.end > text.length || found !== e.expected) throw new StaleEditError(file, e.line, e.expected, found);
    const next = sorted[i + 1];
    if (next && next.start < e.end) throw new Error(`${file}:${next.line}: overlapping edits`);
  }
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
