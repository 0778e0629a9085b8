import { MarkdownRenderChild } from 'obsidian';
import { DEFAULT_VOCABULARY, ownersOf, statusOfText } from '@plansight/core';
import type PlansightPlugin from './main.js';
import { STATUS_EMOJI } from './editor/statusEdit.js';
import { clear, h } from './views/dom.js';
import type { PlansightView } from '@plansight/graph-view';
import { mountGraph, parseFilter } from './views/graphHost.js';
import { rollupsFor } from './views/rollupDom.js';

/** A ```plansight block: `graph [filter]`, `rollup [vault]`, `owners [path]`, `next`. Re-renders as the model changes. */
export class PlansightBlock extends MarkdownRenderChild {
  private graph: PlansightView | null = null;
  constructor(
    el: HTMLElement,
    private plugin: PlansightPlugin,
    private source: string,
    private sourcePath: string,
  ) {
    super(el);
  }
  override onload(): void {
    this.render();
    this.register(this.plugin.onModelChange(() => this.render()));
  }
  override onunload(): void {
    this.graph?.destroy();
  }
  render(): void {
    const [command = '', ...rest] = this.source.trim().split(/\s+/);
    const arg = rest.join(' ');
    const el = this.containerEl;
    const p = this.plugin;
    if (command === 'graph' || command === 'rollup') {
      const payload = p.payload();
      if (command === 'rollup' && arg !== 'vault') {
        const scoped = rollupsFor(payload.rollups, arg || this.sourcePath, false);
        payload.rollups = scoped.length ? scoped : payload.rollups;
      }
      if (this.graph) return this.graph.receive({ type: 'model', payload });
      el.classList.add('pso-view', `pso-block-${command}`);
      this.graph = mountGraph(el, payload, (m) => void p.handleViewMessage(m), command, command === 'graph' ? parseFilter(arg) : undefined);
      return;
    }
    clear(el);
    el.classList.add('pso-view');
    if (command === 'owners') {
      const path = arg || this.sourcePath;
      const owners = ownersOf(p.index.model(), path);
      h(el, 'div', 'pso-view-title', `Owners of ${path}`);
      if (!owners.length) h(el, 'div', 'pso-muted', 'No ownership rule matches.');
      for (const o of owners) {
        const row = h(el, 'div', 'pso-rollup-row', `${o.actor} — ${o.mode} (${o.pattern})`);
        row.addEventListener('click', () => void p.openAt(o.file, o.line));
      }
    } else if (command === 'next') {
      const g = p.index.analysis().graph;
      h(el, 'div', 'pso-view-title', `Ready to start: ${g.ready.length}`);
      const byId = new Map(g.nodes.map((n) => [n.id, n]));
      for (const id of g.ready) {
        const n = byId.get(id);
        if (!n) continue;
        const row = h(el, 'div', 'pso-rollup-row', `${STATUS_EMOJI[n.status]} ${n.label}${n.owner ? ` — ${n.owner}` : ''}`);
        row.addEventListener('click', () => void p.openAt(n.file, n.line));
      }
    } else {
      h(el, 'div', 'pso-diagnostic pso-diagnostic-warning', `${this.sourcePath}: unknown plansight block "${command}" (graph, rollup, owners, next)`);
    }
  }
}

/** Reading view: a status class on list items that start with a status emoji or label. */
export function decorateStatusItems(el: HTMLElement): void {
  for (const li of Array.from(el.querySelectorAll('li'))) {
    const first = (li.firstChild?.textContent ?? '').trim();
    const emoji = /^\S+/u.exec(first)?.[0] ?? '';
    const status = DEFAULT_VOCABULARY.emoji[emoji] ?? statusOfText(first.split(':')[0] ?? '');
    if (status && first.includes(':')) li.classList.add('pso-line', `pso-line-${status}`);
  }
}
