import type { Status } from '@plansight/core';
import { STATUS_COLORS } from './viewModel.js';

const statuses = Object.keys(STATUS_COLORS.light) as Status[];

function palette(theme: 'light' | 'dark'): string {
  return statuses.map((s) => `--ps-status-${s}: ${STATUS_COLORS[theme][s]};`).join('\n  ');
}

/*
 * Colours come from CSS variables. Host variables (VS Code `--vscode-*`, Obsidian `--background-*`, `--text-*`) win
 * when present, so the view follows the host's theme; the literal is the fallback for the HTML export.
 */
export const GRAPH_VIEW_CSS = `
.plansight {
  --ps-font: var(--vscode-font-family, var(--font-interface, system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif));
  font-family: var(--ps-font); font-size: 13px; box-sizing: border-box;
  display: flex; flex-direction: column; width: 100%; height: 100%; min-height: 320px;
  background: var(--ps-bg); color: var(--ps-fg);
}
.plansight[data-theme="light"] {
  --ps-bg: var(--vscode-editor-background, var(--background-primary, #ffffff));
  --ps-fg: var(--vscode-editor-foreground, var(--text-normal, #1f2328));
  --ps-muted: var(--vscode-descriptionForeground, var(--text-muted, #5b6472));
  --ps-panel: var(--vscode-sideBar-background, var(--background-secondary, #f5f6f8));
  --ps-border: var(--vscode-panel-border, var(--background-modifier-border, #d5d9e0));
  --ps-node-bg: #ffffff; --ps-edge: #8b95a5; --ps-critical: #e8590c; --ps-cycle: #c2255c; --ps-focus: #1c7ed6;
  --ps-track: #e4e7ec;
  ${palette('light')}
}
.plansight[data-theme="dark"] {
  --ps-bg: var(--vscode-editor-background, var(--background-primary, #1e1f22));
  --ps-fg: var(--vscode-editor-foreground, var(--text-normal, #e3e5e8));
  --ps-muted: var(--vscode-descriptionForeground, var(--text-muted, #9aa3af));
  --ps-panel: var(--vscode-sideBar-background, var(--background-secondary, #26282c));
  --ps-border: var(--vscode-panel-border, var(--background-modifier-border, #3a3d42));
  --ps-node-bg: #2b2d31; --ps-edge: #6f7887; --ps-critical: #ff922b; --ps-cycle: #f06595; --ps-focus: #4dabf7;
  --ps-track: #3a3d42;
  ${palette('dark')}
}
/* border-box set, not inherited: 'inherit' on every element keeps Chromium from reusing matched styles, and the style
   recalculation of a 2,000-node graph took three times as long. */
.plansight *, .plansight *::before, .plansight *::after { box-sizing: border-box; }
.plansight button, .plansight select { font: inherit; color: inherit; background: var(--ps-panel); border: 1px solid var(--ps-border); border-radius: 4px; padding: 2px 8px; cursor: pointer; }
.ps-toolbar { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; padding: 6px 10px; border-bottom: 1px solid var(--ps-border); background: var(--ps-panel); }
.ps-toolbar label { display: inline-flex; gap: 4px; align-items: center; }
.ps-legend { display: flex; flex-wrap: wrap; gap: 10px; margin-left: auto; color: var(--ps-muted); }
.ps-legend-item { display: inline-flex; align-items: center; gap: 4px; }
.ps-key { width: 18px; height: 0; border-top: 3px solid var(--ps-critical); display: inline-block; }
.ps-key-cycle { border-top: 2px dashed var(--ps-cycle); }
.ps-swatch { width: 10px; height: 10px; border-radius: 2px; display: inline-block; }
.ps-body { flex: 1; display: flex; min-height: 0; }
.ps-graph-pane { flex: 1; position: relative; min-width: 0; overflow: hidden; }
.ps-graph-svg { width: 100%; height: 100%; display: block; outline: none; cursor: grab; }
.ps-side { width: 340px; max-width: 45%; border-left: 1px solid var(--ps-border); overflow: auto; background: var(--ps-panel); padding: 8px 10px; }
.plansight[data-panels="rollup"] .ps-side { width: 100%; max-width: none; border-left: 0; }
.ps-side h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--ps-muted); margin: 10px 0 6px; }
.ps-empty { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; color: var(--ps-muted); pointer-events: none; }
.ps-status-line { padding: 3px 10px; border-top: 1px solid var(--ps-border); color: var(--ps-muted); min-height: 22px; font-size: 12px; }

.ps-node { cursor: pointer; outline: none; }
.ps-node-box { fill: var(--ps-node-bg); stroke: var(--ps-border); stroke-width: 1.5; }
.ps-graph-svg.ps-far .ps-node-label { display: none; }
.ps-node-id { font-weight: 700; font-size: 12px; fill: var(--ps-fg); }
.ps-node-title { font-size: 12px; fill: var(--ps-fg); }
.ps-node-meta { font-size: 11px; fill: var(--ps-muted); }
.ps-node:hover .ps-node-box { stroke: var(--ps-fg); }
.ps-node:focus .ps-node-box, .ps-node.ps-selected .ps-node-box { stroke: var(--ps-focus); stroke-width: 3; }
.ps-halo { fill: none; stroke-width: 3; }
.ps-node.ps-critical .ps-halo { stroke: var(--ps-critical); }
.ps-node.ps-cycle .ps-halo { stroke: var(--ps-cycle); stroke-dasharray: 6 4; }
.ps-edge { fill: none; stroke: var(--ps-edge); stroke-width: 1.4; }
.ps-edge.ps-critical { stroke: var(--ps-critical); stroke-width: 3; }
.ps-edge.ps-cycle { stroke: var(--ps-cycle); stroke-width: 2.2; stroke-dasharray: 7 4; }
.ps-arrow { fill: var(--ps-edge); }
.ps-arrow-critical { fill: var(--ps-critical); }
.ps-arrow-cycle { fill: var(--ps-cycle); }
.ps-dim { opacity: .18; }
.ps-tooltip { position: absolute; pointer-events: none; z-index: 2; max-width: 360px; padding: 6px 9px; border-radius: 6px;
  background: var(--ps-panel); border: 1px solid var(--ps-border); box-shadow: 0 4px 14px rgba(0,0,0,.18); font-size: 12px; line-height: 1.45; }
.ps-tooltip[hidden] { display: none; }
.ps-tooltip div:first-child { font-weight: 600; }
.ps-cycles li { margin: 3px 0; }
.ps-details { border: 1px solid var(--ps-border); border-radius: 6px; padding: 4px 8px 8px; margin-bottom: 6px; background: var(--ps-bg); font-size: 12px; line-height: 1.45; }
.ps-details[hidden] { display: none; }
.ps-details-lines div:first-child { font-weight: 600; }
.ps-details-chain { margin-top: 4px; }
.ps-details-actions { display: flex; gap: 8px; align-items: center; margin-top: 6px; flex-wrap: wrap; }
.plansight .ps-link { border: 0; background: none; padding: 0; color: var(--ps-focus); text-decoration: underline; }
.ps-cycles button { border: 0; background: none; padding: 0; color: var(--ps-cycle); text-decoration: underline; }
.ps-cycle-list { margin: 0; padding-left: 18px; }

.ps-rollup details { margin: 2px 0 2px 0; }
.ps-rollup details details { margin-left: 12px; }
/* Groups and rows off screen skip style and layout: a 2,000-group vault then costs what its visible part costs. */
.ps-rollup details details, .ps-rollup-item { content-visibility: auto; contain-intrinsic-size: auto 24px; }
.ps-rollup summary:focus-visible, .ps-rollup-item :focus-visible { outline-offset: -2px; }
.ps-rollup-more { margin: 2px 0 4px 12px; font-size: 12px; }
.ps-rollup summary { cursor: pointer; display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 3px 0; list-style-position: inside; }
.ps-rollup summary::-webkit-details-marker { color: var(--ps-muted); }
.ps-rollup-label { font-weight: 600; flex: 1 1 140px; min-width: 0; overflow-wrap: anywhere; }
.ps-rollup-count { color: var(--ps-muted); font-variant-numeric: tabular-nums; font-size: 12px; }
.ps-progress { width: 100%; height: 6px; border-radius: 3px; background: var(--ps-track); overflow: hidden; }
.ps-progress-fill { height: 100%; background: var(--ps-status-done); }
.ps-badge { font-size: 11px; border-radius: 8px; padding: 0 6px; color: #fff; }
.ps-badge-pass { background: var(--ps-status-done); }
.ps-badge-fail { background: var(--ps-status-blocked); }
.ps-rollup ul { list-style: none; margin: 2px 0 4px 14px; padding: 0; }
.ps-rollup-item { display: flex; align-items: flex-start; gap: 6px; padding: 2px 0; }
.ps-rollup-item input { margin-top: 2px; }
.ps-rollup-item.ps-done .ps-rollup-text { color: var(--ps-muted); text-decoration: line-through; }
.ps-rollup-text { flex: 1 1 auto; min-width: 0; overflow-wrap: break-word; }
.ps-rollup-text a { color: var(--ps-focus); }
.ps-src { border: 0 !important; background: none !important; padding: 0 !important; color: var(--ps-muted) !important; font-size: 11px; margin-left: auto; white-space: nowrap; flex: none; max-width: 45%; overflow: hidden; text-overflow: ellipsis; }
${statuses
  .map(
    (s) =>
      `.ps-node[data-status="${s}"] > .ps-node-stripe, .ps-swatch[data-status="${s}"] { fill: var(--ps-status-${s}); background: var(--ps-status-${s}); }\n` +
      `.ps-node[data-status="${s}"] > .ps-node-box { fill: color-mix(in srgb, var(--ps-status-${s}) 16%, var(--ps-node-bg)); }`,
  )
  .join('\n')}
`;

/**
 * Add the stylesheet once per document, unless the page already carries it: the HTML export inlines it as
 * `<style data-plansight>`, hosts under a strict CSP link `dist/graph-view.css` as `<link data-plansight>`.
 */
export function ensureStyles(doc: Document): void {
  if (doc.querySelector('style[data-plansight], link[data-plansight]')) return;
  const style = doc.createElement('style');
  style.setAttribute('data-plansight', '');
  style.textContent = GRAPH_VIEW_CSS;
  doc.head.appendChild(style);
}
