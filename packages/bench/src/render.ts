import { existsSync, readFileSync } from 'node:fs';
import type { ViewModelPayload } from '@plansight/graph-view';
import { median, type Results } from './harness.js';

/** Debian's Chromium, never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
  '--disable-background-networking',
  '--disable-component-update',
];
// A non-literal specifier keeps esbuild from bundling playwright-core into bench.cjs (it loads its own files by path).
const PLAYWRIGHT: string = ['playwright', 'core'].join('-');

export interface RenderConfig {
  runs: number;
  /** The graph-view browser bundle (IIFE exposing `window.Plansight.mountPlansight`): its source text or a path. */
  bundle: { js: string } | { path: string };
  log: (line: string) => void;
}

interface PageTiming {
  mountMs: number;
  firstFrameMs: number;
  nodes: number;
  edges: number;
}

/**
 * `graph2000.firstRenderMs`: in headless Chromium, a fresh page per run with the bundle loaded and the payload already
 * in the page; timed with `performance.now()` in the page from just before `mountPlansight` to the end of a forced
 * synchronous style + layout (`getBoundingClientRect()` of the graph's svg). `firstFrameMs` runs on to the first
 * `requestAnimationFrame` callback after mount. Records `null` and a reason when Chromium or the bundle is missing.
 */
export async function benchFirstRender(payload: ViewModelPayload, cfg: RenderConfig, results: Results): Promise<void> {
  const missing = !existsSync(CHROMIUM)
    ? `${CHROMIUM} not found (apt-get install chromium)`
    : 'path' in cfg.bundle && !existsSync(cfg.bundle.path)
      ? `${cfg.bundle.path} not found (run node esbuild.config.mjs)`
      : null;
  if (missing) {
    results['graph2000.firstRenderMs'] = null;
    results['graph2000.firstRenderSkipped'] = missing;
    cfg.log(`graph first render: skipped, ${missing}`);
    return;
  }
  const js = 'js' in cfg.bundle ? cfg.bundle.js : readFileSync(cfg.bundle.path, 'utf8');
  const { chromium } = (await import(PLAYWRIGHT)) as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const timings: PageTiming[] = [];
  try {
    for (let i = 0; i < cfg.runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      try {
        await page.setContent('<!doctype html><html><body style="margin:0"><div id="app" style="height:100vh"></div></body></html>');
        await page.addScriptTag({ content: js });
        await page.evaluate((p) => {
          (window as unknown as { benchPayload: unknown }).benchPayload = p;
        }, payload);
        const t = await page.evaluate(() => {
          const w = window as unknown as { benchPayload: ViewModelPayload; Plansight: { mountPlansight: typeof import('@plansight/graph-view').mountPlansight } };
          const app = document.getElementById('app')!;
          return new Promise<PageTiming>((resolve, reject) => {
            const t0 = performance.now();
            w.Plansight.mountPlansight(app, { post: () => {}, initial: w.benchPayload, theme: 'light', readOnly: true });
            const svg = app.querySelector('svg.ps-graph-svg');
            if (!svg) return reject(new Error('mountPlansight drew no svg.ps-graph-svg'));
            svg.getBoundingClientRect();
            const t1 = performance.now();
            requestAnimationFrame(() =>
              resolve({
                mountMs: t1 - t0,
                firstFrameMs: performance.now() - t0,
                nodes: app.querySelectorAll('.ps-node').length,
                edges: app.querySelectorAll('.ps-edge').length,
              }),
            );
          });
        });
        timings.push(t);
        cfg.log(`  first render run ${i + 1}: mount + layout ${t.mountMs.toFixed(0)} ms, first frame ${t.firstFrameMs.toFixed(0)} ms (${t.nodes} nodes, ${t.edges} edges drawn)`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  results['graph2000.firstRenderMs'] = round(median(timings.map((t) => t.mountMs)));
  results['graph2000.firstFrameMs'] = round(median(timings.map((t) => t.firstFrameMs)));
  results['graph2000.firstRenderRuns'] = timings.length;
  results['graph2000.nodesDrawn'] = timings[0]?.nodes ?? 0;
  results['graph2000.edgesDrawn'] = timings[0]?.edges ?? 0;
  cfg.log(`graph first render: median ${median(timings.map((t) => t.mountMs)).toFixed(0)} ms mount + layout, ${median(timings.map((t) => t.firstFrameMs)).toFixed(0)} ms to first frame, ${timings.length} runs`);
}
