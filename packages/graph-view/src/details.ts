import { STATUSES, type GraphNode, type PlanGraph, type Status } from '@plansight/core';
import { describeNode, STATUS_LABEL } from './viewModel.js';

export interface DetailsEvents {
  open(node: GraphNode): void;
  setStatus(node: GraphNode, status: Status): void;
  reveal(id: string): void;
}

/** The selected item: its details, what blocks it (nearest first, down to the root cause), open and set status. */
export class DetailsPanel {
  readonly root: HTMLDivElement;

  constructor(container: HTMLElement, private readonly events: DetailsEvents, private readonly readOnly: boolean) {
    this.root = container.ownerDocument.createElement('div');
    this.root.className = 'ps-details';
    this.root.hidden = true;
    container.appendChild(this.root);
  }

  show(node: GraphNode | undefined, graph: PlanGraph, actors: Record<string, string>): void {
    const doc = this.root.ownerDocument;
    this.root.replaceChildren();
    this.root.hidden = !node;
    if (!node) return;
    const h = doc.createElement('h3');
    h.textContent = 'Selected';
    const lines = doc.createElement('div');
    lines.className = 'ps-details-lines';
    for (const l of describeNode(node, graph, actors)) {
      const div = doc.createElement('div');
      div.textContent = l;
      lines.appendChild(div);
    }
    this.root.append(h, lines);

    const chain = graph.blocked.find((b) => b.id === node.id)?.chain ?? [];
    if (chain.length) {
      const p = doc.createElement('div');
      p.className = 'ps-details-chain';
      p.appendChild(doc.createTextNode('Waiting on: '));
      chain.forEach((id, i) => {
        if (i) p.appendChild(doc.createTextNode(' ← '));
        const b = doc.createElement('button');
        b.type = 'button';
        b.className = 'ps-link';
        b.textContent = id;
        b.addEventListener('click', () => this.events.reveal(id));
        p.appendChild(b);
      });
      this.root.appendChild(p);
    }

    const actions = doc.createElement('div');
    actions.className = 'ps-details-actions';
    const open = doc.createElement('button');
    open.type = 'button';
    open.textContent = 'Open source';
    open.addEventListener('click', () => this.events.open(node));
    actions.appendChild(open);
    if (!this.readOnly && node.kind === 'item') {
      const label = doc.createElement('label');
      label.appendChild(doc.createTextNode('Status '));
      const select = doc.createElement('select');
      select.className = 'ps-set-status';
      for (const s of STATUSES) {
        const o = doc.createElement('option');
        o.value = s;
        o.textContent = STATUS_LABEL[s];
        select.appendChild(o);
      }
      select.value = node.status;
      select.addEventListener('change', () => {
        const status = select.value as Status;
        // Shown as it is in the file until the host writes the change and sends a new model.
        select.value = node.status;
        this.events.setStatus(node, status);
      });
      label.appendChild(select);
      actions.appendChild(label);
    }
    this.root.appendChild(actions);
  }

  destroy(): void {
    this.root.remove();
  }
}
