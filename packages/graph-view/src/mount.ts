import type { GraphNode } from '@plansight/core';
import { DetailsPanel } from './details.js';
import { GraphRenderer } from './graph.js';
import type { GraphLayout } from './layout.js';
import type { HostMessage, Theme, ViewMessage, ViewModelPayload } from './protocol.js';
import { isHostMessage } from './protocol.js';
import { RollupRenderer } from './rollup.js';
import { ensureStyles } from './styles.js';
import { filterChoices, STATUS_LABEL, statusCounts, visibleGraph, type ViewFilter } from './viewModel.js';

export interface MountOptions {
  /** How the view talks to its host. */
  post(message: ViewMessage): void;
  initial?: ViewModelPayload;
  /** Omitted: follow the host page (VS Code / Obsidian body classes, then the OS preference). */
  theme?: Theme;
  /** Checkboxes cannot be toggled (HTML export). */
  readOnly?: boolean;
  /** Which panes to show. */
  panels?: 'both' | 'graph' | 'rollup';
  /** Filters to start with (the toolbar changes them). */
  filter?: ViewFilter;
  /** Also accept host messages posted to the window (VS Code webviews). */
  listenToWindow?: boolean;
}

export interface PlansightView {
  /** Deliver a host → view message (Obsidian calls this directly). */
  receive(message: HostMessage): void;
  setFilter(filter: ViewFilter): void;
  fit(): void;
  /** The layout of the last render. */
  layout(): GraphLayout | null;
  /** Show a line in the status bar at the bottom of the view. */
  note(text: string): void;
  destroy(): void;
}

