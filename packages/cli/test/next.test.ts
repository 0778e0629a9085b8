import { describe, expect, it } from 'vitest';
import { cli, tempVault } from './cliHarness.js';
import { analyze, buildModel, parsePlan } from '@plansight/core';
import { analysisReportText } from '../src/commands/reportAnalysis.js';
import { describeShared, SHARED } from '../../core/test/shared.js';

const PLAN = `# Plan

## Worker 1

#### Story T1-001: Server (L)
**Owner**: Worker 1

#### Story T1-002: Client (S)
**Owner**: Worker 1
**Dependencies**: T1-001

#### Story T1-003: Docs (S)
**Owner**: Worker 2
`;

describe('plansight next', () => {
  it('should list ready items critical path first, then blocked ones with what they wait on', async () => {
    const dir = tempVault({ 'plan.md': PLAN });
    const r = await cli(['next', '.', '--json'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ready: { id: string; critical: boolean }[]; then: { id: string; waitingOn: string[] }[] };
    expect(out.ready.map((x) => x.id)).toEqual(['T1-001', 'T1-003']);
    expect(out.ready[0]!.critical).toBe(true);
    expect(out.then).toEqual([expect.objectContaining({ id: 'T1-002', waitingOn: ['T1-001'] })]);
  });

  it('should print text with the critical mark', async () => {
    const dir = tempVault({ 'plan.md': PLAN });
    const r = await cli(['next', '.'], dir);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Ready \(2/);
    expect(lines[1]).toMatch(/^ {2}\* T1-001: Server/);
    expect(r.stdout).toMatch(/T1-002: Client .*← waits on T1-001/);
  });

  it('should keep only the given actor\'s items with --actor, by any spelling', async () => {
    const dir = tempVault({ 'plan.md': PLAN });
    const r = await cli(['next', '.', '--actor', 'worker 2', '--json'], dir);
    const out = JSON.parse(r.stdout) as { actor: string; ready: { id: string }[]; then: unknown[] };
    expect(out.actor).toBe('worker-2');
    expect(out.ready.map((x) => x.id)).toEqual(['T1-003']);
    expect(out.then).toEqual([]);
  });

  it('should exit 2 for an unknown actor', async () => {
    const dir = tempVault({ 'plan.md': PLAN });
    expect((await cli(['next', '.', '--actor', 'Nobody'], dir)).code).toBe(2);
  });
});

describe('plansight report, analysis section', () => {
  it('should add actor rollups, the critical path, ready items and blocked chains', async () => {
    const model = buildModel([parsePlan('plan.md', PLAN)]);
    const text = analysisReportText(model, analyze(model));
    expect(text).toMatch(/^Actors:\n {2}Worker 1: 0\/2 \(0%\)\n {2}Worker 2: 0\/1 \(0%\)$/m);
    expect(text).toMatch(/^Critical path \(5\.5 days\): T1-001: Server[^\n→]* → T1-002: Client[^\n→]*$/m);
    expect(text).toMatch(/^Ready \(2\):\n {2}\* T1-001: Server.*\n {4}T1-003: Docs.*$/m);
    expect(text).toMatch(/^Blocked \(1\):\n {2}T1-002: Client.* ← T1-001: Server.*$/m);
    const dir = tempVault({ 'plan.md': PLAN });
    const r = await cli(['report', '.'], dir);
    expect(r.stdout).toContain('Blocked (1):');
  });
});

describeShared('plansight next on the m0 seed', () => {
  it('should list T1-001 before T1-002', async () => {
    const r = await cli(['next', 'seeds/m0-sprint-gates.md'], SHARED);
    expect(r.code).toBe(0);
    const a = r.stdout.indexOf('T1-001:');
    const b = r.stdout.indexOf('T1-002:');
    expect(a).toBeGreaterThan(-1);
    expect(b).toBeGreaterThan(a);
  });
});
