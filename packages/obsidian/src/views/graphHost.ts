import { mountPlansight, type PlansightView, type ViewFilter, type ViewMessage, type ViewModelPayload } from '@plansight/graph-view';

export type Panels = 'both' | 'graph' | 'rollup';

/** Host graph-view (graph, rollup or both) in a container; the host answers its messages. */
export function mountGraph(
  container: HTMLElement,
  payload: ViewModelPayload,
  post: (m: ViewMessage) => void,
  panels: Panels = 'graph',
  filter?: ViewFilter,
): PlansightView {
  const view = mountPlansight(container, { post, initial: payload, panels });
  if (filter) view.setFilter(filter);
  return view;
}

/** `actor=worker-1 group="Sprint 1" hide-done focus=T1-001` → a graph-view filter. */
export function parseFilter(text: string): ViewFilter {
  const filter: ViewFilter = {};
  for (const m of text.matchAll(/([a-z-]+)(?:=(?:"([^"]*)"|(\S+)))?/gi)) {
    const key = m[1]!.toLowerCase();
    const value = m[2] ?? m[3] ?? '';
    if (key === 'actor' && value) filter.actor = value;
    else if ((key === 'group' || key === 'sprint' || key === 'week' || key === 'gate') && value) filter.group = value;
    else if (key === 'focus' && value) filter.focus = value;
    else if (key === 'hide-done' || key === 'hidedone' || key === 'open') filter.hideDone = true;
  }
  return filter;
}
