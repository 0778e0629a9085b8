import { EditorState } from '@codemirror/state';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, encodeMojibake } from '@plansight/core';
import { linesField } from '../src/editor/extension';
import { lineStatus } from '../src/editor/lineStatus';
import { rewriteStatusLine, statusEdits } from '../src/editor/statusEdit';

describe('lineStatus (the per-keystroke fast path)', () => {
  it('reads a daily-status line: status, emoji and label columns, references', () => {
    const line = '- 🔄 In Progress: Digamma kernel (Issue #145, ETA 2pm) after T1-001';
    const info = lineStatus(line);
    expect(info.kind).toBe('status');
    expect(info.status).toBe('in-progress');
    expect(line.slice(info.token!.from, info.token!.to)).toBe('🔄');
    expect(line.slice(info.label!.from, info.label!.to)).toBe('In Progress');
    expect(info.refs.map((r) => [r.id, line.slice(r.from, r.to)])).toEqual([
      ['#145', 'Issue #145'],
      ['T1-001', 'T1-001'],
    ]);
  });

  it('maps columns back to the file’s own characters on a mojibake line', () => {
    const line = encodeMojibake('- ❌ Blocked: Needs digamma kernel (Issue #145)', { charset: 'cp1252', undefinedBytes: 'drop' });
    const info = lineStatus(line);
    expect(info.status).toBe('blocked');
    expect(line.slice(info.token!.from, info.token!.to)).toBe(line.slice(2, line.indexOf(' ', 2)));
    expect(line.slice(info.label!.from, info.label!.to)).toBe('Blocked');
    expect(line.slice(info.refs[0]!.from, info.refs[0]!.to)).toBe('Issue #145');
  });

  it('reads checkboxes, headings, label-only lines and fences', () => {
    expect(lineStatus('  - [/] half way')).toMatchObject({ kind: 'checkbox', status: 'in-progress', token: { from: 5, to: 6 } });
    expect(lineStatus('### Gate 2: First Sync')).toMatchObject({ kind: 'heading', depth: 3, text: 'Gate 2: First Sync' });
    expect(lineStatus('- **Blocked**: waiting on Worker 1')).toMatchObject({ kind: 'status', status: 'blocked' });
    expect(lineStatus('```markdown').kind).toBe('fence');
    expect(lineStatus('- milk and bread').kind).toBe('other');
  });

  it('never throws and keeps every column inside the line', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('-', ' ', '[', ']', 'x', '#', '✅', 'â', 'œ', '…', 'T', '1', ':', 'Done', 'Issue #', '\u{1F504}', 'ð', 'Ÿ') }), (line) => {
        const info = lineStatus(line);
        for (const span of [info.token, info.label, ...info.refs]) {
          if (!span) continue;
          expect(span.from).toBeGreaterThanOrEqual(0);
          expect(span.to).toBeLessThanOrEqual(line.length);
          expect(span.from).toBeLessThanOrEqual(span.to);
        }
      }),
    );
  });
});

describe('status write-back from the editor', () => {
  it('rewrites only the status symbol and label, in the file’s own case', () => {
    const text = '## Worker 1:\n- ✅ COMPLETED: A\n- 🔄 IN PROGRESS: B\n';
    const edit = rewriteStatusLine(text, 3, 'blocked')!;
    expect(applyEdits(text, [edit])).toBe('## Worker 1:\n- ✅ COMPLETED: A\n- ❌ BLOCKED: B\n');
    expect(rewriteStatusLine(text, 2, 'done')).toBeNull();
    expect(rewriteStatusLine(text, 1, 'done')).toBeNull();
  });

  it('changes only the line asked for, on any daily status', () => {
    const statusLine = fc.constantFrom('- ✅ Completed: a', '- 🔄 In Progress: b (T1-001)', '- ❌ Blocked: c', '- [ ] d', '- [x] e', 'plain text', '## Worker 2:');
    fc.assert(
      fc.property(fc.array(statusLine, { minLength: 1, maxLength: 12 }), fc.nat(), fc.constantFrom('done', 'blocked', 'in-progress', 'waiting', 'todo'), (lines, n, status) => {
        const text = lines.join('\n') + '\n';
        const line = (n % lines.length) + 1;
        const edits = statusEdits('DAILY_STATUS.md', text, line, status);
        const after = applyEdits(text, edits).split('\n');
        const before = text.split('\n');
        expect(after.length).toBe(before.length);
        after.forEach((l, i) => {
          if (i !== line - 1) expect(l).toBe(before[i]);
        });
        if (edits.length) expect(lineStatus(after[line - 1]!).status).toBe(status);
      }),
    );
  });
});

describe('linesField: incremental per-line update', () => {
  it('equals a full re-read after any sequence of edits', () => {
    const piece = fc.constantFrom('\n', '- ✅ Completed: x\n', '## Worker 3:\n', '- [ ] y', 'z', '```\n', '🔄 ', '');
    const doc = '# Daily\n\n## Worker 1:\n- ✅ Completed: A\n- 🔄 In Progress: B\n\n## Gate\n- [x] c\n- [ ] d\n';
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(8), piece), { maxLength: 15 }), (edits) => {
        let state = EditorState.create({ doc, extensions: [linesField] });
        for (const [at, len, insert] of edits) {
          const from = at % (state.doc.length + 1);
          const to = Math.min(state.doc.length, from + len);
          state = state.update({ changes: { from, to, insert } }).state;
        }
        const full = state.doc.toString().split('\n').map((l) => lineStatus(l));
        expect(state.field(linesField)).toEqual(full);
      }),
    );
  });
});
