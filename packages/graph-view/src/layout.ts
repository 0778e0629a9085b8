import dagre from '@dagrejs/dagre';
import type { GraphEdge, GraphNode } from '@plansight/core';
import { layersOf, nodeLines, type VisibleGraph } from './viewModel.js';

export interface Point {
  x: number;
  y: number;
}

export interface PositionedNode {
  node: GraphNode;
  /** Centre. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The heading (short id, or empty) and title lines as drawn, shortened so that they fit the box. */
  head: string;
  title: string[];
}

export interface PositionedEdge {
  edge: GraphEdge;
  /** From the dependency (left) to the dependent (right). */
  points: Point[];
}

export interface GraphLayout {
  nodes: PositionedNode[];
  edges: PositionedEdge[];
  width: number;
  height: number;
  /** Which algorithm placed the nodes: dagre for ordinary plans, a plain layered sweep for very large ones. */
  engine: 'dagre' | 'layered';
}

export interface LayoutOptions {
  /** Above this many nodes, use the linear layered layout instead of dagre. */
  dagreLimit?: number;
}

export const NODE_WIDTH = 216;
export const NODE_HEIGHT = 58;
/** Characters of title that fit one node line at the node font size. */
export const TITLE_CHARS = 30;
const RANK_SEP = 70;
const NODE_SEP = 18;
const MARGIN = 24;

/**
 * Layered left-to-right layout: dependencies on the left, dependents on the right. Pure (no DOM), so it can be timed
 * by the bench and tested in node.
 */
export function layoutGraph(graph: Pick<VisibleGraph, 'nodes' | 'edges'>, options: LayoutOptions = {}): GraphLayout {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const linked = new Set(edges.flatMap((e) => [e.from, e.to]));
  const connected = graph.nodes.filter((n) => linked.has(n.id));
  const isolated = graph.nodes.filter((n) => !linked.has(n.id));
  const limit = options.dagreLimit ?? DAGRE_LIMIT;
  const main = connected.length === 0 ? empty() : connected.length > limit ? layered(connected, edges) : viaDagre(connected, edges);
  return withGrid(main, isolated);
}

/**
 * dagre draws the most readable picture but is superlinear: on the shared 2-core machine (load ~18) it took about
 * 0.7 s for 50 generated linked nodes and 1.1 s for 150, against 15 ms for the layered sweep. See
 * docs/decisions/003-graph-view-layout.md.
 */
export const DAGRE_LIMIT = 150;

function empty(): GraphLayout {
  return { nodes: [], edges: [], width: 0, height: 0, engine: 'dagre' };
}

/** Items with no dependency either way go in a grid below the graph, instead of one endless column. */
function withGrid(main: GraphLayout, isolated: GraphNode[]): GraphLayout {
  if (!isolated.length) return main;
  const cellW = NODE_WIDTH + NODE_SEP * 2;
  const cellH = NODE_HEIGHT + NODE_SEP;
  const byWidth = Math.floor((main.width - 2 * MARGIN + NODE_SEP * 2) / cellW);
  // Wide enough to match the graph, and at least a landscape block (about 1.6 : 1) when there is no graph.
  const cols = Math.max(1, byWidth, Math.ceil(Math.sqrt(isolated.length * 0.5)));
  const top = main.nodes.length ? main.height : MARGIN;
  const placed = isolated.map((n, i) => ({
    node: n,
    x: MARGIN + (i % cols) * cellW + NODE_WIDTH / 2,
    y: top + Math.floor(i / cols) * cellH + NODE_HEIGHT / 2,
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    ...nodeLines(n, TITLE_CHARS),
  }));
  const rows = Math.ceil(isolated.length / cols);
  return {
    nodes: [...main.nodes, ...placed],
    edges: main.edges,
    width: Math.max(main.width, 2 * MARGIN + cols * cellW - NODE_SEP * 2),
    height: top + rows * cellH - NODE_SEP + MARGIN,
    engine: main.engine,
  };
}

