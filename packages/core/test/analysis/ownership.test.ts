import { describe, expect, it } from 'vitest';
import { analyze, checkChanges, matchesPattern, ownersOf, patternsOverlap } from '../../src/analysis/index.js';
import { actor, model, rule } from './build.js';

describe('ownership patterns', () => {
  it.each([
    ['src/gpu/kernel_executor.rs', 'src/gpu/kernel_executor.rs', true],
    ['./src/gpu/kernel_executor.rs', 'src/gpu/kernel_executor.rs', true],
    ['src/gpu/', 'src/gpu/kernel_executor.rs', true],
    ['src/gpu/', 'src/gpu_old/x.rs', false],
    ['src/gpu', 'src/gpu/a/b.rs', true],
    ['src/**/*.rs', 'src/gpu/a/b.rs', true],
    ['src/**/*.rs', 'src/b.rs', true],
    ['src/**/*.rs', 'lib/b.rs', false],
    ['src/*.rs', 'src/a/b.rs', false],
    ['*.md', 'docs/notes/plan.md', true],
    ['*.md', 'docs/plan.mdx', false],
    ['src/{gpu,cpu}/mod.rs', 'src/cpu/mod.rs', true],
    ['src/kernel?.cu', 'src/kernel1.cu', true],
  ])('%s covers %s: %s', (pattern, path, expected) => {
    expect(matchesPattern(pattern, path)).toBe(expected);
  });

  it.each([
    ['src/gpu/', 'src/gpu/kernel.rs', true],
    ['src/gpu/', 'src/cpu/', false],
    ['src/**/*.rs', 'src/gpu/', true],
    ['src/**/*.rs', 'src/**/*.py', false],
    ['src/gpu/*.rs', 'src/**/*.rs', true],
    ['*.md', 'README.md', true],
  ])('%s overlaps %s: %s', (a, b, expected) => {
    expect(patternsOverlap(a, b)).toBe(expected);
    expect(patternsOverlap(b, a)).toBe(expected);
  });
});

describe('ownersOf and conflicts', () => {
  const m = model({
    actors: [actor('worker-1', { aliases: ['Worker 1', 'Agent 1'] }), actor('worker-2'), actor('worker-3')],
    ownership: [
      rule('worker-2', 'src/gpu/kernel_executor.rs', 'exclusive', { line: 10 }),
      rule('worker-1', 'src/gpu/kernel_executor.rs', 'read-only', { line: 20 }),
      rule('worker-1', 'src/ai/', 'exclusive', { line: 21 }),
      rule('worker-3', 'src/**/*.py', 'creates', { line: 30 }),
    ],
  });

  it('should list every actor with its mode for a path', () => {
    expect(ownersOf(m, 'src/gpu/kernel_executor.rs').map((o) => [o.actor, o.mode])).toEqual([
      ['worker-2', 'exclusive'],
      ['worker-1', 'read-only'],
    ]);
    expect(ownersOf(m, 'src/ai/te/model.py').map((o) => [o.actor, o.mode])).toEqual([
      ['worker-1', 'exclusive'],
      ['worker-3', 'creates'],
    ]);
    expect(ownersOf(m, 'README.md')).toEqual([]);
  });

  it('should flag changes to another actor\'s exclusive paths, by any spelling of the actor', () => {
    const v = checkChanges(m, ['src/gpu/kernel_executor.rs', 'src/ai/x.rs', 'docs/a.md'], 'Agent 1');
    expect(v).toEqual([expect.objectContaining({ path: 'src/gpu/kernel_executor.rs', actor: 'worker-1', owner: 'worker-2', line: 10 })]);
    expect(checkChanges(m, ['src/gpu/kernel_executor.rs'], 'worker-2')).toEqual([]);
  });

  it('should report two exclusive owners and an exclusive path marked shared', () => {
    const c = model({
      ownership: [
        rule('worker-1', 'src/gpu/', 'exclusive', { line: 3 }),
        rule('worker-2', 'src/gpu/kernel.rs', 'exclusive', { line: 7 }),
        rule('worker-3', 'src/gpu/**', 'shared', { line: 9 }),
        rule('worker-3', 'docs/', 'shared', { line: 11 }),
      ],
    });
    const ds = analyze(c).diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`);
    expect(ds).toEqual(['7 error ownership-conflict', '9 warning ownership-shared-exclusive']);
  });

  it('should not flag one actor listing its own path twice', () => {
    const c = model({ ownership: [rule('worker-1', 'src/a.rs', 'exclusive'), rule('worker-1', 'src/', 'exclusive')] });
    expect(analyze(c).diagnostics).toEqual([]);
  });
});
