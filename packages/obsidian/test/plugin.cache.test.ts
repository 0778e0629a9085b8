import { buildModel, pack, parsePlan, unpack } from '@plansight/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPlugin, plans, settle, timers, useBuiltPlugin } from './builtPlugin';
import type { Plugin, TFile, Vault } from './obsidianStub';

type PluginApi = Plugin & {
  index: { paths(): string[]; pendingCount(): number; model(): unknown; modelRestored(): boolean };
  whenIndexed(): Promise<void>;
  flushCache(): Promise<void>;
  cachePath(): string;
  cacheDelayMs: number;
  cacheIntervalMs: number;
  settings: { indexCache: boolean };
  saveSettings(reindex?: boolean): Promise<void>;
  data: unknown;
};

const CACHE = '.obsidian/plugins/plansight/index-cache.bin';

const DAILY = '# Daily Status - 2026-11-18\n\n## Worker 1:\n- ✅ Completed: T1-001\n- 🔄 In Progress: T2-003 (blocked by T1-002)\n';

function vaultFiles(): Record<string, string> {
  return { ...plans(12), 'DAILY_STATUS.md': DAILY, 'notes/ideas.md': '# Ideas\n\nSome prose, no plan in sight.\n' };
}

/** What remark makes of the plan files in the vault now (the plan files are the sprints and the daily status). */
function accurateModel(vault: Vault): unknown {
  const paths = [...vault.files.keys()].filter((p) => p.startsWith('plans/') || p === 'DAILY_STATUS.md').sort();
  return buildModel(paths.map((p) => parsePlan(p, vault.files.get(p)!.text)));
}

const untilRefined = async (plugin: PluginApi) => {
  for (let i = 0; i < 1000 && plugin.index.pendingCount() > 0; i++) await settle(5);
  expect(plugin.index.pendingCount()).toBe(0);
};

