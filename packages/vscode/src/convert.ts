/**
 * Core ↔ VS Code conversions: the only place that turns core's plain data (1-based lines, UTF-16 offsets,
 * TextEdits, Diagnostics) into vscode types. Everything else talks in core terms.
 */
import * as vscode from 'vscode';
import { StaleEditError, type Diagnostic, type Severity, type Status, type TextEdit } from '@plansight/core';

/** The slice of a TextDocument the conversions need (a real document, or a test double). */
export interface DocLike {
  getText(range?: vscode.Range): string;
  positionAt(offset: number): vscode.Position;
  readonly lineCount: number;
}

/** Whole line `line` (1-based), clamped to the document. */
export function lineRange(line: number, lineCount = Number.MAX_SAFE_INTEGER): vscode.Range {
  const l = Math.max(0, Math.min(line - 1, Math.max(0, lineCount - 1)));
  return new vscode.Range(l, 0, l, Number.MAX_SAFE_INTEGER);
}

export function toPosition(line: number, column = 0): vscode.Position {
  return new vscode.Position(Math.max(0, line - 1), Math.max(0, column));
}

/** 1-based line of a vscode position. */
export function lineOf(pos: vscode.Position): number {
  return pos.line + 1;
}

export function editRange(doc: DocLike, edit: TextEdit): vscode.Range {
  return new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end));
}

/**
 * Check every edit's `expected` against the document as it is now; throw StaleEditError (nothing changed) on the
 * first mismatch. Offsets beyond the end of the document are stale too.
 */
export function verifyEdits(doc: DocLike, edits: readonly TextEdit[], file: string): void {
  const length = doc.getText().length;
  for (const e of edits) {
    const found = e.end <= length && e.start >= 0 && e.start <= e.end ? doc.getText(editRange(doc, e)) : '';
    if (e.start < 0 || e.end > length || found !== e.expected) throw new StaleEditError(file, e.line, e.expected, found);
  }
}

/** One WorkspaceEdit for core edits on one document, verified first: undoable as a single step. */
export function toWorkspaceEdit(uri: vscode.Uri, doc: DocLike, edits: readonly TextEdit[], file: string): vscode.WorkspaceEdit {
  verifyEdits(doc, edits, file);
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) throw new Error(`${file}:${sorted[i]!.line}: overlapping edits`);
  }
  const ws = new vscode.WorkspaceEdit();
  for (const e of sorted) ws.replace(uri, editRange(doc, e), e.text);
  return ws;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(d: Diagnostic, lineCount?: number): vscode.Diagnostic {
  const out = new vscode.Diagnostic(lineRange(d.line, lineCount), d.message, SEVERITY[d.severity]);
  out.source = 'plansight';
  out.code = d.code;
  return out;
}

/** Core diagnostics grouped by file, each list sorted by line, duplicates (same line, code, message) dropped. */
export function diagnosticsByFile(diags: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const seen = new Set<string>();
  for (const d of diags) {
    const key = `${d.file}\u0000${d.line}\u0000${d.code}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let list = out.get(d.file);
    if (!list) out.set(d.file, (list = []));
    list.push(d);
  }
  for (const list of out.values()) list.sort((a, b) => a.line - b.line);
  return out;
}

/** Theme colour and codicon per status, shared by the tree, decorations and hovers. */
export const STATUS_LOOK: Record<Status, { color: string; icon: string; label: string }> = {
  todo: { color: 'charts.foreground', icon: 'circle-large-outline', label: 'to do' },
  'in-progress': { color: 'charts.yellow', icon: 'sync', label: 'in progress' },
  blocked: { color: 'charts.red', icon: 'error', label: 'blocked' },
  waiting: { color: 'charts.orange', icon: 'watch', label: 'waiting' },
  next: { color: 'charts.blue', icon: 'target', label: 'next' },
  done: { color: 'charts.green', icon: 'pass-filled', label: 'done' },
  cancelled: { color: 'disabledForeground', icon: 'circle-slash', label: 'cancelled' },
  unknown: { color: 'descriptionForeground', icon: 'question', label: 'unknown' },
};

/** A vault-relative path from a path relative to the workspace folder (always forward slashes). */
export function toVaultPath(relative: string): string {
  return relative.replace(/\\/g, '/').replace(/^\.\//, '');
}
