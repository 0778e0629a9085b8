import type { Rollup } from '@plansight/core';

/** The rollups to show: the active file's, or the whole vault when pinned (or no plan is active). */
export function rollupsFor(all: readonly Rollup[], activePath: string | null, pinned: boolean): Rollup[] {
  if (pinned || !activePath) return [...all];
  const found: Rollup[] = [];
  const walk = (rs: readonly Rollup[]): void => {
    for (const r of rs) {
      if (r.kind === 'file' && r.file === activePath) found.push(r);
      else walk(r.children);
    }
  };
  walk(all);
  return found;
}