/** Mount the graph and the rollup into a container. Works in any DOM: an Obsidian view, a webview, a plain page. */
export function mountPlansight(container: HTMLElement, options: MountOptions): PlansightView {
  const doc = container.ownerDocument;
  const win = doc.defaultView;
  ensureStyles(doc);
  const panels = options.panels ?? 'both';

  const root = doc.createElement('div');
  root.className = 'plansight';
  root.dataset.panels = panels;
  root.dataset.theme = options.theme ?? detectTheme(doc);
  container.appendChild(root);

  let payload: ViewModelPayload = options.initial ?? { graph: emptyGraph(), rollups: [], actors: {} };
  let filter: ViewFilter = { ...options.filter };
  let lastLayout: GraphLayout | null = null;

  const toolbar = doc.createElement('div');
  toolbar.className = 'ps-toolbar';
  const body = doc.createElement('div');
  body.className = 'ps-body';
  const statusLine = doc.createElement('div');
  statusLine.className = 'ps-status-line';
  statusLine.setAttribute('role', 'status');
  root.append(...(panels === 'rollup' ? [] : [toolbar]), body, statusLine);

  const open = (file: string, line: number) => options.post({ type: 'open', file, line });
  let graph: GraphRenderer | null = null;
  if (panels !== 'rollup') {
    graph = new GraphRenderer(body, {
      open: (n: GraphNode) => open(n.file, n.line),
      select: (id) => choose(id, false),
    });
  }
  let selectedId: string | null = null;

  const side = doc.createElement('aside');
  side.className = 'ps-side';
  const cyclesBox = doc.createElement('div');
  cyclesBox.className = 'ps-cycles';
  const rollupHeading = doc.createElement('h3');
  rollupHeading.textContent = 'Checklists';
  side.append(cyclesBox);
  const details =
    panels === 'rollup'
      ? null
      : new DetailsPanel(
          side,
          {
            open: (n) => open(n.file, n.line),
            setStatus: (n, status) => options.post({ type: 'set-status', file: n.file, line: n.line, status }),
            reveal: (id) => choose(id, true),
          },
          options.readOnly ?? false,
        );
  side.append(rollupHeading);
  /** Select a node (null clears): highlight its chain, show its details; `reveal` also brings it into view. */
  function choose(id: string | null, reveal: boolean): void {
    const known = id !== null && payload.graph.nodes.some((n) => n.id === id);
    selectedId = known ? id : null;
    if (reveal) graph?.reveal(selectedId);
    else graph?.highlight(selectedId);
    focusButton.disabled = selectedId === null;
    showDetails();
  }
  function showDetails(): void {
    details?.show(payload.graph.nodes.find((n) => n.id === selectedId), payload.graph, payload.actors);
  }
  const rollup = panels === 'graph' ? null : new RollupRenderer(side, { open, toggle: (item) => options.post({ type: 'toggle', file: item.file, line: item.line }) }, { readOnly: options.readOnly ?? false });
  body.appendChild(side);
  if (panels === 'graph') rollupHeading.hidden = true;

  // Toolbar: filters, focus, fit, legend.
  const actorSelect = select(doc, 'All actors');
  const groupSelect = select(doc, 'All groups');
  const hideDone = doc.createElement('input');
  hideDone.type = 'checkbox';
  hideDone.checked = Boolean(filter.hideDone);
  const linkedOnly = doc.createElement('input');
  linkedOnly.type = 'checkbox';
  linkedOnly.checked = Boolean(filter.linkedOnly);
  const focusButton = button(doc, 'Focus selection');
  focusButton.disabled = true;
  const clearFocus = button(doc, 'Show all');
  clearFocus.hidden = true;
  const fitButton = button(doc, 'Fit');
  const legend = doc.createElement('div');
  legend.className = 'ps-legend';
  toolbar.append(labelled(doc, 'Actor', actorSelect), labelled(doc, 'Group', groupSelect), labelled(doc, 'Hide done', hideDone, true), labelled(doc, 'Linked only', linkedOnly, true), focusButton, clearFocus, fitButton, legend);

  actorSelect.addEventListener('change', () => setFilter({ ...filter, actor: actorSelect.value || undefined }));
  groupSelect.addEventListener('change', () => setFilter({ ...filter, group: groupSelect.value || undefined }));
  hideDone.addEventListener('change', () => setFilter({ ...filter, hideDone: hideDone.checked }));
  linkedOnly.addEventListener('change', () => setFilter({ ...filter, linkedOnly: linkedOnly.checked }));
  focusButton.addEventListener('click', () => selectedId && setFilter({ ...filter, focus: selectedId }));
  clearFocus.addEventListener('click', () => setFilter({ ...filter, focus: undefined }));
  fitButton.addEventListener('click', () => graph?.fit());

  function setFilter(next: ViewFilter): void {
    filter = next;
    clearFocus.hidden = next.focus === undefined;
    renderGraph(true);
  }

  /** `fit`: a new filter shows a different graph, so fit it; a model update keeps the person's view. */
  function renderGraph(fit: boolean | 'auto'): void {
    if (!graph) return;
    const vg = visibleGraph(payload.graph, filter);
    lastLayout = graph.render(vg, payload.actors, { fit });
    legend.replaceChildren(
      ...statusCounts(vg.nodes).map(({ status, count }) => {
        const item = doc.createElement('span');
        item.className = 'ps-legend-item';
        const sw = doc.createElement('span');
        sw.className = 'ps-swatch';
        sw.dataset.status = status;
        item.append(sw, doc.createTextNode(`${STATUS_LABEL[status]} ${count}`));
        return item;
      }),
      ...lineKeys(vg),
    );
    renderCycles(vg.cycles);
  }

  /** Legend entries for the edge styles in use. */
  function lineKeys(vg: { edges: Array<{ critical: boolean; inCycle: boolean }> }): HTMLElement[] {
    const keys: Array<[string, string]> = [];
    if (vg.edges.some((e) => e.critical)) keys.push(['ps-key-critical', 'Critical path']);
    if (vg.edges.some((e) => e.inCycle)) keys.push(['ps-key-cycle', 'Cycle']);
    return keys.map(([cls, text]) => {
      const item = doc.createElement('span');
      item.className = 'ps-legend-item';
      const line = doc.createElement('span');
      line.className = `ps-key ${cls}`;
      item.append(line, doc.createTextNode(text));
      return item;
    });
  }

  function renderCycles(cycles: string[][]): void {
    cyclesBox.replaceChildren();
    if (!cycles.length) return;
    const h = doc.createElement('h3');
    h.textContent = `Dependency cycles (${cycles.length})`;
    const ol = doc.createElement('ol');
    ol.className = 'ps-cycle-list';
    for (const cycle of cycles) {
      const li = doc.createElement('li');
      li.className = 'ps-cycle-item';
      [...cycle, cycle[0]!].forEach((id, i) => {
        if (i) li.appendChild(doc.createTextNode(' → '));
        const b = button(doc, id);
        b.addEventListener('click', () => choose(id, true));
        li.appendChild(b);
      });
      ol.appendChild(li);
    }
    cyclesBox.append(h, ol);
  }

  function setModel(next: ViewModelPayload): void {
    payload = next;
    const choices = filterChoices(next.graph);
    fillSelect(actorSelect, choices.actors.map((a) => [a, next.actors[a] ?? a]), filter.actor);
    fillSelect(groupSelect, choices.groups.map((g) => [g, g]), filter.group);
    if (filter.actor && !choices.actors.includes(filter.actor)) filter = { ...filter, actor: undefined };
    if (filter.group && !choices.groups.includes(filter.group)) filter = { ...filter, group: undefined };
    renderGraph('auto');
    if (selectedId && !next.graph.nodes.some((n) => n.id === selectedId)) selectedId = null;
    showDetails();
    rollup?.render(next.rollups);
  }

  function receive(message: HostMessage): void {
    if (message.type === 'model') setModel(message.payload);
    else if (message.type === 'theme') root.dataset.theme = message.theme;
    else if (message.type === 'select') choose(message.id, true);
  }

  const onWindowMessage = (e: MessageEvent) => {
    if (isHostMessage(e.data)) receive(e.data);
  };
  if (options.listenToWindow) win?.addEventListener('message', onWindowMessage);
  // Re-fit when the pane gets its real size (views often mount while hidden).
  const resize = win && 'ResizeObserver' in win ? new win.ResizeObserver(() => graph?.refit()) : null;
  if (graph) resize?.observe(graph.root);

  setModel(payload);
  options.post({ type: 'ready' });

  return {
    receive,
    setFilter,
    fit: () => graph?.fit(),
    layout: () => lastLayout,
    note: (text) => {
      statusLine.textContent = text;
    },
    destroy: () => {
      resize?.disconnect();
      win?.removeEventListener('message', onWindowMessage);
      graph?.destroy();
      details?.destroy();
      rollup?.destroy();
      root.remove();
    },
  };
}

