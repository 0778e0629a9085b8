import { describe, expect, it, vi } from 'vitest';
vi.mock('vscode', () => import('./vscodeStub.js'));
import { buildModel, parsePlan, type OwnerOfPath } from '@plansight/core';
import { foreignExclusive, ownerText } from '../src/statusBar.js';

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
