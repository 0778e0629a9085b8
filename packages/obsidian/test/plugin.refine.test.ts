import { buildModel, parsePlan } from '@plansight/core';
import { describe, expect, it } from 'vitest';
import { idleApi, idles, plans, runIdle, settle, startIndexed, timers, useBuiltPlugin, windowShim } from './builtPlugin';
import type { Plugin } from './obsidianStub';

type PluginApi = Plugin & {
  index: { paths(): string[]; pendingCount(): number; progress: { done: number; total: number }; model(): unknown };
  progressText(): string;
  indexVault(): Promise<void>;
};

describe('the built plugin refines the provisional index in slices', () => {
  const PluginClass = useBuiltPlugin<PluginApi>();
  const start = (files: Record<string, string>) => startIndexed(PluginClass(), files);

  it('is provisional right after the read, then accurate after timer slices, equal to the remark parse', async () => {
    const files = plans(40);
    const { plugin } = await start(files);
    expect(plugin.index.paths()).toHaveLength(40);
    expect(plugin.index.pendingCount()).toBe(40);
    expect(plugin.progressText()).toBe('40 plan files (refining, 40 left)');
    for (let i = 0; i < 500 && plugin.index.pendingCount() > 0; i++) await settle(5);
    expect(plugin.index.pendingCount()).toBe(0);
    expect(plugin.progressText()).toBe('40 plan files');
    const paths = Object.keys(files).filter((p) => p.startsWith('plans/')).sort();
    expect(plugin.index.model()).toEqual(buildModel(paths.map((p) => parsePlan(p, files[p]!))));
    plugin.unload();
    expect(timers.size).toBe(0);
  });

  it('a modified file is refined again; unload in the middle of refining leaves no timer and stops the work', async () => {
    const { vault, plugin } = await start(plans(40));
    for (let i = 0; i < 500 && plugin.index.pendingCount() > 0; i++) await settle(5);
    expect(plugin.index.pendingCount()).toBe(0);
    await vault.modify(vault.getAbstractFileByPath('plans/Sprint 3.md') as never, '# Sprint 3\n\n## Worker 3\n- [ ] T3-001 again\n');
    await settle(0);
    for (let i = 0; i < 500 && plugin.index.pendingCount() > 0; i++) await settle(5);
    expect(plugin.index.pendingCount()).toBe(0);
    const sprint3 = (plugin.index.model() as { items: { file: string; title: string }[] }).items.filter((it) => it.file === 'plans/Sprint 3.md');
    expect(sprint3.map((it) => it.title)).toEqual(['T3-001 again']);

    // A re-read (settings changed) starts over provisionally; unload before the first slice runs.
    await plugin.indexVault();
    expect(plugin.index.pendingCount()).toBe(40);
    expect(timers.size).toBeGreaterThan(0);
    plugin.unload();
    expect(timers.size).toBe(0);
    await settle(50);
    expect(plugin.index.pendingCount()).toBe(40);
  });

  it('uses requestIdleCallback when the window has it, and cancels it on unload', async () => {
    Object.assign(windowShim, idleApi);
    try {
      const { plugin } = await start(plans(40));
      expect(plugin.index.pendingCount()).toBe(40);
      expect(idles.size).toBe(1);
      expect(runIdle()).toBe(1);
      const left = plugin.index.pendingCount();
      expect(left).toBeLessThan(40);
      expect(idles.size).toBe(1);
      plugin.unload();
      expect(idles.size).toBe(0);
      expect(timers.size).toBe(0);
      expect(plugin.index.pendingCount()).toBe(left);
    } finally {
      delete windowShim.requestIdleCallback;
      delete windowShim.cancelIdleCallback;
    }
  });
});
