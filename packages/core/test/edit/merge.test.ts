import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, buildModel, editsFor, mergeDaily, type EditAction } from '@plansight/core';

const EMPTY = buildModel([]);
const run = (text: string, a: EditAction) => applyEdits(text, editsFor('DAILY_STATUS.md', text, EMPTY, a));

const BASE = `# Daily Status - 2025-10-12

## Worker 1:
- ✅ Completed: Time-delay embedding
- 🔄 In Progress: k-NN implementation
- ❌ Blocked: Needs digamma kernel (Issue #145)

## Worker 2:
- ✅ Completed: GGUF parser
- 🔄 In Progress: Digamma kernel (Issue #145, ETA 2pm)
- 🎯 Next: KV-cache

---

# Daily Status - 2025-10-11

## Worker 1:
- ✅ Completed: Embedding design
`;

describe('mergeDaily', () => {
  it('merges two workers who each change their own adjacent lines, which plain diff3 would conflict on', () => {
    const ours = BASE.replace('- ❌ Blocked: Needs digamma kernel (Issue #145)', '- ❌ Blocked: Needs digamma kernel (Issue #145, pinged Worker 2)');
    const theirs = BASE.replace('## Worker 2:\n', '## Worker 2:\n- ✅ Completed: Tokenizer\n');
    const r = mergeDaily(BASE, ours, theirs);
    expect(r.conflicts).toBe(0);
    expect(r.text).toBe(ours.replace('## Worker 2:\n', '## Worker 2:\n- ✅ Completed: Tokenizer\n'));
  });

  it('merges two new days started on both branches into one entry, keeping both workers’ updates', () => {
    const day = (t: string) => run(t, { type: 'new-day', date: '2025-10-13' });
    const ours = run(day(BASE), { type: 'move-status-line', line: 4, to: 'done' });
    const theirs = run(day(BASE), { type: 'add-blocker', actor: 'Worker 2', text: 'Needs GPU quota', ref: 'Issue #7' });
    const r = mergeDaily(BASE, ours, theirs);
    expect(r.conflicts).toBe(0);
    expect(r.text.match(/# Daily Status - 2025-10-13/g)).toHaveLength(1);
    expect(r.text).toContain('- ✅ Completed: k-NN implementation');
    expect(r.text).toContain('- ❌ Blocked: Needs GPU quota (Issue #7)');
    expect(r.text.split('# Daily Status - 2025-10-12')[0]).not.toContain('🔄 In Progress: k-NN implementation');
  });

  it('keeps lines both sides added to the same section, once each, in file order', () => {
    const ours = BASE.replace('- 🎯 Next: KV-cache\n', '- 🎯 Next: KV-cache\n- 🎯 Next: Paged attention\n');
    const theirs = BASE.replace('- 🎯 Next: KV-cache\n', '- 🎯 Next: KV-cache\n- 🎯 Next: Paged attention\n- 🎯 Next: Rope scaling\n');
    const r = mergeDaily(BASE, ours, theirs);
    expect(r.conflicts).toBe(0);
    expect(r.text).toContain('- 🎯 Next: KV-cache\n- 🎯 Next: Paged attention\n- 🎯 Next: Rope scaling\n');
  });

  it('falls back to conflict markers when the same line changed differently, losing neither', () => {
    const ours = BASE.replace('🔄 In Progress: k-NN implementation', '✅ Completed: k-NN implementation');
    const theirs = BASE.replace('🔄 In Progress: k-NN implementation', '❌ Blocked: k-NN implementation');
    const r = mergeDaily(BASE, ours, theirs);
    expect(r.conflicts).toBe(1);
    expect(r.text).toContain('<<<<<<< ours\n- ✅ Completed: k-NN implementation\n=======\n- ❌ Blocked: k-NN implementation\n>>>>>>> theirs\n');
  });

  it('keeps CRLF, the BOM and the final newline of ours', () => {
    const crlf = (t: string) => '\uFEFF' + t.replace(/\n/g, '\r\n');
    const ours = BASE.replace('- 🎯 Next: KV-cache', '- 🎯 Next: KV-cache v2');
    const r = mergeDaily(crlf(BASE), crlf(ours), crlf(BASE));
    expect(r.text).toBe(crlf(ours));
  });
});

/** A random daily status: 1–2 dated entries, 2–4 workers, each with a few lines. */
const STATUS_PREFIX = ['✅ Completed', '🔄 In Progress', '❌ Blocked', '⏳ Waiting', '🎯 Next'];
const line = fc.tuple(fc.constantFrom(...STATUS_PREFIX), fc.integer({ min: 0, max: 30 })).map(([p, n]) => `- ${p}: task ${n}`);
const actorLines = fc.uniqueArray(line, { minLength: 1, maxLength: 4 });
const daily = fc.array(actorLines, { minLength: 2, maxLength: 4 }).map((actors) => {
  const body = actors.map((ls, i) => `## Worker ${i + 1}:\n${ls.join('\n')}\n`).join('\n');
  return `# Daily Status - 2025-10-12\n\n${body}\n---\n\n# Daily Status - 2025-10-11\n\n## Worker 1:\n- ✅ Completed: setup\n`;
});

type Op = { kind: 'move' | 'block' | 'next' | 'newday' | 'edit' | 'delete'; actor: number; pick: number; n: number };
const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('move', 'block', 'next', 'newday', 'edit', 'delete'),
  actor: fc.integer({ min: 1, max: 4 }),
  pick: fc.nat(),
  n: fc.integer({ min: 100, max: 999 }),
});