describe('the built plugin keeps a persistent index cache in its folder', () => {
  const PluginClass = useBuiltPlugin<PluginApi>();
  /** Load, then the layout becomes ready and the plugin reads the vault once, as Obsidian starts it. */
  const start = async (files: Record<string, string> | Vault, configure?: (p: PluginApi) => void) => {
    const started = await loadPlugin(PluginClass(), files, configure);
    started.app.stubWorkspace.layoutReady();
    await started.plugin.whenIndexed();
    return started;
  };
  afterEach(() => vi.restoreAllMocks());

  /** Cold start, remark pass, cache written, plugin stopped: the vault is ready for a warm start. */
  async function cold(files: Record<string, string> | Vault = vaultFiles()) {
    const started = await start(files);
    await untilRefined(started.plugin);
    await started.plugin.flushCache();
    const model = started.plugin.index.model();
    started.plugin.unload();
    return { ...started, model };
  }

  it('a restart reads no unchanged file, is accurate at once and equals the first model; the cache is not rewritten', async () => {
    const { vault, model, plugin: first } = await cold();
    expect(first.cachePath()).toBe(CACHE);
    expect(vault.adapter.binaries.has(CACHE)).toBe(true);
    expect(vault.reads).toBe(Object.keys(vaultFiles()).length);
    expect(model).toEqual(accurateModel(vault));

    vault.reads = 0;
    const written = vault.adapter.binaries.get(CACHE);
    const { plugin } = await start(vault);
    expect(vault.reads).toBe(0);
    expect(plugin.index.pendingCount()).toBe(0);
    expect(plugin.index.paths()).toEqual(Object.keys(vaultFiles()).filter((p) => p.startsWith('plans/') || p === 'DAILY_STATUS.md').sort());
    expect(plugin.index.model()).toEqual(model);
    // The cache holds the built model (written before any view asked for it): nothing changed, so it is not rebuilt.
    expect(plugin.index.modelRestored()).toBe(true);
    await plugin.flushCache();
    plugin.unload();
    await settle();
    expect(vault.adapter.binaries.get(CACHE)).toBe(written);
    expect([...vault.adapter.binaries.keys()]).toEqual([CACHE]);
    expect(timers.size).toBe(0);
  });

  it('re-reads a modified file and a new one, drops a deleted one, and ends equal to a fresh remark parse', async () => {
    const { vault } = await cold();
    const sprint = vault.files.get('plans/Sprint 3.md')!;
    vault.put(sprint.file, '# Sprint 3\n\n## Worker 3\n- [ ] T3-001 changed while closed\n- [x] T3-002 done\n');
    // Same size, new mtime: read again (its text is unchanged, so it is not parsed again either way).
    const ideas = vault.files.get('notes/ideas.md')!;
    vault.put(ideas.file, ideas.text.replace('Some', 'Mild'));
    vault.files.delete('plans/Sprint 7.md');
    vault.put(new (sprint.file.constructor as typeof TFile)('plans/Sprint 99.md'), '# Sprint 99\n\n## Worker 9\n- [ ] T99-001 new (depends on: T3-001)\n- [ ] T99-002 next\n');
    vault.reads = 0;

    const { plugin } = await start(vault);
    expect(vault.reads).toBe(3);
    expect(plugin.index.paths()).not.toContain('plans/Sprint 7.md');
    expect(plugin.index.paths()).toContain('plans/Sprint 99.md');
    await untilRefined(plugin);
    expect(plugin.index.model()).toEqual(accurateModel(vault));
    const titles = (plugin.index.model() as { items: { file: string; title: string }[] }).items.filter((i) => i.file === 'plans/Sprint 3.md').map((i) => i.title);
    expect(titles).toEqual(['T3-001 changed while closed', 'T3-002 done']);
    expect(plugin.index.modelRestored()).toBe(false);

    // The changes are written back: a third start reads nothing again.
    await plugin.flushCache();
    plugin.unload();
    vault.reads = 0;
    const third = await start(vault);
    expect(vault.reads).toBe(0);
    expect(third.plugin.index.model()).toEqual(accurateModel(vault));
    third.plugin.unload();
  });

  it('follows changes made while running, and writes them after the quiet delay once remark is done', async () => {
    const { vault } = await cold();
    const { plugin } = await start(vault, (p) => {
      p.cacheDelayMs = 30;
    });
    const before = vault.adapter.binaries.get(CACHE);
    await vault.modify(vault.getAbstractFileByPath('plans/Sprint 2.md') as never, '# Sprint 2\n\n## Worker 2\n- [ ] T2-001 edited live\n- [ ] T2-002 x\n');
    await untilRefined(plugin);
    for (let i = 0; i < 200 && vault.adapter.binaries.get(CACHE) === before; i++) await settle(5);
    expect(vault.adapter.binaries.get(CACHE)).not.toBe(before);

    // The next change, within five minutes of that write, waits for the interval (or the unload).
    const written = vault.adapter.binaries.get(CACHE);
    await vault.modify(vault.getAbstractFileByPath('plans/Sprint 4.md') as never, '# Sprint 4\n\n## Worker 4\n- [ ] T4-001 edited live too\n');
    await untilRefined(plugin);
    await settle(150);
    expect(vault.adapter.binaries.get(CACHE)).toBe(written);
    plugin.unload();
    await settle();
    expect(vault.adapter.binaries.get(CACHE)).not.toBe(written);
    vault.reads = 0;
    const next = await start(vault);
    expect(vault.reads).toBe(0);
    expect(next.plugin.index.model()).toEqual(accurateModel(vault));
    next.plugin.unload();
  });

  it('writes the cache on unload when the index changed, with the adapter refusing to rename over a file', async () => {
    const { vault, plugin } = await start(vaultFiles());
    await untilRefined(plugin);
    expect(vault.adapter.binaries.has(CACHE)).toBe(false);
    plugin.unload();
    await settle();
    expect([...vault.adapter.binaries.keys()]).toEqual([CACHE]);

    // A second write replaces the first (the stub's rename, like Obsidian's, refuses an existing target).
    const first = vault.adapter.binaries.get(CACHE);
    const again = await start(vault);
    await vault.modify(vault.getAbstractFileByPath('plans/Sprint 1.md') as never, '# Sprint 1\n\n## Worker 1\n- [ ] T1-001 only\n- [x] T1-002 two\n');
    await untilRefined(again.plugin);
    again.plugin.unload();
    await settle();
    expect(vault.adapter.binaries.get(CACHE)).not.toBe(first);
    expect([...vault.adapter.binaries.keys()]).toEqual([CACHE]);
  });

  it('writes the file whole where the adapter cannot rename at all', async () => {
    const { vault, plugin } = await start(vaultFiles());
    vault.adapter.rename = async () => {
      throw new Error('not supported');
    };
    await untilRefined(plugin);
    await plugin.flushCache();
    plugin.unload();
    expect([...vault.adapter.binaries.keys()]).toEqual([CACHE]);
    vault.reads = 0;
    const next = await start(vault);
    expect(vault.reads).toBe(0);
    next.plugin.unload();
  });

  it('ignores a garbage cache with one console warning, indexes correctly, and replaces it', async () => {
    const { vault } = await cold();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const good = new Uint8Array(vault.adapter.binaries.get(CACHE)!);
    // Decodes, has the right key, but an entry lost its parsed file.
    const damaged = unpack(good) as { snapshot: { entries: { file: unknown }[] } };
    damaged.snapshot.entries[3]!.file = null;
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('{"not":"a cache"}'), /not a packed value/],
      [good.slice(0, good.length - 8), /not a packed value/],
      [pack({ key: 'x' }), /not an index cache/],
      [pack(damaged), /entry 3 is not a parsed file/],
    ];
    for (const [garbage, why] of cases) {
      vault.adapter.binaries.set(CACHE, garbage.slice().buffer);
      vault.reads = 0;
      warn.mockClear();
      const { plugin } = await start(vault);
      expect(vault.reads).toBe(Object.keys(vaultFiles()).length);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/index-cache\.bin cannot be read/);
      expect(String(warn.mock.calls[0]![0])).toMatch(why);
      await untilRefined(plugin);
      expect(plugin.index.model()).toEqual(accurateModel(vault));
      await plugin.flushCache();
      plugin.unload();
      expect(() => unpack(new Uint8Array(vault.adapter.binaries.get(CACHE)!))).not.toThrow();
    }
  });

  it('ignores, without a warning, a cache made by another plugin version, build or parse options', async () => {
    const { vault } = await cold();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const good = vault.adapter.binaries.get(CACHE)!;
    const all = Object.keys(vaultFiles()).length;

    vault.reads = 0;
    const newer = await start(vault, (p) => {
      p.manifest.version = '9.9.9';
    });
    expect(vault.reads).toBe(all);
    newer.plugin.unload();

    // Another build (its key differs) of the same version.
    const data = unpack(new Uint8Array(good)) as { key: string };
    vault.adapter.binaries.set(CACHE, pack({ ...data, key: `other-build:${data.key}` }).slice().buffer);
    vault.reads = 0;
    const other = await start(vault);
    expect(vault.reads).toBe(all);
    other.plugin.unload();

    // Another status vocabulary parses differently: the cache does not apply.
    vault.adapter.binaries.set(CACHE, good);
    vault.reads = 0;
    const vocab = await start(vault, (p) => {
      p.data = { extraStatusWords: 'yeeted = done' };
    });
    expect(vault.reads).toBe(all);
    vocab.plugin.unload();
    expect(warn).not.toHaveBeenCalled();
  });

  it('with plan folders set, reads only the files that can be plans; with the setting off, keeps no cache', async () => {
    const files = vaultFiles();
    const { vault, plugin } = await start(files, (p) => {
      p.data = { planFolders: ['plans/'] };
    });
    expect(vault.reads).toBe(Object.keys(files).filter((p) => p.startsWith('plans/') || p === 'DAILY_STATUS.md').length);
    plugin.unload();
    await settle();

    const off = await start(vaultFiles(), (p) => {
      p.data = { indexCache: false };
    });
    await untilRefined(off.plugin);
    await off.plugin.flushCache();
    off.plugin.unload();
    await settle();
    expect(off.vault.adapter.binaries.size).toBe(0);

    // Turned off while running: the cache file goes.
    const { vault: v2 } = await cold();
    expect(v2.adapter.binaries.has(CACHE)).toBe(true);
    const again = await start(v2);
    again.plugin.settings.indexCache = false;
    await again.plugin.saveSettings();
    expect(v2.adapter.binaries.size).toBe(0);
    again.plugin.unload();
    await settle();
    expect(v2.adapter.binaries.size).toBe(0);
  });
});
