import { describe, expect, it } from 'vitest';

describe('@plansight/graph-view public surface', () => {
  it('should export exactly the intended names', async () => {
    const mod = await import('../src/index.js');
    expect(Object.keys(mod).sort()).toEqual(
      [
        'DAGRE_LIMIT',
        'GRAPH_VIEW_CSS',
        'GraphRenderer',
        'NODE_HEIGHT',
        'NODE_WIDTH',
        'RollupRenderer',
        'STATUS_COLORS',
        'STATUS_LABEL',
        'STATUS_ORDER',
        'chainOf',
        'describeNode',
        'detectTheme',
        'ensureStyles',
        'filterChoices',
        'formatDays',
        'gateBadge',
        'isHostMessage',
        'jsonForScript',
        'layersOf',
        'layoutGraph',
        'linkRuns',
        'mountPlansight',
        'nodeLines',
        'progressText',
        'renderHtmlPage',
        'safeHref',
        'statusCounts',
        'statusVar',
        'truncate',
        'upstreamOf',
        'visibleGraph',
        'wrap',
      ].sort(),
    );
  });

  it('should accept only well-formed host messages from the window', async () => {
    const { isHostMessage } = await import('../src/index.js');
    expect(isHostMessage({ type: 'theme', theme: 'dark' })).toBe(true);
    expect(isHostMessage({ type: 'theme', theme: 'purple' })).toBe(false);
    expect(isHostMessage({ type: 'select', id: null })).toBe(true);
    expect(isHostMessage({ type: 'select', id: 3 })).toBe(false);
    expect(isHostMessage({ type: 'model', payload: { graph: { nodes: [], edges: [] }, rollups: [], actors: {} } })).toBe(true);
    expect(isHostMessage({ type: 'model', payload: { graph: {} } })).toBe(false);
    expect(isHostMessage({ type: 'open', file: 'a.md', line: 1 })).toBe(false);
    expect(isHostMessage(null)).toBe(false);
  });
});
