import { Modal, Setting, SuggestModal, type App } from 'obsidian';
import type { Status, TextEdit } from '@plansight/core';
import { MENU_STATUSES, STATUS_EMOJI, STATUS_LABEL } from './editor/statusEdit.js';
import { h } from './views/dom.js';

export class StatusSuggestModal extends SuggestModal<Status> {
  constructor(
    app: App,
    private onChoose: (s: Status) => void,
  ) {
    super(app);
    this.setPlaceholder('Set status…');
  }
  getSuggestions(query: string): Status[] {
    const q = query.toLowerCase();
    return [...MENU_STATUSES, 'cancelled' as const].filter((s) => STATUS_LABEL[s].toLowerCase().includes(q));
  }
  renderSuggestion(status: Status, el: HTMLElement): void {
    el.textContent = `${STATUS_EMOJI[status]} ${STATUS_LABEL[status]}`;
  }
  onChooseSuggestion(status: Status): void {
    this.onChoose(status);
  }
}

export class BlockerModal extends Modal {
  private text = '';
  private ref = '';
  constructor(
    app: App,
    private actor: string,
    private onSubmit: (text: string, ref: string) => void,
  ) {
    super(app);
  }
  override onOpen(): void {
    this.titleEl.textContent = `Add a blocker for ${this.actor}`;
    new Setting(this.contentEl).setName('What blocks').addText((t) => t.onChange((v) => (this.text = v)));
    new Setting(this.contentEl).setName('Reference (optional)').setDesc('Issue #145, T1-001').addText((t) => t.onChange((v) => (this.ref = v)));
    new Setting(this.contentEl).addButton((b) =>
      b
        .setButtonText('Add')
        .setCta()
        .onClick(() => {
          if (!this.text.trim()) return;
          this.close();
          this.onSubmit(this.text.trim(), this.ref.trim());
        }),
    );
  }
  override onClose(): void {
    this.contentEl.empty();
  }
}

/** Mojibake repair, shown as a line diff before anything is written. */
export class RepairModal extends Modal {
  constructor(
    app: App,
    private path: string,
    private text: string,
    private edits: TextEdit[],
    private onApply: () => void,
  ) {
    super(app);
  }
  override onOpen(): void {
    this.titleEl.textContent = `Repair mojibake in ${this.path}: ${this.edits.length} edit${this.edits.length === 1 ? '' : 's'}`;
    const diff = h(this.contentEl, 'div', 'pso-diff');
    for (const e of this.edits.slice(0, 200)) {
      const lineStart = this.text.lastIndexOf('\n', e.start - 1) + 1;
      let lineEnd = this.text.indexOf('\n', e.end);
      if (lineEnd < 0) lineEnd = this.text.length;
      const before = this.text.slice(lineStart, lineEnd);
      const after = before.slice(0, e.start - lineStart) + e.text + before.slice(e.end - lineStart);
      h(diff, 'div', 'pso-muted', `line ${e.line}`);
      h(diff, 'div', 'pso-diff-del', `- ${before}`);
      h(diff, 'div', 'pso-diff-add', `+ ${after}`);
    }
    if (this.edits.length > 200) h(diff, 'div', 'pso-muted', `… and ${this.edits.length - 200} more`);
    new Setting(this.contentEl)
      .addButton((b) => b.setButtonText('Cancel').onClick(() => this.close()))
      .addButton((b) =>
        b
          .setButtonText('Repair')
          .setCta()
          .onClick(() => {
            this.close();
            this.onApply();
          }),
      );
  }
  override onClose(): void {
    this.contentEl.empty();
  }
}
