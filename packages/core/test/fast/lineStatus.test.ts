import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeMojibake } from '@plansight/core';
import { lineStatus } from '../../src/fast/lineStatus.js';

describe('lineStatus', () => {
  it('reads checkboxes, with the marker position', () => {
    expect(lineStatus('- [ ] write tests')).toMatchObject({ kind: 'checkbox', status: 'todo', marker: { start: 3, end: 4, text: ' ' } });
    expect(lineStatus('  * [x] done')).toMatchObject({ kind: 'checkbox', status: 'done', marker: { start: 5, end: 6 } });
    expect(lineStatus('1. [/] half')).toMatchObject({ kind: 'checkbox', status: 'in-progress' });
    expect(lineStatus('- [!] stuck')).toMatchObject({ kind: 'checkbox', status: 'blocked' });
    expect(lineStatus('- [✅] emoji box')).toMatchObject({ kind: 'checkbox', status: 'done', marker: { text: '✅' } });
    expect(lineStatus('- [link](x) not a box')).toMatchObject({ kind: 'list' });
    expect(lineStatus('- [link](x) not a box').status).toBeUndefined();
  });

  it('reads daily-status emoji and label lines', () => {
    expect(lineStatus('✅ Completed: parser for #145')).toMatchObject({
      kind: 'status-label',
      status: 'done',
      label: 'Completed',
      marker: { start: 0, end: 1, text: '✅' },
      refs: [{ id: '#145', kind: 'issue' }],
    });
    expect(lineStatus('- 🔄 In Progress: T1-001 server')).toMatchObject({ kind: 'status-label', status: 'in-progress', label: 'In Progress', refs: [{ id: 'T1-001', kind: 'story' }] });
    expect(lineStatus('❌ Blocked: waiting on Worker 2')).toMatchObject({ status: 'blocked', refs: [{ id: 'worker-2', kind: 'actor' }] });
    expect(lineStatus('**Blocked:** Issue #7')).toMatchObject({ kind: 'status-label', status: 'blocked', label: 'Blocked', refs: [{ id: '#7', raw: 'Issue #7' }] });
    expect(lineStatus('🟡 Not Started: later')).toMatchObject({ status: 'todo' });
  });

  it('reads `**Status**:` fields', () => {
    expect(lineStatus('**Status**: ✅ Done')).toMatchObject({ kind: 'status-field', status: 'done', marker: { start: 12, end: 18, text: '✅ Done' } });
    expect(lineStatus('- Status: In Progress (50%)')).toMatchObject({ kind: 'status-field', status: 'in-progress' });
    expect(lineStatus('Status: whatever').status).toBeUndefined();
  });

  it('reads headings and table rows', () => {
    expect(lineStatus('## Worker 1: Core ✅')).toMatchObject({ kind: 'heading', depth: 2, refs: [{ id: 'worker-1' }] });
    expect(lineStatus('### ✅ Gate 1 passed')).toMatchObject({ kind: 'heading', status: 'done' });
    expect(lineStatus('| Agent 1 | 🔄 In Progress | 50% |')).toMatchObject({ kind: 'table-row', status: 'in-progress', refs: [{ id: 'agent-1' }] });
  });

  it('gives columns in the original line when it is mojibake', () => {
    const moj = encodeMojibake('✅ Completed: #12', { charset: 'cp1252', undefinedBytes: 'drop' });
    expect(moj).not.toBe('✅ Completed: #12');
    const s = lineStatus(moj);
    expect(s).toMatchObject({ kind: 'status-label', status: 'done', label: 'Completed' });
    expect(s.marker!.start).toBe(0);
    expect(moj.slice(s.refs[0]!.start, s.refs[0]!.end)).toBe('#12');
  });

  it('finds no issue in a heading hash or a colour', () => {
    expect(lineStatus('# Plan').refs).toEqual([]);
    expect(lineStatus('plain words, nothing here')).toEqual({ kind: 'text', refs: [] });
    expect(lineStatus('   ')).toEqual({ kind: 'blank', refs: [] });
  });

  it('never throws, and columns stay inside the line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (s) => {
        const r = lineStatus(s);
        for (const ref of r.refs) expect(ref.start >= 0 && ref.end <= s.length && ref.start < ref.end).toBe(true);
        if (r.marker) expect(r.marker.start >= 0 && r.marker.end <= s.length).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
