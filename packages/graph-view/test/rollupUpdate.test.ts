import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Rollup, RollupItem } from '@plansight/core';
import type { ViewMessage, ViewModelPayload } from '../src/protocol.js';
import { describeBrowser, graphViewBundle, launchChromium } from './browser.js';
import { fixture } from './fixtures.js';

declare global {
  interface Window {
    posted: ViewMessage[];
    held: Record<string, Element>;
  }
}

type Small = ViewModelPayload;

/** A copy of the small fixture's rollups with `edit` applied to the `Week 4 gate` group (plans/master.md#gate-2). */
function withGate2(base: Small, edit: (gate: Rollup, file: Rollup, vault: Rollup) => void): Small {
  const next = structuredClone(base);
  const vault = next.rollups[0]!;
  const file = vault.children[0]!;
  edit(file.children.find((c) => c.key === 'plans/master.md#gate-2')!, file, vault);
  return next;
}

function recount(r: Rollup): void {
  for (const child of r.children) recount(child);
  const all = [...r.items, ...r.children.flatMap((c) => collect(c))];
  r.total = all.length;
  r.done = all.filter((i) => i.checked).length;
  r.percent = r.total ? (100 * r.done) / r.total : 0;
  if (r.kind === 'gate') r.passed = r.total > 0 && r.done === r.total;
}

function collect(r: Rollup): RollupItem[] {
  return [...r.items, ...r.children.flatMap(collect)];
}

