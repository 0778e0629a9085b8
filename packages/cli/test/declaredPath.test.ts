import { describe, expect, it } from 'vitest';
import { cli, tempVault } from './cliHarness.js';
import type { PlanGraph } from '@plansight/core';
import { describeShared, SHARED } from '../../core/test/shared.js';

/** Workers whose plan declares Worker 3/4 in parallel while Worker 4 also waits on Worker 3. */
const PLAN = `# Master plan

### Worker 1 - "Core" (80 hours)
### Worker 2 - "GPU" (40 hours)
### Worker 3 - "Apps" (40 hours)
### Worker 4 - "Domain" (40 hours)

**DEPENDS ON**: Worker 3 (domain examples)

## Dependency Graph

**Critical Path**: Worker 2 (weeks 1-2) → Worker 1 (weeks 3-6) → Worker 3/4 (weeks 7-11)
`;

describe('declared critical path in the CLI', () => {
  it('should print the declared path, then the computed one with days, and why they differ', async () => {
    const dir = tempVault({ 'plan.md': PLAN });
    const r = await cli(['report', '.'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('Critical path (declared at plan.md:12): Worker 2 → Worker 1 → Worker 3/4');
    expect(at).toBeGreaterThan(-1);
    expect(lines[at + 1]).toBe('  computed from dependencies: Worker 2 → Worker 1 → Worker 3 → Worker 4 (25 days)');
    expect(lines[at + 2]).toBe('  differs: the plan runs Worker 3/4 in parallel, but Worker 4 depends on Worker 3 (line 8)');
  });

  it('should report the difference as an info in check, without failing it', async () => {
    const dir = tempVault({ 'plan.md': PLAN });
    const r = await cli(['check', '.'], dir);
    expect(r.stdout).toContain('plan.md:12: info critical-path-differs the plan runs Worker 3/4 in parallel, but Worker 4 depends on Worker 3 (line 8)');
    expect(r.code).toBe(0);
  });

  it('should carry the declared path in the graph JSON and Mermaid exports', async () => {
    const dir = tempVault({ 'plan.md': PLAN });
    const g = JSON.parse((await cli(['graph', '.', '--format', 'json'], dir)).stdout) as PlanGraph;
    expect(g.declaredCriticalPath).toEqual({
      steps: [['actor:worker-2'], ['actor:worker-1'], ['actor:worker-3', 'actor:worker-4']],
      labels: ['Worker 2', 'Worker 1', 'Worker 3/4'],
      file: 'plan.md',
      line: 12,
    });
    const m = (await cli(['graph', '.', '--format', 'mermaid'], dir)).stdout;
    expect(m).toContain('  %% declared critical path (plan.md:12): Worker 2 → Worker 1 → Worker 3/4\n');
  });
});

describeShared('declared critical path on the master plan seed', () => {
  it('should print the plan\'s own path and the computed one', async () => {
    const r = await cli(['report', 'seeds/master-plan-4-workers.md'], SHARED);
    expect(r.stdout).toContain('Critical path (declared at seeds/master-plan-4-workers.md:307): Worker 2 → Worker 1 → Worker 3/4\n  computed from dependencies: Worker 2 → Worker 1 → Worker 3 → Worker 4 (');
  });
});
