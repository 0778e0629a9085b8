import { curveBasis, line, select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';
import type { GraphNode } from '@plansight/core';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type GraphLayout, type PositionedNode } from './layout.js';
import { chainOf, describeNode, STATUS_LABEL, truncate, type VisibleGraph } from './viewModel.js';

export { layoutGraph } from './layout.js';
export type { GraphLayout, PositionedNode, PositionedEdge, LayoutOptions } from './layout.js';

const SVG = 'http://www.w3.org/2000/svg';
export const FAR_SCALE = 0.3;

export interface GraphEvents {
  open(node: GraphNode): void;
  select(id: string | null): void;
}

/** Draws one visible graph into a container: SVG nodes and edges, zoom/pan/fit, hover details, keyboard. */
export class GraphRenderer {
  readonly root: HTMLDivElement;
  private readonly svg: SVGSVGElement;
  private readonly viewport: SVGGElement;
  private readonly tooltip: HTMLDivElement;
  private readonly emptyNote: HTMLDivElement;
  private readonly zoomer: ZoomBehavior<SVGSVGElement, unknown>;
  private layout: GraphLayout = { nodes: [], edges: [], width: 0, height: 0, engine: 'dagre' };
  private graph: VisibleGraph = { nodes: [], edges: [], cycles: [], criticalPath: [] };
  private actors: Record<string, string> = {};
  private selected: string | null = null;
  private readonly nodeEls = new Map<string, SVGGElement>();
  /** Node id → ids it depends on, for hover text. */
  private deps = new Map<string, string[]>();
  private byId = new Map<string, PositionedNode>();
  private hovered: PositionedNode | undefined;
  private pane = { width: 0, height: 0 };
  private labelled = false;
  /** The person zoomed or panned since the last fit: model updates and resizes then keep their view. */
  private userMoved = false;