/** VS Code and Obsidian mark the body with their theme; otherwise follow the OS. */
export function detectTheme(doc: Document): Theme {
  const cls = doc.body?.classList;
  if (cls?.contains('vscode-dark') || cls?.contains('vscode-high-contrast') || cls?.contains('theme-dark')) return 'dark';
  if (cls?.contains('vscode-light') || cls?.contains('theme-light')) return 'light';
  return doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function emptyGraph(): ViewModelPayload['graph'] {
  return { nodes: [], edges: [], cycles: [], criticalPath: [], ready: [], blocked: [], risks: [] };
}

function select(doc: Document, all: string): HTMLSelectElement {
  const s = doc.createElement('select');
  s.dataset.all = all;
  return s;
}

function fillSelect(s: HTMLSelectElement, options: Array<[string, string]>, value: string | undefined): void {
  const doc = s.ownerDocument;
  const all = doc.createElement('option');
  all.value = '';
  all.textContent = s.dataset.all ?? 'All';
  s.replaceChildren(
    all,
    ...options.map(([v, label]) => {
      const o = doc.createElement('option');
      o.value = v;
      o.textContent = label;
      return o;
    }),
  );
  s.value = value && options.some(([v]) => v === value) ? value : '';
  s.disabled = options.length === 0;
}

function button(doc: Document, text: string): HTMLButtonElement {
  const b = doc.createElement('button');
  b.type = 'button';
  b.textContent = text;
  return b;
}

function labelled(doc: Document, text: string, control: HTMLElement, after = false): HTMLLabelElement {
  const l = doc.createElement('label');
  const t = doc.createTextNode(text);
  if (after) l.append(control, t);
  else l.append(t, control);
  return l;
}
