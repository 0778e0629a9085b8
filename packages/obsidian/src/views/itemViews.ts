import { ItemView, type WorkspaceLeaf } from 'obsidian';
import { sortDiagnostics, type Analysis, type Diagnostic } from '@plansight/core';
import type PlansightPlugin from '../main.js';
import { clear, h } from './dom.js';
import type { PlansightView as PlansightView_ } from '@plansight/graph-view';
import { mountGraph } from './graphHost.js';
import { rollupsFor } from './rollupDom.js';

export const VIEW_GRAPH = 'plansight-graph';
export const VIEW_ROLLUP = 'plansight-rollup';
export const VIEW_DIAGNOSTICS = 'plansight-diagnostics';

abstract class PlansightView extends ItemView {
  constructor(
    leaf: WorkspaceLeaf,
    protected plugin: PlansightPlugin,
  ) {
    super(leaf);
  }
  abstract refresh(): void;
  override async onOpen(): Promise<void> {
    this.refresh();
  }
}

export class GraphView extends PlansightView {
  private graph: PlansightView_ | null = null;
  /** The analysis on screen: a refresh with the same one (the index is cached until a file changes) redraws nothing. */
  private shown: Analysis | null = null;
  getViewType(): string {
    return VIEW_GRAPH;
  }
  getDisplayText(): string {
    return 'Plansight graph';
  }
  override getIcon(): string {
    return 'git-fork';
  }
  refresh(): void {
    const analysis = this.plugin.index.analysis();
    if (this.graph && analysis === this.shown) {
      this.graph.note(this.plugin.progressText());
      return;
    }
    this.shown = analysis;
    const payload = this.plugin.payload();
    if (!this.graph) {
      clear(this.contentEl);
      this.contentEl.classList.add('pso-view', 'pso-graph-view');
      this.graph = mountGraph(this.contentEl, payload, (m) => void this.plugin.handleViewMessage(m), 'graph');
    } else this.graph.receive({ type: 'model', payload });
    this.graph.note(this.plugin.progressText());
  }
  override async onClose(): Promise<void> {
    this.graph?.destroy();
    this.graph = null;
    this.shown = null;
  }
}

/** The checklist rollup in the right sidebar: the active file's by default, the whole vault when pinned. */
export class RollupView extends PlansightView {
  private rollup: PlansightView_ | null = null;
  private title: HTMLElement | null = null;
  private pin: HTMLButtonElement | null = null;
  /**
   * What the tree shows. A refresh that would show the same thing (the coalesced refresh after indexing, a leaf
   * change to the same file) sends no model: the pane would only diff it against what it shows.
   */
  private shown: { analysis: Analysis; active: string | null; pinned: boolean } | null = null;
  getViewType(): string {
    return VIEW_ROLLUP;
  }
  getDisplayText(): string {
    return 'Plansight rollup';
  }
  override getIcon(): string {
    return 'list-checks';
  }
  refresh(): void {
    const active = this.plugin.app.workspace.getActiveFile()?.path ?? null;
    const pinned = this.plugin.settings.rollupPinned;
    const analysis = this.plugin.index.analysis();
    const same = this.shown && this.shown.analysis === analysis && this.shown.active === active && this.shown.pinned === pinned;
    if (this.rollup && same) {
      this.rollup.note(this.plugin.progressText());
      return;
    }
    this.shown = { analysis, active, pinned };
    const all = analysis.rollups;
    const shown = rollupsFor(all, active, pinned);
    const vault = pinned || !shown.length;
    const payload = { ...this.plugin.payload(), rollups: vault ? all : shown };
    if (!this.rollup) {
      const root = this.contentEl;
      clear(root);
      root.classList.add('pso-view', 'pso-rollup-view');
      const header = h(root, 'div', 'pso-view-header');
      this.title = h(header, 'span', 'pso-view-title');
      this.pin = h(header, 'button', 'pso-pin');
      this.registerDomEvent(this.pin, 'click', () => {
        this.plugin.settings.rollupPinned = !this.plugin.settings.rollupPinned;
        void this.plugin.saveSettings();
        this.refresh();
      });
      this.rollup = mountGraph(h(root, 'div', 'pso-rollup-host'), payload, (m) => void this.plugin.handleViewMessage(m), 'rollup');
    } else this.rollup.receive({ type: 'model', payload });
    this.title!.textContent = vault ? 'Vault rollup' : `Rollup: ${active}`;
    this.pin!.textContent = pinned ? 'Follow active file' : 'Pin whole vault';
    this.pin!.setAttribute('aria-pressed', String(pinned));
    this.rollup.note(this.plugin.progressText());
  }
  override async onClose(): Promise<void> {
    this.rollup?.destroy();
    this.rollup = null;
    this.shown = null;
  }
}

export class DiagnosticsView extends PlansightView {
  getViewType(): string {
    return VIEW_DIAGNOSTICS;
  }
  getDisplayText(): string {
    return 'Plansight check';
  }
  override getIcon(): string {
    return 'alert-triangle';
  }
  refresh(): void {
    const root = this.contentEl;
    clear(root);
    root.classList.add('pso-view');
    const model = this.plugin.index.model();
    const all: Diagnostic[] = sortDiagnostics([...model.diagnostics, ...this.plugin.index.analysis().diagnostics]);
    const header = h(root, 'div', 'pso-view-header');
    h(header, 'span', 'pso-view-title', `Check plans: ${all.length} finding${all.length === 1 ? '' : 's'}`);
    for (const d of all) {
      const row = h(root, 'div', `ps-diagnostic pso-diagnostic-${d.severity}`, `${d.file}:${d.line} ${d.severity} ${d.code}: ${d.message}`);
      row.addEventListener('click', () => void this.plugin.openAt(d.file, d.line));
    }
  }
}
