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
  /** Open (true) or closed (false) by group key, instead of the default, for groups not yet seen. */
  open?: ReadonlyMap<string, boolean>;
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

/** One group's DOM and the data it shows now; event handlers read `data`, so a model update never strands them. */
interface GroupView {
  readonly el: HTMLDetailsElement;
  readonly summary: HTMLElement;
  readonly label: HTMLSpanElement;
  readonly count: HTMLSpanElement;
  readonly bar: HTMLDivElement;
  readonly fill: HTMLDivElement;
  badge: HTMLSpanElement | null;
  data: Rollup;
  depth: number;
  /** The file its items sit in, when the group or an ancestor names one. */
  file: string | undefined;
  parentLabel: string;
  /** Contents are built once the group is first opened. */
  built: boolean;
  list: HTMLUListElement | null;
  items: Map<string, ItemView>;
  children: Map<string, GroupView>;
  /** "Show more" clicks in a big tree. */
  chunks: number;
  more: HTMLButtonElement | null;
}

interface ItemView {
  readonly li: HTMLLIElement;
  readonly box: HTMLInputElement;
  readonly text: HTMLSpanElement;
  readonly src: HTMLButtonElement;
  item: RollupItem | null;
}

/**
 * A collapsible tree: vault → file → gate / actor / section → items. A group builds its contents only once it is
 * open, so a closed group in a big vault costs one summary. A new model updates the tree in place, keyed by group
 * key and by item (file + text): rows and groups that stay keep their DOM nodes, so open state, focus, scroll and a
 * click in progress survive; rows that changed get new text, counts and checkbox state.
 */
export class RollupRenderer {
  readonly root: HTMLDivElement;
  /** Open or closed as last rendered or toggled, by group key; a key not here gets the default. */
  private readonly openState: Map<string, boolean>;
  private defaultDepth = 2;
  private big = false;
  private top = new Map<string, GroupView>();
  private empty: HTMLParagraphElement | null = null;

  constructor(container: HTMLElement, private readonly events: RollupEvents, private readonly options: RollupOptions = {}) {
    this.root = container.ownerDocument.createElement('div');
    this.root.className = 'ps-rollup';
    this.openState = new Map(options.open ?? []);
    container.appendChild(this.root);
  }

  render(rollups: Rollup[]): void {
    const doc = this.root.ownerDocument;
    const focused = focusChain(doc, this.root);
    if (!rollups.length || rollups.every((r) => r.total === 0 && !r.children.length)) {
      this.top = this.syncGroups([], 0, undefined, '', this.top);
      if (!this.empty) {
        this.empty = doc.createElement('p');
        this.empty.className = 'ps-rollup-empty';
        this.empty.textContent = 'No checklists found.';
      }
      placeInOrder(this.root, [this.empty]);
    } else {
      this.empty?.remove();
      this.empty = null;
      const limit = this.options.bigTreeItems ?? BIG_TREE_ITEMS;
      this.big = rollups.reduce((n, r) => n + countItems(r), 0) > limit;
      this.defaultDepth = this.big ? Math.min(1, this.options.openDepth ?? 2) : (this.options.openDepth ?? 2);
      this.top = this.syncGroups(rollups, 0, undefined, '', this.top);
      placeInOrder(this.root, [...this.top.values()].map((g) => g.el));
    }
    restoreFocus(doc, focused);
  }

  /** Whether each group seen so far is open, by key. */
  openGroups(): Map<string, boolean> {
    return new Map(this.openState);
  }

  destroy(): void {
    this.root.remove();
  }

  /** Update, create and drop the groups for `rollups`; the caller puts their elements in order. */
  private syncGroups(rollups: Rollup[], depth: number, file: string | undefined, parentLabel: string, old: Map<string, GroupView>): Map<string, GroupView> {
    const next = new Map<string, GroupView>();
    for (const [key, r] of keyed(rollups, (r) => r.key)) {
      const here = r.file ?? file;
      const view = old.get(key);
      if (view) this.updateGroup(view, r, depth, here, parentLabel);
      next.set(key, view ?? this.createGroup(r, depth, here, parentLabel));
    }
    for (const [key, view] of old) if (next.get(key) !== view) view.el.remove();
    return next;
  }

