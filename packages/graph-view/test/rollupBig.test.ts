import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Rollup, RollupItem } from '@plansight/core';
import type { ViewMessage, ViewModelPayload } from '../src/protocol.js';
import { BIG_TREE_ITEMS, GROUP_CHUNK } from '../src/rollup.js';
import { describeBrowser, graphViewBundle, launchChromium } from './browser.js';
import { fixture } from './fixtures.js';

declare global {
  interface Window {
    posted: ViewMessage[];
  }
}

const FILE = 'plans/BIG.md';

/** vault → one file → `sections` sections of `perSection` items each; item k of section s sits on line 1000·s + k. */
function bigRollup(sections: number, perSection: number): Rollup {
  const groups: Rollup[] = [];
  for (let s = 0; s < sections; s++) {
    const items: RollupItem[] = [];
    for (let k = 0; k < perSection; k++) items.push({ text: `Task ${s}.${k}`, checked: k % 3 === 0, status: k % 3 === 0 ? 'done' : 'todo', file: FILE, line: 1000 * s + k });
    const done = items.filter((i) => i.checked).length;
    groups.push({ key: `${FILE}#s${s}`, label: `Big › Section ${s}`, kind: 'section', done, total: perSection, percent: (100 * done) / perSection, file: FILE, line: 1000 * s, children: [], items });
  }
  const sum = (f: (r: Rollup) => number) => groups.reduce((n, g) => n + f(g), 0);
  const total = sum((g) => g.total);
  const done = sum((g) => g.done);
  const file: Rollup = { key: FILE, label: 'Big', kind: 'file', done, total, percent: (100 * done) / total, file: FILE, children: groups, items: [] };
  return { key: 'vault', label: 'Vault', kind: 'vault', done, total, percent: (100 * done) / total, children: [file], items: [] };
}

