import type { PlanFile, PlanModel, WorkItem } from '../model.js';
import { isClosed } from '../status.js';
import type { Rollup, RollupItem } from './types.js';

function percent(done: number, total: number): number {
  return total ? Math.round((done / total) * 1000) / 10 : 0;
}

function itemOf(i: WorkItem): RollupItem {
  return { text: i.explicitId ? `${i.id}: ${i.title}` : i.title, checked: isClosed(i.status), status: i.status, file: i.file, line: i.line };
}

function node(key: string, label: string, kind: Rollup['kind'], items: RollupItem[], children: Rollup[] = [], at?: { file: string; line: number }): Rollup {
  let done = 0;
  let total = 0;
  if (items.length) {
    total = items.length;
    done = items.filter((i) => i.checked).length;
  } else {
    for (const c of children) {
      done += c.done;
      total += c.total;
    }
  }
  return { key, label, kind, done, total, percent: percent(done, total), ...(at ? { file: at.file, line: at.line } : {}), children, items };
}

function group<T>(xs: readonly T[], keyOf: (x: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = keyOf(x);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

function weekLabel(w: [number, number]): string {
  return w[0] === w[1] ? `Week ${w[0]}` : `Week ${w[0]}-${w[1]}`;
}

/** Distinct items of a file: an id defined twice in one file counts once (its last definition). */
function distinctItems(items: readonly WorkItem[]): WorkItem[] {
  const byId = new Map<string, WorkItem>();
  for (const i of items) byId.set(i.id, i);
  return [...byId.values()].sort((a, b) => a.line - b.line);
}

export function fileRollup(f: PlanFile, actorName: (id: string) => string): Rollup {
  const items = distinctItems(f.items);
  const children: Rollup[] = [];
  for (const g of f.gates) {
    const crit: RollupItem[] = g.criteria.map((c) => ({ text: c.text, checked: c.checked, status: c.status, file: f.path, line: c.line }));
    const r = node(`gate:${f.path}:${g.id}`, g.title, 'gate', crit, [], g);
    r.passed = crit.length > 0 && crit.every((c) => c.checked);
    if (g.declaredTotal !== undefined && g.declaredTotal > r.total) {
      r.total = g.declaredTotal;
      r.percent = percent(r.done, r.total);
    }
    children.push(r);
  }
  for (const [actor, list] of group(items, (i) => i.owner)) {
    children.push(node(`actor:${f.path}:${actor}`, actorName(actor), 'actor', list.map(itemOf)));
  }
  for (const [sprint, list] of group(items, (i) => i.schedule?.sprint)) {
    children.push(node(`sprint:${f.path}:${sprint}`, /^\d+$/.test(sprint) ? `Sprint ${sprint}` : sprint, 'sprint', list.map(itemOf)));
  }
  for (const [week, list] of group(items, (i) => (i.schedule?.weeks ? weekLabel(i.schedule.weeks) : undefined))) {
    children.push(node(`week:${f.path}:${week}`, week, 'week', list.map(itemOf)));
  }
  for (const [section, list] of group(items, (i) => (i.section.length ? i.section.join(' › ') : undefined))) {
    const heading = f.headings.find((h) => h.text === list[0]!.section[list[0]!.section.length - 1]);
    children.push(node(`section:${f.path}:${section}`, section, 'section', list.map(itemOf), [], heading ? { file: f.path, line: heading.line } : undefined));
  }
  const leaves = items.map(itemOf);
  for (const g of f.gates) for (const c of g.criteria) leaves.push({ text: c.text, checked: c.checked, status: c.status, file: f.path, line: c.line });
  if (!leaves.length && f.checkboxes.total) {
    const r = node(`file:${f.path}`, f.title ?? f.path, 'file', [], children, { file: f.path, line: 1 });
    r.done = f.checkboxes.checked;
    r.total = f.checkboxes.total;
    r.percent = percent(r.done, r.total);
    return r;
  }
  const r = node(`file:${f.path}`, f.title ?? f.path, 'file', [], children, { file: f.path, line: 1 });
  r.done = leaves.filter((l) => l.checked).length;
  r.total = leaves.length;
  r.percent = percent(r.done, r.total);
  return r;
}

/** vault → file → gate / actor / sprint / week / section → items. */
export function rollupsOf(model: PlanModel): Rollup[] {
  const names = new Map(model.actors.map((a) => [a.id, a.name] as const));
  const actorName = (id: string) => names.get(id) ?? id;
  const files = model.files.map((f) => fileRollup(f, actorName));
  return [node('vault', 'Vault', 'vault', [], files)];
}

/** Vault-wide rollup per actor, in actor order (for reports). */
export function actorRollups(model: PlanModel): Rollup[] {
  const byOwner = group(model.items, (i) => i.owner);
  return model.actors
    .filter((a) => byOwner.has(a.id))
    .map((a) => node(`actor:${a.id}`, a.name, 'actor', distinctItems(byOwner.get(a.id)!).map(itemOf), [], a));
}