  private createGroup(r: Rollup, depth: number, file: string | undefined, parentLabel: string): GroupView {
    const doc = this.root.ownerDocument;
    const el = doc.createElement('details');
    const summary = doc.createElement('summary');
    const label = doc.createElement('span');
    label.className = 'ps-rollup-label';
    const count = doc.createElement('span');
    count.className = 'ps-rollup-count';
    const bar = doc.createElement('div');
    bar.className = 'ps-progress';
    bar.setAttribute('role', 'progressbar');
    bar.setAttribute('aria-valuemin', '0');
    const fill = doc.createElement('div');
    fill.className = 'ps-progress-fill';
    bar.appendChild(fill);
    summary.append(label, count, bar);
    el.appendChild(summary);
    const view: GroupView = { el, summary, label, count, bar, fill, badge: null, data: r, depth, file, parentLabel, built: false, list: null, items: new Map(), children: new Map(), chunks: 1, more: null };
    this.fillSummary(view);
    el.addEventListener('toggle', () => {
      this.openState.set(view.data.key, el.open);
      if (el.open) this.build(view);
    });
    const open = this.openState.get(r.key) ?? (depth <= this.defaultDepth && r.items.length <= (this.options.bigTreeItems ?? BIG_TREE_ITEMS));
    this.openState.set(r.key, open);
    if (open) {
      this.build(view);
      el.open = true;
    }
    return view;
  }

  private updateGroup(view: GroupView, r: Rollup, depth: number, file: string | undefined, parentLabel: string): void {
    view.data = r;
    view.depth = depth;
    view.file = file;
    view.parentLabel = parentLabel;
    // The element is the truth: a click on the summary flips `open` at once, its toggle event comes a task later.
    this.openState.set(r.key, view.el.open);
    this.fillSummary(view);
    if (view.built) this.syncContents(view);
    else if (view.el.open) this.build(view);
  }

  private fillSummary(view: GroupView): void {
    const r = view.data;
    setText(view.label, shortLabel(r.label, view.parentLabel));
    view.label.title = r.label;
    setClass(view.el, `ps-rollup-group ps-kind-${r.kind}`);
    if (view.el.dataset.key !== r.key) view.el.dataset.key = r.key;
    const badge = gateBadge(r);
    if (badge) {
      if (!view.badge) {
        view.badge = this.root.ownerDocument.createElement('span');
        view.summary.insertBefore(view.badge, view.count);
      }
      setClass(view.badge, `ps-badge ${badge.pass ? 'ps-badge-pass' : 'ps-badge-fail'}`);
      setText(view.badge, badge.text);
    } else if (view.badge) {
      view.badge.remove();
      view.badge = null;
    }
    const progress = progressText(r);
    setText(view.count, progress);
    setAttr(view.bar, 'aria-valuemax', String(r.total));
    setAttr(view.bar, 'aria-valuenow', String(r.done));
    setAttr(view.bar, 'aria-label', `${r.label}: ${progress}`);
    const width = `${Math.max(0, Math.min(100, r.percent))}%`;
    if (view.fill.style.width !== width) view.fill.style.width = width;
  }

  private build(view: GroupView): void {
    if (view.built) return;
    view.built = true;
    this.syncContents(view);
  }

  /** Items, then subgroups (a chunk at a time in a big tree), then the "show more" button. */
  private syncContents(view: GroupView): void {
    const doc = this.root.ownerDocument;
    const r = view.data;
    if (r.items.length) {
      view.list ??= doc.createElement('ul');
      view.items = this.syncItems(view.list, r.items, view.file, view.items);
    } else if (view.list) {
      view.list.remove();
      view.list = null;
      view.items = new Map();
    }
    // A group with nothing to check (a dashboard, a daily status) is noise in a checklist tree.
    const children = r.children.filter((child) => child.total > 0);
    const shown = this.big ? Math.min(children.length, GROUP_CHUNK * view.chunks) : children.length;
    view.children = this.syncGroups(children.slice(0, shown), view.depth + 1, view.file, r.label, view.children);
    const hidden = children.length - shown;
    if (hidden > 0) {
      if (!view.more) {
        const more = doc.createElement('button');
        more.type = 'button';
        more.className = 'ps-link ps-rollup-more';
        more.addEventListener('click', () => {
          view.chunks++;
          this.syncContents(view);
        });
        view.more = more;
      }
      setText(view.more, `Show ${Math.min(GROUP_CHUNK, hidden)} more of ${hidden}`);
    } else if (view.more) {
      view.more.remove();
      view.more = null;
    }
    const order: Node[] = [view.summary];
    if (view.list) order.push(view.list);
    for (const child of view.children.values()) order.push(child.el);
    if (view.more) order.push(view.more);
    placeInOrder(view.el, order);
  }

