import { describe, expect, it } from 'vitest';
import { analyze, buildModel, parsePlan } from '../../src/index.js';

const status = ['# Daily Status - 2025-10-12', '', '## Worker 1:', '- ❌ Blocked: Needs digamma kernel (Issue #999)', ''];

function dangling(files: Array<[string, string]>): string[] {
  const model = buildModel(files.map(([p, t]) => parsePlan(p, t)));
  return analyze(model)
    .diagnostics.filter((d) => d.code === 'dangling-reference')
    .map((d) => `${d.file}:${d.line}`);
}

describe('references in a daily status shown as an example', () => {
  it('should not report a dangling reference inside a fenced markdown example', () => {
    const plan = ['# Plan', '', '## Shared document', '', '```markdown', ...status, '```', ''].join('\n');
    expect(dangling([['plan.md', plan]])).toEqual([]);
  });

  it('should still report the same line in a live DAILY_STATUS.md', () => {
    expect(dangling([['DAILY_STATUS.md', status.join('\n')]])).toEqual(['DAILY_STATUS.md:4']);
  });
});
