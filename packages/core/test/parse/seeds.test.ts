import { describe, expect, it } from 'vitest';
import { buildModel, parsePlan, repairText, type PlanFile, type PlanModel } from '../../src/index.js';
import { describeShared, seed } from '../shared.js';

function load(name: string): { file: PlanFile; model: PlanModel } {
  const file = parsePlan(name, seed(name));
  return { file, model: buildModel([file]) };
}

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describeShared('seed master-plan-4-workers.md', () => {
  const { file, model } = load('master-plan-4-workers.md');

  it('should find Workers 1–4 with their hour budgets and branches', () => {
    const workers = model.actors.filter((a) => a.kind === 'worker');
    expect(workers.map((a) => [a.id, a.hours, a.branch])).toEqual([
      ['worker-1', 460, 'worker-1-ai-core'],
      ['worker-2', 450, 'worker-2-gpu-infra'],
      ['worker-3', 455, 'worker-3-apps-domain1'],
      ['worker-4', 455, 'worker-4-apps-domain2'],
    ]);
    expect(model.actors.find((a) => a.id === 'worker-1')!.role).toBe('AI Core & Learning');
  });

  it('should give each worker week items whose hours add up to the budget, without counting sub-items twice', () => {
    for (const a of model.actors.filter((x) => x.kind === 'worker')) {
      const top = model.items.filter((i) => i.owner === a.id && !i.parent && i.estimate?.hours !== undefined);
      expect(top.length).toBeGreaterThanOrEqual(4);
      expect(top.reduce((s, i) => s + i.estimate!.hours!, 0)).toBe(a.hours);
    }
    const te = model.items.find((i) => i.title === 'Weeks 1-3: Transfer Entropy')!;
    expect(te.schedule?.weeks).toEqual([1, 3]);
    const kids = model.items.filter((i) => i.parent === te.id);
    expect(kids.map((k) => k.estimate?.hours)).toEqual([60, 30, 15, 15]);
    expect(model.diagnostics.filter((d) => d.code === 'hours-mismatch')).toEqual([]);
  });

  it('should report a budget mismatch as a diagnostic', () => {
    const text = seed('master-plan-4-workers.md').replace('**Weeks 1-3: Transfer Entropy** (120h)', '**Weeks 1-3: Transfer Entropy** (130h)');
    const f = parsePlan('m.md', text);
    expect(f.diagnostics.filter((d) => d.code === 'hours-mismatch').map((d) => d.line).sort((a, b) => a - b)).toEqual([12, 58]);
  });

  it('should make Worker 2 exclusive and Worker 1 read-only on src/gpu/kernel_executor.rs', () => {
    const rules = model.ownership.filter((r) => r.pattern === 'src/gpu/kernel_executor.rs');
    expect(rules.filter((r) => r.mode === 'exclusive').map((r) => r.actor)).toEqual(['worker-2', 'worker-2']);
    expect(rules.find((r) => r.actor === 'worker-1' && r.mode === 'read-only')?.line).toBe(200);
  });

  it('should list the shared files and who coordinates on them', () => {
    const shared = (p: string) => model.ownership.filter((r) => r.pattern === p && r.mode === 'shared').map((r) => r.actor);
    expect(shared('src/integration/mod.rs')).toEqual(['worker-1', 'worker-3', 'worker-4']);
    expect(shared('Cargo.toml')).toEqual(['worker-2', 'worker-3', 'worker-4']);
    expect(shared('src/lib.rs')).toEqual(['worker-1', 'worker-2', 'worker-3', 'worker-4']);
  });

  it('should read the exclusive file trees with their CREATE / ENHANCE marks', () => {
    const r = (p: string) => model.ownership.find((x) => x.pattern === p);
    expect(r('src/orchestration/routing/te_embedding_gpu.rs')).toMatchObject({ actor: 'worker-1', mode: 'creates', line: 177 });
    expect(r('src/orchestration/routing/gpu_transfer_entropy_router.rs')).toMatchObject({ actor: 'worker-1', mode: 'enhances' });
    expect(r('src/applications/drug_discovery/')).toMatchObject({ actor: 'worker-3', mode: 'creates' });
    expect(r('deployment/kubernetes/')).toMatchObject({ actor: 'worker-4', mode: 'creates' });
  });

  it('should relate the workers: 2 → 1 → 3 and 4', () => {
    const dep = (id: string) => model.actors.find((a) => a.id === id)!.dependsOn;
    expect(dep('worker-2')).toEqual([]);
    expect(dep('worker-1')).toEqual(['worker-2']);
    expect(dep('worker-3')).toContain('worker-1');
    expect(dep('worker-4')).toContain('worker-1');
  });

  it('should count 39 checkboxes', () => {
    expect(file.checkboxes).toEqual({ total: 39, checked: 0 });
  });

  it('should report the fenced daily status as an example: 4 actors, 12 entries, Worker 1 blocked on #145', () => {
    const reports = model.statusReports;
    expect(reports.map((r) => r.actor)).toEqual(['worker-1', 'worker-2', 'worker-3', 'worker-4']);
    expect(reports.every((r) => r.example === true && r.date === '2025-10-12')).toBe(true);
    expect(reports.flatMap((r) => r.entries)).toHaveLength(12);
    const blocked = reports[0]!.entries.find((e) => e.status === 'blocked')!;
    expect(blocked).toMatchObject({ refs: ['#145'], line: 364, label: 'Blocked' });
    expect(reports[1]!.entries[1]).toMatchObject({ status: 'in-progress', refs: ['#145'], eta: '2pm' });
    expect(reports[2]!.entries[2]).toMatchObject({ status: 'waiting', refs: ['worker-1'] });
  });

  it('should classify the file as a master plan', () => {
    expect(file.kind).toBe('master-plan');
  });
});

