import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlugin, ROOT, settle, timers, useBuiltPlugin } from './builtPlugin';
import { ledger, type Plugin } from './obsidianStub';

const VAULT = join(ROOT, 'vault-template');

function vaultFiles(dir: string, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) vaultFiles(p, out);
    else if (name.endsWith('.md')) out[relative(VAULT, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

type PluginApi = Plugin & {
  index: { paths(): string[]; has(p: string): boolean; progress: { done: number; total: number }; model(): { statusReports: unknown[] } };
  handleViewMessage(m: unknown): Promise<void>;
  indexVault(): Promise<void>;
};

describe('the built dist/main.js under an in-memory obsidian', () => {
  const PluginClass = useBuiltPlugin<PluginApi>();
  const start = (files: Record<string, string>) => loadPlugin(PluginClass(), files);

  it('registers every command, view and extension, indexes after layout-ready, and unloads with nothing left', async () => {
    const eventsBefore = ledger.liveEvents;
    const { vault, app, plugin } = await start(vaultFiles(VAULT));
    const r = plugin.registered;
    expect([...r.commands.keys()].sort()).toEqual(
      ['add-blocker', 'check-plans', 'mark-done', 'new-day', 'repair-mojibake', 'set-status', 'show-graph', 'show-rollup', 'who-owns'].sort(),
    );
    expect([...r.views.keys()].sort()).toEqual(['plansight-diagnostics', 'plansight-graph', 'plansight-rollup']);
    expect(r.ribbon).toEqual(['git-fork:Plansight: dependency graph']);
    expect(r.editorExtensions).toHaveLength(1);
    expect([...r.codeBlocks.keys()]).toEqual(['plansight']);
    expect(r.postProcessors).toHaveLength(1);
    expect(r.settingTabs).toHaveLength(1);

    // Nothing is read before the layout is ready.
    expect(plugin.index.paths()).toEqual([]);
    expect(vault.listeners('modify')).toBe(0);
    app.stubWorkspace.layoutReady();
    await plugin.indexVault();
    expect(plugin.index.has('DAILY_STATUS.md')).toBe(true);
    expect(plugin.index.progress.done).toBe(plugin.index.progress.total);
    expect(vault.listeners('modify')).toBe(1);
    expect(ledger.liveEvents - eventsBefore).toBe(5);

    plugin.unload();
    expect(ledger.liveEvents).toBe(eventsBefore);
    expect(ledger.liveDomEvents).toBe(0);
    expect(timers.size).toBe(0);
    expect(r.commands.size + r.views.size + r.ribbon.length + r.editorExtensions.length + r.codeBlocks.size).toBe(0);
    expect(r.postProcessors.length + r.settingTabs.length).toBe(0);
    expect(app.stubWorkspace.creators.size).toBe(0);
  });

  it('follows vault create, modify, rename and delete incrementally', async () => {
    const { vault, app, plugin } = await start({
      'DAILY_STATUS.md': '# Daily Status - 2026-11-18\n\n## Worker 1:\n- ✅ Completed: A\n',
      'notes/shopping.md': '# Shopping\n\n- milk\n',
    });
    app.stubWorkspace.layoutReady();
    await plugin.indexVault();
    expect(plugin.index.paths()).toEqual(['DAILY_STATUS.md']);
    await vault.create('plans/Sprint 1.md', '# Sprint 1\n\n## Worker 2\n- [x] T1-001 done\n- [ ] T1-002 next\n\nDependencies: T1-001\n');
    await settle();
    expect(plugin.index.paths()).toEqual(['DAILY_STATUS.md', 'plans/Sprint 1.md']);
    await vault.modify(vault.getAbstractFileByPath('notes/shopping.md') as never, '# Shopping\n\n## Worker 1 errands\n- 🔄 In Progress: milk (Issue #12)\n');
    await settle();
    expect(plugin.index.has('notes/shopping.md')).toBe(true);
    await vault.rename(vault.getAbstractFileByPath('plans/Sprint 1.md') as never, 'plans/Sprint 2.md');
    await settle();
    expect(plugin.index.paths()).toEqual(['DAILY_STATUS.md', 'notes/shopping.md', 'plans/Sprint 2.md']);
    await vault.delete(vault.getAbstractFileByPath('notes/shopping.md') as never);
    await settle();
    expect(plugin.index.paths()).toEqual(['DAILY_STATUS.md', 'plans/Sprint 2.md']);
    plugin.unload();
    expect(timers.size).toBe(0);
  });

  it('writes a status change to a closed file through Vault.process, and refuses a stale edit with a Notice', async () => {
    const daily = '# Daily Status - 2026-11-18\n\n## Worker 1:\n- ✅ Completed: A\n- 🔄 In Progress: B (T1-003)\n';
    const { vault, app, plugin } = await start({ 'DAILY_STATUS.md': daily });
    app.stubWorkspace.layoutReady();
    await plugin.indexVault();
    await plugin.handleViewMessage({ type: 'set-status', file: 'DAILY_STATUS.md', line: 5, status: 'done' });
    expect(vault.processCalls).toBe(1);
    expect(vault.files.get('DAILY_STATUS.md')!.text).toBe(daily.replace('- 🔄 In Progress: B', '- ✅ Completed: B'));

    // The file changes between the read and the write: nothing is written, and the Notice says why.
    const changed = vault.files.get('DAILY_STATUS.md')!.text.replace('✅ Completed: B', '✅ Completed: B, C');
    const entry = vault.files.get('DAILY_STATUS.md')!;
    const read = vault.read.bind(vault);
    vault.read = async (f) => {
      const text = await read(f);
      entry.text = changed;
      return text;
    };
    await plugin.handleViewMessage({ type: 'set-status', file: 'DAILY_STATUS.md', line: 5, status: 'blocked' });
    expect(entry.text).toBe(changed);
    expect(ledger.notices.at(-1)).toMatch(/DAILY_STATUS\.md:5: the file changed since it was read.*nothing was written/);
    plugin.unload();
  });

  it('runs the new-day command against DAILY_STATUS.md', async () => {
    const daily = '# Daily Status - 2026-11-17\n\n## Worker 1:\n- ✅ Completed: A\n- 🔄 In Progress: B\n';
    const { vault, app, plugin } = await start({ 'DAILY_STATUS.md': daily });
    app.stubWorkspace.layoutReady();
    await plugin.indexVault();
    await plugin.registered.commands.get('new-day')!.callback!();
    await settle();
    const text = vault.files.get('DAILY_STATUS.md')!.text;
    expect(text.endsWith(daily) || text.startsWith(daily) || text.includes(daily.trimEnd())).toBe(true);
    expect(text).toMatch(/# Daily Status - \d{4}-\d{2}-\d{2}[\s\S]*🔄 In Progress: B[\s\S]*# Daily Status - 2026-11-17/);
    plugin.unload();
  });
});
