import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  buildModel,
  parsePlan,
  repairText,
  type Diagnostic,
  type PlanFile,
  type PlanModel,
  type WorkItem,
} from '@plansight/core';

/**
 * The example vault must show every element of the model and, once analysed, exactly the problems planted in it
 * (each marked by an `<!-- planted: <code>, … -->` comment in its file).
 */

const VAULT = resolve(__dirname, '../../../../vault-template');
const SKIP = new Set(['.obsidian', '.vscode', '.git', 'node_modules']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      if (SKIP.has(name)) return [];
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return markdownFiles(p);
      return name.endsWith('.md') ? [p] : [];
    });
}

const texts = new Map<string, string>();
for (const abs of markdownFiles(VAULT)) texts.set(relative(VAULT, abs).split(sep).join('/'), readFileSync(abs, 'utf8'));

const files: PlanFile[] = [...texts].map(([path, text]) => parsePlan(path, text));
const model: PlanModel = buildModel(files);

const WORKERS = [
  { id: 'worker-1', hours: 420, branch: 'worker-1-sync-engine' },
  { id: 'worker-2', hours: 400, branch: 'worker-2-storage-platform' },
  { id: 'worker-3', hours: 410, branch: 'worker-3-capture-app' },
  { id: 'worker-4', hours: 410, branch: 'worker-4-dashboard' },
];

function file(path: string): PlanFile {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`vault-template/${path} is missing`);
  return f;
}

function item(id: string): WorkItem | undefined {
  return model.items.find((i) => i.id === id);
}

/** `from` depends on `to`, however the plan said it: on the item, as a block, or as a file-level dependency. */
function dependsOn(from: string, to: string): boolean {
  return (
    model.items.some((i) => i.id === from && i.dependsOn.includes(to)) ||
    model.items.some((i) => i.id === to && i.blocks.includes(from)) ||
    model.dependencies.some((d) => d.from === from && d.to === to)
  );
}

/** GFM task items outside fenced code, counted line by line. */
function plainCheckboxCount(text: string): { total: number; checked: number } {
  let fence: string | null = null;
  let total = 0;
  let checked = 0;
  for (const line of text.split(/\r?\n/)) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const m = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\](?:\s|$)/.exec(line);
    if (!m) continue;
    total++;
    if (m[1] !== ' ') checked++;
  }
  return { total, checked };
}

interface Planted {
  file: string;
  line: number;
  code: string;
}

function plantedMarkers(): Planted[] {
  const out: Planted[] = [];
  for (const [path, text] of texts) {
    text.split(/\r?\n/).forEach((l, i) => {
      const m = /^<!-- planted: ([a-z-]+),/.exec(l);
      if (m) out.push({ file: path, line: i + 1, code: m[1]! });
    });
  }
  return out;
}

