import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Status } from '@plansight/core';
import type { ViewMessage, ViewModelPayload } from '../src/protocol.js';
import { GRAPH_VIEW_CSS } from '../src/styles.js';
import { STATUS_COLORS } from '../src/viewModel.js';
import { describeBrowser, graphViewBundle, launchChromium } from './browser.js';
import { fixture } from './fixtures.js';

describe('dist/graph-view.css', () => {
  it('should be GRAPH_VIEW_CSS, written by the post-build step', async () => {
    const { graphViewCss } = await import('../css.mjs');
    const css = await graphViewCss();
    expect(css).toBe(GRAPH_VIEW_CSS);
    expect(readFileSync(join(__dirname, '..', 'dist', 'graph-view.css'), 'utf8')).toBe(css);
  });
});

declare global {
  interface Window {
    posted: ViewMessage[];
    violations: string[];
  }
}

const NONCE = 'TestNonce0123456789abcdefABCDEF0';
const CSP = `default-src 'none'; style-src file:; script-src 'nonce-${NONCE}'`;

/**
 * A host page under a CSP with no 'unsafe-inline' for styles, served from file:// like a webview serves its
 * extension files. With `linked`, the page links the stylesheet the way the VS Code panel does.
 */
function hostPage(dir: string, linked: boolean): string {
  writeFileSync(join(dir, 'graph-view.css'), GRAPH_VIEW_CSS);
  const page = join(dir, linked ? 'linked.html' : 'unlinked.html');
  writeFileSync(
    page,
    `<!doctype html>
<html><head>
<meta http-equiv="Content-Security-Policy" content="${CSP}">
${linked ? '<link rel="stylesheet" href="graph-view.css" data-plansight>' : ''}
<script nonce="${NONCE}">window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));</script>
<script nonce="${NONCE}" src="graph-view.js"></script>
</head><body><div id="app"></div></body></html>`,
  );
  return pathToFileURL(page).href;
}

async function mountOn(page: Page, payload: ViewModelPayload): Promise<void> {
  await page.evaluate((p) => {
    window.posted = [];
    window.Plansight!.mountPlansight(document.getElementById('app')!, { post: (m) => window.posted.push(m), initial: p as ViewModelPayload, theme: 'light' });
  }, payload);
  await page.waitForSelector('.ps-node');
}

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

describeBrowser('graph view under a CSP without unsafe-inline styles', () => {
  let browser: Browser;
  let dir: string;
  const small = fixture('small');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plansight-csp-'));
    const [b, js] = await Promise.all([launchChromium(), graphViewBundle()]);
    browser = b;
    writeFileSync(join(dir, 'graph-view.js'), js);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('should take its styles from the linked stylesheet, inject no <style> and trip no CSP violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(hostPage(dir, true));
    await mountOn(page, small);
    expect(await page.locator('style').count()).toBe(0);
    expect(await page.locator('.plansight').evaluate((el) => getComputedStyle(el).display)).toBe('flex');
    const fills = await page.$$eval('.ps-node', (els) => els.map((el) => [el.getAttribute('data-status'), getComputedStyle(el.querySelector('.ps-node-stripe')!).fill]));
    expect(fills.length).toBe(small.graph.nodes.length);
    for (const [status, fill] of fills) expect(fill, status!).toBe(rgb(STATUS_COLORS.light[status as Status]));
    expect(await page.evaluate(() => window.violations)).toEqual([]);
    expect(await page.evaluate(() => window.posted.filter((m) => m.type === 'ready').length)).toBe(1);
    await page.close();
  });

  it('should be blocked by that CSP when the host does not link the stylesheet (the reason for linking it)', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(hostPage(dir, false));
    await mountOn(page, small);
    expect(await page.locator('style[data-plansight]').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => window.violations.filter((v) => v.startsWith('style-src')).length)).toBeGreaterThan(0);
    expect(await page.locator('.plansight').evaluate((el) => getComputedStyle(el).display)).not.toBe('flex');
    await page.close();
  });
});
