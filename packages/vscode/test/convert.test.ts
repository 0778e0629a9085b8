import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { applyEdits, StaleEditError, type TextEdit } from '@plansight/core';

vi.mock('vscode', () => import('./vscodeStub.js'));
import { DiagnosticSeverity, TextDoc, Uri } from './vscodeStub.js';
import { diagnosticsByFile, lineRange, toDiagnostic, toWorkspaceEdit, verifyEdits } from '../src/convert.js';

const uri = new Uri('/ws/plan.md');
const edit = (text: string, start: number, end: number, replacement: string, line = 1): TextEdit => ({
  start,
  end,
  expected: text.slice(start, end),
  text: replacement,
  line,
});

describe('toWorkspaceEdit', () => {
  it('turns a checkbox toggle into the same change core makes (before/after)', () => {
    const before = '# Plan\r\n- [ ] Write the parser\r\n- [ ] Ship it\r\n';
    const at = before.indexOf('[ ] Ship') + 1;
    const e = edit(before, at, at + 1, 'x', 3);
    const doc = new TextDoc(before);
    const ws = toWorkspaceEdit(uri as never, doc as never, [e], 'plan.md') as unknown as import('./vscodeStub.js').WorkspaceEdit;
    expect(ws.replacements).toHaveLength(1);
    expect(ws.replacements[0]!.range.start).toEqual({ line: 2, character: 3 });
    expect(doc.apply(ws)).toBe('# Plan\r\n- [ ] Write the parser\r\n- [x] Ship it\r\n');
  });

  it('keeps emoji (surrogate pairs) intact: offsets are UTF-16 like VS Code', () => {
    const before = '- ✅ Done: 🔄 sync\n- 🔄 In Progress: sync\n';
    const start = before.indexOf('🔄 In');
    const e = edit(before, start, start + 2, '✅', 2);
    const doc = new TextDoc(before);
    const ws = toWorkspaceEdit(uri as never, doc as never, [e], 'DAILY_STATUS.md');
    expect(doc.apply(ws as never)).toBe('- ✅ Done: 🔄 sync\n- ✅ In Progress: sync\n');
  });

  it('refuses a stale edit with the file and line, and builds nothing', () => {
    const doc = new TextDoc('- [ ] a\n- [x] b\n');
    const stale: TextEdit = { start: 3, end: 4, expected: 'x', text: ' ', line: 1 };
    expect(() => toWorkspaceEdit(uri as never, doc as never, [stale], 'plan.md')).toThrow(StaleEditError);
    expect(() => verifyEdits(doc as never, [stale], 'plan.md')).toThrow(/plan\.md:1: the file changed/);
  });

  it('refuses edits past the end of the document (the file got shorter)', () => {
    const doc = new TextDoc('short');
    expect(() => verifyEdits(doc as never, [{ start: 10, end: 12, expected: 'ab', text: 'c', line: 3 }], 'f.md')).toThrow(StaleEditError);
  });

  it('refuses overlapping edits', () => {
    const text = 'abcdef';
    const doc = new TextDoc(text);
    expect(() => toWorkspaceEdit(uri as never, doc as never, [edit(text, 0, 3, 'x'), edit(text, 2, 4, 'y')], 'f.md')).toThrow(/overlapping/);
  });

  it('property: applying the WorkspaceEdit equals core applyEdits, and only the edited spans change', () => {
    const arbitrary = fc
      .tuple(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '✅', '🔄', 'â', '[', ']', 'x'), maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 4 })), { maxLength: 5 }),
      )
      .map(([text, raw]) => {
        const edits: TextEdit[] = [];
        let floor = 0;
        const points = raw.map(([p, len, t]) => ({ p: text.length ? p % (text.length + 1) : 0, len, t })).sort((a, b) => a.p - b.p);
        for (const { p, len, t } of points) {
          let start = Math.max(p, floor);
          // never split a surrogate pair or a CRLF: VS Code positions cannot address inside them
          while (start < text.length && (/[\uDC00-\uDFFF]/.test(text[start]!) || (text[start] === '\n' && text[start - 1] === '\r'))) start++;
          let end = Math.min(start + len, text.length);
          while (end < text.length && (/[\uDC00-\uDFFF]/.test(text[end]!) || (text[end] === '\n' && text[end - 1] === '\r'))) end++;
          if (start > text.length) break;
          edits.push(edit(text, start, end, t));
          floor = end + 1;
        }
        return { text, edits };
      });
    fc.assert(
      fc.property(arbitrary, ({ text, edits }) => {
        const doc = new TextDoc(text);
        const ws = toWorkspaceEdit(uri as never, doc as never, edits, 'f.md');
        expect(doc.apply(ws as never)).toBe(applyEdits(text, edits, 'f.md'));
      }),
    );
  });
});

describe('diagnostics', () => {
  it('maps severity, code, source and the 1-based line', () => {
    const d = toDiagnostic({ file: 'Sprint.md', line: 223, severity: 'error', code: 'cycle', message: 'dependency cycle: A → B → A' });
    expect(d.severity).toBe(DiagnosticSeverity.Error);
    expect(d.code).toBe('cycle');
    expect(d.source).toBe('plansight');
    expect(d.range.start.line).toBe(222);
    expect(toDiagnostic({ file: 'a.md', line: 1, severity: 'info', code: 'x', message: 'm' }).severity).toBe(DiagnosticSeverity.Information);
    expect(toDiagnostic({ file: 'a.md', line: 1, severity: 'warning', code: 'x', message: 'm' }).severity).toBe(DiagnosticSeverity.Warning);
  });

  it('groups by file, sorts by line and drops exact duplicates (parser and analysis can both report one)', () => {
    const by = diagnosticsByFile([
      { file: 'b.md', line: 9, severity: 'warning', code: 'dangling-reference', message: 'x' },
      { file: 'a.md', line: 5, severity: 'error', code: 'cycle', message: 'c' },
      { file: 'b.md', line: 2, severity: 'warning', code: 'dangling-reference', message: 'y' },
      { file: 'b.md', line: 9, severity: 'warning', code: 'dangling-reference', message: 'x' },
    ]);
    expect([...by.keys()]).toEqual(['b.md', 'a.md']);
    expect(by.get('b.md')!.map((d) => d.line)).toEqual([2, 9]);
  });

  it('clamps a line past the end of the document to its last line', () => {
    expect(lineRange(50, 10).start.line).toBe(9);
    expect(lineRange(0, 10).start.line).toBe(0);
  });
});
