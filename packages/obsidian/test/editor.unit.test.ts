import { EditorState } from '@codemirror/state';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, buildModel, EditError, editsFor, encodeMojibake, lineStatus, parsePlan, type Status, type TextEdit } from '@plansight/core';
import { linesField } from '../src/editor/extension';
import { lineInfo } from '../src/editor/lineInfo';
import { statusEdits } from '../src/editor/statusEdit';

describe('lineInfo: core lineStatus mapped for the editor', () => {
  it('anchors the control after the status emoji and keeps issue/story references', () => {
    const line = '- 🔄 In Progress: Digamma kernel (Issue #145, ETA 2pm) after T1-001 for Worker 2';
    const info = lineInfo(line);
    expect(info).toMatchObject({ kind: 'status', status: 'in-progress' });
    expect(line.slice(0, info.anchor)).toBe('- 🔄');
    expect(info.refs.map((r) => [r.id, line.slice(r.from, r.to)])).toEqual([
      ['#145', 'Issue #145'],
      ['T1-001', 'T1-001'],
    ]);
  });

  it('maps columns back to the file’s own characters on a mojibake line', () => {
    const line = encodeMojibake('- ❌ Blocked: Needs digamma kernel (Issue #145)', { charset: 'cp1252', undefinedBytes: 'drop' });
    const info = lineInfo(line);
    expect(info.status).toBe('blocked');
    expect(info.anchor).toBe(line.indexOf(' ', 2));
    expect(line.slice(info.refs[0]!.from, info.refs[0]!.to)).toBe('Issue #145');
  });

  it('reads checkboxes, headings, label-only lines and fences', () => {
    expect(lineInfo('  - [/] half way')).toMatchObject({ kind: 'checkbox', status: 'in-progress' });
    expect(lineInfo('### Gate 2: First Sync')).toMatchObject({ kind: 'heading', depth: 3 });
    expect(lineInfo('- **Blocked**: waiting on Worker 1')).toMatchObject({ kind: 'status', status: 'blocked' });
    expect(lineInfo('```markdown').kind).toBe('fence');
    expect(lineInfo('- milk and bread').kind).toBe('other');
  });

  it('agrees with core lineStatus on status and reference columns, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('-', ' ', '[', ']', 'x', '#', '✅', 'â', 'œ', '…', 'T', '1', ':', 'Done', 'Issue #', '\u{1F504}', 'ð', 'Ÿ') }), (line) => {
        const info = lineInfo(line);
        if (info.kind === 'fence') return;
        const core = lineStatus(line);
        if (info.kind === 'status' || info.kind === 'checkbox') expect(info.status).toBe(core.status);
        if (info.anchor !== undefined) expect(info.anchor).toBe(core.marker!.end);
        expect(info.refs).toEqual(core.refs.filter((r) => r.kind !== 'actor').map((r) => ({ id: r.id, from: r.start, to: r.end })));
        for (const span of info.refs) {
          expect(span.from).toBeGreaterThanOrEqual(0);
          expect(span.to).toBeLessThanOrEqual(line.length);
          expect(span.from).toBeLessThanOrEqual(span.to);
        }
      }),
    );
  });
});

const coreEdits = (path: string, text: string, line: number, status: Status) =>
  editsFor(path, text, buildModel([parsePlan(path, text)]), { type: 'set-status', line, status });

describe('status write-back from the editor: only core editsFor', () => {
  it('is core’s edit, in the file’s own case', () => {
    const text = '## Worker 1:\n- ✅ COMPLETED: A\n- 🔄 IN PROGRESS: B\n';
    const edits = statusEdits('DAILY_STATUS.md', text, 3, 'blocked');
    expect(edits).toEqual(coreEdits('DAILY_STATUS.md', text, 3, 'blocked'));
    expect(applyEdits(text, edits)).toBe('## Worker 1:\n- ✅ COMPLETED: A\n- ❌ BLOCKED: B\n');
  });

  it('keeps the mojibake style', () => {
    const style = { charset: 'cp1252', undefinedBytes: 'drop' } as const;
    const text = encodeMojibake('## Worker 1:\n- ✅ Completed: Time-delay embedding\n- 🔄 In Progress: k-NN implementation\n', style);
    const edits = statusEdits('DAILY_STATUS.md', text, 3, 'blocked');
    expect(edits).toEqual(coreEdits('DAILY_STATUS.md', text, 3, 'blocked'));
    const lines = text.split('\n');
    lines[2] = encodeMojibake('- ❌ Blocked: k-NN implementation', style);
    expect(applyEdits(text, edits)).toBe(lines.join('\n'));
  });

  it('has no fallback: a line without a status is refused with core’s reason', () => {
    const text = '## Worker 1:\n- milk and bread\n';
    expect(() => statusEdits('DAILY_STATUS.md', text, 2, 'done')).toThrow(EditError);
    expect(() => statusEdits('DAILY_STATUS.md', text, 2, 'done')).toThrow('DAILY_STATUS.md:2: this line states no status to change');
  });

  it('equals core editsFor and changes only the line asked for, on any daily status', () => {
    const statusLine = fc.constantFrom('- ✅ Completed: a', '- 🔄 In Progress: b (T1-001)', '- ❌ Blocked: c', '- [ ] d', '- [x] e', 'plain text', '## Worker 2:');
    fc.assert(
      fc.property(fc.array(statusLine, { minLength: 1, maxLength: 12 }), fc.nat(), fc.constantFrom('done', 'blocked', 'in-progress', 'waiting', 'todo'), (lines, n, status) => {
        const text = lines.join('\n') + '\n';
        const line = (n % lines.length) + 1;
        let core: TextEdit[] | Error;
        try {
          core = coreEdits('DAILY_STATUS.md', text, line, status);
        } catch (e) {
          core = e as Error;
        }
        if (core instanceof Error) {
          expect(() => statusEdits('DAILY_STATUS.md', text, line, status)).toThrow(core.message);
          return;
        }
        const edits = statusEdits('DAILY_STATUS.md', text, line, status);
        expect(edits).toEqual(core);
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
        const full = state.doc.toString().split('\n').map((l) => lineInfo(l));
        expect(state.field(linesField)).toEqual(full);
      }),
    );
  });
});
