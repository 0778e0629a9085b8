import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan, type PlanFile } from '../../src/index.js';

function wellFormed(f: PlanFile): void {
  expect(Array.isArray(f.items)).toBe(true);
  for (const d of f.diagnostics) {
    expect(typeof d.code).toBe('string');
    expect(d.line).toBeGreaterThanOrEqual(1);
  }
  for (const i of f.items) expect(i.line).toBeGreaterThanOrEqual(1);
}

const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((a) => String.fromCharCode(...a));
const planish = fc
  .array(
    fc.constantFrom(
      '# ', '## Worker 1:', '### Gate 1: Week 4 - X', '- [ ] ', '- [x] ', '- [✅] ', '  - ', '1. ✅ ', '```', '```markdown', '~~~',
      '| Agent | Status |', '|---|---|', '| 1 | Done |', '> ', '**Owner**: ', '**Dependencies**: T1-001', 'Worker 1', 'WORKER_2',
      '#2', 'T1-001: x (M)', '**Weeks 1-3: A** (10h)', '├── a.rs (CREATE)', '**READ-ONLY**: `a`', '→ enables →', '\n', '\r\n',
      '  ', '\t', 'âœ…', 'â', 'Œ', '‚ùå', '\u0000', '\uD800', '\uDC00', '<!--', '-->', '---', '…', '[', ']', '(', ')', '*', '_',
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(''));

describe('parsePlan on any input', () => {
  it('should never throw on arbitrary strings (NUL, unpaired surrogates, control characters)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), codeUnits, fc.string({ unit: 'binary', maxLength: 300 })), (s) => {
        wellFormed(parsePlan('any.md', s));
      }),
      { numRuns: 300 },
    );
  });

  it('should never throw on plan-like fragments in any order', () => {
    fc.assert(
      fc.property(planish, (s) => {
        const f = parsePlan('plan.md', s);
        wellFormed(f);
        expect(f.checkboxes.checked).toBeLessThanOrEqual(f.checkboxes.total);
      }),
      { numRuns: 300 },
    );
  });

  it('should read a 1 MB line', () => {
    const f = parsePlan('long.md', `# Title\n- [ ] ${'x'.repeat(1_000_000)}\n`);
    expect(f.checkboxes.total).toBe(1);
    expect(f.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('should survive 10,000-deep blockquotes and keep the rest of the file', () => {
    const f = parsePlan('deep.md', `${'>'.repeat(10_000)} deep\n\n# After\n- [ ] still here\n`);
    wellFormed(f);
    expect(f.checkboxes.total).toBe(1);
    expect(f.headings.map((h) => h.text)).toContain('After');
    expect(f.diagnostics.filter((d) => d.code === 'parse-failed')).toMatchObject([{ line: 1, severity: 'error' }]);
  });

  it('should survive 10,000-deep nested list markers and keep the rest of the file', () => {
    const f = parsePlan('nest.md', `# Deep\n${'- '.repeat(10_000)}deep\n\n# After\n- [x] still here\n`);
    wellFormed(f);
    expect(f.checkboxes).toEqual({ total: 1, checked: 1 });
    expect(f.diagnostics.filter((d) => d.code === 'parse-failed').map((d) => d.line)).toEqual([2]);
  });

  it('should survive list indentation 2,000 levels deep and keep the rest of the file', () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`);
    const f = parsePlan('nest.md', `${lines.join('\n')}\n\n# After\n- [x] still here\n`);
    wellFormed(f);
    expect(f.checkboxes).toEqual({ total: 1, checked: 1 });
    expect(f.diagnostics.map((d) => d.code)).toEqual(['parse-failed']);
  });

  it('should report a section the markdown parser cannot read as parse-failed with its line, and keep the others', () => {
    const f = parsePlan('x.md', '# A\n- [ ] one\n# B\n- [ ] two\n', {}, {
      blocks: undefined,
      cache: {
        get: (key) => {
          if (key.startsWith('# B')) throw new RangeError('Maximum call stack size exceeded');
          return undefined;
        },
        set: () => undefined,
      },
    });
    expect(f.diagnostics.filter((d) => d.code === 'parse-failed').map((d) => d.line)).toEqual([3]);
    expect(f.checkboxes.total).toBe(1);
  });
});
