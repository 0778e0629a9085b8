/**
 * What the e2e expects, from core over the scratch workspace (the same loader as `plansight report --json`):
 * graph node count, rollups, a box to tick, an item whose status to set, and an owned path from the master plan.
 * Bundled by run.sh with esbuild; prints JSON.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, buildModel, ownersOf, parsePlan } from '@plansight/core';

const base = process.argv[2]!;
const files: string[] = [];
const walk = (dir: string, rel: string): void => {
  for (const name of readdirSync(dir).sort()) {
    if (['node_modules', '.git', '.obsidian', '.trash', 'dist', '.vscode'].includes(name)) continue;
    const abs = join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(abs).isDirectory()) walk(abs, r);
    else if (/\.(md|markdown)$/i.test(name)) files.push(r);
  }
};
walk(base, '');
const model = buildModel(files.map((f) => parsePlan(f, readFileSync(join(base, f), 'utf8'))));
const analysis = analyze(model);

const master = model.files.find((f) => f.kind === 'master-plan' && /master/i.test(f.path)) ?? model.files.find((f) => f.kind === 'master-plan');
const rule = model.ownership.find((o) => o.file === master?.path && (o.mode === 'exclusive' || o.mode === 'creates') && /\.[a-z]+$/i.test(o.pattern) && !/[*?]/.test(o.pattern));
const owned = rule && { path: rule.pattern.replace(/^\.?\//, ''), actor: model.actors.find((a) => a.id === rule.actor)?.name ?? rule.actor, owners: ownersOf(model, rule.pattern.replace(/^\.?\//, '')) };
const foreignActor = model.actors.find((a) => a.id !== rule?.actor && /^worker-/.test(a.id))?.name;

const isOpenBox = (file: string, line: number) => /^\s*(?:[-*+]|\d+[.)])\s+\[ \]/.test(readFileSync(join(base, file), 'utf8').split(/\r?\n/)[line - 1] ?? '');
/** An unticked checkbox near the top of the rollup tree (the tree is virtualised: rows far down are not rendered). */
const box = (() => {
  let best: { fileLabel: string; groupLabel: string; item: unknown; rank: number } | undefined;
  analysis.rollups.flatMap((v) => v.children).forEach((file, fi) => {
    file.children.forEach((group, gi) => {
      group.items.forEach((item, ii) => {
        if (item.checked || item.file !== file.file || !isOpenBox(item.file, item.line)) return;
        const rank = fi + gi + ii;
        if (!best || rank < best.rank) best = { fileLabel: file.label, groupLabel: group.label, item, rank };
      });
    });
  });
  return best;
})();

const daily = model.files.find((f) => /(^|\/)DAILY_STATUS\.md$/i.test(f.path));
const statusLine = (() => {
  const plan = model.files.find((f) => f.kind === 'sprint') ?? master;
  for (const item of plan?.items ?? []) {
    for (const c of item.checklist) if (!c.checked && c.status === 'todo') return { file: plan!.path, line: c.line, text: c.text };
  }
  return undefined;
})();

const hover = (() => {
  for (const r of model.references) {
    if (r.file !== daily?.path || r.start === undefined) continue;
    const item = model.items.find((i) => i.id === r.id);
    if (item) return { file: r.file, line: r.line, column: r.start + 1, id: r.id, status: item.status };
  }
  return undefined;
})();

process.stdout.write(
  JSON.stringify(
    {
      nodes: analysis.graph.nodes.length,
      edges: analysis.graph.edges.length,
      cycles: analysis.graph.cycles,
      rollups: analysis.rollups.map(function strip(r): unknown {
        return { label: r.label, kind: r.kind, done: r.done, total: r.total, file: r.file, line: r.line, children: r.children.map(strip) };
      }),
      diagnostics: [...model.diagnostics, ...analysis.diagnostics].map((d) => ({ file: d.file, line: d.line, code: d.code, message: d.message })),
      node: analysis.graph.nodes.find((n) => n.kind === 'item' && n.file && n.line > 1),
      box,
      owned,
      foreignActor,
      daily: daily?.path,
      statusLine,
      hover,
      mojibake: model.files.find((f) => f.encoding.mojibake)?.path,
    },
    null,
    2,
  ) + '\n',
);
