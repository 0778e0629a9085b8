import { WidgetType, type EditorView } from '@codemirror/view';
import type { Status } from '@plansight/core';
import { MENU_STATUSES, STATUS_EMOJI, STATUS_LABEL } from './statusEdit.js';
import type { RefTarget } from './model.js';

export interface Counts {
  done: number;
  'in-progress': number;
  blocked: number;
  other: number;
}

function el(doc: Document, tag: string, cls: string, text?: string): HTMLElement {
  const e = doc.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Done / in progress / blocked counts beside a worker heading. */
export class ChipsWidget extends WidgetType {
  constructor(readonly counts: Counts) {
    super();
  }
  override eq(other: ChipsWidget): boolean {
    const a = this.counts;
    const b = other.counts;
    return a.done === b.done && a['in-progress'] === b['in-progress'] && a.blocked === b.blocked && a.other === b.other;
  }
  toDOM(view: EditorView): HTMLElement {
    const doc = view.dom.ownerDocument;
    const box = el(doc, 'span', 'pso-chips');
    box.setAttribute('aria-label', 'Plansight status counts');
    for (const s of ['done', 'in-progress', 'blocked'] as const) {
      const chip = el(doc, 'span', `pso-chip pso-status-${s}`, `${STATUS_EMOJI[s]} ${this.counts[s]}`);
      chip.title = `${this.counts[s]} ${STATUS_LABEL[s].toLowerCase()}`;
      chip.dataset.status = s;
      chip.dataset.count = String(this.counts[s]);
      box.append(chip);
    }
    return box;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

/** Criteria progress beside a gate heading. */
export class GateWidget extends WidgetType {
  constructor(
    readonly done: number,
    readonly total: number,
  ) {
    super();
  }
  override eq(other: GateWidget): boolean {
    return other.done === this.done && other.total === this.total;
  }
  toDOM(view: EditorView): HTMLElement {
    const doc = view.dom.ownerDocument;
    const passed = this.total > 0 && this.done >= this.total;
    const box = el(doc, 'span', `pso-gate${passed ? ' pso-gate-passed' : ''}`);
    box.dataset.done = String(this.done);
    box.dataset.total = String(this.total);
    const bar = el(doc, 'span', 'pso-gate-bar');
    const fill = el(doc, 'span', 'pso-gate-fill');
    fill.style.width = `${this.total ? Math.round((100 * this.done) / this.total) : 0}%`;
    bar.append(fill);
    box.append(bar, el(doc, 'span', 'pso-gate-text', `${this.done}/${this.total} criteria${passed ? ' ✓' : ''}`));
    return box;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

/** The target's status after a reference; click jumps to where the target is defined. */
export class RefBadgeWidget extends WidgetType {
  constructor(
    readonly target: RefTarget,
    readonly jump: (target: RefTarget) => void,
  ) {
    super();
  }
  override eq(other: RefBadgeWidget): boolean {
    const a = this.target;
    const b = other.target;
    return a.id === b.id && a.status === b.status && a.file === b.file && a.line === b.line && a.title === b.title;
  }
  toDOM(view: EditorView): HTMLElement {
    const doc = view.dom.ownerDocument;
    const t = this.target;
    const badge = el(doc, 'span', `pso-ref-badge pso-status-${t.status}`, STATUS_EMOJI[t.status]);
    badge.title = `${t.id}: ${t.title} — ${STATUS_LABEL[t.status]} (${t.file}:${t.line})`;
    badge.dataset.ref = t.id;
    badge.dataset.status = t.status;
    badge.addEventListener('mousedown', (e) => e.preventDefault());
    badge.addEventListener('click', (e) => {
      e.preventDefault();
      this.jump(t);
    });
    return badge;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

/** A small control on a status line: opens a menu of statuses; choosing one edits the line. */
export class StatusControlWidget extends WidgetType {
  constructor(
    readonly status: Status,
    readonly choose: (view: EditorView, pos: number, status: Status) => void,
  ) {
    super();
  }
  override eq(other: StatusControlWidget): boolean {
    return other.status === this.status;
  }
  toDOM(view: EditorView): HTMLElement {
    const doc = view.dom.ownerDocument;
    const wrap = el(doc, 'span', 'pso-status-ctl');
    const button = el(doc, 'button', `pso-status-btn pso-status-${this.status}`, '▾');
    button.setAttribute('aria-label', `Status: ${STATUS_LABEL[this.status]} — change`);
    button.dataset.status = this.status;
    button.addEventListener('mousedown', (e) => e.preventDefault());
    button.addEventListener('click', (e) => {
      e.preventDefault();
      const open = wrap.querySelector('.pso-status-menu');
      if (open) {
        open.remove();
        return;
      }
      const menu = el(doc, 'span', 'pso-status-menu');
      menu.setAttribute('role', 'menu');
      for (const s of MENU_STATUSES) {
        const item = el(doc, 'button', `pso-status-item pso-status-${s}`, `${STATUS_EMOJI[s]} ${STATUS_LABEL[s]}`);
        item.setAttribute('role', 'menuitem');
        item.dataset.status = s;
        if (s === this.status) item.setAttribute('aria-current', 'true');
        item.addEventListener('mousedown', (ev) => ev.preventDefault());
        item.addEventListener('click', (ev) => {
          ev.preventDefault();
          menu.remove();
          this.choose(view, view.posAtDOM(wrap), s);
        });
        menu.append(item);
      }
      wrap.append(menu);
    });
    wrap.append(button);
    return wrap;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}
