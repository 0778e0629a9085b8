// Post-build step (imported by esbuild.config.mjs, before packages/vscode/assets.mjs): write the view's stylesheet
// to dist/graph-view.css, so hosts with a strict CSP (the VS Code webview) link it instead of letting
// mountPlansight inject a <style> element, which would need style-src 'unsafe-inline'.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** GRAPH_VIEW_CSS, evaluated from src/styles.ts (its palette is computed from the status colours). */
export async function graphViewCss() {
  const out = await esbuild.build({
    entryPoints: [join(here, 'src/styles.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
    alias: { '@plansight/core': join(here, '../core/src/index.ts') },
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return mod.GRAPH_VIEW_CSS;
}

mkdirSync(join(here, 'dist'), { recursive: true });
writeFileSync(join(here, 'dist/graph-view.css'), await graphViewCss());
