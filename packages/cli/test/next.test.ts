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
    expect(text).toMatch(/^Ready \(2, no status written\):\n {2}\* T1-001: Server.*\n {4}T1-003: Docs.*$/m);
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

/** Two stories with a written status, two without: the plan never says where T1-003 and T1-004 stand. */
const MIXED = `# Plan

#### Story T1-004: Metrics
**Size**: S

#### Story T1-001: Server
**Status**: Todo

#### Story T1-003: Notes
**Size**: S

#### Story T1-002: Client
**Status**: In progress

#### Story T1-005: Release
**Status**: Todo
**Dependencies**: T1-001
`;

describe('ready items with no status written', () => {
  it('should list items with a known open status and only count the ones with none', async () => {
    const dir = tempVault({ 'plan.md': MIXED });
    const lines = (await cli(['next', '.'], dir)).stdout.split('\n');
    expect(lines[0]).toBe('Ready (2, * = critical path):');
    expect(lines.slice(1, 3).map((l) => /T1-00\d/.exec(l)?.[0])).toEqual(['T1-001', 'T1-002']);
    expect(lines[3]).toBe('  … and 2 items with no status written (plansight next --all lists them)');
    expect(lines.join('\n')).not.toMatch(/T1-003|T1-004/);
  });

  it('should list them after the known ones with --all, and in JSON with a count', async () => {
    const dir = tempVault({ 'plan.md': MIXED });
    const lines = (await cli(['next', '.', '--all'], dir)).stdout.split('\n');
    expect(lines[0]).toBe('Ready (2 + 2 with no status written, * = critical path):');
    expect(lines.slice(1, 5).map((l) => /T1-00\d/.exec(l)?.[0])).toEqual(['T1-001', 'T1-002', 'T1-004', 'T1-003']);
    expect(lines.slice(3, 5).every((l) => l.includes('[unknown]'))).toBe(true);
    const json = JSON.parse((await cli(['next', '.', '--json'], dir)).stdout) as { ready: { id: string; status: string }[]; noStatus: number };
    expect(json.ready.map((r) => `${r.id} ${r.status}`)).toEqual(['T1-001 todo', 'T1-002 in-progress', 'T1-004 unknown', 'T1-003 unknown']);
    expect(json.noStatus).toBe(2);
  });

  it('should do the same in the report\'s Ready list', () => {
    const model = buildModel([parsePlan('plan.md', MIXED)]);
    const text = analysisReportText(model, analyze(model));
    expect(text).toMatch(/^Ready \(2\):\n {2}[* ] T1-001: Server\n {4}T1-002: Client\n {2}… and 2 items with no status written \(plansight next --all\)$/m);
  });

  it('should list the ones with no status when nothing else is ready', () => {
    const model = buildModel([parsePlan('plan.md', PLAN)]);
    const text = analysisReportText(model, analyze(model));
    expect(text).toMatch(/^Ready \(2, no status written\):\n {2}\* T1-001: Server.*\n {4}T1-003: Docs.*$/m);
    expect(text).not.toContain('with no status written (');
  });
});
