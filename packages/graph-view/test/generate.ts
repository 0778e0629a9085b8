import type { GraphEdge, GraphNode, PlanGraph, Status } from '@plansight/core';

const STATUSES: Status[] = ['todo', 'in-progress', 'blocked', 'waiting', 'next', 'done', 'cancelled'];

/** A deterministic layered plan of `count` items, each depending on up to three earlier ones. */
export function generateGraph(count: number, seed = 1): PlanGraph {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let i = 0; i < count; i++) {
    const id = `T${i + 1}`;
    nodes.push({
      id,
      label: `Generated task number ${i + 1} of the plan`,
      kind: 'item',
      status: STATUSES[Math.floor(rand() * STATUSES.length)]!,
      owner: `worker-${1 + Math.floor(rand() * 4)}`,
      days: 1 + Math.floor(rand() * 5),
      file: `plans/part-${Math.floor(i / 100)}.md`,
      line: 1 + (i % 100) * 3,
      critical: false,
      inCycle: false,
      ready: false,
      blocked: false,
      groups: [`sprint-${1 + Math.floor(i / 250)}`],
    });
    const fan = i === 0 ? 0 : Math.floor(rand() * 3) + (i > 10 ? 1 : 0);
    for (let k = 0; k < fan; k++) {
      const to = Math.max(0, i - 1 - Math.floor(rand() * Math.min(i, 40)));
      if (to < i && !edges.some((e) => e.from === id && e.to === `T${to + 1}`)) {
        edges.push({ from: id, to: `T${to + 1}`, via: 'Dependencies', critical: false, inCycle: false });
      }
    }
  }
  return { nodes, edges, cycles: [], criticalPath: [], ready: [], blocked: [], risks: [] };
}
