import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { PlanGraph, PlanModel, Rollup } from '@plansight/core';
import { renderHtmlPage } from '@plansight/graph-view';
import { UsageError } from '../io.js';
import { loadAnalysis, nodeLabel } from './reportAnalysis.js';

const FORMATS = ['json', 'mermaid', 'dot', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** Mermaid label text inside `"…"`: entity codes for what Mermaid or GitHub would read as syntax. */
export function mermaidText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/\[/g, '#91;')
    .replace(/]/g, '#93;')
    .replace(/[{}|]/g, (c) => `#${c.charCodeAt(0)};`);
}

const STATUS_CLASS: Record<string, string> = { done: 'done', cancelled: 'done', 'in-progress': 'active', blocked: 'blocked', waiting: 'blocked' };

/** A Mermaid flowchart that renders on GitHub as is: safe ids (`n0`…), quoted escaped labels, arrows from prerequisite to dependent. */
export function toMermaid(graph: PlanGraph): string {
  const id = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`] as const));
  const out = ['flowchart LR'];
  for (const n of graph.nodes) {
    const mark = n.critical ? '★ ' : '';
    out.push(`  ${id.get(n.id)}["${mermaidText(`${mark}${nodeLabel(n)} (${n.status})`)}"]`);
  }
  const cycleLinks: number[] = [];
  graph.edges.forEach((e, i) => {
    out.push(`  ${id.get(e.to)} ${e.critical ? '==>' : '-->'} ${id.get(e.from)}`);
    if (e.inCycle) cycleLinks.push(i);
  });
  out.push(
    '  classDef done fill:#d3f9d8,stroke:#2b8a3e,color:#1b4332',
    '  classDef active fill:#fff3bf,stroke:#e67700,color:#5c3c00',
    '  classDef blocked fill:#ffe3e3,stroke:#c92a2a,color:#5c0000',
    '  classDef ready fill:#e7f5ff,stroke:#1971c2,color:#0b3d6e',
    '  classDef critical stroke-width:3px',
  );
  const byClass = new Map<string, string[]>();
  for (const n of graph.nodes) {
    const cls = STATUS_CLASS[n.status] ?? (n.ready ? 'ready' : undefined);
    for (const c of [cls, n.critical ? 'critical' : undefined]) {
      if (!c) continue;
      byClass.set(c, [...(byClass.get(c) ?? []), id.get(n.id)!]);
    }
  }
  for (const [cls, ids] of byClass) out.push(`  class ${ids.join(',')} ${cls}`);
  if (cycleLinks.length) out.push(`  linkStyle ${cycleLinks.join(',')} stroke:#c92a2a,stroke-width:2px`);
  return out.join('\n') + '\n';
}

function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

const DOT_FILL: Record<string, string> = { done: '#d3f9d8', cancelled: '#e9ecef', 'in-progress': '#fff3bf', blocked: '#ffe3e3', waiting: '#ffe3e3' };

/** Graphviz: arrows from prerequisite to dependent, critical path bold, cycles red. */
export function toDot(graph: PlanGraph): string {
  const out = ['digraph plansight {', '  rankdir=LR;', '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];'];
  for (const n of graph.nodes) {
    const attrs = [`label=${dotString(`${nodeLabel(n)} (${n.status})`)}`, `fillcolor=${dotString(DOT_FILL[n.status] ?? (n.ready ? '#e7f5ff' : '#ffffff'))}`];
    if (n.critical) attrs.push('penwidth=3');
    if (n.inCycle) attrs.push('color="#c92a2a"');
    attrs.push(`tooltip=${dotString(`${n.file}:${n.line}`)}`);
    out.push(`  ${dotString(n.id)} [${attrs.join(', ')}];`);
  }
  for (const e of graph.edges) {
    const attrs = [`label=${dotString(e.via)}`];
    if (e.critical) attrs.push('penwidth=3');
    if (e.inCycle) attrs.push('color="#c92a2a"');
    out.push(`  ${dotString(e.to)} -> ${dotString(e.from)} [${attrs.join(', ')}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}

/** The graph-view browser bundle, beside the CLI bundle or in the source tree. */
function graphViewBundle(): string {
  const candidates = [
    join(__dirname, '../../graph-view/dist/graph-view.js'),
    join(__dirname, '../../../graph-view/dist/graph-view.js'),
    resolve(process.cwd(), 'packages/graph-view/dist/graph-view.js'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('the graph-view bundle is missing (packages/graph-view/dist/graph-view.js): run `npm run build` first');
  return readFileSync(found, 'utf8');
}

export function graphOutput(format: Format, model: PlanModel, graph: PlanGraph, rollups: Rollup[], bundle: () => string = graphViewBundle): string {
  switch (format) {
    case 'json':
      return JSON.stringify(graph, null, 2) + '\n';
    case 'mermaid':
      return toMermaid(graph);
    case 'dot':
      return toDot(graph);
    case 'html':
      return renderHtmlPage({ graph, rollups, actors: Object.fromEntries(model.actors.map((a) => [a.id, a.name])) }, bundle(), { title: `Plansight — ${model.files.length === 1 ? model.files[0]!.path : `${model.files.length} plans`}` });
  }
}

/** Write through a temporary file and a rename, so a reader never sees half a file. */
function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${Date.now()}-${process.pid}.plansight.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function registerGraph(program: Command): void {
  program
    .command('graph')
    .description('export the dependency graph with status and critical-path marks')
    .argument('[paths...]', 'files or folders', [])
    .option('-f, --format <format>', `one of ${FORMATS.join(', ')}`, 'json')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--json', 'same as --format json')
    .action((paths: string[], opts: { format: string; output?: string; json?: boolean }) => {
      const format = (opts.json ? 'json' : opts.format) as Format;
      if (!FORMATS.includes(format)) throw new UsageError(`unknown --format "${opts.format}" (use ${FORMATS.join(', ')})`);
      const { model, analysis } = loadAnalysis(paths);
      const text = graphOutput(format, model, analysis.graph, analysis.rollups);
      if (opts.output) {
        writeAtomic(resolve(opts.output), text);
        process.stderr.write(`wrote ${opts.output} (${analysis.graph.nodes.length} nodes, ${analysis.graph.edges.length} edges)\n`);
      } else process.stdout.write(text);
    });
}