describeBrowser('rollup updated in place in headless Chromium', () => {
  let browser: Browser;
  let viewJs: string;
  const small = fixture('small');

  beforeAll(async () => {
    [browser, viewJs] = await Promise.all([launchChromium(), graphViewBundle()]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The whole view, rollup pane only, as Obsidian's sidebar mounts it; `height` small enough to scroll. */
  async function mounted(payload: Small, height = 800): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 900, height } });
    await page.setContent('<!doctype html><html><body style="margin:0"><div id="app" style="height:100vh"></div></body></html>');
    await page.addScriptTag({ content: viewJs });
    await page.evaluate((p) => {
      window.posted = [];
      window.held = {};
      window.Plansight!.mountPlansight(document.getElementById('app')!, { post: (m) => window.posted.push(m), initial: p, theme: 'light', panels: 'rollup', listenToWindow: true });
    }, payload);
    return page;
  }

  /** A new row above `Graph renders the seeds` pushes it from line 76 to 77; the gate now counts 4. */
  const shifted = withGate2(small, (gate, file, vault) => {
    gate.items.splice(1, 0, { text: 'Layout is stable', checked: false, status: 'todo', file: 'plans/master.md', line: 76 });
    for (const item of gate.items.slice(2)) item.line++;
    recount(vault);
    void file;
  });

  it('should toggle the row a click started on when a model arrives between mousedown and mouseup', async () => {
    const page = await mounted(small);
    const box = page.locator('.ps-rollup-item[data-line="76"] input');
    const at = (await box.boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    await page.evaluate((p) => window.postMessage({ type: 'model', payload: p }, '*'), shifted);
    await page.waitForFunction(() => document.querySelector('.ps-rollup-item[data-line="76"]')?.textContent?.startsWith('Layout is stable'));
    // The row moved down by one line's height; the press is still on its checkbox, which is the same element.
    const moved = (await page.locator('.ps-rollup-item[data-line="77"] input').boundingBox())!;
    await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height / 2);
    await page.mouse.up();
    expect(await page.evaluate(() => window.posted.filter((m) => m.type === 'toggle'))).toEqual([{ type: 'toggle', file: 'plans/master.md', line: 77 }]);
    await page.close();
  });

  it('should act on the current line of a row clicked right after an update, in the same task', async () => {
    const page = await mounted(small);
    const posted = await page.evaluate((p) => {
      const li = document.querySelector('.ps-rollup-item[data-line="76"]')!;
      window.postMessage({ type: 'model', payload: p }, '*');
      return new Promise<ViewMessage[]>((resolve) => {
        window.addEventListener('message', () => {
          // Runs after the view's own listener (added first) applied the model.
          (li.querySelector('input') as HTMLInputElement).click();
          (li.querySelector('.ps-src') as HTMLButtonElement).click();
          resolve(window.posted.filter((m) => m.type !== 'ready'));
        }, { once: true });
      });
    }, shifted);
    expect(posted).toEqual([
      { type: 'toggle', file: 'plans/master.md', line: 77 },
      { type: 'open', file: 'plans/master.md', line: 77 },
    ]);
    await page.close();
  });

  it('should open a group whose summary was pressed before an update and released after it', async () => {
    const page = await mounted(small);
    const summary = page.locator('details[data-key="plans/master.md#gate-1"] > summary');
    await summary.click();
    expect(await page.locator('details[data-key="plans/master.md#gate-1"]').getAttribute('open')).toBeNull();
    const at = (await summary.boundingBox())!;
    await page.mouse.move(at.x + 20, at.y + at.height / 2);
    await page.mouse.down();
    await page.evaluate((p) => window.postMessage({ type: 'model', payload: p }, '*'), shifted);
    await page.waitForFunction(() => document.querySelector('.ps-rollup-item[data-line="76"]')?.textContent?.startsWith('Layout is stable'));
    await page.mouse.up();
    expect(await page.locator('details[data-key="plans/master.md#gate-1"]').getAttribute('open')).toBe('');
    await page.close();
  });

  it('should keep the same DOM nodes when only a count and a checkbox changed', async () => {
    const page = await mounted(small);
    await page.evaluate(() => {
      window.held = {
        vaultCount: document.querySelector('.ps-kind-vault > summary .ps-rollup-count')!,
        gate: document.querySelector('details[data-key="plans/master.md#gate-2"]')!,
        badge: document.querySelector('details[data-key="plans/master.md#gate-2"] > summary .ps-badge')!,
        row: document.querySelector('.ps-rollup-item[data-line="76"]')!,
        box: document.querySelector('.ps-rollup-item[data-line="76"] input')!,
        other: document.querySelector('.ps-rollup-item[data-line="3"]')!,
      };
    });
    const ticked = withGate2(small, (gate, _file, vault) => {
      gate.items[1]!.checked = true;
      gate.items[1]!.status = 'done';
      recount(vault);
    });
    await page.evaluate((p) => window.postMessage({ type: 'model', payload: p }, '*'), ticked);
    await page.waitForFunction(() => (window.held.box as HTMLInputElement).checked);
    const seen = await page.evaluate(() => ({
      connected: Object.fromEntries(Object.entries(window.held).map(([k, el]) => [k, el.isConnected])),
      vaultCount: window.held.vaultCount!.textContent,
      gateCount: window.held.gate!.querySelector(':scope > summary .ps-rollup-count')!.textContent,
      bar: window.held.gate!.querySelector(':scope > summary .ps-progress')!.getAttribute('aria-valuenow'),
      rowClass: window.held.row!.className,
      sameRow: document.querySelector('.ps-rollup-item[data-line="76"]') === window.held.row,
    }));
    expect(seen).toEqual({
      connected: { vaultCount: true, gate: true, badge: true, row: true, box: true, other: true },
      vaultCount: '6/9 · 67%',
      gateCount: '2/3 · 67%',
      bar: '2',
      rowClass: 'ps-rollup-item ps-status-done ps-done',
      sameRow: true,
    });
    await page.close();
  });

  it('should keep closed groups closed, drop a removed row, insert an added one in order, and keep scroll and focus', async () => {
    const page = await mounted(small, 180);
    await page.locator('details[data-key="plans/master.md#gate-1"] > summary').click();
    await page.evaluate(() => {
      (document.querySelector('.ps-rollup-item[data-line="81"] input') as HTMLInputElement).focus();
    });
    const side = page.locator('.ps-side');
    await side.evaluate((el) => (el.scrollTop = 60));
    const before = await side.evaluate((el) => el.scrollTop);
    expect(before).toBeGreaterThan(0);
    const next = withGate2(shifted, (gate, _file, vault) => {
      gate.items = gate.items.filter((i) => i.text !== 'Parser handles mojibake');
      recount(vault);
    });
    await page.evaluate((p) => window.postMessage({ type: 'model', payload: p }, '*'), next);
    await page.waitForFunction(() => !document.querySelector('.ps-rollup-item[data-line="75"]'));
    const gate2 = page.locator('details[data-key="plans/master.md#gate-2"] .ps-rollup-item');
    expect(await gate2.evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-line'), li.querySelector('.ps-rollup-text')!.textContent]))).toEqual([
      ['76', 'Layout is stable'],
      ['77', 'Graph renders the seeds'],
      ['78', 'See the spec and [bad](javascript:alert(1))'],
    ]);
    expect(await page.locator('details[data-key="plans/master.md#gate-1"]').getAttribute('open')).toBeNull();
    expect(await page.locator('details[open]').evaluateAll((ds) => ds.map((d) => (d as HTMLElement).dataset.key))).toEqual(['vault', 'plans/master.md', 'plans/master.md#gate-2', 'plans/master.md@worker-4', 'plans/sprint.md', 'plans/sprint.md#s1']);
    expect(await side.evaluate((el) => el.scrollTop)).toBe(before);
    expect(await page.evaluate(() => document.activeElement?.closest('.ps-rollup-item')?.getAttribute('data-line'))).toBe('81');
    await page.close();
  });

  it('should show the new contents of a group that was closed while the model changed, once reopened', async () => {
    const page = await mounted(small);
    const summary = page.locator('details[data-key="plans/master.md#gate-2"] > summary');
    await summary.click();
    await page.evaluate((p) => window.postMessage({ type: 'model', payload: p }, '*'), shifted);
    await page.waitForFunction(() => document.querySelector('.ps-kind-vault > summary .ps-rollup-count')?.textContent === '5/10 · 50%');
    await summary.click();
    const rows = page.locator('details[data-key="plans/master.md#gate-2"] .ps-rollup-item');
    expect(await rows.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-line')))).toEqual(['75', '76', '77', '78']);
    expect(await rows.nth(1).locator('.ps-rollup-text').textContent()).toBe('Layout is stable');
    await page.close();
  });

  it('should give focus to the enclosing group when the focused row goes away', async () => {
    const page = await mounted(small);
    await page.locator('.ps-rollup-item[data-line="76"] .ps-src').focus();
    const next = withGate2(small, (gate, _file, vault) => {
      gate.items.splice(1, 1);
      recount(vault);
    });
    await page.evaluate((p) => window.postMessage({ type: 'model', payload: p }, '*'), next);
    await page.waitForFunction(() => !document.querySelector('.ps-rollup-item[data-line="76"]'));
    expect(await page.evaluate(() => (document.activeElement?.parentElement as HTMLElement | null)?.dataset.key)).toBe('plans/master.md#gate-2');
    await page.close();
  });
});
