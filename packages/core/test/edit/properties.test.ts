import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  StaleEditError,
  applyEdits,
  buildModel,
  editsFor,
  parsePlan,
  repairLine,
  splitLines,
  type EditAction,
  type Status,
} from '@plansight/core';
import { EditError } from '../../src/edit/index.js';
import { statusOfLine, statusSpots } from '../../src/edit/lineStatus.js';
import { canWrite } from '../../src/edit/style.js';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../shared.js';

const EMPTY = buildModel([]);
const STATUSES: Status[] = ['todo', 'in-progress', 'blocked', 'waiting', 'next', 'done', 'cancelled'];
const PRIORITY = ['checkbox', 'label', 'field', 'cell', 'emoji', 'percent'] as const;

function mixed(text: string): string {
  let k = 0;
  return text.replace(/\r?\n/g, () => (k++ % 2 ? '\r\n' : '\n'));
}

/** Lines (with their endings) outside the lines an action was about must come back byte for byte. */
function expectOnlyLinesChanged(before: string, after: string, lines: readonly number[]): void {
  const a = splitLines(before);
  const b = splitLines(after);
  expect(b.bom).toBe(a.bom);
  expect(b.lines.length).toBe(a.lines.length);
  for (let i = 0; i < a.lines.length; i++) {
    if (lines.includes(i + 1)) continue;
    expect(b.lines[i], `line ${i + 1}`).toBe(a.lines[i]);
    expect(b.eols[i], `eol ${i + 1}`).toBe(a.eols[i]);
  }
}

function primaryCanWrite(line: string, status: Status): boolean {
  const spots = statusSpots(line);
  for (const k of PRIORITY) {
    const s = spots.find((x) => x.kind === k && x.status !== 'unknown');
    if (s) return spots.filter((x) => x.kind === k).every((x) => canWrite(x, status));
  }
  return false;
}

interface Loaded {
  name: string;
  text: string;
  statusLines: number[];
  boxLines: number[];
}

function load(name: string, text: string): Loaded {
  const lines = splitLines(text).lines.map((l) => repairLine(l).text);
  const statusLines: number[] = [];
  const boxLines: number[] = [];
  lines.forEach((l, i) => {
    if (statusOfLine(l) !== null) statusLines.push(i + 1);
    if (statusSpots(l).some((s) => s.kind === 'checkbox')) boxLines.push(i + 1);
  });
  return { name, text, statusLines, boxLines };
}

function files(): Loaded[] {
  const out: Loaded[] = [];
  for (const n of seedNames()) out.push(load(`seeds/${n}`, seed(n)));
  for (const n of corpusNames()) out.push(load(`corpus/${n}`, corpus(n)));
  // Line endings are part of what must survive: run the same files with CRLF and mixed endings too.
  const extra = out.slice(0, 6).flatMap((f) => [load(`${f.name} (crlf)`, f.text.replace(/\r?\n/g, '\r\n')), load(`${f.name} (mixed)`, mixed(f.text))]);
  return [...out, ...extra];
}

