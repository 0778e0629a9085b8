import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
vi.mock('vscode', () => import('./vscodeStub.js'));
import { GRAPH_VIEW_CSS, type ViewMessage } from '@plansight/graph-view';
import { nonce, webviewHtml } from '../src/graphPanel.js';
import { bundle, describeBrowser, launchChromium } from '../../graph-view/test/browser.js';
import { fixture } from '../../graph-view/test/fixtures.js';

declare global {
  interface Window {
    sent: ViewMessage[];
    violations: string[];
  }
}

/**
 * The panel's page as VS Code serves it, from file:// instead of the webview resource origin: the real webview.ts
 * bundle, the two stylesheets and the CSP, plus a stand-in for acquireVsCodeApi that records what the view sends.
 */
describeBrowser('graph webview page in headless Chromium', () => {
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plansight-webview-'));
    const [b, js] = await Promise.all([launchChromium(), bundle('packages/vscode/src/webview.ts')]);
    browser = b;
    writeFileSync(join(dir, 'webview.js'), js);
    writeFileSync(join(dir, 'graph-view.css'), GRAPH_VIEW_CSS);
    copyFileSync(join(__dirname, '..', 'media', 'webview.css'), join(dir, 'webview.css'));
    const n = nonce();
    const stub = `<script nonce="${n}">window.sent = []; window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.sent.push(m) });</script>\n`;
    const html = webviewHtml('file:', (name) => pathToFileURL(join(dir, name)).href, n).replace('<script nonce', `${stub}<script nonce`);
    writeFileSync(join(dir, 'index.html'), html);
    url = pathToFileURL(join(dir, 'index.html')).href;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('should post ready once, draw the model the host sends, styled, with no CSP violation', async () => {
    const small = fixture('small');
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('.plansight');
    expect(await page.evaluate(() => window.sent.map((m) => m.type))).toEqual(['ready']);
    await page.evaluate((p) => window.postMessage({ type: 'model', payload: p }, '*'), small);
    await page.waitForSelector('.ps-node');
    expect(await page.locator('.ps-node').count()).toBe(small.graph.nodes.length);
    expect(await page.locator('style').count()).toBe(0);
    expect(await page.locator('.plansight').evaluate((el) => getComputedStyle(el).display)).toBe('flex');
    expect(await page.evaluate(() => window.sent.filter((m) => m.type === 'ready').length)).toBe(1);
    expect(await page.evaluate(() => window.violations)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
