import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyze, buildModel, parsePlan, type PlanFile, type Status } from '@plansight/core';
import { describeShared, seed, seedNames } from '../../core/test/shared.js';
import { renderHtmlPage } from '../src/html.js';
import type { ViewModelPayload } from '../src/protocol.js';
import { STATUS_COLORS } from '../src/viewModel.js';
import { HAS_CHROMIUM, graphViewBundle, launchChromium } from './browser.js';

const OUT = join(__dirname, '..', 'test-output');
const ROOT = resolve(__dirname, '../../..');
const VAULT = join(ROOT, 'vault-template');

function payloadOf(files: PlanFile[]): ViewModelPayload {
  const model = buildModel(files);
  const { graph, rollups } = analyze(model);
  return { graph, rollups, actors: Object.fromEntries(model.actors.map((a) => [a.id, a.name])) };
}

function markdownUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? markdownUnder(p) : name.endsWith('.md') ? [p] : [];
    });
}

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

async function expectDrawnAsModel(page: Page, payload: ViewModelPayload): Promise<void> {
  expect(await page.locator('.ps-node').count()).toBe(payload.graph.nodes.length);
  expect(await page.locator('.ps-edge').count()).toBe(payload.graph.edges.length);
  const drawn = await page.$$eval('.ps-node', (els) => els.map((el) => [el.getAttribute('data-id'), el.getAttribute('data-status'), getComputedStyle(el.querySelector('.ps-node-stripe')!).fill]));
  const status = new Map(payload.graph.nodes.map((n) => [n.id, n.status]));
  for (const [id, s, fill] of drawn) {
    expect(s, id!).toBe(status.get(id!));
    expect(fill, id!).toBe(rgb(STATUS_COLORS.light[s as Status]));
  }
  expect(await page.locator('.ps-node.ps-critical').count()).toBe(payload.graph.nodes.filter((n) => n.critical).length);
  expect(await page.locator('.ps-edge.ps-cycle').count()).toBe(payload.graph.edges.filter((e) => e.inCycle).length);
}

(HAS_CHROMIUM ? describeShared : describeShared.skip)('the seeds and the example vault, drawn in Chromium', () => {
  let browser: Browser;
  let bundleJs: string;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    [browser, bundleJs] = await Promise.all([launchChromium(), graphViewBundle()]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(seedNames())('should draw %s with the model’s nodes, edges and colours', async (name) => {
    const payload = payloadOf([parsePlan(name, seed(name))]);
    expect(payload.graph.nodes.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.setContent('<!doctype html><html><body style="margin:0"><div id="app" style="height:100vh"></div></body></html>');
    await page.addScriptTag({ content: bundleJs });
    await page.evaluate((p) => window.Plansight!.mountPlansight(document.getElementById('app')!, { post: () => {}, initial: p as ViewModelPayload, theme: 'light' }), payload);
    await expectDrawnAsModel(page, payload);
    if (name.startsWith('master-plan')) {
      expect(payload.graph.criticalPath.length).toBeGreaterThan(1);
      const onPath = await page.$$eval('.ps-node.ps-critical', (els) => els.map((e) => e.getAttribute('data-id')));
      expect(onPath.sort()).toEqual(payload.graph.nodes.filter((n) => n.critical).map((n) => n.id).sort());
      expect(await page.locator('.ps-edge.ps-critical').count()).toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(OUT, `seed-${name.replace(/\.md$/, '')}.png`) });
    await page.close();
  });

  it('should export the example vault as a page that draws its planted cycle, from file://', async () => {
    const files = markdownUnder(VAULT).map((p) => parsePlan(relative(VAULT, p).split('\\').join('/'), readFileSync(p, 'utf8')));
    const payload = payloadOf(files);
    expect(payload.graph.cycles.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const file = join(OUT, 'vault-template.html');
    writeFileSync(file, renderHtmlPage(payload, bundleJs, { title: 'Plansight — vault-template' }));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('.ps-node');
    await expectDrawnAsModel(page, payload);
    expect(await page.locator('.ps-cycle-item').count()).toBe(payload.graph.cycles.length);
    const listed = await page.locator('.ps-cycle-item').first().innerText();
    for (const id of payload.graph.cycles[0]!) expect(listed).toContain(id);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(OUT, 'vault-template.png') });
    // The README picture: the dependency part only, which stays readable at fit.
    await page.getByLabel('Linked only').check();
    const linked = payload.graph.edges.flatMap((e) => [e.from, e.to]);
    expect(await page.locator('.ps-node').count()).toBe(new Set(linked).size);
    const shot = join(OUT, 'vault-template-linked.png');
    await page.screenshot({ path: shot });
    if (process.env.UPDATE_DOCS) {
      mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
      copyFileSync(shot, join(ROOT, 'docs/images/graph.png'));
    }
    await page.close();
  });
});