/** One worker's edits on their own branch, through the real write-back actions (or a hand edit of their line). */
function apply(text: string, ops: Op[], side: string, only?: number): string {
  for (const o of ops) {
    const actor = only ?? o.actor;
    const lines = text.split('\n');
    const header = lines.findIndex((l) => l === `## Worker ${actor}:`);
    if (header < 0) continue;
    let end = header + 1;
    while (end < lines.length && lines[end]!.startsWith('- ')) end++;
    const own = end - header - 1;
    const target = header + 2 + (o.pick % Math.max(own, 1));
    try {
      if (o.kind === 'newday') text = run(text, { type: 'new-day', date: '2025-10-13' });
      else if (o.kind === 'block') text = run(text, { type: 'add-blocker', actor: `Worker ${actor}`, text: `${side} blocker ${o.n}` });
      else if (o.kind === 'next') text = run(text, { type: 'add-status-line', actor: `Worker ${actor}`, status: 'next', text: `${side} next ${o.n}` });
      else if (own > 0 && o.kind === 'move') text = run(text, { type: 'move-status-line', line: target, to: 'done' });
      else if (own > 0 && o.kind === 'edit') {
        lines[target - 1] = `${lines[target - 1]} (${side} ${o.n})`;
        text = lines.join('\n');
      } else if (own > 0 && o.kind === 'delete') {
        lines.splice(target - 1, 1);
        text = lines.join('\n');
      }
    } catch {
      /* an action that does not fit this text: the branch simply does not do it */
    }
  }
  return text;
}

function lossless(base: string, ours: string, theirs: string, merged: string): void {
  // A line is known by the entry and the worker section it sits in: the same words under two workers are two lines.
  const set = (t: string) => {
    const out = new Set<string>();
    let entry = '';
    let actor = '';
    for (const l of t.split('\n')) {
      if (l.startsWith('# ')) [entry, actor] = [l, ''];
      else if (l.startsWith('## ')) actor = l;
      else if (l.trim() !== '' && !/^(<<<<<<<|=======|>>>>>>>)/.test(l)) out.add(`${entry}|${actor}|${l}`);
    }
    return out;
  };
  // Both sides may have started the same new day; the base of that entry is what new-day makes of the base.
  const o = new Set([...set(base), ...set(run(base, { type: 'new-day', date: '2025-10-13' }))]);
  const [a, b, m] = [set(ours), set(theirs), set(merged)];
  for (const l of a) if (!o.has(l) || b.has(l)) expect(m.has(l), `ours: ${l}`).toBe(true);
  for (const l of b) if (!o.has(l) || a.has(l)) expect(m.has(l), `theirs: ${l}`).toBe(true);
}

describe('mergeDaily random trials', () => {
  it('loses no line added or kept by either side (400 trials)', () => {
    fc.assert(
      fc.property(daily, fc.array(op, { maxLength: 5 }), fc.array(op, { maxLength: 5 }), (base, opsA, opsB) => {
        const ours = apply(base, opsA, 'A');
        const theirs = apply(base, opsB, 'B');
        const r = mergeDaily(base, ours, theirs);
        lossless(base, ours, theirs, r.text);
        expect(r.conflicts === 0).toBe(!r.text.includes('<<<<<<< ours'));
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('never conflicts when each side only touches its own worker (300 trials)', () => {
    fc.assert(
      fc.property(daily, fc.array(op, { maxLength: 5 }), fc.array(op, { maxLength: 5 }), (base, opsA, opsB) => {
        const ours = apply(base, opsA, 'A', 1);
        const theirs = apply(base, opsB, 'B', 2);
        const r = mergeDaily(base, ours, theirs);
        expect(r.conflicts).toBe(0);
        lossless(base, ours, theirs, r.text);
      }),
      { numRuns: 300, seed: 43 },
    );
  });
});
