import { describe, expect, it, vi } from 'vitest';
vi.mock('vscode', () => import('./vscodeStub.js'));
import { buildModel, parsePlan, type OwnerOfPath } from '@plansight/core';
import { foreignExclusive, ownerText } from '../src/statusBar.js';
import { toMermaid } from '../src/mermaid.js';

const model = buildModel([
  parsePlan(
    'Master Plan.md',
    '# Master Plan\n\n## Worker 1 - "Sync"\n\n## Worker 2 - "Storage"\n\n## Worker 3 - "App"\n',
  ),
]);
const rule = (actor: string, mode: OwnerOfPath['mode']): OwnerOfPath => ({ actor, mode, pattern: 'src/sync/', file: 'Master Plan.md', line: 9 });

describe('owner status bar text', () => {
  it('names the exclusive owner first, then the other modes', () => {
    const owners = [rule('worker-2', 'exclusive'), rule('worker-1', 'read-only'), rule('worker-3', 'shared')];
    expect(model.actors.map((a) => a.id)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(ownerText(model, owners)).toBe('Owned by Worker 2 · shared with Worker 3 · read-only for Worker 1');
    expect(ownerText(model, [rule('lead', 'exclusive')])).toBe('Owned by lead');
  });

  it('warns only when the current actor is set and is not an exclusive owner (by id, name or alias)', () => {
    const owners = [rule('worker-2', 'exclusive'), rule('worker-1', 'read-only')];
    expect(foreignExclusive(model, owners, '')).toBe(false);
    expect(foreignExclusive(model, owners, 'worker-2')).toBe(false);
    expect(foreignExclusive(model, owners, 'worker-1')).toBe(true);
    expect(foreignExclusive(model, [rule('worker-1', 'shared')], 'worker-3')).toBe(false);
    expect(foreignExclusive(model, owners, 'Worker 2')).toBe(false);
    expect(foreignExclusive(model, owners, 'storage')).toBe(false);
    expect(foreignExclusive(model, owners, 'Worker 1')).toBe(true);
  });
});

describe('Mermaid export', () => {
  it('draws nodes with status classes and dependency-first arrows, critical edges bold', () => {
    const text = toMermaid({
      nodes: [
        { id: 'T1-001', label: 'Server "setup"', kind: 'item', status: 'done', file: 'a.md', line: 3, critical: true, inCycle: false, ready: false, blocked: false, groups: [] },
        { id: 'T1-002', label: 'Router', kind: 'item', status: 'in-progress', file: 'a.md', line: 4, critical: true, inCycle: false, ready: true, blocked: false, groups: [] },
      ],
      edges: [{ from: 'T1-002', to: 'T1-001', via: 'Dependencies', critical: true, inCycle: false }],
      cycles: [],
      criticalPath: ['T1-001', 'T1-002'],
      ready: ['T1-002'],
      blocked: [],
      risks: [],
    });
    expect(text.split('\n')).toEqual(
      expect.arrayContaining(['flowchart LR', '  n0["T1-001: Server #quot;setup#quot;"]:::done', '  n1["T1-002: Router"]:::inprogress', '  n0 ==> n1']),
    );
  });
});
