/** The dependency graph as a Mermaid flowchart (left to right), status as a class, critical path in bold. */
import type { PlanGraph, Status } from '@plansight/core';

const CLASS_DEFS: Record<Status, string> = {
  todo: 'fill:#f4f4f4,stroke:#888',
  'in-progress': 'fill:#fff3c4,stroke:#b58900',
  blocked: 'fill:#ffd6d6,stroke:#c0392b',
  waiting: 'fill:#ffe4c4,stroke:#d35400',
  next: 'fill:#d6e8ff,stroke:#2962ff',
  done: 'fill:#d4f5d4,stroke:#2e7d32',
  cancelled: 'fill:#eeeeee,stroke:#aaa,color:#888',
  unknown: 'fill:#ffffff,stroke:#bbb',
};

export function toMermaid(graph: PlanGraph): string {
  const ids = new Map<string, string>();
  graph.nodes.forEach((n, i) => ids.set(n.id, `n${i}`));
  const out = ['flowchart LR'];
  for (const n of graph.nodes) {
    const label = `${n.kind === 'item' && n.label !== n.id ? `${n.id}: ` : ''}${n.label}`.replace(/"/g, '#quot;');
    out.push(`  ${ids.get(n.id)}["${label}"]:::${n.status.replace('-', '')}`);
  }
  graph.edges.forEach((e) => {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    // Mermaid arrows point in the order of work: the dependency first.
    if (from && to) out.push(`  ${to} ${e.critical ? '==>' : e.inCycle ? '-.->' : '-->'} ${from}`);
  });
  for (const [status, style] of Object.entries(CLASS_DEFS)) out.push(`  classDef ${status.replace('-', '')} ${style}`);
  return out.join('\n') + '\n';
}
