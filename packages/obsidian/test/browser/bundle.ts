import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');
export const PKG = join(ROOT, 'packages/obsidian');

/** Bundle a browser entry (CM6 and core included) into one IIFE string. */
export async function bundle(entry: string, extraAlias: Record<string, string> = {}): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
    alias: {
      '@plansight/core': join(ROOT, 'packages/core/src/index.ts'),
      '@plansight/graph-view': join(ROOT, 'packages/graph-view/src/index.ts'),
      ...extraAlias,
    },
  });
  return out.outputFiles[0]!.text;
}

export function pageHtml(script: string, body = '<div id="root"></div>'): string {
  const css = readFileSync(join(PKG, 'styles.css'), 'utf8');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; font: 15px/1.5 -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; background: #fff; color: #222; }
.cm-editor { border: 1px solid #ddd; } .cm-content { font-family: "DejaVu Sans Mono", monospace; font-size: 14px; }
${css}</style></head><body>${body}<script>${script.replace(/<\/script/g, '<\\/script')}</script></body></html>`;
}