describeShared('write-back properties over every seed and corpus file', () => {
  const all = files();

  it('finds status lines to work on in most files', () => {
    expect(all.filter((f) => f.statusLines.length > 0).length).toBeGreaterThan(all.length / 2);
  });

  for (const f of all) {
    describe(f.name, () => {
      it('set-status touches only its line and reads back as the requested status', () => {
        if (!f.statusLines.length) return expect(f.statusLines).toEqual([]);
        fc.assert(
          fc.property(fc.constantFrom(...f.statusLines), fc.constantFrom(...STATUSES), (line, status) => {
            const action: EditAction = { type: 'set-status', line, status };
            const edits = editsFor(f.name, f.text, EMPTY, action);
            const after = applyEdits(f.text, edits, f.name);
            expectOnlyLinesChanged(f.text, after, [line]);
            const written = repairLine(splitLines(after).lines[line - 1]!).text;
            if (primaryCanWrite(repairLine(splitLines(f.text).lines[line - 1]!).text, status)) expect(statusOfLine(written)).toBe(status);
            // Setting the status it now has changes nothing more.
            const again = applyEdits(after, editsFor(f.name, after, EMPTY, action), f.name);
            expect(again).toBe(after);
          }),
          { numRuns: 12, seed: 4 },
        );
      });

      it('set-item-status through the parsed model, re-parsed by parsePlan, gives the requested status', () => {
        const parsed = parsePlan(f.name, f.text);
        const items = parsed.items.filter((i) => i.statusSource);
        if (!items.length) return expect(items).toEqual([]);
        const model = buildModel([parsed]);
        fc.assert(
          fc.property(fc.constantFrom(...items), fc.constantFrom(...STATUSES), (item, status) => {
            const line = item.statusSource!.line;
            const written = repairLine(splitLines(f.text).lines[line - 1]!).text;
            fc.pre(statusSpots(written).every((s) => canWrite(s, status)));
            const after = applyEdits(f.text, editsFor(f.name, f.text, model, { type: 'set-item-status', id: item.id, status }), f.name);
            expectOnlyLinesChanged(f.text, after, [line]);
            const again = parsePlan(f.name, after).items.find((i) => i.line === item.line && i.kind === item.kind);
            expect(again?.status).toBe(status);
          }),
          { numRuns: 2, seed: 5 },
        );
      }, 180_000);

      it('toggle flips a checkbox and nothing else; the parser counts it', () => {
        if (!f.boxLines.length) return expect(f.boxLines).toEqual([]);
        const parsedBefore = parsePlan(f.name, f.text).checkboxes.checked;
        fc.assert(
          fc.property(fc.constantFrom(...f.boxLines), (line) => {
            const beforeLine = repairLine(splitLines(f.text).lines[line - 1]!).text;
            const was = statusSpots(beforeLine).find((s) => s.kind === 'checkbox')!;
            const after = applyEdits(f.text, editsFor(f.name, f.text, EMPTY, { type: 'toggle', line }), f.name);
            expectOnlyLinesChanged(f.text, after, [line]);
            const now = statusSpots(repairLine(splitLines(after).lines[line - 1]!).text).find((s) => s.kind === 'checkbox')!;
            expect(now.status).toBe(was.status === 'done' ? 'todo' : 'done');
            const delta = parsePlan(f.name, after).checkboxes.checked - parsedBefore;
            // A GFM box outside a fence moves the parser's count by one, in the right direction; a box in a fence or
            // an emoji marker leaves it alone.
            if (['x', 'X', ' '].includes(was.value) && ['x', 'X', ' '].includes(now.value)) expect([0, now.status === 'done' ? 1 : -1]).toContain(delta);
          }),
          { numRuns: 3, seed: 7 },
        );
      });

      it('never throws anything but EditError, and a stale edit is always refused', () => {
        const lineCount = splitLines(f.text).lines.length;
        const action = fc.oneof(
          fc.record({ type: fc.constant('toggle' as const), line: fc.integer({ min: 0, max: lineCount + 1 }) }),
          fc.record({ type: fc.constant('set-status' as const), line: fc.integer({ min: 1, max: lineCount }), status: fc.constantFrom(...STATUSES) }),
          fc.record({ type: fc.constant('move-status-line' as const), line: fc.integer({ min: 1, max: lineCount }), to: fc.constantFrom(...STATUSES) }),
          fc.record({ type: fc.constant('add-blocker' as const), actor: fc.constantFrom('Worker 1', 'Agent 2', 'Nobody'), text: fc.string({ maxLength: 20 }), ref: fc.constantFrom(undefined, 'Issue #145') }),
          fc.record({ type: fc.constant('new-day' as const), date: fc.constantFrom('2030-01-02', '2025-10-13', 'not-a-date') }),
          fc.constant({ type: 'repair-mojibake' as const }),
        );
        fc.assert(
          fc.property(action, fc.nat(), fc.string({ minLength: 1, maxLength: 3 }), (a, pick, noise) => {
            let edits;
            try {
              edits = editsFor(f.name, f.text, EMPTY, a as EditAction);
            } catch (e) {
              expect(e).toBeInstanceOf(EditError);
              return;
            }
            if (!edits.length) return;
            const e = edits[pick % edits.length]!;
            if (e.expected.length === 0) return;
            const at = e.start + (pick % e.expected.length);
            const changed = f.text.slice(0, at) + noise + f.text.slice(at + 1);
            if (changed.slice(e.start, e.end) === e.expected) return;
            expect(() => applyEdits(changed, edits, f.name)).toThrow(StaleEditError);
          }),
          { numRuns: 10, seed: 11 },
        );
      });
    });
  }
});

describe('write-back properties on generated lines', () => {
  it('set-status on any checklist line keeps indentation, bullet and the rest of the line', () => {
    const bullet = fc.constantFrom('-', '*', '+', '1.', '12)');
    const marker = fc.constantFrom(' ', 'x', 'X', '/', '-', '>', '!');
    const rest = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ''));
    fc.assert(
      fc.property(fc.nat({ max: 6 }), bullet, marker, rest, fc.constantFrom(...STATUSES), fc.constantFrom('\n', '\r\n'), (indent, b, m, r, status, eol) => {
        const line = `${' '.repeat(indent)}${b} [${m}] task${r}`;
        const text = `# T${eol}${line}${eol}tail${eol}`;
        const after = applyEdits(text, editsFor('t.md', text, EMPTY, { type: 'set-status', line: 2, status }));
        expectOnlyLinesChanged(text, after, [2]);
        const out = splitLines(after).lines[1]!;
        expect(out.startsWith(`${' '.repeat(indent)}${b} [`)).toBe(true);
        expect(out.endsWith(`] task${r}`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