describe('vault-template: files', () => {
  it('has one file of each plan format, the worker guides, the dashboard and the mojibake note', () => {
    const paths = [...texts.keys()];
    for (const p of [
      'Master Plan.md',
      'Week 1 Coordination.md',
      'Parallel Work - Phase 2.md',
      'Round Tracker.md',
      'Sprint Plan M1.md',
      'DAILY_STATUS.md',
      'Legacy Notes (mojibake).md',
      'Dashboard.md',
      'README.md',
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.filter((p) => /^workers\/Worker [1-4] - .+\.md$/.test(p))).toHaveLength(4);
  });

  it('parses every file without a parser failure', () => {
    const failures = model.diagnostics.filter((d) => /parse|parser/.test(d.code) && d.severity === 'error');
    expect(failures).toEqual([]);
  });

  it('counts checkboxes exactly as a plain count of task items outside fences', () => {
    for (const f of files) expect({ path: f.path, ...f.checkboxes }).toEqual({ path: f.path, ...plainCheckboxCount(texts.get(f.path)!) });
    const sum = files.reduce((n, f) => n + f.checkboxes.total, 0);
    expect(sum).toBeGreaterThanOrEqual(150);
  });

  it('classifies the plan files by kind', () => {
    expect(file('Master Plan.md').kind).toBe('master-plan');
    expect(file('DAILY_STATUS.md').kind).toBe('daily-status');
    expect(file('Round Tracker.md').kind).toBe('round-tracker');
    expect(['sprint', 'gates']).toContain(file('Sprint Plan M1.md').kind);
    expect(file('Week 1 Coordination.md').kind).toBe('week-plan');
  });
});

describe('vault-template: actors', () => {
  it('has Workers 1-4 with their hour budgets and branches', () => {
    for (const w of WORKERS) {
      const a = model.actors.find((x) => x.id === w.id);
      expect(a, w.id).toBeDefined();
      expect({ id: a!.id, hours: a!.hours, branch: a!.branch }).toEqual(w);
    }
  });

  it('has the agents, the lead coordinator, the Jrs, the field lead, the teams and the story owners', () => {
    const ids = new Set(model.actors.map((a) => a.id));
    for (const id of [
      'agent-1',
      'agent-2',
      'agent-3',
      'agent-4',
      'lead-coordinator',
      'survey-jr',
      'sync-jr',
      'map-jr',
      'release-jr',
      'field-lead',
      'team-1',
      'team-2',
      'team-3',
      'team-4',
      'priya',
      'tomas',
      'amara',
      'jonas',
    ]) {
      expect(ids, id).toContain(id);
    }
  });

  it('takes the worker guides’ actor from their frontmatter', () => {
    for (let n = 1; n <= 4; n++) {
      const guide = files.find((f) => f.path.startsWith(`workers/Worker ${n} - `))!;
      expect(guide.kind).toBe('worker-guide');
      expect(guide.frontmatter?.['assignee']).toBe(`Worker ${n}`);
    }
  });
});

describe('vault-template: work items', () => {
  it('gives each worker hour items that add up to the budget, block by block', () => {
    for (const w of WORKERS) {
      const hourItems = model.items.filter((i) => i.file === 'Master Plan.md' && i.owner === w.id && i.estimate?.hours !== undefined);
      const ids = new Set(hourItems.map((i) => i.id));
      const blocks = hourItems.filter((i) => !i.parent || !ids.has(i.parent));
      expect(blocks.length, w.id).toBe(4);
      expect(blocks.reduce((n, i) => n + i.estimate!.hours!, 0), w.id).toBe(w.hours);
      for (const b of blocks) {
        const subs = hourItems.filter((i) => i.parent === b.id);
        expect(subs.length, b.title).toBeGreaterThanOrEqual(2);
        expect(subs.reduce((n, i) => n + i.estimate!.hours!, 0), b.title).toBe(b.estimate!.hours);
      }
    }
  });

  it('has issues #1-#9 with their agents, and #5, #7, #9 depending on #2', () => {
    const owners: Record<string, string> = {
      '#1': 'agent-1',
      '#2': 'agent-2',
      '#3': 'agent-3',
      '#4': 'agent-4',
      '#5': 'agent-3',
      '#6': 'agent-2',
      '#7': 'agent-1',
      '#8': 'agent-4',
      '#9': 'agent-4',
    };
    for (const [id, owner] of Object.entries(owners)) {
      const it = item(id);
      expect(it, id).toBeDefined();
      expect(it!.kind, id).toBe('issue');
      expect(it!.owner, id).toBe(owner);
    }
    for (const id of ['#5', '#7', '#9']) expect(dependsOn(id, '#2'), `${id} → #2`).toBe(true);
    // The Issue Board restates each issue (`- [x] #2 Local storage API (Agent 2)`): its checkbox is the issue's status.
    const board = model.items.filter((i) => i.file === 'Week 1 Coordination.md' && i.section.includes('Issue Board'));
    expect(board).toEqual([]);
    const issues = ['#1', '#2', '#3', '#4', '#5', '#6', '#7', '#8', '#9'].map((id) => item(id)!);
    expect(issues.map((i) => i.status)).toEqual([...Array<string>(8).fill('done'), 'todo']);
    expect(issues.map((i) => i.statusSource)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ kind: 'checkbox', line: 11 + n })));
  });

  it('has the sprint stories with sizes, owners and statuses', () => {
    const stories = model.items.filter((i) => i.kind === 'story');
    const ids = new Set(stories.map((s) => s.id));
    for (const id of ['T1-001', 'T1-006', 'T2-001', 'T2-007', 'T3-001', 'T3-005', 'T4-001', 'T4-004']) expect(ids, id).toContain(id);
    expect(ids.size).toBe(22);
    expect(item('T1-003')!.estimate?.size).toBe('L');
    expect(item('T1-002')!.estimate?.size).toBe('S');
    expect(item('T1-001')!.owner).toBe('priya');
    expect(item('T1-001')!.status).toBe('done');
    expect(item('T1-004')!.status).toBe('in-progress');
    expect(item('T2-005')!.status).toBe('todo');
    expect(item('T1-001')!.checklist.length).toBeGreaterThanOrEqual(3);
    expect(dependsOn('T1-002', 'T1-001')).toBe(true);
    expect(dependsOn('T1-003', 'T2-006')).toBe(true);
  });

  it('has the parallel-work challenges and the STARTS AFTER dependency between Jrs', () => {
    const challenges = model.items.filter((i) => i.kind === 'challenge' && i.file === 'Parallel Work - Phase 2.md');
    expect(challenges.length).toBeGreaterThanOrEqual(4);
    for (const jr of ['survey-jr', 'sync-jr', 'map-jr', 'release-jr']) {
      expect(model.items.some((i) => i.file === 'Parallel Work - Phase 2.md' && i.owner === jr), jr).toBe(true);
    }
    const onSyncJr = (id: string) => id === 'sync-jr' || item(id)?.owner === 'sync-jr';
    const bySurveyJr = (id: string) => id === 'survey-jr' || item(id)?.owner === 'survey-jr';
    expect(model.dependencies.some((d) => d.file === 'Parallel Work - Phase 2.md' && bySurveyJr(d.from) && onSyncJr(d.to))).toBe(true);
  });

  it('has the round tracker’s progress table, next actions and Round 2 dependencies', () => {
    const rows = new Set<number>();
    texts.get('Round Tracker.md')!.split('\n').forEach((l, i) => /^\| \d \|/.test(l) && rows.add(i + 1));
    expect(rows.size).toBe(4);
    const table = model.statusReports
      .filter((r) => r.file === 'Round Tracker.md')
      .flatMap((r) => r.entries.filter((e) => rows.has(e.line)).map((e) => [r.actor, e.status]));
    expect(table).toEqual([
      ['agent-1', 'in-progress'],
      ['agent-2', 'done'],
      ['agent-3', 'in-progress'],
      ['agent-4', 'todo'],
    ]);
    const actions = model.items.filter((i) => i.file === 'Round Tracker.md' && i.section.includes('Next Actions'));
    expect(actions.filter((i) => i.status === 'done')).toHaveLength(4);
    expect(actions.filter((i) => i.status !== 'done')).toHaveLength(4);
    expect(model.dependencies.filter((d) => d.file === 'Round Tracker.md').length).toBeGreaterThanOrEqual(4);
  });

  it('relates the workers as the master plan’s dependency graph says', () => {
    const deps = (id: string) => model.actors.find((a) => a.id === id)?.dependsOn ?? [];
    const edge = (from: string, to: string) => deps(from).includes(to) || dependsOn(from, to);
    expect(edge('worker-1', 'worker-2')).toBe(true);
    expect(edge('worker-3', 'worker-1')).toBe(true);
    expect(edge('worker-4', 'worker-1')).toBe(true);
  });
});

