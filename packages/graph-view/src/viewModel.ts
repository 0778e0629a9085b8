import type { GraphEdge, GraphNode, PlanGraph, Status } from '@plansight/core';

/** What the person asked to see. Every field is optional; an empty filter shows everything. */
export interface ViewFilter {
  /** Actor id: keep that actor's items (and the actor node itself). */
  actor?: string;
  /** A sprint, week or gate group name from `GraphNode.groups`. */
  group?: string;
  /** Hide done and cancelled items (a focused item stays). */
  hideDone?: boolean;
  /** Hide items with no dependency either way, leaving the dependency picture. */
  linkedOnly?: boolean;
  /** Node id: keep it with everything upstream (its dependencies) and downstream (its dependents). */
  focus?: string;
}

export interface VisibleGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Cycles whose members are all visible. */
  cycles: string[][];
  criticalPath: string[];
}

const CLOSED: ReadonlySet<Status> = new Set<Status>(['done', 'cancelled']);

/** The graph after filters. Edges survive only between surviving nodes. Pure. */
export function visibleGraph(graph: PlanGraph, filter: ViewFilter = {}): VisibleGraph {
  // A repeated id is drawn once (the first); analysis should never send one, but the view must not break on it.
  const byId = new Map<string, GraphNode>();
  for (const n of graph.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  let keep = new Set(byId.keys());

  if (filter.focus !== undefined && byId.has(filter.focus)) {
    keep = chainOf(graph, filter.focus);
  }
  for (const id of [...keep]) {
    const n = byId.get(id)!;
    if (filter.actor !== undefined && n.owner !== filter.actor && n.id !== filter.actor) keep.delete(id);
    else if (filter.group !== undefined && !n.groups.includes(filter.group)) keep.delete(id);
    else if (filter.hideDone && CLOSED.has(n.status) && id !== filter.focus) keep.delete(id);
  }

  let edges = graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  if (filter.linkedOnly) {
    const linked = new Set(edges.flatMap((e) => [e.from, e.to]));
    keep = new Set([...keep].filter((id) => linked.has(id) || id === filter.focus));
    edges = edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  }
  const nodes = [...byId.values()].filter((n) => keep.has(n.id));
  const cycles = graph.cycles.filter((c) => c.length > 0 && c.every((id) => keep.has(id)));
  const criticalPath = graph.criticalPath.filter((id) => keep.has(id));
  return { nodes, edges, cycles, criticalPath };
}

/** A node with its transitive dependencies and transitive dependents. */
export function chainOf(graph: Pick<PlanGraph, 'edges'>, id: string): Set<string> {
  const deps = adjacency(graph.edges, 'from');
  const dependents = adjacency(graph.edges, 'to');
  return new Set([...reach(deps, id), ...reach(dependents, id)]);
}

/** Everything `id` waits on, transitively (not including itself). */
export function upstreamOf(graph: Pick<PlanGraph, 'edges'>, id: string): Set<string> {
  const r = reach(adjacency(graph.edges, 'from'), id);
  r.delete(id);
  return r;
}

function adjacency(edges: GraphEdge[], key: 'from' | 'to'): Map<string, string[]> {
  const other = key === 'from' ? 'to' : 'from';
  const m = new Map<string, string[]>();
  for (const e of edges) {
    const list = m.get(e[key]);
    if (list) list.push(e[other]);
    else m.set(e[key], [e[other]]);
  }
  return m;
}

function reach(adj: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    for (const next of adj.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** The choices a toolbar offers: actors that own something and the groups in use, sorted. */
export function filterChoices(graph: PlanGraph): { actors: string[]; groups: string[] } {
  const actors = new Set<string>();
  const groups = new Set<string>();
  for (const n of graph.nodes) {
    if (n.owner) actors.add(n.owner);
    if (n.kind === 'actor') actors.add(n.id);
    for (const g of n.groups) groups.add(g);
  }
  const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return { actors: sort(actors), groups: sort(groups) };
}

/**
 * Layers for a left-to-right layout: a node sits one layer right of its deepest dependency. Cycle members cannot be
 * ordered, so the back edges found by a depth-first search are ignored. Pure; every node gets a layer.
 */
export function layersOf(graph: Pick<VisibleGraph, 'nodes' | 'edges'>): Map<string, number> {
  const ids = graph.nodes.map((n) => n.id);
  const known = new Set(ids);
  const deps = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of graph.edges) if (known.has(e.from) && known.has(e.to) && e.from !== e.to) deps.get(e.from)!.push(e.to);

  const layer = new Map<string, number>();
  const onStack = new Set<string>();
  for (const root of ids) {
    if (layer.has(root)) continue;
    // Iterative DFS: a frame is [node, index of the next dependency to visit].
    const stack: Array<[string, number]> = [[root, 0]];
    onStack.add(root);
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const [id, i] = frame;
      const list = deps.get(id)!;
      if (i < list.length) {
        frame[1]++;
        const d = list[i]!;
        if (!layer.has(d) && !onStack.has(d)) {
          onStack.add(d);
          stack.push([d, 0]);
        }
        continue;
      }
      let l = 0;
      for (const d of list) if (layer.has(d)) l = Math.max(l, layer.get(d)! + 1);
      layer.set(id, l);
      onStack.delete(id);
      stack.pop();
    }
  }
  return layer;
}

export const STATUS_ORDER: readonly Status[] = ['blocked', 'waiting', 'in-progress', 'next', 'todo', 'done', 'cancelled', 'unknown'];

/** The CSS custom property that carries a status colour; hosts may override it. */
export function statusVar(status: Status): string {
  return `--ps-status-${status}`;
}

/** Default palettes: what the CSS variables hold unless a host overrides them. */
export const STATUS_COLORS: Record<'light' | 'dark', Record<Status, string>> = {
  light: {
    todo: '#7b8494',
    'in-progress': '#2f6fd6',
    blocked: '#d13c3c',
    waiting: '#c98200',
    next: '#7c4dde',
    done: '#23915a',
    cancelled: '#a3a3a3',
    unknown: '#b6bcc6',
  },
  dark: {
    todo: '#8e97a8',
    'in-progress': '#5a9bff',
    blocked: '#ff6b6b',
    waiting: '#f0b429',
    next: '#a78bfa',
    done: '#3fbf74',
    cancelled: '#6b6b6b',
    unknown: '#4b5563',
  },
};

export const STATUS_LABEL: Record<Status, string> = {
  todo: 'To do',
  'in-progress': 'In progress',
  blocked: 'Blocked',
  waiting: 'Waiting',
  next: 'Next',
  done: 'Done',
  cancelled: 'Cancelled',
  unknown: 'Unknown',
};

/** Count nodes by status, in display order, for the legend. */
export function statusCounts(nodes: GraphNode[]): Array<{ status: Status; count: number }> {
  const counts = new Map<Status, number>();
  for (const n of nodes) counts.set(n.status, (counts.get(n.status) ?? 0) + 1);
  return STATUS_ORDER.filter((s) => counts.has(s)).map((s) => ({ status: s, count: counts.get(s)! }));
}

/** Shorten text to at most `max` characters, ending with an ellipsis when cut. Never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  return chars.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…';
}

/** A plain-text description of a node for tooltips and screen readers. */
export function describeNode(
  n: GraphNode,
  graph: Pick<VisibleGraph, 'edges'>,
  actors: Record<string, string> = {},
  deps: string[] = graph.edges.filter((e) => e.from === n.id).map((e) => e.to),
): string[] {
  const lines = [`${n.id}: ${n.label}`, `Status: ${STATUS_LABEL[n.status]}`];
  if (n.owner) lines.push(`Owner: ${actors[n.owner] ?? n.owner}`);
  if (n.days !== undefined) lines.push(`Estimate: ${formatDays(n.days)}`);
  if (n.slack !== undefined && !n.critical) lines.push(`Slack: ${formatDays(n.slack)}`);
  lines.push(`Depends on: ${deps.length ? deps.join(', ') : 'nothing'}`);
  if (n.critical) lines.push('On the critical path');
  if (n.inCycle) lines.push('In a dependency cycle');
  if (n.blocked) lines.push('Blocked by open dependencies');
  lines.push(`${n.file}:${n.line}`);
  return lines;
}

export function formatDays(d: number): string {
  const r = Math.round(d * 10) / 10;
  return `${r} day${r === 1 ? '' : 's'}`;
}

/** What a node box shows: a short id as its heading when the plan wrote one, then the title on one or two lines. */
export function nodeLines(n: Pick<GraphNode, 'id' | 'label' | 'kind'>, chars: number): { head: string; title: string[] } {
  const explicit = n.kind !== 'actor' && /^[#\w.-]{1,24}$/.test(n.id);
  const head = explicit ? n.id : n.kind === 'actor' ? 'Actor' : '';
  let label = n.label.replace(/\s+/g, ' ').trim();
  if (explicit && label.startsWith(n.id)) label = label.slice(n.id.length).replace(/^\s*[:.\-–—]\s*/, '');
  if (!label) label = n.id;
  return { head, title: head ? [truncate(label, chars)] : wrap(label, chars, 2) };
}

/** Word-wrap into at most `lines` lines of `chars`, the last one shortened with an ellipsis when needed. */
export function wrap(text: string, chars: number, lines: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest && out.length < lines - 1) {
    if ([...rest].length <= chars) break;
    let cut = rest.lastIndexOf(' ', chars);
    if (cut <= 0) cut = chars;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(truncate(rest, chars));
  return out;
}
