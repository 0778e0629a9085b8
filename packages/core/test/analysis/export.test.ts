import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { dotString, graphToDot, graphToMermaid, mermaidText } from '../../src/analysis/export.js';
import type { GraphNode, PlanGraph } from '../../src/analysis/types.js';
import { item, model } from './build.js';

const node = (id: string, over: Partial<GraphNode> = {}): GraphNode => ({
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

const graphOf = (nodes: GraphNode[], edges: PlanGraph['edges'] = []): PlanGraph => ({
  nodes,
  edges,
  cycles: [],
  criticalPath: [],
  ready: [],
  blocked: [],
  risks: [],
});

/*
 * The subset of Mermaid flowchart syntax the exporter may write. GitHub renders exactly these forms; a label that
 * breaks out of its quotes or an id that is not `n<digits>` would fail one of them.
 */
const MERMAID_LINE = [
  /^flowchart LR$/,
  /^ {2}n\d+\["[^"<>`[\]{}|\n]*"\]$/,
  /^ {2}n\d+ (-->|==>) n\d+$/,
  /^ {2}classDef (done|active|blocked|ready|critical) [a-z-]+:[#\w]+(,[a-z-]+:[#\w]+)*$/,
  /^ {2}class n\d+(,n\d+)* (done|active|blocked|ready|critical)$/,
  /^ {2}linkStyle \d+(,\d+)* stroke:#c92a2a,stroke-width:2px$/,
];
const badMermaidLines = (text: string) => text.replace(/\n$/, '').split('\n').filter((l) => !MERMAID_LINE.some((re) => re.test(l)));

describe('Mermaid export', () => {
  it('should turn every character Mermaid or GitHub reads as syntax into an entity code', () => {
    expect(mermaidText('#2: say "hi" [x] <b> `c` {d} |e|')).toBe('#35;2: say #quot;hi#quot; #91;x#93; #lt;b#gt; #96;c#96; #123;d#125; #124;e#124;');
    expect(mermaidText('a\r\nb\nc')).toBe('a b c');
  });

  it('should keep an <img onerror> title as inert text inside the quoted label', () => {
    const m = graphToMermaid(graphOf([node('x', { label: '<img src=x onerror="alert(1)">' })]));
    expect(m).toContain('  n0["#lt;img src=x onerror=#quot;alert(1)#quot;#gt; (todo)"]');
    expect(m).not.toMatch(/<img|onerror="/);
    expect(badMermaidLines(m)).toEqual([]);
  });

  it('should use n0… ids whatever the plan ids are, with arrows from prerequisite to dependent', () => {
    const g = graphOf([node('a b/c'), node('#2"]; click n0 call alert()')], [{ from: 'a b/c', to: '#2"]; click n0 call alert()', via: 'Depends on', critical: false, inCycle: false }]);
    const m = graphToMermaid(g);
    expect(m).toBe(
      [
        'flowchart LR',
        '  n0["a b/c (todo)"]',
        '  n1["#35;2#quot;#93;; click n0 call alert() (todo)"]',
        '  n1 --> n0',
        '  classDef done fill:#d3f9d8,stroke:#2b8a3e,color:#1b4332',
        '  classDef active fill:#fff3bf,stroke:#e67700,color:#5c3c00',
        '  classDef blocked fill:#ffe3e3,stroke:#c92a2a,color:#5c0000',
        '  classDef ready fill:#e7f5ff,stroke:#1971c2,color:#0b3d6e',
        '  classDef critical stroke-width:3px',
        '',
      ].join('\n'),
    );
  });

  it('should mark the critical path with a star, a thick arrow and the critical class, and status as classes', () => {
    const g = graphOf(
      [node('#2', { label: '#2: "Wrappers"', critical: true, ready: true }), node('#5', { status: 'done', critical: true }), node('#7', { status: 'blocked' }), node('#9', { status: 'in-progress' })],
      [
        { from: '#5', to: '#2', via: 'blocks', critical: true, inCycle: false },
        { from: '#7', to: '#2', via: 'blocks', critical: false, inCycle: false },
      ],
    );
    const m = graphToMermaid(g);
    expect(m).toContain('  n0["★ #35;2: #quot;Wrappers#quot; (todo)"]');
    expect(m).toContain('  n0 ==> n1');
    expect(m).toContain('  n0 --> n2');
    expect(m).toContain('  class n0 ready');
    expect(m).toContain('  class n0,n1 critical');
    expect(m).toContain('  class n1 done');
    expect(m).toContain('  class n2 blocked');
    expect(m).toContain('  class n3 active');
    expect(m).not.toContain('linkStyle');
    expect(badMermaidLines(m)).toEqual([]);
  });

  it('should colour the links of a cycle red by their position among the links', () => {
    const { graph } = analyze(model({ items: [item('A', { dependsOn: ['B'] }), item('B', { dependsOn: ['A'] }), item('C', { dependsOn: ['A'] })] }));
    const m = graphToMermaid(graph);
    const links = m.split('\n').filter((l) => /^ {2}n\d+ (-->|==>) n\d+$/.test(l));
    const inCycle = graph.edges.map((e, i) => (e.inCycle ? i : -1)).filter((i) => i >= 0);
    expect(inCycle).toHaveLength(2);
    expect(links).toHaveLength(3);
    expect(m).toContain(`  linkStyle ${inCycle.join(',')} stroke:#c92a2a,stroke-width:2px`);
    expect(badMermaidLines(m)).toEqual([]);
  });

  it('should leave out an edge whose end is not a node instead of inventing a node', () => {
    const m = graphToMermaid(graphOf([node('A')], [{ from: 'A', to: 'ghost', via: 'x', critical: false, inCycle: true }]));
    expect(m).not.toMatch(/undefined|ghost|linkStyle/);
    expect(badMermaidLines(m)).toEqual([]);
  });

  it('should show display names when given and cut long item labels at 80 characters', () => {
    const long = 'x'.repeat(100);
    const g = graphOf([node('actor:w1', { kind: 'actor', label: long }), node('T1', { label: long }), node('T2', { label: 'Router' })]);
    const m = graphToMermaid(g, { T2: 'Worker "two"' });
    expect(m).toContain(`  n0["${long} (todo)"]`);
    expect(m).toContain(`  n1["${'x'.repeat(77)}... (todo)"]`);
    expect(m).toContain('  n2["Worker #quot;two#quot; (todo)"]');
    expect(graphToMermaid(g, Object.create({ T2: 'inherited' }) as Record<string, string>)).toContain('  n2["Router (todo)"]');
  });

  it('should write only well-formed lines for any labels and ids (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", '<', '>', '[', ']', '{', '}', '|', '`', '#', ';', '\n', '\r', '&', '\\', '-', '→') });
    fc.assert(
      fc.property(fc.uniqueArray(text, { minLength: 1, maxLength: 6 }), fc.array(text, { minLength: 6, maxLength: 6 }), fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.boolean(), fc.boolean())), (ids, labels, pairs) => {
        const nodes = ids.map((id, i) => node(id, { label: labels[i]!, critical: i % 2 === 0, ready: i % 3 === 0 }));
        const edges = pairs.filter(([a, b]) => a < ids.length && b < ids.length).map(([a, b, critical, inCycle]) => ({ from: ids[a]!, to: ids[b]!, via: 'x', critical, inCycle }));
        const m = graphToMermaid(graphOf(nodes, edges));
        expect(badMermaidLines(m)).toEqual([]);
        expect(m.split('\n').filter((l) => l.includes('["'))).toHaveLength(nodes.length);
      }),
    );
  });
});

describe('DOT export', () => {
  it('should quote ids and labels, escape backslashes and quotes, and point from prerequisite to dependent', () => {
    const g = graphOf([node('x"y', { label: 'a\\b "q"' }), node('z')], [{ from: 'z', to: 'x"y', via: 'Depends on', critical: false, inCycle: true }]);
    expect(graphToDot(g)).toBe(
      [
        'digraph plansight {',
        '  rankdir=LR;',
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
        '  "x\\"y" [label="a\\\\b \\"q\\" (todo)", fillcolor="#ffffff", tooltip="p.md:1"];',
        '  "z" [label="z (todo)", fillcolor="#ffffff", tooltip="p.md:1"];',
        '  "x\\"y" -> "z" [label="Depends on", color="#c92a2a"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('should mark the critical path bold, cycles red and colour by status', () => {
    const g = graphOf(
      [node('A', { critical: true, status: 'done' }), node('B', { inCycle: true, ready: true }), node('C', { label: '<img src=x onerror=alert(1)>', status: 'blocked' })],
      [{ from: 'B', to: 'A', via: 'blocks', critical: true, inCycle: false }],
    );
    const d = graphToDot(g, { A: 'Alpha' });
    expect(d).toContain('  "A" [label="Alpha (done)", fillcolor="#d3f9d8", penwidth=3, tooltip="p.md:1"];');
    expect(d).toContain('  "B" [label="B (todo)", fillcolor="#e7f5ff", color="#c92a2a", tooltip="p.md:1"];');
    expect(d).toContain('  "C" [label="<img src=x onerror=alert(1)> (blocked)", fillcolor="#ffe3e3", tooltip="p.md:1"];');
    expect(d).toContain('  "A" -> "B" [label="blocks", penwidth=3];');
  });

  it('should never let a string end its quotes early (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\r', ' ') }), (s) => {
        const q = dotString(s);
        // Inside the quotes, every `"` is preceded by an odd run of backslashes; no raw line break remains.
        const inner = q.slice(1, -1);
        expect(inner).not.toMatch(/[\r\n]/);
        expect(inner).not.toMatch(/(^|[^\\])(\\\\)*"/);
        expect(inner.replace(/\\\\/g, '').replace(/\\"/g, '')).not.toMatch(/["\\]/);
      }),
    );
  });
});