describeBrowser('rollup of a big vault in headless Chromium', () => {
  let browser: Browser;
  let bundleJs: string;
  const small = fixture('small');

  beforeAll(async () => {
    [browser, bundleJs] = await Promise.all([launchChromium(), graphViewBundle()]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function mounted(payload: ViewModelPayload): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.setContent('<!doctype html><html><body style="margin:0"><div id="app" style="height:100vh"></div></body></html>');
    await page.addScriptTag({ content: bundleJs });
    await page.evaluate((p) => {
      window.posted = [];
      window.Plansight!.mountPlansight(document.getElementById('app')!, { post: (m) => window.posted.push(m), initial: p, theme: 'light', panels: 'rollup', listenToWindow: true });
    }, payload);
    return page;
  }

  it('should leave sections closed and build no item rows until a section is opened', async () => {
    const rollup = bigRollup(40, 50);
    expect(rollup.total).toBeGreaterThan(BIG_TREE_ITEMS);
    const page = await mounted({ ...small, rollups: [rollup] });
    expect(await page.locator('details.ps-kind-vault[open]').count()).toBe(1);
    expect(await page.locator('details.ps-kind-file[open]').count()).toBe(1);
    expect(await page.locator('details.ps-kind-section').count()).toBe(40);
    expect(await page.locator('details.ps-kind-section[open]').count()).toBe(0);
    expect(await page.locator('.ps-rollup-item').count()).toBe(0);

    await page.locator('details[data-key="plans/BIG.md#s7"] > summary').click();
    const rows = page.locator('details[data-key="plans/BIG.md#s7"] .ps-rollup-item');
    await expect.poll(() => rows.count()).toBe(50);
    expect(await page.locator('.ps-rollup-item').count()).toBe(50);
    expect(await rows.nth(4).getAttribute('data-file')).toBe(FILE);
    expect(await rows.nth(4).getAttribute('data-line')).toBe('7004');

    await page.locator(`.ps-rollup-item[data-file="${FILE}"][data-line="7004"] input[type="checkbox"]`).click();
    expect(await page.evaluate(() => window.posted)).toContainEqual({ type: 'toggle', file: FILE, line: 7004 });
    await page.close();
  });

  it('should keep an opened section open, and others closed, when a new model arrives', async () => {
    const page = await mounted({ ...small, rollups: [bigRollup(40, 50)] });
    await page.locator('details[data-key="plans/BIG.md#s3"] > summary').click();
    await expect.poll(() => page.locator('.ps-rollup-item').count()).toBe(50);
    const next = bigRollup(40, 50);
    next.children[0]!.children[3]!.items[1]!.checked = true;
    await page.evaluate((p) => window.postMessage({ type: 'model', payload: p }, '*'), { ...small, rollups: [next] });
    await expect.poll(() => page.locator('.ps-rollup-item[data-line="3001"] input').isChecked()).toBe(true);
    expect(await page.locator('details.ps-kind-section[open]').evaluateAll((ds) => ds.map((d) => (d as HTMLElement).dataset.key))).toEqual(['plans/BIG.md#s3']);
    expect(await page.locator('.ps-rollup-item').count()).toBe(50);
    await page.close();
  });

  it('should build nothing for closed sections when a model arrives, and show the new data once one is opened', async () => {
    const page = await mounted({ ...small, rollups: [bigRollup(40, 50)] });
    const next = bigRollup(40, 50);
    const section = next.children[0]!.children[9]!;
    section.items[2] = { ...section.items[2]!, text: 'Renamed task', checked: true, status: 'done' };
    section.done++;
    section.percent = (100 * section.done) / section.total;
    await page.evaluate((p) => window.postMessage({ type: 'model', payload: p }, '*'), { ...small, rollups: [next] });
    await expect.poll(() => page.locator('details[data-key="plans/BIG.md#s9"] > summary .ps-rollup-count').textContent()).toBe(`${section.done}/50 · ${Math.round((100 * section.done) / 50)}%`);
    expect(await page.locator('.ps-rollup-item').count()).toBe(0);
    expect(await page.locator('details.ps-kind-section[open]').count()).toBe(0);
    await page.locator('details[data-key="plans/BIG.md#s9"] > summary').click();
    const row = page.locator('.ps-rollup-item[data-line="9002"]');
    await expect.poll(() => row.locator('.ps-rollup-text').textContent()).toBe('Renamed task');
    expect(await row.locator('input').isChecked()).toBe(true);
    expect(await page.locator('.ps-rollup-item').count()).toBe(50);
    await page.close();
  });

  it('should keep the subgroups "show more" revealed, as the same nodes, across a model update', async () => {
    const page = await mounted({ ...small, rollups: [bigRollup(GROUP_CHUNK + 50, 8)] });
    await page.locator('.ps-rollup-more').click();
    await page.evaluate(() => ((window as unknown as { last: Element }).last = document.querySelector(`details[data-key="plans/BIG.md#s${document.querySelectorAll('details.ps-kind-section').length - 1}"]`)!));
    const next = bigRollup(GROUP_CHUNK + 51, 8);
    await page.evaluate((p) => window.postMessage({ type: 'model', payload: p }, '*'), { ...small, rollups: [next] });
    await expect.poll(() => page.locator('details.ps-kind-section').count()).toBe(GROUP_CHUNK + 51);
    expect(await page.locator('.ps-rollup-more').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { last: Element }).last.isConnected)).toBe(true);
    await page.close();
  });

  it('should show a big group its subgroups a chunk at a time', async () => {
    const page = await mounted({ ...small, rollups: [bigRollup(GROUP_CHUNK + 50, 8)] });
    expect(await page.locator('details.ps-kind-section').count()).toBe(GROUP_CHUNK);
    await page.locator('.ps-rollup-more').click();
    expect(await page.locator('details.ps-kind-section').count()).toBe(GROUP_CHUNK + 50);
    expect(await page.locator('.ps-rollup-more').count()).toBe(0);
    await page.close();
  });

  it('should still open every section of a small tree, items built', async () => {
    const page = await mounted({ ...small, rollups: [bigRollup(5, 10)] });
    expect(await page.locator('details.ps-kind-section[open]').count()).toBe(5);
    expect(await page.locator('.ps-rollup-item').count()).toBe(50);
    await page.close();
  });
});
