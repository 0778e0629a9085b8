import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goals, graphPayload, median, percentile, runBench, table } from '../src/harness.js';
import { benchFirstRender } from '../src/render.js';
import { HAS_CHROMIUM, graphViewBundle } from '../../graph-view/test/browser.js';
import { dailyFile, graphPlan, rng, vaultFiles } from '../src/gen.js';
import { planSignal } from '@plansight/core';

describe('bench generators', () => {
  it('are deterministic', () => {
    const a = [...vaultFiles(30, 7)];
    const b = [...vaultFiles(30, 7)];
    expect(a).toEqual(b);
    expect(a.filter((f) => /MASTER|DAILY|SPRINT|ROUND/.test(f.path))).toHaveLength(3);
    expect(dailyFile(500, 1).split('\n')).toHaveLength(501);
    expect(graphPlan(50, 2)).toBe(graphPlan(50, 2));
    expect(rng(1)()).toBe(rng(1)());
  });

  it('replaces each plan by a note of about its size, and leaves every other file as it is, without plans', () => {
    const withPlans = [...vaultFiles(50, 9)];
    const notesOnly = [...vaultFiles(50, 9, undefined, false)];
    expect(notesOnly).toHaveLength(50);
    expect(withPlans.filter((f) => planSignal(f.text))).toHaveLength(5);
    expect(notesOnly.filter((f) => planSignal(f.text))).toEqual([]);
    for (let i = 0; i < 50; i++) {
      if (i % 10) expect(notesOnly[i]).toEqual(withPlans[i]);
      else {
        expect(notesOnly[i]!.path).toMatch(new RegExp(`/note-${i}\\.md$`));
        expect(notesOnly[i]!.text.length / withPlans[i]!.text.length).toBeGreaterThan(0.5);
        expect(notesOnly[i]!.text.length / withPlans[i]!.text.length).toBeLessThan(2);
      }
    }
  });

  it('computes medians and percentiles', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
  });
});

describe('bench harness smoke (one small vault, no thresholds)', () => {
  it('runs every measurement and reports every key', () => {
    const lines: string[] = [];
    const firstLoads: string[] = [];
    const res = runBench({
      firstLoad: (root) => (firstLoads.push(root), 7),
      vaults: [60],
      repeats: 1,
      slowRepeats: 1,
      dailyLines: 300,
      keystrokes: 20,
      bigBytes: 60_000,
      splitParts: 3,
      graphNodes: 40,
      analysisItems: 1000,
      notesOnlyVaults: [60],
      log: (l) => lines.push(l),
    });
    for (const k of ['vault60.lineScanMs', 'vault60.readOnlyMs', 'vault60.provisionalMs', 'vault60.fullColdMs', 'vault60.warmMs', 'vault60.heapMB', 'daily5000.keystrokeP95Ms', 'daily5000.fullUpdateMs', 'bigFile5MB.ms', 'split1MB.ms', 'graph2000.layoutMs']) {
      expect(typeof res[k], k).toBe('number');
      expect(Number.isFinite(res[k] as number), k).toBe(true);
    }
    expect(res['graph2000.nodes']).toBeGreaterThanOrEqual(40);
    const stages = res['vault60.provisionalStagesMs'] as Record<string, number>;
    expect(Object.keys(stages)).toEqual(['list', 'read', 'signal', 'notes', 'plans', 'build', 'lineScanWithoutReads', 'provisionalCpu']);
    expect(stages.provisionalCpu).toBeCloseTo(['list', 'read', 'signal', 'notes', 'plans', 'build'].reduce((a, k) => a + stages[k]!, 0), 0);
    expect(res['vault60.provisionalFirstMs']).toBe(7);
    const notesOnly = res['vault60.notesOnly'] as Record<string, number>;
    expect(Object.keys(notesOnly)).toEqual(['bytes', 'lineScanMs', 'provisionalMs', 'ratio']);
    expect(notesOnly.bytes).toBeGreaterThan(0);
    expect(notesOnly.provisionalMs).toBeGreaterThan(0);
    // Figures are rounded to 0.1 ms and the ratio to 0.01: they agree to within that.
    expect(Math.abs(notesOnly.ratio! / (notesOnly.provisionalMs! / notesOnly.lineScanMs!) - 1)).toBeLessThan(0.1);
    expect(lines.some((l) => l.startsWith('  notes only ('))).toBe(true);
    expect(firstLoads).toHaveLength(1);
    expect(res['vault60.warmStats']).toMatchObject({ files: 60, cached: 60, accurateParsed: 0 });
    expect(res['vault60.fullColdStats']).toMatchObject({ files: 60, cached: 0 });
    expect((res['vault60.fullColdStats'] as { accurateParsed: number }).accurateParsed).toBeGreaterThanOrEqual(6);
    expect(lines.some((l) => l.startsWith('vault60: 60 files'))).toBe(true);
    expect(table(res)).toContain('| daily5000.keystrokeP95Ms |');
    expect(Object.keys(goals(res))).toContain('heap10kMB');
  });
});

const BENCH_BUNDLE = join(__dirname, '..', 'dist', 'bench.cjs');

describe('the first provisional load in a fresh process', () => {
  it.skipIf(!existsSync(BENCH_BUNDLE))('is timed by the built bench in a child process and printed as JSON', () => {
    const root = mkdtempSync(join(tmpdir(), 'plansight-first-'));
    try {
      for (const f of vaultFiles(40, 3)) {
        mkdirSync(dirname(join(root, f.path)), { recursive: true });
        writeFileSync(join(root, f.path), f.text);
      }
      const out = JSON.parse(execFileSync(process.execPath, [BENCH_BUNDLE, '--first-load', root], { encoding: 'utf8' })) as { ms: number };
      expect(out.ms).toBeGreaterThan(0);
      expect(out.ms).toBeLessThan(60_000);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  if (!existsSync(BENCH_BUNDLE)) console.warn(`skipped: ${BENCH_BUNDLE} is not built (npm test builds it first)`);
});

describe('graph first render in headless Chromium (40 nodes, one run)', () => {
  it('times mountPlansight drawing the analysed plan, or records null with the reason', async () => {
    const res: Record<string, unknown> = {};
    const lines: string[] = [];
    const payload = graphPayload(40);
    await benchFirstRender(payload, { runs: 1, bundle: { js: await graphViewBundle() }, log: (l) => lines.push(l) }, res);
    if (!HAS_CHROMIUM) {
      expect(res['graph2000.firstRenderMs']).toBeNull();
      expect(res['graph2000.firstRenderSkipped']).toContain('/usr/bin/chromium');
      return;
    }
    expect(typeof res['graph2000.firstRenderMs']).toBe('number');
    expect(res['graph2000.firstFrameMs'] as number).toBeGreaterThanOrEqual(res['graph2000.firstRenderMs'] as number);
    expect(res['graph2000.nodesDrawn']).toBe(payload.graph.nodes.length);
    expect(res['graph2000.edgesDrawn']).toBe(payload.graph.edges.length);
    expect(goals(res)['graph2000.firstRenderMs']!.goal).toBe('<= 500');
  }, 60_000);

  it('records null with the reason when the bundle is missing', async () => {
    const res: Record<string, unknown> = {};
    await benchFirstRender(graphPayload(5), { runs: 1, bundle: { path: '/nonexistent/graph-view.js' }, log: () => {} }, res);
    expect(res['graph2000.firstRenderMs']).toBeNull();
    expect(String(res['graph2000.firstRenderSkipped'])).toMatch(HAS_CHROMIUM ? /graph-view\.js not found/ : /chromium/);
  });
});
