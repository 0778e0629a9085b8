import type { Rollup, RollupItem } from '@plansight/core';
import { appendRuns, linkRuns } from './linkify.js';

export interface RollupEvents {
  toggle(item: RollupItem): void;
  open(file: string, line: number): void;
}

export interface RollupOptions {
  /** Checkboxes are shown but cannot be clicked (HTML export). */
  readOnly?: boolean;
  /** Levels open on first render in a small tree: 0 = vault only. */
  openDepth?: number;
  /** Above this many items in the whole tree only the vault and file levels start open. */
  bigTreeItems?: number;
}

/** A tree this size renders (style + layout) in a few milliseconds even fully open. */
export const BIG_TREE_ITEMS = 300;
/** In a big tree a group shows this many subgroups at a time, then a "show more" button. */
export const GROUP_CHUNK = 200;

/** `3/12 · 25%` */
export function progressText(r: Pick<Rollup, 'done' | 'total' | 'percent'>): string {
  return `${r.done}/${r.total} · ${Math.round(r.percent)}%`;
}

/** Gates get a pass/fail badge; other rollups none. */
export function gateBadge(r: Pick<Rollup, 'kind' | 'passed' | 'total'>): { text: string; pass: boolean } | null {
  if (r.kind !== 'gate') return null;
  const pass = r.passed ?? false;
  return { text: pass ? '✓ passed' : '✗ not passed', pass };
}

/**
 * A collapsible tree: vault → file → gate / actor / section → items. A group builds its contents only once it is
 * open, so a closed group in a big vault costs one summary. Remembers which groups are open by key across models.
 */
export class RollupRenderer {
  readonly root: HTMLDivElement;
  /** Open or closed as last rendered or toggled, by group key; a key not here gets the default. */
  private readonly openState = new Map<string, boolean>();
  private defaultDepth = 2;
  private big = false;

  constructor(container: HTMLElement, private readonly events: RollupEvents, private readonly options: RollupOptions = {}) {
    this.root = container.ownerDocument.createElement('div');
    this.root.className = 'ps-rollup';
    container.appendChild(this.root);
  }

  render(rollups: Rollup[]): void {
    const doc = this.root.ownerDocument;
    this.root.replaceChildren();
    if (!rollups.length || rollups.every((r) => r.total === 0 && !r.children.length)) {
      const p = doc.createElement('p');
      p.className = 'ps-rollup-empty';
      p.textContent = 'No checklists found.';
      this.root.appendChild(p);
      return;
    }
    const big = rollups.reduce((n, r) => n + countItems(r), 0) > (this.options.bigTreeItems ?? BIG_TREE_ITEMS);
    this.big = big;
    this.defaultDepth = big ? Math.min(1, this.options.openDepth ?? 2) : (this.options.openDepth ?? 2);
    for (const r of rollups) this.root.appendChild(this.group(r, 0, r.file, ''));
  }

  destroy(): void {
    this.root.remove();
  }