  constructor(container: HTMLElement, private readonly events: GraphEvents) {
    const doc = container.ownerDocument;
    this.root = doc.createElement('div');
    this.root.className = 'ps-graph-pane';
    this.svg = doc.createElementNS(SVG, 'svg');
    this.svg.classList.add('ps-graph-svg');
    this.svg.setAttribute('role', 'group');
    this.svg.setAttribute('aria-label', 'Dependency graph: dependencies on the left, dependents on the right');
    this.svg.appendChild(markers(doc));
    this.viewport = doc.createElementNS(SVG, 'g');
    this.viewport.classList.add('ps-viewport');
    this.svg.appendChild(this.viewport);
    this.tooltip = doc.createElement('div');
    this.tooltip.className = 'ps-tooltip';
    this.tooltip.hidden = true;
    this.emptyNote = doc.createElement('div');
    this.emptyNote.className = 'ps-empty';
    this.root.append(this.svg, this.tooltip, this.emptyNote);
    container.appendChild(this.root);

    this.zoomer = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 4])
      // d3's default extent reads the SVG's size, forcing a layout of every element on each programmatic zoom.
      .extent(() => [
        [0, 0],
        [this.pane.width || 1, this.pane.height || 1],
      ])
      .on('zoom', (event: { transform: { k: number; toString(): string }; sourceEvent: unknown }) => {
        this.viewport.setAttribute('transform', event.transform.toString());
        if (event.sourceEvent) this.userMoved = true;
        // Below this scale labels are unreadable noise and cost thousands of text layouts: draw boxes only.
        this.svg.classList.toggle('ps-far', event.transform.k < FAR_SCALE);
        if (event.transform.k >= FAR_SCALE) this.ensureLabels();
      });
    select(this.svg).call(this.zoomer).on('dblclick.zoom', null);
    // One listener per event for all nodes: thousands of nodes must not mean thousands of closures.
    const at = (e: Event) => this.positioned((e.target as Element | null)?.closest?.('.ps-node')?.getAttribute('data-id'));
    this.svg.addEventListener('click', (e) => {
      const p = at(e);
      if (!p) {
        if (e.target === this.svg) this.events.select(null);
        return;
      }
      e.stopPropagation();
      this.events.select(p.node.id);
      this.events.open(p.node);
    });
    this.svg.addEventListener('keydown', (e) => {
      const p = at(e);
      if (p) this.onKey(e, p);
    });
    this.svg.addEventListener('focusin', (e) => {
      const p = at(e);
      if (!p) return;
      this.events.select(p.node.id);
      this.showTooltip(p);
    });
    this.svg.addEventListener('focusout', () => this.hideTooltip());
    this.svg.addEventListener('mouseover', (e) => {
      const p = at(e);
      if (p && p !== this.hovered) this.showTooltip(p);
      else if (!p && this.hovered) this.hideTooltip();
      this.hovered = p;
    });
    this.svg.addEventListener('mouseleave', () => {
      this.hovered = undefined;
      this.hideTooltip();
    });
  }

  /**
   * Replace the drawing. `fit`: true always fits, false never, 'auto' (the default) fits unless the person has
   * zoomed or panned since the last fit. Returns the layout used, for tests and the bench.
   */
  render(graph: VisibleGraph, actors: Record<string, string>, options: { fit?: boolean | 'auto' } = {}): GraphLayout {
    this.graph = graph;
    this.actors = actors;
    // Measure the pane before adding thousands of elements, so that fitting does not force a layout of all of them.
    this.viewport.replaceChildren();
    this.pane = { width: this.svg.clientWidth, height: this.svg.clientHeight };
    this.layout = layoutGraph(graph);
    this.deps = new Map();
    for (const e of graph.edges) (this.deps.get(e.from) ?? this.deps.set(e.from, []).get(e.from)!).push(e.to);
    this.byId = new Map(this.layout.nodes.map((p) => [p.node.id, p]));
    this.labelled = false;
    this.draw();
    this.emptyNote.textContent = graph.nodes.length ? '' : 'No dependency graph: nothing in these plans has an id or a dependency yet, or the filters hide everything.';
    this.highlight(this.selected && this.nodeEls.has(this.selected) ? this.selected : null);
    const fit = options.fit ?? 'auto';
    if (fit === true || (fit === 'auto' && !this.userMoved)) this.fit(this.pane);
    this.ensureLabels();
    return this.layout;
  }

  /** Scale and centre the whole graph in the pane (never magnified beyond 100%). */
  fit(pane?: { width: number; height: number }): void {
    this.pane = pane ?? { width: this.svg.clientWidth, height: this.svg.clientHeight };
    const { width: w, height: h } = this.layout;
    const cw = this.pane.width;
    const ch = this.pane.height;
    if (!w || !h || !cw || !ch) return;
    const k = Math.min(1, (cw - 16) / w, (ch - 16) / h);
    const t = zoomIdentity.translate((cw - w * k) / 2, (ch - h * k) / 2).scale(k);
    select(this.svg).call(this.zoomer.transform, t);
    this.userMoved = false;
  }

  /** Fit again after a resize, unless the person has moved the view. */
  refit(): void {
    if (!this.userMoved) this.fit();
  }

  /** Highlight a node with its upstream and downstream chain; null clears. */
  highlight(id: string | null): void {
    this.selected = id;
    const chain = id ? chainOf(this.graph, id) : null;
    for (const [nid, el] of this.nodeEls) {
      el.classList.toggle('ps-selected', nid === id);
      el.classList.toggle('ps-dim', chain !== null && !chain.has(nid));
    }
    for (const path of this.viewport.querySelectorAll<SVGPathElement>('.ps-edge')) {
      const on = chain === null || (chain.has(path.dataset.from!) && chain.has(path.dataset.to!));
      path.classList.toggle('ps-dim', !on);
    }
  }

  /** Select from the host: highlight and bring into view. */
  reveal(id: string | null): void {
    this.highlight(id && this.nodeEls.has(id) ? id : null);
    const p = id ? this.layout.nodes.find((n) => n.node.id === id) : undefined;
    if (p) this.centreOn(p);
  }

  focusNode(id: string): boolean {
    const el = this.nodeEls.get(id);
    el?.focus();
    return Boolean(el);
  }

  destroy(): void {
    select(this.svg).on('.zoom', null);
    this.root.remove();
  }

  private positioned(id: string | null | undefined): PositionedNode | undefined {
    return id == null ? undefined : this.byId.get(id);
  }

  private centreOn(p: PositionedNode): void {
    this.pane = { width: this.svg.clientWidth, height: this.svg.clientHeight };
    const cw = this.pane.width;
    const ch = this.pane.height;
    if (!cw || !ch) return;
    const k = Math.max(0.6, Math.min(1, currentScale(this.viewport)));
    select(this.svg).call(this.zoomer.transform, zoomIdentity.translate(cw / 2 - p.x * k, ch / 2 - p.y * k).scale(k));
    this.userMoved = true;
  }

  private draw(): void {
    const doc = this.svg.ownerDocument;
    this.viewport.replaceChildren();
    this.nodeEls.clear();
    const edgeLayer = doc.createElementNS(SVG, 'g');
    edgeLayer.classList.add('ps-edges');
    const nodeLayer = doc.createElementNS(SVG, 'g');
    nodeLayer.classList.add('ps-nodes');
    this.viewport.append(edgeLayer, nodeLayer);

    const curve = line<{ x: number; y: number }>()
      .x((p) => p.x)
      .y((p) => p.y)
      .curve(curveBasis);
    for (const { edge, points } of this.layout.edges) {
      const path = doc.createElementNS(SVG, 'path');
      path.classList.add('ps-edge');
      const kind = edge.inCycle ? 'cycle' : edge.critical ? 'critical' : '';
      if (edge.critical) path.classList.add('ps-critical');
      if (edge.inCycle) path.classList.add('ps-cycle');
      path.dataset.from = edge.from;
      path.dataset.to = edge.to;
      path.setAttribute('d', points.length > 1 ? (curve(points) ?? '') : '');
      path.setAttribute('marker-end', `url(#ps-arrow${kind ? '-' + kind : ''})`);
      edgeLayer.appendChild(path);
    }

    // DOM order = tab order: layer by layer, top to bottom.
    const ordered = [...this.layout.nodes].sort((a, b) => a.x - b.x || a.y - b.y);
    for (const p of ordered) nodeLayer.appendChild(this.nodeElement(p));
  }

  private nodeElement(p: PositionedNode): SVGGElement {
    const doc = this.svg.ownerDocument;
    const n = p.node;
    const g = doc.createElementNS(SVG, 'g');
    g.classList.add('ps-node');
    if (n.critical) g.classList.add('ps-critical');
    if (n.inCycle) g.classList.add('ps-cycle');
    if (n.blocked) g.classList.add('ps-blocked');
    g.dataset.id = n.id;
    g.dataset.status = n.status;
    g.setAttribute('transform', `translate(${p.x - p.width / 2},${p.y - p.height / 2})`);
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', describeNode(n, this.graph, this.actors, this.deps.get(n.id) ?? []).join('. '));

    const rect = (cls: string, x: number, y: number, w: number, h: number, r: number) => {
      const el = doc.createElementNS(SVG, 'rect');
      el.classList.add(cls);
      el.setAttribute('x', String(x));
      el.setAttribute('y', String(y));
      el.setAttribute('width', String(w));
      el.setAttribute('height', String(h));
      el.setAttribute('rx', String(r));
      g.appendChild(el);
      return el;
    };
    if (n.critical || n.inCycle) rect('ps-halo', -4, -4, p.width + 8, p.height + 8, 9);
    rect('ps-node-box', 0, 0, p.width, p.height, 6);
    rect('ps-node-stripe', 0, 0, 7, p.height, 3);

    this.nodeEls.set(n.id, g);
    return g;
  }

  /** Node labels are built only once the zoom makes them readable; thousands of text runs are the costly part. */
  private ensureLabels(): void {
    if (this.labelled || currentScale(this.viewport) < FAR_SCALE) return;
    this.labelled = true;
    for (const p of this.layout.nodes) {
      const g = this.nodeEls.get(p.node.id);
      if (g) this.addLabel(g, p);
    }
  }

  private addLabel(g: SVGGElement, p: PositionedNode): void {
    const doc = this.svg.ownerDocument;
    const n = p.node;
    const label = doc.createElementNS(SVG, 'g');
    label.classList.add('ps-node-label');
    label.setAttribute('clip-path', 'url(#ps-node-clip)');
    g.appendChild(label);
    const text = (cls: string, y: number, value: string) => {
      const el = doc.createElementNS(SVG, 'text');
      el.classList.add(cls);
      el.setAttribute('x', '14');
      el.setAttribute('y', String(y));
      el.textContent = value;
      label.appendChild(el);
    };
    const owner = n.owner ? (this.actors[n.owner] ?? n.owner) : n.kind === 'actor' ? 'actor' : 'unassigned';
    const lines: Array<[string, string]> = [...(p.head ? [['ps-node-id', p.head] as [string, string]] : []), ...p.title.map((t) => ['ps-node-title', t] as [string, string])];
    lines.forEach(([cls, value], i) => text(cls, 17 + i * 17, value));
    text('ps-node-meta', 50, truncate(`${owner} · ${STATUS_LABEL[n.status]}${n.days !== undefined ? ` · ${n.days}d` : ''}`, 34));
  }

  private onKey(e: KeyboardEvent, from: PositionedNode): void {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.events.open(from.node);
      return;
    }
    const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (!dir) return;
    e.preventDefault();
    const next = nearestInDirection(this.layout.nodes, from, dir[0]!, dir[1]!);
    if (next) {
      this.nodeEls.get(next.node.id)?.focus();
      if (!inView(this.svg, this.nodeEls.get(next.node.id)!)) this.centreOn(next);
    }
  }

  private showTooltip(p: PositionedNode): void {
    const lines = describeNode(p.node, this.graph, this.actors, this.deps.get(p.node.id) ?? []);
    this.tooltip.replaceChildren(
      ...lines.map((l) => {
        const div = this.tooltip.ownerDocument.createElement('div');
        div.textContent = l;
        return div;
      }),
    );
    this.tooltip.hidden = false;
    const el = this.nodeEls.get(p.node.id)!;
    const box = el.getBoundingClientRect();
    const pane = this.root.getBoundingClientRect();
    const left = Math.min(Math.max(4, box.left - pane.left), Math.max(4, pane.width - this.tooltip.offsetWidth - 4));
    const below = box.bottom - pane.top + 6;
    const top = below + this.tooltip.offsetHeight > pane.height ? Math.max(4, box.top - pane.top - this.tooltip.offsetHeight - 6) : below;
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${top}px`;
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
  }
}

/** The closest node whose centre lies in the given direction (within a 45° cone first, then anywhere that way). */
export function nearestInDirection(nodes: PositionedNode[], from: PositionedNode, dx: number, dy: number): PositionedNode | undefined {
  let best: PositionedNode | undefined;
  let bestScore = Infinity;
  for (const n of nodes) {
    if (n === from) continue;
    const vx = n.x - from.x;
    const vy = n.y - from.y;
    const along = vx * dx + vy * dy;
    if (along <= 0) continue;
    const across = Math.abs(vx * dy - vy * dx);
    const score = along + across * (across > along ? 4 : 1.5);
    if (score < bestScore) {
      bestScore = score;
      best = n;
    }
  }
  return best;
}

function currentScale(viewport: SVGGElement): number {
  const m = /scale\(([^)]+)\)/.exec(viewport.getAttribute('transform') ?? '');
  return m ? Number(m[1]) : 1;
}

function inView(svg: SVGSVGElement, el: Element): boolean {
  const a = svg.getBoundingClientRect();
  const b = el.getBoundingClientRect();
  return b.left >= a.left && b.right <= a.right && b.top >= a.top && b.bottom <= a.bottom;
}

function markers(doc: Document): SVGDefsElement {
  const defs = doc.createElementNS(SVG, 'defs');
  // Text never spills out of its box, whatever the font: one clip in node-local coordinates serves every node.
  const clip = doc.createElementNS(SVG, 'clipPath');
  clip.id = 'ps-node-clip';
  const r = doc.createElementNS(SVG, 'rect');
  r.setAttribute('x', '0');
  r.setAttribute('y', '0');
  r.setAttribute('width', String(NODE_WIDTH - 6));
  r.setAttribute('height', String(NODE_HEIGHT));
  clip.appendChild(r);
  defs.appendChild(clip);
  for (const kind of ['', 'critical', 'cycle']) {
    const m = doc.createElementNS(SVG, 'marker');
    m.id = `ps-arrow${kind ? '-' + kind : ''}`;
    m.setAttribute('viewBox', '0 0 10 10');
    m.setAttribute('refX', '9');
    m.setAttribute('refY', '5');
    m.setAttribute('markerWidth', '7');
    m.setAttribute('markerHeight', '7');
    m.setAttribute('markerUnits', 'userSpaceOnUse');
    m.setAttribute('orient', 'auto');
    const path = doc.createElementNS(SVG, 'path');
    path.setAttribute('d', 'M0,0 L10,5 L0,10 z');
    path.classList.add(kind ? `ps-arrow-${kind}` : 'ps-arrow');
    m.appendChild(path);
    defs.appendChild(m);
  }
  return defs;
}
