/**
 * The dependency graph as text for other tools: a Mermaid flowchart (renders on GitHub as is) and Graphviz DOT.
 * Arrows run from prerequisite to dependent, the critical path is bold and cycles are red.
 */
import type { GraphNode, PlanGraph } from './types.js';

/** Display names by node id; a node without one shows its label (items cut at 80 characters). */
export type DisplayNames = Readonly<Record<string, string>>;

const MAX_LABEL = 80;

function displayName(n: GraphNode, names: DisplayNames): string {
  const named = Object.prototype.hasOwnProperty.call(names, n.id) ? names[n.id] : undefined;
  if (named !== undefined) return named;
  return n.kind === 'actor' || n.label.length <= MAX_LABEL ? n.label : `${n.label.slice(0, MAX_LABEL - 3)}...`;
}

/** Mermaid label text inside `"…"`: entity codes for what Mermaid or GitHub would read as syntax. */
export function mermaidText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/\[/g, '#91;')
    .replace(/]/g, '#93;')
    .replace(/[{}|]/g, (c) => `#${c.charCodeAt(0)};`);
}

const MERMAID_CLASS: Record<string, string> = { done: 'done', cancelled: 'done', 'in-progress': 'active', blocked: 'blocked', waiting: 'blocked' };

/** A Mermaid flowchart: safe ids (`n0`…), quoted escaped labels with status, ★ and thick arrows on the critical path. */
export function graphToMermaid(graph: PlanGraph, names: DisplayNames = {}): string {
  const id = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`] as const));
  const out = ['flowchart LR'];
  const declared = declaredLine(graph);
  if (declared) out.push(`  %% ${declared.replace(/[\r\n]+/g, ' ')}`);
  for (const n of graph.nodes) {
    const mark = n.critical ? '★ ' : '';
    out.push(`  ${id.get(n.id)}["${mermaidText(`${mark}${displayName(n, names)} (${n.status})`)}"]`);
  }
  const cycleLinks: number[] = [];
  let link = 0;
  for (const e of graph.edges) {
    const from = id.get(e.from);
    const to = id.get(e.to);
    // An edge to a node the graph does not list would make Mermaid invent a node named after the raw id.
    if (from === undefined || to === undefined) continue;
    out.push(`  ${to} ${e.critical ? '==>' : '-->'} ${from}`);
    if (e.inCycle) cycleLinks.push(link);
    link++;
  }
  out.push(
    '  classDef done fill:#d3f9d8,stroke:#2b8a3e,color:#1b4332',
    '  classDef active fill:#fff3bf,stroke:#e67700,color:#5c3c00',
    '  classDef blocked fill:#ffe3e3,stroke:#c92a2a,color:#5c0000',
    '  classDef ready fill:#e7f5ff,stroke:#1971c2,color:#0b3d6e',
    '  classDef critical stroke-width:3px',
  );
  if (declared) out.push('  classDef declared stroke-dasharray:6 3');
  const onDeclared = new Set(graph.declaredCriticalPath?.steps.flat());
  const byClass = new Map<string, string[]>();
  for (const n of graph.nodes) {
    const cls = MERMAID_CLASS[n.status] ?? (n.ready ? 'ready' : undefined);
    for (const c of [cls, n.critical ? 'critical' : undefined, onDeclared.has(n.id) ? 'declared' : undefined]) {
      if (!c) continue;
      byClass.set(c, [...(byClass.get(c) ?? []), id.get(n.id)!]);
    }
  }
  for (const [cls, ids] of byClass) out.push(`  class ${ids.join(',')} ${cls}`);
  if (cycleLinks.length) out.push(`  linkStyle ${cycleLinks.join(',')} stroke:#c92a2a,stroke-width:2px`);
  return out.join('\n') + '\n';
}

/** `declared critical path (Master Plan.md:271): Worker 2 → Worker 1 → Worker 3/4`, when the plan declares one. */
export function declaredLine(graph: PlanGraph): string | undefined {
  const d = graph.declaredCriticalPath;
  if (!d) return undefined;
  return `declared critical path (${d.file}:${d.line}): ${d.labels.join(' → ')}`;
}

/** A DOT double-quoted string. */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

const DOT_FILL: Record<string, string> = { done: '#d3f9d8', cancelled: '#e9ecef', 'in-progress': '#fff3bf', blocked: '#ffe3e3', waiting: '#ffe3e3' };

/** Graphviz DOT: quoted ids and labels, critical path bold (penwidth 3), cycles red, file:line as the tooltip. */
export function graphToDot(graph: PlanGraph, names: DisplayNames = {}): string {
  const out = ['digraph plansight {', '  rankdir=LR;', '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];'];
  const declared = declaredLine(graph);
  if (declared) out.push(`  // ${declared.replace(/[\r\n]+/g, ' ')}`);
  for (const n of graph.nodes) {
    const attrs = [`label=${dotString(`${displayName(n, names)} (${n.status})`)}`, `fillcolor=${dotString(DOT_FILL[n.status] ?? (n.ready ? '#e7f5ff' : '#ffffff'))}`];
    if (n.critical) attrs.push('penwidth=3');
    if (n.inCycle) attrs.push('color="#c92a2a"');
    attrs.push(`tooltip=${dotString(`${n.file}:${n.line}`)}`);
    out.push(`  ${dotString(n.id)} [${attrs.join(', ')}];`);
  }
  for (const e of graph.edges) {
    const attrs = [`label=${dotString(e.via)}`];
    if (e.critical) attrs.push('penwidth=3');
    if (e.inCycle) attrs.push('color="#c92a2a"');
    out.push(`  ${dotString(e.to)} -> ${dotString(e.from)} [${attrs.join(', ')}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