describeShared('seed week-1-coordination.md', () => {
  const { file, model } = load('week-1-coordination.md');

  it('should find Agents 1–5 and the Lead Coordinator', () => {
    expect(ids(model.actors).sort()).toEqual(['agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5', 'lead-coordinator']);
    expect(model.actors.find((a) => a.id === 'agent-2')!.aliases).toContain('ML Architecture Designer');
  });

  it('should find issues #1–#9 with their owners', () => {
    const owner = (id: string) => model.items.filter((i) => i.id === id).map((i) => i.owner);
    const expected: Record<string, string> = {
      '#1': 'agent-1', '#2': 'agent-2', '#6': 'agent-2', '#3': 'agent-3', '#8': 'agent-4', '#9': 'agent-4',
      '#4': 'agent-5', '#5': 'agent-5', '#7': 'agent-5',
    };
    for (const [id, who] of Object.entries(expected)) expect(owner(id)).toEqual([who]);
    expect(model.items.filter((i) => i.kind === 'issue')).toHaveLength(9);
    expect(model.items.find((i) => i.id === '#2')!.title).toBe('Teacher Model Wrappers');
  });

  it('should make #5, #7 and #9 depend on #2', () => {
    for (const id of ['#5', '#7', '#9']) expect(model.items.find((i) => i.id === id)!.dependsOn).toContain('#2');
    expect(model.items.find((i) => i.id === '#2')!.blocks).toEqual(['#5', '#7', '#9']);
  });

  it('should count 29 checkboxes', () => {
    expect(file.checkboxes).toEqual({ total: 29, checked: 0 });
  });
});

