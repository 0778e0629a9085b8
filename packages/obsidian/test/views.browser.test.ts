import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium } from '../../graph-view/test/browser.js';
import { bundle, pageHtml, PKG, ROOT } from './browser/bundle';

const VAULT = join(ROOT, 'vault-template');

export function vaultFiles(dir = VAULT, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) vaultFiles(p, out);
    else if (name.endsWith('.md')) out[relative(VAULT, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

const LAYOUT = `<div id="main" style="display:flex;height:760px">
<div id="editor" style="flex:1;overflow:auto"></div><div id="side" style="width:380px;border-left:1px solid #ddd;overflow:auto"></div></div>
<div id="graph" style="height:700px"></div>`;

describe.runIf(HAS_CHROMIUM)('the plugin views, from src/main.ts on the in-memory obsidian, in headless Chromium', () => {
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    const script = await bundle(join(PKG, 'test/browser/appPage.ts'), { obsidian: join(PKG, 'test/obsidianStub.ts') });
    html = pageHtml(script, LAYOUT);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function start(active: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent(html);
    await page.evaluate(([files, a]) => window.psApp.start(files as Record<string, string>, a as string), [vaultFiles(), active] as const);
    expect(errors).toEqual([]);
    return page;
  }

  it('the graph pane draws the vault graph and opens the file at the line on click', async () => {
    const page = await start('DAILY_STATUS.md');
    await page.evaluate(() => window.psApp.openView('plansight-graph', document.getElementById('graph')!));
    const nodes = await page.$$('#graph .ps-node');
    const expected = await page.evaluate(() => window.psApp.plugin().index.analysis().graph.nodes.length);
    expect(expected).toBeGreaterThan(3);
    expect(nodes.length).toBe(expected);
    const node = await page.$eval('#graph .ps-node[data-id="T1-003"]', (el) => el.getAttribute('data-id'));
    const where = await page.evaluate((id) => {
      const n = window.psApp.plugin().index.analysis().graph.nodes.find((x) => x.id === id)!;
      return n.file;
    }, node);
    await page.click('#graph .ps-node[data-id="T1-003"]');
    await page.waitForFunction((f) => window.psApp.activePath() === f, where);
    expect(await page.evaluate(() => window.psApp.activePath())).toBe(where);
    await page.close();
  });

  it('the rollup sidebar follows the active file and shows its rollups', async () => {
    const page = await start('Sprint Plan M1.md');
    // Let the remark pass finish first: a refine that changes the model rebuilds the tree (see the README's
    // follow-up on in-place rollup updates), and this test is about the write-back, not that race.
    await page.waitForFunction(() => window.psApp.plugin().index.pendingCount() === 0);
    await page.evaluate(() => window.psApp.openView('plansight-rollup', document.getElementById('side')!));
    const title = await page.textContent('#side .pso-view-title');
    expect(title).toBe('Rollup: Sprint Plan M1.md');
    const want = await page.evaluate(() => {
      const all = window.psApp.plugin().index.analysis().rollups;
      const files: string[] = [];
      const walk = (rs: typeof all): void => rs.forEach((r) => (r.kind === 'file' ? files.push(r.file ?? '') : walk(r.children)));
      walk(all);
      return files;
    });
    expect(want).toContain('Sprint Plan M1.md');
    expect(await page.$$eval('#side .ps-rollup-count', (els) => els.length)).toBeGreaterThan(0);

    // Ticking an open criterion writes `[x]` into that line of the file (Vault.process: the file is not open).
    // The item is named by file and line, not held as an element: a model update rebuilds the tree, and a locator
    // finds the item again where an element handle would point at a detached node.
    const before = await page.evaluate(() => window.psApp.fileText('Sprint Plan M1.md'));
    const open = page.locator('#side li.ps-rollup-item', { has: page.locator('input[type="checkbox"]:not(:checked)') }).first();
    const [file, line] = await Promise.all([open.getAttribute('data-file'), open.getAttribute('data-line')]);
    expect(file).toBe('Sprint Plan M1.md');
    const box = page.locator(`#side li.ps-rollup-item[data-file="${file}"][data-line="${line}"] input[type="checkbox"]`);
    await box.click();
    await page.waitForFunction((b) => window.psApp.fileText('Sprint Plan M1.md') !== b, before);
    // The box shows the tick once the plugin has re-read the file and sent the new model.
    await expect.poll(() => box.isChecked()).toBe(true);
    const after = await page.evaluate(() => window.psApp.fileText('Sprint Plan M1.md'));
    const a = before.split('\n');
    const b = after.split('\n');
    const changed = a.map((l, i) => (l === b[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toHaveLength(1);
    expect(a[changed[0]!]).toMatch(/\[ \]/);
    expect(b[changed[0]!]).toBe(a[changed[0]!]!.replace('[ ]', '[x]'));
    await page.close();
  });

  it('the rollup sidebar keeps its tree when a refresh brings nothing new (a click in flight is not lost)', async () => {
    const page = await start('Sprint Plan M1.md');
    await page.evaluate(() => window.psApp.openView('plansight-rollup', document.getElementById('side')!));
    const kept = await page.evaluate(() => {
      const w = window as unknown as { box: Element };
      w.box = document.querySelector('#side input[type="checkbox"]')!;
      const app = window.psApp.plugin().app;
      // What the coalesced refresh after indexing does, and a leaf change that keeps the same file active.
      for (const leaf of app.workspace.getLeavesOfType('plansight-rollup')) (leaf.view as unknown as { refresh(): void }).refresh();
      app.workspace.trigger('active-leaf-change', null);
      return w.box.isConnected;
    });
    expect(kept).toBe(true);
    // A real change still reaches the tree.
    await page.evaluate(() => {
      const app = window.psApp.plugin().app;
      (app.workspace as unknown as { activeFile: unknown }).activeFile = app.vault.getAbstractFileByPath('Master Plan.md');
      app.workspace.trigger('active-leaf-change', null);
    });
    expect(await page.textContent('#side .pso-view-title')).toBe('Rollup: Master Plan.md');
    expect(await page.evaluate(() => (window as unknown as { box: Element }).box.isConnected)).toBe(false);
    await page.close();
  });

  it('renders ```plansight blocks: rollup for the note, next, owners, and names an unknown block', async () => {
    const page = await start('DAILY_STATUS.md');
    const html = await page.evaluate(() => {
      const out: Record<string, string> = {};
      for (const src of ['rollup', 'next', 'owners src/sync/client.ts', 'chart']) {
        const el = document.createElement('div');
        document.body.append(el);
        window.psApp.codeBlock(src, 'Sprint Plan M1.md', el);
        out[src] = el.textContent ?? '';
      }
      return out;
    });
    expect(html['rollup']).toContain('Gate 1: Local Storage Ready');
    expect(html['next']).toMatch(/^Ready to start: \d+/);
    expect(html['owners src/sync/client.ts']).toMatch(/^Owners of src\/sync\/client\.ts/);
    expect(html['chart']).toBe('Sprint Plan M1.md: unknown plansight block "chart" (graph, rollup, owners, next)');
    await page.close();
  });

  it('reading view: chips beside a worker heading, status classes on its items', async () => {
    const page = await start('DAILY_STATUS.md');
    const text = '# Daily\n\n## Worker 2:\n- ✅ Completed: a\n- ❌ Blocked: b\n- ❌ Blocked: c\n\n## Worker 3:\n- 🔄 In Progress: d\n';
    const got = await page.evaluate((t) => {
      const heading = window.psApp.postProcess('<h2>Worker 2:</h2>', t, 2);
      const list = window.psApp.postProcess('<ul><li>✅ Completed: a</li><li>❌ Blocked: b</li><li>plain</li></ul>', t, 3);
      return {
        chips: [...heading.querySelectorAll('.pso-chip')].map((c) => c.getAttribute('data-count')),
        classes: [...list.querySelectorAll('li')].map((li) => li.className),
      };
    }, text);
    expect(got.chips).toEqual(['1', '0', '2']);
    expect(got.classes).toEqual(['pso-line pso-line-done', 'pso-line pso-line-blocked', '']);
    await page.close();
  });
});
