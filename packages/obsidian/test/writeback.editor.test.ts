import { describe, expect, it, vi } from 'vitest';
import type * as Obs from 'obsidian';
import { App, ledger, MarkdownView, TFile, Vault, Workspace } from './obsidianStub';

// writeBack.ts imports `obsidian`; here it gets the in-memory stub.
vi.mock('obsidian', async () => (await import('./obsidianStub')).obsidianModule);
const { writeEdits, currentText } = await import('../src/writeBack');

/** An Obsidian `Editor` over a string: the few methods write-back uses, typed against the real interface. */
class StringEditor implements Pick<Obs.Editor, 'getValue' | 'getRange' | 'offsetToPos' | 'posToOffset' | 'transaction'> {
  transactions = 0;
  constructor(public text: string) {}
  getValue(): string {
    return this.text;
  }
  offsetToPos(offset: number): Obs.EditorPosition {
    const before = this.text.slice(0, offset).split('\n');
    return { line: before.length - 1, ch: before[before.length - 1]!.length };
  }
  posToOffset(pos: Obs.EditorPosition): number {
    const lines = this.text.split('\n');
    let off = 0;
    for (let i = 0; i < pos.line; i++) off += lines[i]!.length + 1;
    return off + pos.ch;
  }
  getRange(from: Obs.EditorPosition, to: Obs.EditorPosition): string {
    return this.text.slice(this.posToOffset(from), this.posToOffset(to));
  }
  transaction(tx: Obs.EditorTransaction): void {
    this.transactions++;
    const changes = [...(tx.changes ?? [])].sort((a, b) => this.posToOffset(b.from) - this.posToOffset(a.from));
    for (const c of changes) {
      const from = this.posToOffset(c.from);
      const to = c.to ? this.posToOffset(c.to) : from;
      this.text = this.text.slice(0, from) + c.text + this.text.slice(to);
    }
  }
}

class OpenNote extends MarkdownView {
  constructor(
    readonly file: TFile,
    readonly editor: StringEditor,
  ) {
    super({} as never);
  }
  getViewType(): string {
    return 'markdown';
  }
  getDisplayText(): string {
    return this.file.path;
  }
}

function setup(text: string) {
  const vault = new Vault({ 'DAILY_STATUS.md': text });
  const ws = new Workspace();
  const app = new App(vault, ws);
  const editor = new StringEditor(text);
  const view = new OpenNote(vault.files.get('DAILY_STATUS.md')!.file, editor);
  ws.getActiveViewOfType = (() => view) as never;
  return { app, vault, editor };
}

const DAILY = '## Worker 1:\n- 🔄 In Progress: B\n';
const EDIT = { start: 15, end: 29, expected: '🔄 In Progress', text: '✅ Completed', line: 2 };

describe('write-back to the active file', () => {
  it('goes through one editor transaction, not Vault.process', async () => {
    const { app, vault, editor } = setup(DAILY);
    expect(DAILY.slice(EDIT.start, EDIT.end)).toBe(EDIT.expected);
    expect(await currentText(app as never, 'DAILY_STATUS.md')).toBe(DAILY);
    expect(await writeEdits(app as never, 'DAILY_STATUS.md', [EDIT])).toBe(true);
    expect(editor.text).toBe('## Worker 1:\n- ✅ Completed: B\n');
    expect(editor.transactions).toBe(1);
    expect(vault.processCalls).toBe(0);
  });

  it('refuses a stale edit with a Notice that names file and line, and changes nothing', async () => {
    const { app, editor } = setup(DAILY);
    editor.text = '## Worker 1:\n- ❌ Blocked: B\n';
    ledger.reset();
    expect(await writeEdits(app as never, 'DAILY_STATUS.md', [EDIT])).toBe(false);
    expect(editor.text).toBe('## Worker 1:\n- ❌ Blocked: B\n');
    expect(editor.transactions).toBe(0);
    expect(ledger.notices).toHaveLength(1);
    expect(ledger.notices[0]).toMatch(/^Plansight: DAILY_STATUS\.md:2: the file changed since it was read .*nothing was written$/);
  });
});
