import type { Command } from 'commander';
import type { GraphNode } from '@plansight/core';
import { makeResolver } from '@plansight/core';
import { UsageError } from '../io.js';
import { displayPath, loadAnalysis, nodeLabel, noStatusLine, splitReady } from './reportAnalysis.js';

/** `plansight next`: the ready items, critical path first, then what they unblock in dependency order. */
export function registerNext(program: Command): void {
  program
    .command('next')
    .description('what to do next: ready items, critical path first, then the blocked items in dependency order')
    .argument('[paths...]', 'files or folders', [])
    .option('--actor <actor>', 'only items this actor owns (id, name or alias)')
    .option('--all', 'also list ready items whose status the plan does not write')
    .option('--json', 'print JSON')
    .action((paths: string[], opts: { actor?: string; all?: boolean; json?: boolean }) => {
      const vault = loadAnalysis(paths);
      const { graph } = vault.analysis;
      let actor: string | undefined;
      if (opts.actor !== undefined) {
        actor = makeResolver(vault.model).actorId(opts.actor);
        if (!actor) throw new UsageError(`unknown actor "${opts.actor}"`);
      }
      const nodes = new Map(graph.nodes.map((n) => [n.id, n] as const));
      const mine = (n: GraphNode) => !actor || n.owner === actor || n.id === `actor:${actor}`;
      const { known, unknown } = splitReady(graph.ready.map((id) => nodes.get(id)!).filter(mine));
      const ready = [...known, ...unknown];
      const blockedBy = new Map(graph.blocked.map((b) => [b.id, b] as const));
      const order = graph.order ?? graph.nodes.map((n) => n.id);
      const then = order.map((id) => nodes.get(id)!).filter((n) => n.blocked && mine(n));
      const item = (n: GraphNode) => ({
        id: n.id,
        label: n.label,
        status: n.status,
        critical: n.critical,
        slack: n.slack,
        owner: n.owner,
        file: displayPath(vault, n.file),
        line: n.line,
        ...(blockedBy.has(n.id) ? { waitingOn: blockedBy.get(n.id)!.blockers ?? blockedBy.get(n.id)!.chain.slice(0, 1) } : {}),
      });
      if (opts.json) {
        process.stdout.write(JSON.stringify({ actor, ready: ready.map(item), noStatus: unknown.length, then: then.map(item) }, null, 2) + '\n');
        return;
      }
      const line = (n: GraphNode) => `${n.critical ? '*' : ' '} ${nodeLabel(n)} [${n.status}]  ${displayPath(vault, n.file)}:${n.line}`;
      // Items with a written open status first; the ones with none only counted, unless asked or nothing else is ready.
      const listAll = opts.all || !known.length;
      const shown = listAll ? ready : known;
      const count = known.length ? `${known.length}${listAll && unknown.length ? ` + ${unknown.length} with no status written` : ''}` : `${unknown.length}, no status written`;
      process.stdout.write(`Ready${actor ? ` for ${actor}` : ''} (${count}, * = critical path):\n`);
      for (const n of shown) process.stdout.write(`  ${line(n)}\n`);
      if (!listAll && unknown.length) process.stdout.write(`  ${noStatusLine(unknown.length, 'plansight next --all lists them')}\n`);
      if (then.length) {
        process.stdout.write(`\nThen (${then.length}, blocked):\n`);
        for (const n of then) {
          const b = blockedBy.get(n.id)!;
          process.stdout.write(`  ${line(n)}  ← waits on ${(b.blockers ?? b.chain.slice(0, 1)).join(', ')}\n`);
        }
      }
    });
}