function viaDagre(nodes: GraphNode[], edges: GraphEdge[]): GraphLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', ranksep: RANK_SEP, nodesep: NODE_SEP, edgesep: 8, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  // graphlib keeps nodes in plain objects: ids such as `__proto__`, `constructor` or `` break it, so it gets indices.
  const key = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  for (const n of nodes) g.setNode(key.get(n.id)!, { width: NODE_WIDTH, height: NODE_HEIGHT });
  edges.forEach((e, i) => g.setEdge(key.get(e.to)!, key.get(e.from)!, {}, String(i)));
  dagre.layout(g);

  const placed = nodes.map((n) => {
    const p = g.node(key.get(n.id)!);
    return { node: n, x: p.x, y: p.y, width: NODE_WIDTH, height: NODE_HEIGHT, ...nodeLines(n, TITLE_CHARS) };
  });
  const routed = edges.map((e, i) => {
    const points = (g.edge({ v: key.get(e.to)!, w: key.get(e.from)!, name: String(i) })?.points ?? []) as Point[];
    return { edge: e, points: points.map((p) => ({ x: p.x, y: p.y })) };
  });
  const label = g.graph();
  return { nodes: placed, edges: routed, width: label.width ?? 0, height: label.height ?? 0, engine: 'dagre' };
}

/**
 * Linear-time fallback for thousands of nodes: longest-path layers, then a few barycentre sweeps to reduce
 * crossings, straight edges.
 */
function layered(nodes: GraphNode[], edges: GraphEdge[]): GraphLayout {
  const layer = layersOf({ nodes, edges });
  const columns: string[][] = [];
  for (const n of nodes) (columns[layer.get(n.id)!] ??= []).push(n.id);
  const deps = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const e of edges) {
    (deps.get(e.from) ?? deps.set(e.from, []).get(e.from)!).push(e.to);
    (dependents.get(e.to) ?? dependents.set(e.to, []).get(e.to)!).push(e.from);
  }
  const pos = new Map<string, number>();
  const index = () => columns.forEach((col) => col.forEach((id, i) => pos.set(id, i)));
  index();
  const sweep = (col: string[], neighbours: Map<string, string[]>) => {
    const bary = new Map<string, number>();
    for (const id of col) {
      const ns = (neighbours.get(id) ?? []).filter((n) => pos.has(n));
      bary.set(id, ns.length ? ns.reduce((s, n) => s + pos.get(n)!, 0) / ns.length : pos.get(id)!);
    }
    col.sort((a, b) => bary.get(a)! - bary.get(b)!);
    col.forEach((id, i) => pos.set(id, i));
  };
  for (let round = 0; round < 4; round++) {
    for (let c = 1; c < columns.length; c++) sweep(columns[c] ?? [], deps);
    for (let c = columns.length - 2; c >= 0; c--) sweep(columns[c] ?? [], dependents);
  }
  const tallest = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  const height = tallest * (NODE_HEIGHT + NODE_SEP) - NODE_SEP + 2 * MARGIN;
  const xy = new Map<string, Point>();
  columns.forEach((col, c) => {
    const offset = (height - (col.length * (NODE_HEIGHT + NODE_SEP) - NODE_SEP)) / 2;
    col.forEach((id, i) => {
      xy.set(id, { x: MARGIN + c * (NODE_WIDTH + RANK_SEP) + NODE_WIDTH / 2, y: offset + i * (NODE_HEIGHT + NODE_SEP) + NODE_HEIGHT / 2 });
    });
  });
  const placed = nodes.map((n) => {
    const p = xy.get(n.id)!;
    return { node: n, x: p.x, y: p.y, width: NODE_WIDTH, height: NODE_HEIGHT, ...nodeLines(n, TITLE_CHARS) };
  });
  const routed = edges.map((e) => {
    const a = xy.get(e.to)!;
    const b = xy.get(e.from)!;
    return { edge: e, points: [{ x: a.x + NODE_WIDTH / 2, y: a.y }, { x: b.x - NODE_WIDTH / 2, y: b.y }] };
  });
  const width = 2 * MARGIN + columns.length * (NODE_WIDTH + RANK_SEP) - RANK_SEP;
  return { nodes: placed, edges: routed, width, height, engine: 'layered' };
}
