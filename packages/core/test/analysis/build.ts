import type { Actor, Gate, OwnershipRule, PlanFile, PlanModel, StatusReport, WorkItem } from '../../src/model.js';
import { buildModel } from '../../src/model/buildModel.js';
import { emptyPlanFile } from '../../src/parse/parsePlan.js';

let autoLine = 1;

export function item(id: string, over: Partial<WorkItem> = {}): WorkItem {
  return {
    file: 'plan.md',
    line: autoLine++,
    id,
    explicitId: !id.includes(':'),
    title: over.title ?? `Title of ${id}`,
    kind: 'story',
    status: 'todo',
    dependsOn: [],
    blocks: [],
    checklist: [],
    section: [],
    ...over,
  };
}

export function actor(id: string, over: Partial<Actor> = {}): Actor {
  const name = over.name ?? id.replace(/-(\d+)$/, ' $1').replace(/^./, (c) => c.toUpperCase());
  return { file: 'plan.md', line: autoLine++, id, name, aliases: [name], kind: 'worker', dependsOn: [], ...over };
}

export function rule(actorId: string, pattern: string, mode: OwnershipRule['mode'], over: Partial<OwnershipRule> = {}): OwnershipRule {
  return { file: 'plan.md', line: autoLine++, actor: actorId, pattern, mode, ...over };
}

export function gate(id: string, checked: boolean[], over: Partial<Gate> = {}): Gate {
  const line = autoLine++;
  return {
    file: 'plan.md',
    line,
    id,
    title: over.title ?? id,
    criteria: checked.map((c, i) => ({ text: `criterion ${i + 1}`, checked: c, status: c ? 'done' : 'todo', line: line + i + 1, depth: 0 })),
    ...over,
  };
}

export interface FileParts {
  path?: string;
  items?: WorkItem[];
  actors?: Actor[];
  gates?: Gate[];
  ownership?: OwnershipRule[];
  statusReports?: StatusReport[];
  dependencies?: PlanFile['dependencies'];
  references?: PlanFile['references'];
}

export function file(parts: FileParts): PlanFile {
  const path = parts.path ?? 'plan.md';
  const f = emptyPlanFile(path);
  const at = <T extends { file: string }>(xs: T[] | undefined) => (xs ?? []).map((x) => ({ ...x, file: path }));
  f.items = at(parts.items);
  f.actors = at(parts.actors);
  f.gates = at(parts.gates);
  f.ownership = at(parts.ownership);
  f.statusReports = at(parts.statusReports);
  f.dependencies = at(parts.dependencies);
  f.references = at(parts.references);
  return f;
}

export function model(...files: FileParts[]): PlanModel {
  return buildModel(files.map(file));
}
