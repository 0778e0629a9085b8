import { describe, expect, it } from 'vitest';
import { buildModel, parsePlan } from '../../src/index.js';

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
