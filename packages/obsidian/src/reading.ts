import { MarkdownRenderChild } from 'obsidian';
import { DEFAULT_VOCABULARY, ownersOf, statusOfText } from '@plansight/core';
import type PlansightPlugin from './main.js';
import { lineInfo } from './editor/lineInfo.js';
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

/** Done / in progress / blocked counts of the status lines under the heading on `line` (0-based), up to the next heading. */
export function headingCounts(lines: readonly string[], line: number): Record<'done' | 'in-progress' | 'blocked', number> | null {
  const counts = { done: 0, 'in-progress': 0, blocked: 0 };
  let seen = 0;
  for (let i = line + 1; i < lines.length; i++) {
    const info = lineInfo(lines[i]!);
    if (info.kind === 'heading' || info.kind === 'fence') break;
    if (info.kind !== 'status' && info.kind !== 'checkbox') continue;
    seen++;
    if (info.status === 'done' || info.status === 'in-progress' || info.status === 'blocked') counts[info.status]++;
  }
  return seen ? counts : null;
}

/**
 * Reading view: status chips beside worker headings (counted from the note's source, which Obsidian hands over
 * per section) and a `pso-line-<status>` class on list items that start with a status.
 */
export function decorateReading(el: HTMLElement, section: { text: string; lineStart: number } | null): void {
  for (const li of Array.from(el.querySelectorAll('li'))) {
    const first = (li.firstChild?.textContent ?? '').trim();
    const emoji = /^\S+/u.exec(first)?.[0] ?? '';
    const status = DEFAULT_VOCABULARY.emoji[emoji] ?? statusOfText(first.split(':')[0] ?? '');
    if (status && first.includes(':')) li.classList.add('pso-line', `pso-line-${status}`);
  }
  const heading = el.querySelector('h1, h2, h3, h4, h5, h6');
  if (!heading || !section) return;
  const counts = headingCounts(section.text.split('\n'), section.lineStart);
  if (!counts) return;
  const box = h(heading as HTMLElement, 'span', 'pso-chips');
  for (const s of ['done', 'in-progress', 'blocked'] as const) {
    const chip = h(box, 'span', `pso-chip pso-status-${s}`, `${STATUS_EMOJI[s]} ${counts[s]}`);
    chip.dataset.count = String(counts[s]);
  }
}