  private syncItems(list: HTMLUListElement, items: RollupItem[], groupFile: string | undefined, old: Map<string, ItemView>): Map<string, ItemView> {
    const next = new Map<string, ItemView>();
    for (const [key, item] of keyed(items, (i) => `${i.file}\u0000${i.text}`)) {
      const view = old.get(key) ?? this.createItem();
      this.fillItem(view, item, groupFile);
      next.set(key, view);
    }
    for (const [key, view] of old) if (next.get(key) !== view) view.li.remove();
    placeInOrder(list, [...next.values()].map((v) => v.li));
    return next;
  }

  private createItem(): ItemView {
    const doc = this.root.ownerDocument;
    const li = doc.createElement('li');
    const box = doc.createElement('input');
    box.type = 'checkbox';
    box.disabled = Boolean(this.options.readOnly);
    const text = doc.createElement('span');
    text.className = 'ps-rollup-text';
    const src = doc.createElement('button');
    src.type = 'button';
    src.className = 'ps-src';
    li.append(box, text, src);
    const view: ItemView = { li, box, text, src, item: null };
    box.addEventListener('click', (e) => {
      // The host writes the change and sends a new model; until then the box shows what the file says.
      e.preventDefault();
      if (!this.options.readOnly && view.item) this.events.toggle(view.item);
    });
    src.addEventListener('click', () => view.item && this.events.open(view.item.file, view.item.line));
    return view;
  }

  private fillItem(view: ItemView, item: RollupItem, groupFile: string | undefined): void {
    const before = view.item;
    view.item = item;
    setClass(view.li, `ps-rollup-item ps-status-${item.status}${item.checked ? ' ps-done' : ''}`);
    if (view.li.dataset.file !== item.file) view.li.dataset.file = item.file;
    if (view.li.dataset.line !== String(item.line)) view.li.dataset.line = String(item.line);
    if (view.box.checked !== item.checked) view.box.checked = item.checked;
    setAttr(view.box, 'aria-label', item.text);
    if (before?.text !== item.text) {
      view.text.replaceChildren();
      appendRuns(view.text, linkRuns(item.text));
    }
    // Inside its own file's group the line number says enough.
    setText(view.src, item.file === groupFile ? `:${item.line}` : `${basename(item.file)}:${item.line}`);
    view.src.title = `Open ${item.file}:${item.line}`;
  }
}

/** `Plan › Week 1 › Gate` under `Plan` reads `Week 1 › Gate`: the tree already says where it is. */
export function shortLabel(label: string, parentLabel: string): string {
  const prefix = `${parentLabel} › `;
  return parentLabel && label.startsWith(prefix) && label.length > prefix.length ? label.slice(prefix.length) : label;
}

/** Pairs each entry with a key unique among its siblings: a repeated key gets `#2`, `#3`… in order. */
export function keyed<T>(list: readonly T[], keyOf: (t: T) => string): Array<[string, T]> {
  const seen = new Map<string, number>();
  return list.map((t) => {
    const base = keyOf(t);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return [n === 1 ? base : `${base}\u0000#${n}`, t];
  });
}

/**
 * Make `nodes` the children of `parent`, in order, moving only nodes out of place (a moved node loses focus; one
 * left alone keeps it). Children not in `nodes` must already be removed.
 */
function placeInOrder(parent: Element, nodes: readonly Node[]): void {
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
  while (cursor) {
    const after: ChildNode | null = cursor.nextSibling;
    cursor.remove();
    cursor = after;
  }
}

/** The focused element inside `root` and the groups around it, innermost first. */
function focusChain(doc: Document, root: Element): Element[] {
  const active = doc.activeElement;
  if (!active || active === root || !root.contains(active)) return [];
  const chain: Element[] = [active];
  for (let n = active.parentElement; n && n !== root; n = n.parentElement) if (n.tagName === 'DETAILS') chain.push(n);
  return chain;
}

/** Give focus back if an update took it: to the same element, or the summary of the nearest group still shown. */
function restoreFocus(doc: Document, chain: Element[]): void {
  const [active, ...groups] = chain;
  if (!active || doc.activeElement === active) return;
  const target = active.isConnected ? active : groups.find((g) => g.isConnected)?.querySelector(':scope > summary');
  (target as HTMLElement | null | undefined)?.focus({ preventScroll: true });
}

function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function setClass(el: HTMLElement, cls: string): void {
  if (el.className !== cls) el.className = cls;
}

function setAttr(el: HTMLElement, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
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
