import { actorId, numberedActor } from '../../ids.js';
import type { ParseContext } from '../context.js';
import { findActor, splitNames } from './actors.js';
import { classifyFile } from '../../model/fileKind.js';

/** Resolve owner names to actor ids, check hour budgets, and classify the file. Runs last. */
export function finalize(ctx: ParseContext): void {
  for (const { item, name } of ctx.scratch.pendingOwners) {
    const ids: string[] = [];
    for (const part of splitNames(name)) {
      const n = part.replace(/\s*\(.*\)\s*$/, '').trim();
      if (!n) continue;
      const id = findActor(ctx.file.actors, n)?.id ?? numberedActor(n)?.id ?? actorId(n);
      if (!ids.includes(id)) ids.push(id);
    }
    if (!ids.length) continue;
    item.owner = ids[0];
    if (ids.length > 1) item.owners = ids;
  }
  checkBudgets(ctx);
  ctx.file.kind = classifyFile(ctx.file);
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
  for (const parent of ctx.file.items) {
    if (parent.estimate?.hours === undefined) continue;
    const kids = ctx.file.items.filter((i) => i.parent === parent.id);
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
