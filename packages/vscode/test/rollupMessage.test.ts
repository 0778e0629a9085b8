import { describe, expect, it, vi } from 'vitest';
vi.mock('vscode', () => import('./workspaceStub.js'));
import { EventEmitter } from './workspaceStub.js';
import { RollupTree } from '../src/rollupTree.js';
import type { IndexState } from '../src/indexProgress.js';
import type { ViewHandlers } from '../src/viewHandlers.js';
import type { WorkspaceIndex } from '../src/workspaceIndex.js';

/** The parts of WorkspaceIndex the rollup tree reads, counting how often it asks for the analysis. */
function fakeIndex() {
  const changed = new EventEmitter<void>();
  const progress = new EventEmitter<IndexState>();
  const state = { indexing: { phase: 'finding' } as IndexState, rollups: [] as unknown[], analyses: 0 };
  const index = {
    onDidChange: changed.event,
    onDidProgress: progress.event,
    get indexing() {
      return state.indexing;
    },
    analysis: () => {
      state.analyses++;
      return { rollups: state.rollups };
    },
  };
  const go = (s: IndexState) => {
    state.indexing = s;
    progress.fire(s);
  };
  return { index: index as unknown as WorkspaceIndex, state, go, changed: () => changed.fire() };
}

const handlers = {} as ViewHandlers;

describe('rollup view message', () => {
  it('says indexing n/N while a scan reads, nothing while refining a filled tree, and no analysis per progress event', () => {
    const f = fakeIndex();
    const tree = new RollupTree(f.index, handlers);
    expect(tree.view.message).toBe('Plansight: indexing…');
    f.go({ phase: 'reading', done: 0, total: 40 });
    f.go({ phase: 'reading', done: 17, total: 40 });
    expect(tree.view.message).toBe('Plansight: indexing 17/40…');
    f.state.rollups = [{ kind: 'vault' }];
    f.go({ phase: 'refining', left: 4 });
    f.changed();
    expect(tree.view.message).toBeUndefined();
    const asked = f.state.analyses;
    f.go({ phase: 'refining', left: 2 });
    f.go({ phase: 'idle' });
    expect(f.state.analyses).toBe(asked);
    expect(tree.view.message).toBeUndefined();
    tree.dispose();
  });

  it('says there are no checklists once a scan of a workspace without any ends', () => {
    const f = fakeIndex();
    const tree = new RollupTree(f.index, handlers);
    f.go({ phase: 'reading', done: 3, total: 3 });
    f.go({ phase: 'idle' });
    f.changed();
    expect(tree.view.message).toBe('No checklists found in the plan files of this workspace.');
    f.go({ phase: 'finding' });
    expect(tree.view.message).toBe('Plansight: indexing…');
    tree.dispose();
  });
});
