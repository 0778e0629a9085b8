import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, emptyPlanFile, parsePlan } from '../../src/index.js';
import type { Actor, PlanFile, PlanModel, WorkItem } from '../../src/model.js';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../shared.js';

describe('buildModel', () => {
  const plan = parsePlan('plan.md', '### Worker 1 - "Core" (10 hours)\n**Branch**: `w1`\n\n### BLOCKING ISSUE: #2 (Wrappers)\n**Owner**: Worker 1\n');
  const other = parsePlan('week.md', '## WORKER_1 tasks\n- [ ] #5: MD benchmarks\n  **Dependencies**: Issue #2\n\n### Issue #5 (MD benchmarks)\n**Depends on**: Issue #2\n');

  it('should merge one actor seen in two files, keeping every spelling', () => {
    const m = buildModel([plan, other]);
    expect(m.actors.map((a) => a.id)).toEqual(['worker-1']);
    expect(m.actors[0]).toMatchObject({ hours: 10, branch: 'w1', file: 'plan.md', line: 1 });
    expect(m.actors[0]!.aliases).toEqual(expect.arrayContaining(['Worker 1', 'WORKER_1']));
  });

  it('should fill blocks on an item defined in another file', () => {
    const m = buildModel([plan, other]);
    expect(m.dependencies.map((d) => [d.from, d.to, d.file])).toContainEqual(['#5', '#2', 'week.md']);
    expect(m.items.find((i) => i.id === '#2')!.blocks).toEqual(['#5']);
    expect(m.items.find((i) => i.id === '#5')!.dependsOn).toEqual(['#2']);
  });

  it('should give the same model when built twice from the same files', () => {
    const a = JSON.stringify(buildModel([plan, other]));
    expect(JSON.stringify(buildModel([plan, other]))).toBe(a);
  });
});

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

describe('buildModel leaves its input alone', () => {
  const parse = () => [
    parsePlan('plan.md', '### Worker 1 - "Core" (10 hours)\n**Branch**: `w1`\n\n### BLOCKING ISSUE: #2 (Wrappers)\n**Owner**: Worker 1\n'),
    parsePlan('week.md', '## WORKER_1 tasks\n- [ ] #5: MD benchmarks\n  **Dependencies**: Issue #2\n\n### Issue #5 (MD benchmarks)\n**Depends on**: Issue #2\n'),
  ];

  it('should build from deep-frozen files the same model as from fresh ones', () => {
    const frozen = deepFreeze(parse());
    const before = JSON.stringify(frozen);
    const m = buildModel(frozen);
    expect(JSON.stringify(m)).toBe(JSON.stringify(buildModel(parse())));
    expect(JSON.stringify(frozen)).toBe(before);
    expect(m.items.find((i) => i.id === '#2')!.blocks).toEqual(['#5']);
    expect(frozen[0]!.items.find((i) => i.id === '#2')!.blocks).toEqual([]);
  });

  it('should give model.files the linked items, the same objects as model.items', () => {
    const m = buildModel(parse());
    const linked = m.items.find((i) => i.id === '#2')!;
    expect(m.files.flatMap((f) => f.items)).toContain(linked);
    expect(m.files.flatMap((f) => f.items)).toEqual(m.items);
  });
});

/** buildModel as it was before it was made fast (O(dependencies × same-id items)), kept as the reference. */
function referenceBuildModel(files: readonly PlanFile[]): PlanModel {
  const model: PlanModel = {
    files: [...files],
    actors: [],
    items: [],
    gates: [],
    ownership: [],
    statusReports: [],
    dependencies: [],
    references: [],
    diagnostics: [],
  };
  const actors = new Map<string, Actor>();
  for (const f of files) {
    for (const a of f.actors) {
      const seen = actors.get(a.id);
      if (!seen) {
        actors.set(a.id, { ...a, aliases: [...a.aliases], dependsOn: [...a.dependsOn] });
        continue;
      }
      for (const alias of a.aliases) if (!seen.aliases.includes(alias)) seen.aliases.push(alias);
      for (const d of a.dependsOn) if (!seen.dependsOn.includes(d)) seen.dependsOn.push(d);
      seen.hours ??= a.hours;
      seen.branch ??= a.branch;
      seen.role ??= a.role;
      seen.expertise ??= a.expertise;
      seen.owns ??= a.owns;
    }
    model.items.push(...f.items);
    model.gates.push(...f.gates);
    model.ownership.push(...f.ownership);
    model.statusReports.push(...f.statusReports);
    model.dependencies.push(...f.dependencies);
    model.references.push(...f.references);
    model.diagnostics.push(...f.diagnostics);
  }
  model.actors = [...actors.values()];
  const items = new Map<string, WorkItem[]>();
  for (const i of model.items) {
    const same = items.get(i.id);
    if (same) same.push(i);
    else items.set(i.id, [i]);
  }
  const copies = new Map<WorkItem, WorkItem>();
  const writable = (i: WorkItem): WorkItem => {
    let c = copies.get(i);
    if (!c) copies.set(i, (c = { ...i, dependsOn: [...i.dependsOn], blocks: [...i.blocks] }));
    return c;
  };
  for (const d of model.dependencies) {
    for (const from of items.get(d.from) ?? []) if (!(copies.get(from) ?? from).dependsOn.includes(d.to)) writable(from).dependsOn.push(d.to);
    for (const to of items.get(d.to) ?? []) if (!(copies.get(to) ?? to).blocks.includes(d.from)) writable(to).blocks.push(d.from);
    const a = actors.get(d.from);
    if (a && actors.has(d.to) && !a.dependsOn.includes(d.to)) a.dependsOn.push(d.to);
  }
  if (copies.size > 0) {
    const current = (i: WorkItem): WorkItem => copies.get(i) ?? i;
    model.items = model.items.map(current);
    model.files = model.files.map((f) => (f.items.some((i) => copies.has(i)) ? { ...f, items: f.items.map(current) } : f));
  }
  return model;
}

