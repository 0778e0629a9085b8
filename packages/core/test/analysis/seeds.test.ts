import { expect, it } from 'vitest';
import { analyze, ownersOf } from '../../src/analysis/index.js';
import { buildModel } from '../../src/model/buildModel.js';
import { parsePlan } from '../../src/parse/parsePlan.js';
import { describeShared, seed, seedNames } from '../shared.js';

const load = (name: string) => {
  const model = buildModel([parsePlan(name, seed(name))]);
  return { model, analysis: analyze(model) };
};

describeShared('analysis on the seeds', () => {
  it('master plan: the critical path is Worker 2 → Worker 1 → Worker 3/4', () => {
    const { analysis } = load('master-plan-4-workers.md');
    const path = analysis.graph.criticalPath;
    expect(path.slice(0, 2)).toEqual(['actor:worker-2', 'actor:worker-1']);
    expect(path.length).toBeGreaterThan(2);
    for (const rest of path.slice(2)) expect(['actor:worker-3', 'actor:worker-4']).toContain(rest);
  });

  it('master plan: the declared path is Worker 2 → Worker 1 → Worker 3/4, and the computed one says why it differs', () => {
    const { model, analysis } = load('master-plan-4-workers.md');
    expect(model.files[0]!.declaredCriticalPaths?.map((d) => d.steps)).toEqual([[['worker-2'], ['worker-1'], ['worker-3', 'worker-4']]]);
    const declared = analysis.graph.declaredCriticalPath!;
    expect(declared.steps).toEqual([['actor:worker-2'], ['actor:worker-1'], ['actor:worker-3', 'actor:worker-4']]);
    expect(declared.labels).toEqual(['Worker 2', 'Worker 1', 'Worker 3/4']);
    expect(declared.line).toBe(307);
    const path = analysis.graph.criticalPath;
    expect(path.slice(0, 2)).toEqual(['actor:worker-2', 'actor:worker-1']);
    expect(path).toContain('actor:worker-3');
    expect(path).toContain('actor:worker-4');
    const differs = analysis.diagnostics.filter((d) => d.code === 'critical-path-differs');
    expect(differs.map((d) => [d.line, d.severity])).toEqual([[307, 'info']]);
    expect(differs[0]!.message).toContain('Worker 4 depends on Worker 3 (line 294)');
  });

  it('master plan: kernel_executor.rs is Worker 2 exclusive, Worker 1 read-only', () => {
    const { model } = load('master-plan-4-workers.md');
    const owners = ownersOf(model, 'src/gpu/kernel_executor.rs');
    expect(owners.filter((o) => o.actor === 'worker-2').map((o) => o.mode)).toContain('exclusive');
    expect(owners.filter((o) => o.actor === 'worker-1').map((o) => o.mode)).toEqual(['read-only']);
  });

  it('week 1: #5, #7 and #9 are blocked by #2, and #2 is on the critical path', () => {
    const { analysis } = load('week-1-coordination.md');
    for (const id of ['#5', '#7', '#9']) {
      expect(analysis.graph.blocked.find((b) => b.id === id)?.chain).toEqual(['#2']);
    }
    expect(analysis.graph.criticalPath).toContain('#2');
    expect(analysis.graph.ready[0]).toBe('#2');
    expect(analysis.graph.declaredCriticalPath).toBeUndefined();
  });

  it('m0: T1-002 is blocked by T1-001, T1-001 is ready, and all four gates are 0/N', () => {
    const { analysis } = load('m0-sprint-gates.md');
    expect(analysis.graph.blocked.find((b) => b.id === 'T1-002')?.chain).toEqual(['T1-001']);
    expect(analysis.graph.ready).toContain('T1-001');
    const gates = analysis.rollups[0]!.children[0]!.children.filter((c) => c.kind === 'gate');
    expect(gates).toHaveLength(4);
    for (const g of gates) {
      expect(g.done).toBe(0);
      expect(g.total).toBeGreaterThan(0);
      expect(g.passed).toBe(false);
    }
  });

  it('never throws on any seed, and every diagnostic has a file and line', () => {
    for (const name of seedNames()) {
      const { analysis } = load(name);
      for (const d of analysis.diagnostics) {
        expect(d.file).toBe(name);
        expect(d.line).toBeGreaterThan(0);
      }
    }
  });
});

describeShared('analysis on the corpus', () => {
  it('analyses every corpus file alone and all of them as one vault without throwing', async () => {
    const { corpus, corpusNames } = await import('../shared.js');
    const files = corpusNames().map((n) => parsePlan(n, corpus(n)));
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const a = analyze(buildModel([f]));
      for (const d of a.diagnostics) expect(d.line).toBeGreaterThan(0);
    }
    const vault = analyze(buildModel(files));
    const ids = new Set(vault.graph.nodes.map((n) => n.id));
    for (const e of vault.graph.edges) {
      expect(ids.has(e.from)).toBe(true);
      expect(ids.has(e.to)).toBe(true);
    }
    expect(vault.rollups[0]!.children).toHaveLength(files.length);
  });
});
