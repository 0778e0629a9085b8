/** The few vscode types the pure adapter parts construct. Behaviour that matters is proven by the e2e suite. */
export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  code?: string | number;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity,
  ) {}
}

export class Uri {
  constructor(readonly path: string) {}
  toString(): string {
    return `file://${this.path}`;
  }
}

export class WorkspaceEdit {
  readonly replacements: { uri: Uri; range: Range; text: string }[] = [];
  replace(uri: Uri, range: Range, text: string): void {
    this.replacements.push({ uri, range, text });
  }
}

/** A text document over a string: offsets ↔ positions the way VS Code counts them (UTF-16, \n and \r\n). */
export class TextDoc {
  constructor(public text: string) {}
  get lineCount(): number {
    return this.text.split('\n').length;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, Math.max(0, Math.min(offset, this.text.length)));
    const lines = before.split('\n');
    return new Position(lines.length - 1, lines[lines.length - 1]!.length);
  }
  offsetAt(p: Position): number {
    const lines = this.text.split('\n');
    let at = 0;
    for (let i = 0; i < p.line; i++) at += lines[i]!.length + 1;
    return at + p.character;
  }
  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
  /** Apply recorded replacements (as VS Code would: all against the original text). */
  apply(edit: WorkspaceEdit): string {
    const spans = edit.replacements
      .map((r) => ({ start: this.offsetAt(r.range.start), end: this.offsetAt(r.range.end), text: r.text }))
      .sort((a, b) => b.start - a.start);
    let out = this.text;
    for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
    return out;
  }
}
