import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphOutput, mermaidText, toDot, toMermaid } from '../src/commands/graph.js';
import { analyze, buildModel, parsePlan } from '@plansight/core';
import type { PlanGraph } from '@plansight/core';
import { cli, tempVault } from './cliHarness.js';

const PLAN = `# Week 1

### BLOCKING ISSUE: #2 (Teacher "Model" [Wrappers])

**Blocks**: Issues #5, #7

### Issue #5: MD benchmarks

### Issue #7: ASE tests
`;

const node = (id: string, over: Partial<PlanGraph['nodes'][number]> = {}): PlanGraph['nodes'][number] => ({
  id,
  label: id,
  kind: 'item',
  status: 'todo',
  file: 'p.md',
  line: 1,
  critical: false,
  inCycle: false,
  ready: false,
  blocked: false,
  groups: [],
  ...over,
});

describe('graph export', () => {
  it('should escape everything Mermaid would read as syntax', () => {
    expect(mermaidText('#2: say "hi" [x] <b> `c` {d} |e|')).toBe('#35;2: say #quot;hi#quot; #91;x#93; #lt;b#gt; #96;c#96; #123;d#125; #124;e#124;');
  });

  it('should write Mermaid with safe ids, quoted labels, thick critical edges and status classes', () => {
    const g: PlanGraph = {
      nodes: [node('#2', { label: '#2: "Wrappers"', critical: true, ready: true }), node('a b/c', { status: 'done', critical: true })],
      edges: [{ from: 'a b/c', to: '#2', via: 'blocks', critical: true, inCycle: false }],
      cycles: [],
      criticalPath: ['#2', 'a b/c'],
      ready: ['#2'],
      blocked: [],
      risks: [],
    };
    const m = toMermaid(g);
    expect(m.split('\n')[0]).toBe('flowchart LR');
    expect(m).toContain('n0["★ #35;2: #quot;Wrappers#quot; (todo)"]');
    expect(m).toContain('n0 ==> n1');
    expect(m).toMatch(/class n1 done/);
    expect(m).toMatch(/class n0,n1 critical/);
    // Every node line is an id then a quoted label with no raw quote inside.
    for (const line of m.split('\n').filter((l) => l.includes('["'))) expect(line).toMatch(/^ {2}n\d+\["[^"]*"\]$/);
  });

  it('should write DOT with escaped strings, prerequisite → dependent', () => {
    const g: PlanGraph = {
      nodes: [node('x"y', { label: 'a\\b "q"' }), node('z')],
      edges: [{ from: 'z', to: 'x"y', via: 'Depends on', critical: false, inCycle: true }],
      cycles: [],
      criticalPath: [],
      ready: [],
      blocked: [],
      risks: [],
    };
    const d = toDot(g);
    expect(d).toContain('"x\\"y" [label="a\\\\b \\"q\\" (todo)"');
    expect(d).toContain('"x\\"y" -> "z" [label="Depends on", color="#c92a2a"];');
    expect(d.trim().endsWith('}')).toBe(true);
  });

  it('should export JSON with status and critical marks from a plan', async () => {
    const dir = tempVault({ 'week.md': PLAN });
    const r = await cli(['graph', '.', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout) as PlanGraph;
    expect(g.edges.map((e) => `${e.from}->${e.to}`).sort()).toEqual(['#5->#2', '#7->#2']);
    expect(g.nodes.find((n) => n.id === '#2')!.critical).toBe(true);
    expect(g.blocked.map((b) => b.id).sort()).toEqual(['#5', '#7']);
  });

  it('should write Mermaid to a file with -o', async () => {
    const dir = tempVault({ 'week.md': PLAN });
    const r = await cli(['graph', 'week.md', '--format', 'mermaid', '-o', 'out.mmd'], dir);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'out.mmd'), 'utf8');
    expect(text).toMatch(/^flowchart LR\n/);
    expect(text).toContain('#35;2: Teacher #quot;Model#quot; #91;Wrappers#93;');
  });

  it('should export a self-contained HTML page through the graph-view renderer', () => {
    const model = buildModel([parsePlan('week.md', PLAN)]);
    const { graph, rollups } = analyze(model);
    const html = graphOutput('html', model, graph, rollups, () => 'window.__bundle = 1;');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Plansight — week.md</title>');
    expect(html).toContain('<script>window.__bundle = 1;</script>');
    const data = /<script type="application\/json" id="plansight-data">(.*?)<\/script>/s.exec(html)![1]!;
    const payload = JSON.parse(data) as { graph: PlanGraph };
    expect(payload.graph.edges).toHaveLength(2);
  });

  it('should refuse an unknown format with exit 2', async () => {
    const dir = tempVault({ 'week.md': PLAN });
    expect((await cli(['graph', '.', '--format', 'png'], dir)).code).toBe(2);
  });
});
