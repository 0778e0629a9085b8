import { describe, expect, it } from 'vitest';
import { analyze, buildModel, parsePlan, type Diagnostic, type Rollup } from '@plansight/core';
import { cli, tempVault } from './cliHarness.js';
import { reportJsonWithAnalysis } from '../src/commands/report.js';
import { describeShared, SHARED } from '../../core/test/shared.js';

const PLAN = `# Sprint

#### Story T1-001: Server
**Size**: M
**Status**: Done

#### Story T1-002: Client
**Size**: S
**Status**: Todo
**Dependencies**: T1-001

#### Story T1-003: Sync
**Status**: Todo
**Dependencies**: T1-004, T9-999

#### Story T1-004: Replay
**Status**: Todo
**Dependencies**: T1-003

#### Story T1-005: Docs
**Status**: Todo
**Dependencies**: T1-002
`;

interface Report {
  files: unknown[];
  items: unknown[];
  diagnostics: Diagnostic[];
  rollups: Rollup[];
  criticalPath: string[];
  criticalDays: number;
  declaredCriticalPath?: unknown;
  ready: string[];
  blocked: { id: string; chain: string[] }[];
  cycles: string[][];
}

describe('plansight report --json with the analysis', () => {
  it('should add rollups, critical path, ready, blocked and cycles, and merge the analysis diagnostics', async () => {
    const dir = tempVault({ 'sprint.md': PLAN });
    const r = await cli(['report', '--json', '.'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Report;
    const model = buildModel([parsePlan('sprint.md', PLAN)]);
    const analysis = analyze(model);
    expect(json.rollups).toEqual(JSON.parse(JSON.stringify(analysis.rollups)));
    expect(json.rollups[0]!.kind).toBe('vault');
    expect(json.rollups[0]!.children.map((f) => [f.label, f.done, f.total])).toEqual([['Sprint', 1, 5]]);
    expect(json.criticalPath).toEqual(analysis.graph.criticalPath);
    expect(json.criticalDays).toBe(analysis.graph.criticalDays);
    expect(json.ready).toEqual(['T1-002']);
    expect(json.blocked.map((b) => [b.id, b.chain])).toEqual([
      ['T1-003', ['T1-004']],
      ['T1-004', ['T1-003']],
      ['T1-005', ['T1-002']],
    ]);
    expect(json.cycles.map((c) => [...c].sort())).toEqual([['T1-003', 'T1-004']]);
    expect(json.declaredCriticalPath).toBeUndefined();
    const codes = json.diagnostics.map((d) => `${d.file}:${d.line}:${d.code}`);
    expect(codes).toEqual(expect.arrayContaining(['sprint.md:12:cycle', 'sprint.md:14:dangling-reference']));
    expect(new Set(codes).size).toBe(codes.length);
    // The contract's fields are still there, unchanged.
    expect(json.items).toHaveLength(5);
    expect(json.files).toHaveLength(1);
  });

  it('should keep one diagnostic per file, line and code when the parser and the analysis both report it', () => {
    const twice = `# Plan\n\n#### Story T1-001: One\n\n#### Story T1-001: Another thing entirely\n`;
    const model = buildModel([parsePlan('plan.md', twice)]);
    const fromParser = model.diagnostics.filter((d) => d.code === 'duplicate-id');
    expect(fromParser).toHaveLength(1);
    const analysis = analyze(model);
    // An analysis that repeats the parser's finding (another message, same place and code) and adds one of its own.
    analysis.diagnostics = [{ ...fromParser[0]!, message: 'said again' }, { file: 'plan.md', line: 3, severity: 'info', code: 'blocks-many', message: 'x' }];
    const json = reportJsonWithAnalysis(model, analysis) as Report;
    expect(json.diagnostics.map((d) => `${d.line}:${d.code}:${d.message}`)).toEqual([`3:blocks-many:x`, `5:duplicate-id:${fromParser[0]!.message}`]);
  });
});

describeShared('plansight report --json on the master plan seed', () => {
  it('should carry the declared critical path and the computed one', async () => {
    const json = JSON.parse((await cli(['report', '--json', 'seeds/master-plan-4-workers.md'], SHARED)).stdout) as Report;
    expect(json.declaredCriticalPath).toEqual({
      steps: [['actor:worker-2'], ['actor:worker-1'], ['actor:worker-3', 'actor:worker-4']],
      labels: ['Worker 2', 'Worker 1', 'Worker 3/4'],
      file: 'seeds/master-plan-4-workers.md',
      line: 307,
    });
    expect(json.criticalPath.slice(0, 2)).toEqual(['actor:worker-2', 'actor:worker-1']);
    expect(json.diagnostics.some((d) => d.code === 'critical-path-differs' && d.line === 307)).toBe(true);
  });
});
