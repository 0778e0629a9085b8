import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

/** Debian's Chromium; CI installs it (`.ci/run`). Never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
  '--disable-background-networking',
  '--disable-component-update',
];

if (!HAS_CHROMIUM) console.warn(`\n  ⚠ ${CHROMIUM} not found: browser tests are SKIPPED (apt-get install chromium)\n`);

/** `describe` when Chromium is installed, a visible skip otherwise. */
export const describeBrowser: typeof describe = (HAS_CHROMIUM ? describe : describe.skip) as typeof describe;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const ROOT = resolve(__dirname, '../../..');

/** Bundle a browser entry in memory (IIFE), with the workspace aliases, so a test never depends on a stale dist/. */
export async function bundle(entry: string): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [resolve(ROOT, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
    legalComments: 'none',
    alias: {
      '@plansight/core': join(ROOT, 'packages/core/src/index.ts'),
      '@plansight/graph-view': join(ROOT, 'packages/graph-view/src/index.ts'),
    },
  });
  return out.outputFiles[0]!.text;
}

/** The graph-view browser bundle (what esbuild writes to dist/graph-view.js). */
export function graphViewBundle(): Promise<string> {
  return bundle('packages/graph-view/src/browser.ts');
}
