import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pack, parsePlan, unpack, type PlanFile } from '@plansight/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefineBatch, RefineResult } from '../src/index/workerProtocol';
import { vocabularyOf } from '../src/settings';
import { HAS_CHROMIUM, launchChromium } from '../../graph-view/test/browser.js';
import { PKG, ROOT } from './browser/bundle';

const WORKER = join(PKG, 'dist/indexWorker.js');
const VAULT = join(ROOT, 'vault-template');

function markdownFiles(dir = VAULT, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) markdownFiles(p, out);
    else if (name.endsWith('.md')) out[relative(VAULT, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

describe.runIf(HAS_CHROMIUM)('the built Obsidian parse worker, in a real Web Worker in headless Chromium', () => {
  let browser: Browser;
  let source: string;

  beforeAll(async () => {
    if (!existsSync(WORKER)) execFileSync('node', ['esbuild.config.mjs'], { cwd: ROOT, stdio: 'inherit' });
    source = readFileSync(WORKER, 'utf8');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Start the worker from a Blob URL, as the plugin does, post one batch and collect one result per job. */
  async function runInWorker(batch: RefineBatch): Promise<{ results: RefineResult[]; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><html><body></body></html>');
    const results = await page.evaluate(
      ([src, b]) =>
        new Promise<RefineResult[]>((resolve, reject) => {
          const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
          const got: RefineResult[] = [];
          w.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
          w.onmessage = (e) => {
            got.push(e.data as RefineResult);
            if (got.length === b.jobs.length) (w.terminate(), resolve(got));
          };
          w.postMessage(b);
        }),
      [source, batch] as const,
    );
    await page.close();
    return { results, errors };
  }

  it('parses the vault template (mojibake included) exactly as parsePlan does in Node', async () => {
    const files = markdownFiles();
    // Named character references go through decode-named-character-reference: the worker must not use its DOM build.
    files['entities.md'] = '# Sprint &amp; Gate\n\n## Worker 1\n- [ ] T1-001 R&amp;D &copy; &eacute;t&eacute; (depends on: T1-002)\n- [x] T1-002 done\n';
    const jobs = Object.entries(files).map(([path, text], i) => ({ path, hash: `h${i}`, text }));
    expect(jobs.length).toBeGreaterThan(8);
    const { results, errors } = await runInWorker({ jobs });
    expect(errors).toEqual([]);
    expect(results.map((r) => [r.path, r.hash])).toEqual(jobs.map((j) => [j.path, j.hash]));
    for (const r of results) {
      expect('file' in r ? r.file : r.error).toEqual(parsePlan(r.path, files[r.path]!));
    }
    expect(source).not.toContain('document.createElement');
  });

  it('uses the vocabulary sent with the batch', async () => {
    const text = '# Daily Status - 2026-11-18\n\n## Worker 1:\n- 🧪 Testing: A (T1-003)\n- ✅ Completed: B\n';
    const { vocabulary } = vocabularyOf('🧪 = in-progress');
    const { results } = await runInWorker({ jobs: [{ path: 'DAILY_STATUS.md', hash: 'x', text }], vocabulary });
    const r = results[0]!;
    const statuses = (f: PlanFile) => f.statusReports.flatMap((s) => s.entries.map((e) => e.status));
    expect('file' in r && r.file).toEqual(parsePlan('DAILY_STATUS.md', text, { vocabulary }));
    expect('file' in r && statuses(r.file)).toEqual(['in-progress', 'done']);
    expect(statuses(parsePlan('DAILY_STATUS.md', text))).toEqual(['done']);
  });

  it('packs a value (the index cache) and posts the bytes back as an ArrayBuffer, equal to core pack in Node', async () => {
    const files = markdownFiles();
    const value = { key: 'k', others: [['notes/a.md', 12, 1700000000000]], snapshot: { version: 'k', entries: Object.entries(files).map(([path, text]) => ({ path, size: text.length, mtime: 1, hash: 'h', file: parsePlan(path, text) })) } };
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    const reply = await page.evaluate(
      ([src, v]) =>
        new Promise<{ id: number; bytes: number[]; isBuffer: boolean }>((resolve, reject) => {
          const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
          w.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
          w.onmessage = (e) => {
            const d = e.data as { id: number; packed: ArrayBuffer };
            w.terminate();
            resolve({ id: d.id, bytes: Array.from(new Uint8Array(d.packed)), isBuffer: d.packed instanceof ArrayBuffer });
          };
          w.postMessage({ id: 7, pack: v });
        }),
      [source, value] as const,
    );
    await page.close();
    expect(reply.id).toBe(7);
    expect(reply.isBuffer).toBe(true);
    const bytes = Uint8Array.from(reply.bytes);
    expect(bytes).toEqual(pack(value));
    expect(unpack(bytes)).toEqual(JSON.parse(JSON.stringify(value)));
  });
});
