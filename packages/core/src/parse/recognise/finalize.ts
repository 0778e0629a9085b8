import { actorId, numberedActor } from '../../ids.js';
import type { WorkItem } from '../../model.js';
import type { ParseContext } from '../context.js';
import { findActor, splitNames } from './actors.js';
import { childrenByParent } from './items.js';
import { classifyFile } from '../../model/fileKind.js';

/** Resolve owner names to actor ids, check hour budgets, and classify the file. Runs last. */
export function finalize(ctx: ParseContext): void {
  // Plans repeat owner names (a table's owner column, `**Owner**:` fields); the actors are final here.
  const resolved = new Map<string, string[]>();
  for (const { item, name } of ctx.scratch.pendingOwners) {
    let ids = resolved.get(name);
    if (!ids) resolved.set(name, (ids = ownerIds(ctx, name)));
    if (!ids.length) continue;
    item.owner = ids[0];
    if (ids.length > 1) item.owners = ids.slice();
  }
  checkBudgets(ctx);
  ctx.file.kind = classifyFile(ctx.file);
}

/** The actor ids an owner name resolves to, each once, in order. */
function ownerIds(ctx: ParseContext, name: string): string[] {
  const ids: string[] = [];
  for (const part of splitNames(name)) {
    const n = part.replace(/\s*\(.*\)\s*$/, '').trim();
    if (!n) continue;
    const id = findActor(ctx.file.actors, n)?.id ?? numberedActor(n)?.id ?? actorId(n);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Hours of an actor's top-level items against the budget the plan gives them; a mismatch is a warning. */
function checkBudgets(ctx: ParseContext): void {
  for (const a of ctx.file.actors) {
    if (a.hours === undefined) continue;
    const top = ctx.file.items.filter((i) => i.owner === a.id && !i.parent && i.estimate?.hours !== undefined);
    if (!top.length) continue;
    const sum = top.reduce((s, i) => s + (i.estimate!.hours ?? 0), 0);
    if (sum !== a.hours) {
      ctx.file.diagnostics.push({
        severity: 'warning',
        code: 'hours-mismatch',
        message: `${a.name} has a budget of ${a.hours}h but their items add up to ${sum}h`,
        file: ctx.path,
        line: a.line,
      });
    }
  }
  let byParent: Map<string, WorkItem[]> | null = null;
  for (const parent of ctx.file.items) {
    if (parent.estimate?.hours === undefined) continue;
    byParent ??= childrenByParent(ctx.file.items);
    const kids = byParent.get(parent.id) ?? [];
    if (!kids.length || kids.some((k) => k.estimate?.hours === undefined)) continue;
    const sum = kids.reduce((s, k) => s + k.estimate!.hours!, 0);
    if (sum !== parent.estimate.hours) {
      ctx.file.diagnostics.push({
        severity: 'warning',
        code: 'hours-mismatch',
        message: `"${parent.title}" is ${parent.estimate.hours}h but its sub-items add up to ${sum}h`,
        file: ctx.path,
        line: parent.line,
      });
    }
  }
}