/** Same JSON, and the same sharing: which items and files are the inputs themselves, and which copies repeat. */
function expectSameAsReference(files: readonly PlanFile[]): PlanModel {
  const want = referenceBuildModel(files);
  const got = buildModel(files);
  expect(got).toStrictEqual(want);
  const inputs = new Set(files.flatMap((f) => f.items));
  const shape = (m: PlanModel) => ({
    inputItems: m.items.map((i) => inputs.has(i)),
    inputFiles: m.files.map((f, k) => f === files[k]),
    firstSeen: m.items.map((i) => m.items.indexOf(i)),
    fileItemsAreModelItems: m.files.flatMap((f) => f.items).every((i, k) => i === m.items[k]),
  });
  expect(shape(got)).toEqual(shape(want));
  return got;
}

describeShared('buildModel on the seeds and the corpus', () => {
  let parsed: PlanFile[] | undefined;
  const vault = (): PlanFile[] =>
    structuredClone(
      (parsed ??= [
        ...seedNames().map((n) => parsePlan(`seeds/${n}`, seed(n))),
        ...corpusNames().map((n) => parsePlan(`corpus/${n}`, corpus(n))),
      ]),
    );

  it('should give what the reference implementation gives, for the whole vault and each file alone', () => {
    const files = vault();
    const m = expectSameAsReference(files);
    const inputs = new Set(files.flatMap((f) => f.items));
    expect(m.items.filter((i) => !inputs.has(i)).length).toBeGreaterThan(0);
    for (const f of files) expectSameAsReference([f]);
  });

  it('should give the same model from deep-frozen files', () => {
    const frozen = deepFreeze(vault());
    const before = JSON.stringify(frozen);
    expect(JSON.stringify(buildModel(frozen))).toBe(JSON.stringify(referenceBuildModel(vault())));
    expect(JSON.stringify(frozen)).toBe(before);
  });
});

describe('buildModel against the reference on generated files', () => {
  const ids = ['#1', '#2', '#3', 'T1-001', 'worker-1', 'worker-2'];
  const id = fc.constantFrom(...ids);
  const item = fc.record({ id, dependsOn: fc.array(id, { maxLength: 12 }), blocks: fc.array(id, { maxLength: 12 }) });
  const actor = fc.record(
    {
      id: fc.constantFrom('worker-1', 'worker-2', 'agent-1'),
      aliases: fc.array(fc.constantFrom('Worker 1', 'WORKER_1', 'Worker01', 'Agent 1', 'Core'), { maxLength: 4 }),
      dependsOn: fc.array(id, { maxLength: 3 }),
      hours: fc.integer({ min: 1, max: 500 }),
      branch: fc.constantFrom('w1', 'w2'),
      role: fc.constantFrom('Core', 'UI'),
    },
    { requiredKeys: ['id', 'aliases', 'dependsOn'] },
  );
  const dependency = fc.record({ from: id, to: id });
  const file = fc.record({
    items: fc.array(item, { maxLength: 6 }),
    actors: fc.array(actor, { maxLength: 2 }),
    dependencies: fc.array(dependency, { maxLength: 15 }),
  });
  const vault = fc.record({
    files: fc.array(file, { minLength: 1, maxLength: 5 }),
    // The same item object in two files, and the same file twice: copies must be shared as before.
    sharedItem: fc.boolean(),
    sharedFile: fc.boolean(),
  });

  const build = (v: typeof vault extends fc.Arbitrary<infer V> ? V : never): PlanFile[] => {
    const files = v.files.map((g, k) => {
      const f = emptyPlanFile(`f${k}.md`);
      f.items = g.items.map((i, n) => ({ ...i, explicitId: true, title: i.id, kind: 'task', status: 'todo', checklist: [], section: [], file: f.path, line: n + 1 }));
      f.actors = g.actors.map((a, n) => ({ ...a, name: a.id, kind: 'worker', file: f.path, line: 100 + n }));
      f.dependencies = g.dependencies.map((d, n) => ({ ...d, via: 'Dependencies', file: f.path, line: 200 + n }));
      return f;
    });
    const first = files[0]!.items[0];
    if (v.sharedItem && first && files.length > 1) files[files.length - 1]!.items.push(first);
    if (v.sharedFile) files.push(files[0]!);
    return files;
  };

  it('should link, copy and share exactly as the reference does, and never touch its input', () => {
    fc.assert(
      fc.property(vault, (v) => {
        const frozen = deepFreeze(build(v));
        const before = JSON.stringify(frozen);
        expectSameAsReference(frozen);
        expect(JSON.stringify(frozen)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });
});
