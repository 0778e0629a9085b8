import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../src/main.js';
import { describeShared, SHARED } from '../../core/test/shared.js';

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    const code = await run(args);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describeShared('plansight report --json on the seeds', () => {
  it('should print the inspection contract with every field the issue names', async () => {
    const { code, out } = await cli(['report', '--json', join(SHARED, 'seeds')]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as Record<string, Array<Record<string, unknown>>>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['files', 'actors', 'items', 'gates', 'ownership', 'statusReports', 'diagnostics']));
    expect(json.files!.map((f) => [f.path, f.kind, f.checkboxes])).toEqual([
      ['m0-sprint-gates.md', 'sprint', { total: 72, checked: 0 }],
      ['master-plan-4-workers.md', 'master-plan', { total: 39, checked: 0 }],
      ['phase-3a-parallel-work.md', 'master-plan', { total: 59, checked: 0 }],
      ['round-tracker.md', 'round-tracker', { total: 16, checked: 0 }],
      ['week-1-coordination.md', 'week-plan', { total: 29, checked: 0 }],
    ]);
    for (const a of json.actors!) expect(Object.keys(a)).toEqual(expect.arrayContaining(['id', 'name', 'aliases', 'file', 'line']));
    for (const i of json.items!) expect(Object.keys(i)).toEqual(expect.arrayContaining(['id', 'title', 'kind', 'status', 'dependsOn', 'file', 'line']));
    for (const g of json.gates!) expect(Object.keys(g)).toEqual(expect.arrayContaining(['id', 'title', 'criteria', 'file', 'line']));
    for (const o of json.ownership!) expect(Object.keys(o)).toEqual(expect.arrayContaining(['actor', 'pattern', 'mode', 'file', 'line']));
    for (const r of json.statusReports!) expect(Object.keys(r)).toEqual(expect.arrayContaining(['actor', 'entries', 'file', 'line']));
    for (const d of json.diagnostics!) expect(Object.keys(d)).toEqual(expect.arrayContaining(['severity', 'code', 'message', 'file', 'line']));
    const t1002 = json.items!.find((i) => i.id === 'T1-002')!;
    expect(t1002).toMatchObject({ kind: 'story', owner: 'alice', dependsOn: ['T1-001'], estimate: { size: 'M', days: 2 }, file: 'm0-sprint-gates.md', line: 514 });
    const w1 = json.actors!.find((a) => a.id === 'worker-1')!;
    expect(w1).toMatchObject({ name: 'Worker 1', hours: 460, branch: 'worker-1-ai-core', file: 'master-plan-4-workers.md', line: 12 });
  });
});

describeShared('plansight report (human)', () => {
  it('should summarise a file: kind, checkboxes, actors with hours and branch, gates with n/N, diagnostics as file:line', async () => {
    const { code, out } = await cli(['report', join(SHARED, 'seeds', 'm0-sprint-gates.md'), join(SHARED, 'seeds', 'master-plan-4-workers.md')]);
    expect(code).toBe(0);
    expect(out).toMatch(/^\S*m0-sprint-gates\.md {2}\(sprint\) {2}0\/72 checkboxes/m);
    expect(out).toContain('Worker 1 (AI Core & Learning, 460h, branch worker-1-ai-core)');
    expect(out).toContain('[ ] T1-002 POST /execute Endpoint (Skeleton)  @Alice  M/2d  0/7 checked  after T1-001');
    expect(out).toContain('gate Gate 4: M0 Complete [week 7]: 0/11 (plan says 12)');
    expect(out).toMatch(/m0-sprint-gates\.md:162: warning gate-count-mismatch /);
    expect(out).toContain('Worker 1 2025-10-12 (example): done Time-delay embedding; in-progress k-NN implementation; blocked Needs digamma kernel (Issue #145) [#145]');
    expect(out).toContain('src/gpu/kernel_executor.rs (exclusive)');
  });
});

describe('plansight report without plans', () => {
  it('should fail with a usage error on a missing path', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { code } = await cli(['report', '/nonexistent/plansight-test']);
      expect(code).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});
