import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { graphToDot, graphToMermaid, type PlanGraph, type PlanModel, type Rollup } from '@plansight/core';
import { renderHtmlPage } from '@plansight/graph-view';
import { UsageError } from '../io.js';
import { loadAnalysis } from './reportAnalysis.js';

const FORMATS = ['json', 'mermaid', 'dot', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** The exporters live in core (one Mermaid and DOT writer for the CLI and the editors); re-exported for the tests. */
export { mermaidText } from '@plansight/core';
export const toMermaid = (graph: PlanGraph): string => graphToMermaid(graph);
export const toDot = (graph: PlanGraph): string => graphToDot(graph);

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
