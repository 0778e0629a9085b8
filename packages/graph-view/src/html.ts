import type { ViewModelPayload } from './protocol.js';

/** A self-contained HTML page of the graph and rollup. (Stub until the graph-view issue lands.) */
export function renderHtmlPage(payload: ViewModelPayload, bundle: string): string {
  void payload;
  void bundle;
  throw new Error('the HTML export is not available yet');
}