describeShared('seed phase-3a-parallel-work.md', () => {
  const { file, model } = load('phase-3a-parallel-work.md');

  it('should find the Jrs and Medicine Woman', () => {
    expect(ids(model.actors).sort()).toEqual(['executive-jr', 'integration-jr', 'medicine-woman', 'memory-jr', 'meta-jr']);
  });

  it('should find Challenges 1, 3, 4, 6 and 8 with their tasks per Jr', () => {
    const challenges = model.items.filter((i) => i.kind === 'challenge');
    expect(challenges.map((c) => c.title.replace(/:.*/, ''))).toEqual(['Challenge 1', 'Challenge 3', 'Challenge 4', 'Challenge 6', 'Challenge 8']);
    const tasks = (c: string) => model.items.filter((i) => i.parent === challenges.find((x) => x.title.startsWith(c))!.id).map((i) => i.owner);
    expect(tasks('Challenge 1')).toEqual(['executive-jr', 'integration-jr', 'memory-jr']);
    expect(tasks('Challenge 3')).toEqual(['memory-jr', 'meta-jr', 'executive-jr']);
    expect(tasks('Challenge 4')).toEqual(['executive-jr', 'medicine-woman', 'executive-jr']);
    expect(model.items.find((i) => i.line === 93)!.owners).toEqual(['medicine-woman', 'meta-jr']);
    expect(model.items.filter((i) => i.kind === 'task').reduce((s, i) => s + i.checklist.length, 0)).toBe(59);
  });

  it('should find exactly the two blocking dependencies the plan names', () => {
    const at = (line: number) => model.items.find((i) => i.line === line)!.id;
    expect(model.dependencies.map((d) => [d.from, d.to])).toEqual([
      [at(56), at(46)],
      [at(103), at(93)],
    ]);
  });

  it('should count 59 checkboxes', () => {
    expect(file.checkboxes).toEqual({ total: 59, checked: 0 });
  });
});

describeShared('seed round-tracker.md', () => {
  const { file, model } = load('round-tracker.md');

  it('should find Agents 1–4 with their tools', () => {
    expect(model.actors.map((a) => [a.id, a.tools])).toEqual([
      ['agent-1', ['realtime-core']],
      ['agent-2', ['vector-navigator']],
      ['agent-3', ['gpu-accelerator']],
      ['agent-4', ['frozen-model-rl']],
    ]);
  });

  it('should read the progress table: 4 rows, Not Started, 0%', () => {
    const rows = model.statusReports.filter((r) => r.entries[0]?.statusSource?.kind === 'table-cell');
    expect(rows.map((r) => r.actor)).toEqual(['agent-1', 'agent-2', 'agent-3', 'agent-4']);
    for (const r of rows) {
      expect(r.entries[0]).toMatchObject({ status: 'todo', label: 'Not Started', statusSource: { column: 3 } });
      expect(r.entries[0]!.text).toContain('0%');
    }
  });

  it('should read the next actions: 3 done, 7 pending', () => {
    const next = model.items.filter((i) => i.section.includes('Next Actions'));
    expect(next).toHaveLength(10);
    expect(next.filter((i) => i.status === 'done')).toHaveLength(3);
    expect(next.filter((i) => i.status === 'waiting').map((i) => i.statusSource?.kind)).toEqual(Array(7).fill('emoji'));
  });

  it('should read the Round 2 dependencies', () => {
    expect(model.dependencies.map((d) => [d.from, d.to])).toEqual([
      ['round-tracker:audio-pipeline', 'round-tracker:realtime-core'],
      ['round-tracker:audio-pipeline', 'round-tracker:gpu-accelerator'],
      ['round-tracker:embeddings-engine', 'round-tracker:gpu-accelerator'],
    ]);
  });

  it('should not read success criteria as live status', () => {
    expect(model.statusReports.filter((r) => r.entries[0]?.statusSource?.kind !== 'table-cell')).toEqual([]);
  });

  it('should count 16 checkboxes', () => {
    expect(file.checkboxes).toEqual({ total: 16, checked: 0 });
  });
});