describe('vault-template: gates', () => {
  it('has three gates at weeks 2, 4 and 6 with criteria and an If Fail line', () => {
    const gates = model.gates.filter((g) => g.file === 'Sprint Plan M1.md');
    expect(gates.map((g) => g.week)).toEqual([2, 4, 6]);
    expect(gates.map((g) => g.criteria.length)).toEqual([5, 7, 5]);
    for (const g of gates) expect(g.ifFail ?? '', g.title).toMatch(/\S/);
  });

  it('has one gate passed, one in progress with a nested criterion, one not started', () => {
    const [g1, g2, g3] = model.gates.filter((g) => g.file === 'Sprint Plan M1.md');
    expect(g1!.criteria.every((c) => c.checked)).toBe(true);
    const done2 = g2!.criteria.filter((c) => c.checked).length;
    expect(done2).toBe(2);
    expect(g2!.criteria.some((c) => c.depth > 0)).toBe(true);
    expect(g3!.criteria.some((c) => c.checked)).toBe(false);
  });
});

describe('vault-template: ownership', () => {
  const rules = (pattern: string) => model.ownership.filter((r) => r.pattern === pattern);

  it('has Worker 2 exclusive and Worker 1 read-only on the storage layer', () => {
    const db = rules('src/storage/db.ts');
    expect(db.some((r) => r.actor === 'worker-2' && r.mode === 'exclusive')).toBe(true);
    expect(db.some((r) => r.actor === 'worker-1' && r.mode === 'read-only')).toBe(true);
    expect(db.some((r) => r.actor !== 'worker-2' && r.mode === 'exclusive')).toBe(false);
  });

  it('has the shared files and exclusive file trees for every worker', () => {
    for (const p of ['package.json', 'src/index.ts']) expect(rules(p).some((r) => r.mode === 'shared'), p).toBe(true);
    for (const w of WORKERS) {
      const n = model.ownership.filter((r) => r.actor === w.id && r.mode === 'exclusive' && r.file === 'Master Plan.md').length;
      expect(n, w.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('has the planted double claim on the form schema file', () => {
    const claims = rules('src/shared/schema/form_schema.ts').filter((r) => r.mode === 'exclusive' && r.file === 'Master Plan.md');
    expect(new Set(claims.map((r) => r.actor))).toEqual(new Set(['worker-2', 'worker-3']));
  });
});

describe('vault-template: daily status', () => {
  const live = () => model.statusReports.filter((r) => !r.example && r.file === 'DAILY_STATUS.md');

  it('has at least three dated reports for each worker, newest first, with every kind of line', () => {
    for (const w of WORKERS) {
      const dates = live()
        .filter((r) => r.actor === w.id)
        .map((r) => r.date);
      expect(dates.length, w.id).toBeGreaterThanOrEqual(3);
      expect(dates[0], w.id).toBe('2026-11-18');
      expect([...dates].sort().reverse(), w.id).toEqual(dates);
    }
    const statuses = new Set(live().flatMap((r) => r.entries.map((e) => e.status)));
    for (const s of ['done', 'in-progress', 'blocked', 'waiting', 'next'] as const) expect(statuses, s).toContain(s);
  });

  it('references issues, stories and workers from the status lines', () => {
    const refs = new Set(live().flatMap((r) => r.entries.flatMap((e) => e.refs)));
    for (const id of ['T1-003', 'T1-004', 'T2-006', '#9', '#99', 'worker-2']) expect(refs, id).toContain(id);
  });

  it('reads the master plan’s fenced daily status as an example only', () => {
    const examples = model.statusReports.filter((r) => r.file === 'Master Plan.md');
    expect(examples.length).toBe(2);
    expect(examples.every((r) => r.example === true)).toBe(true);
    expect(examples.flatMap((r) => r.entries)).toHaveLength(6);
  });

  it('reads the mojibake note as the symbols it was written with', () => {
    const path = 'Legacy Notes (mojibake).md';
    const text = texts.get(path)!;
    expect(text).toContain('âœ… Completed');
    expect(text).toContain('ðŸ”„ In Progress');
    const moj = file(path);
    expect(moj.encoding.mojibake).toBe(true);
    const clean = parsePlan(path, repairText(text));
    const strip = (f: PlanFile) => f.statusReports.map((r) => ({ actor: r.actor, date: r.date, entries: r.entries.map((e) => [e.status, e.text, e.line]) }));
    expect(strip(moj)).toEqual(strip(clean));
    expect(moj.statusReports).toHaveLength(4);
    expect(moj.statusReports[0]!.entries.map((e) => e.status)).toEqual(['done', 'in-progress', 'blocked']);
  });
});

describe('vault-template: planted problems, and nothing else', () => {
  const planted = plantedMarkers();
  const findings: Diagnostic[] = [...model.diagnostics, ...analyze(model).diagnostics].filter((d) => d.severity !== 'info');

  it('marks the four planted problems in their files', () => {
    expect(planted.map((p) => `${p.file}:${p.code}`).sort()).toEqual([
      'DAILY_STATUS.md:dangling-reference',
      'DAILY_STATUS.md:status-mismatch',
      'Master Plan.md:ownership-conflict',
      'Sprint Plan M1.md:cycle',
    ]);
  });

  it('reports each planted problem in its file', () => {
    for (const p of planted) {
      const hit = findings.filter((d) => d.code === p.code && d.file === p.file);
      expect(hit.length, `${p.file}:${p.line} ${p.code}`).toBeGreaterThanOrEqual(1);
    }
    expect(findings.some((d) => d.code === 'dangling-reference' && d.message.includes('#99'))).toBe(true);
    expect(findings.some((d) => d.code === 'status-mismatch' && d.message.includes('T1-004'))).toBe(true);
    expect(findings.some((d) => d.code === 'cycle' && d.message.includes('T2-004') && d.message.includes('T2-005'))).toBe(true);
    expect(findings.some((d) => d.code === 'ownership-conflict' && d.message.includes('form_schema.ts'))).toBe(true);
  });

  it('has errors, so `plansight check` exits 1', () => {
    expect(findings.some((d) => d.severity === 'error')).toBe(true);
  });

  it('reports no warning or error that was not planted', () => {
    const plantedPairs = new Set(planted.map((p) => `${p.file}\u0000${p.code}`));
    const extra = findings.filter((d) => !plantedPairs.has(`${d.file}\u0000${d.code}`));
    expect(extra.map((d) => `${d.file}:${d.line}: ${d.severity} ${d.code} ${d.message}`)).toEqual([]);
  });
});