  private group(r: Rollup, depth: number, file: string | undefined, parentLabel: string): HTMLDetailsElement {
    const here = r.file ?? file;
    const doc = this.root.ownerDocument;
    const details = doc.createElement('details');
    details.className = `ps-rollup-group ps-kind-${r.kind}`;
    details.dataset.key = r.key;
    const open = this.openState.get(r.key) ?? (depth <= this.defaultDepth && r.items.length <= (this.options.bigTreeItems ?? BIG_TREE_ITEMS));
    this.openState.set(r.key, open);

    const summary = doc.createElement('summary');
    const label = doc.createElement('span');
    label.className = 'ps-rollup-label';
    label.textContent = shortLabel(r.label, parentLabel);
    label.title = r.label;
    summary.appendChild(label);
    const badge = gateBadge(r);
    if (badge) {
      const b = doc.createElement('span');
      b.className = `ps-badge ${badge.pass ? 'ps-badge-pass' : 'ps-badge-fail'}`;
      b.textContent = badge.text;
      summary.appendChild(b);
    }
    const count = doc.createElement('span');
    count.className = 'ps-rollup-count';
    count.textContent = progressText(r);
    summary.appendChild(count);
    const bar = doc.createElement('div');
    bar.className = 'ps-progress';
    bar.setAttribute('role', 'progressbar');
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', String(r.total));
    bar.setAttribute('aria-valuenow', String(r.done));
    bar.setAttribute('aria-label', `${r.label}: ${progressText(r)}`);
    const fill = doc.createElement('div');
    fill.className = 'ps-progress-fill';
    fill.style.width = `${Math.max(0, Math.min(100, r.percent))}%`;
    bar.appendChild(fill);
    summary.appendChild(bar);
    details.appendChild(summary);

    let built = false;
    const build = (): void => {
      if (built) return;
      built = true;
      if (r.items.length) {
        const ul = doc.createElement('ul');
        for (const item of r.items) ul.appendChild(this.item(item, here));
        details.appendChild(ul);
      }
      // A group with nothing to check (a dashboard, a daily status) is noise in a checklist tree.
      const children = r.children.filter((child) => child.total > 0);
      const chunk = this.big ? GROUP_CHUNK : children.length;
      const more = (from: number): void => {
        const to = Math.min(children.length, from + chunk);
        for (let i = from; i < to; i++) details.appendChild(this.group(children[i]!, depth + 1, here, r.label));
        if (to >= children.length) return;
        const button = doc.createElement('button');
        button.type = 'button';
        button.className = 'ps-link ps-rollup-more';
        button.textContent = `Show ${Math.min(chunk, children.length - to)} more of ${children.length - to}`;
        button.addEventListener('click', () => {
          button.remove();
          more(to);
        });
        details.appendChild(button);
      };
      more(0);
    };
    details.addEventListener('toggle', () => {
      this.openState.set(r.key, details.open);
      if (details.open) build();
    });
    if (open) {
      build();
      details.open = true;
    }
    return details;
  }

  private item(item: RollupItem, groupFile: string | undefined): HTMLLIElement {
    const doc = this.root.ownerDocument;
    const li = doc.createElement('li');
    li.className = `ps-rollup-item ps-status-${item.status}${item.checked ? ' ps-done' : ''}`;
    li.dataset.file = item.file;
    li.dataset.line = String(item.line);
    const box = doc.createElement('input');
    box.type = 'checkbox';
    box.checked = item.checked;
    box.disabled = Boolean(this.options.readOnly);
    box.setAttribute('aria-label', item.text);
    box.addEventListener('click', (e) => {
      // The host writes the change and sends a new model; until then the box shows what the file says.
      e.preventDefault();
      if (!this.options.readOnly) this.events.toggle(item);
    });
    const text = doc.createElement('span');
    text.className = 'ps-rollup-text';
    appendRuns(text, linkRuns(item.text));
    const src = doc.createElement('button');
    src.type = 'button';
    src.className = 'ps-src';
    // Inside its own file's group the line number says enough.
    src.textContent = item.file === groupFile ? `:${item.line}` : `${basename(item.file)}:${item.line}`;
    src.title = `Open ${item.file}:${item.line}`;
    src.addEventListener('click', () => this.events.open(item.file, item.line));
    li.append(box, text, src);
    return li;
  }
}

/** `Plan › Week 1 › Gate` under `Plan` reads `Week 1 › Gate`: the tree already says where it is. */
export function shortLabel(label: string, parentLabel: string): string {
  const prefix = `${parentLabel} › `;
  return parentLabel && label.startsWith(prefix) && label.length > prefix.length ? label.slice(prefix.length) : label;
}

/** Items in the groups the tree shows (groups with nothing to check are left out). */
function countItems(r: Rollup): number {
  let n = r.items.length;
  for (const child of r.children) if (child.total > 0) n += countItems(child);
  return n;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