describeShared('seed m0-sprint-gates.md', () => {
  const { file, model } = load('m0-sprint-gates.md');

  it('should find Teams 1–3 and the named owners', () => {
    expect(model.actors.filter((a) => a.kind === 'team').map((a) => a.id)).toEqual(['team-1', 'team-2', 'team-3']);
    expect(model.actors.find((a) => a.id === 'alice')).toMatchObject({ name: 'Alice', role: 'Rust lead', kind: 'person' });
  });

  it('should find 53 story ids T1-001 … T3-017, including T3-011b, with sizes', () => {
    const stories = model.items.filter((i) => i.kind === 'story');
    const unique = [...new Set(stories.map((s) => s.id))];
    expect(unique).toHaveLength(53);
    expect(unique).toContain('T3-011b');
    expect(unique).toContain('T3-017');
    expect(stories.find((s) => s.id === 'T3-011b')!.estimate).toEqual({ size: 'M' });
    expect(stories.find((s) => s.id === 'T1-004')).toMatchObject({ title: 'FFI interface definition', estimate: { size: 'S' } });
    expect(stories.find((s) => s.id === 'T1-001')).toMatchObject({ owner: 'alice', estimate: { size: 'M', days: 2 } });
    expect(stories.find((s) => s.id === 'T1-001')!.checklist).toHaveLength(7);
    expect(stories).toHaveLength(54);
    expect(stories.every((s) => s.estimate?.size)).toBe(true);
  });

  it('should flag T1-012, used for two different stories, as a duplicate id', () => {
    expect(model.diagnostics.filter((d) => d.code === 'duplicate-id').map((d) => d.line)).toEqual([276]);
  });

  it('should make T1-002 depend on T1-001', () => {
    expect(model.items.find((i) => i.id === 'T1-002')!.dependsOn).toEqual(['T1-001']);
  });

  it('should find Gates 1–4 with their weeks and criteria (nested criteria count)', () => {
    expect(model.gates.map((g) => [g.week, g.criteria.length])).toEqual([
      [4, 7],
      [5, 5],
      [6, 5],
      [7, 11],
    ]);
    expect(model.gates[0]!.ifFail).toBe('Sprint 5 delayed until pass. Teams 2 & 3 blocked.');
    expect(model.gates[3]!.criteria.filter((c) => c.depth === 1)).toHaveLength(6);
  });

  it('should keep the plan’s own gate totals and warn where Gate 4 lists 11 criteria but the metrics say 12', () => {
    expect(model.gates.map((g) => g.declaredTotal)).toEqual([7, 5, 5, 12]);
    expect(model.diagnostics.filter((d) => d.code === 'gate-count-mismatch')).toMatchObject([{ severity: 'warning', line: 162 }]);
  });

  it('should count 72 checkboxes', () => {
    expect(file.checkboxes).toEqual({ total: 72, checked: 0 });
  });
});

describeShared('mojibake seeds', () => {
  for (const name of ['master-plan-4-workers.md', 'm0-sprint-gates.md', 'round-tracker.md', 'week-1-coordination.md', 'phase-3a-parallel-work.md']) {
    it(`should give the same model for ${name} as for its repaired text (modulo encoding and columns)`, () => {
      const text = seed(name);
      const a = parsePlan(name, text);
      const b = parsePlan(name, repairText(text));
      const strip = (f: PlanFile) => ({ ...f, encoding: null, references: f.references.map((r) => ({ ...r, start: 0, end: 0 })) });
      expect(strip(a)).toEqual(strip(b));
    });
  }

  it('should say which seeds held mojibake', () => {
    const moj = ['master-plan-4-workers.md', 'm0-sprint-gates.md', 'round-tracker.md', 'week-1-coordination.md', 'phase-3a-parallel-work.md'].filter(
      (n) => parsePlan(n, seed(n)).encoding.mojibake,
    );
    expect(moj.length).toBe(3);
  });
});

describe('a tiny plan without the shared folder', () => {
  it('should parse a worker heading, its branch and a story', () => {
    const f = parsePlan('p.md', '### **Worker 1 - "Core"** (10 hours)\n**Branch**: `w1`\n\n- T1-001: Setup (S)\n');
    expect(f.actors[0]).toMatchObject({ id: 'worker-1', hours: 10, branch: 'w1', role: 'Core' });
    expect(f.items[0]).toMatchObject({ id: 'T1-001', title: 'Setup', estimate: { size: 'S' } });
  });
});
