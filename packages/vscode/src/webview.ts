/**
 * The webview side of the graph panel: mounts graph-view and relays messages. Runs in the webview under the
 * panel's CSP (no inline script; this file is loaded with the page's nonce).
 */
import * as graphView from '@plansight/graph-view';
import type { HostMessage, ViewMessage } from '@plansight/graph-view';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** The graph-view mount contract; looked up at run time so this bundle builds before graph-view lands. */
type Mount = (container: HTMLElement, options: { post: (m: ViewMessage) => void; initial?: unknown }) => unknown;

const api = acquireVsCodeApi();
const root = document.getElementById('plansight-root') ?? document.body;
const mount = (graphView as unknown as { mountPlansight?: Mount }).mountPlansight;

if (!mount) {
  root.textContent = 'Plansight: the graph view is not available in this build.';
} else {
  const view = mount(root, { post: (m) => api.postMessage(m) }) as Record<string, unknown> | undefined;
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    const receive = (view?.receive ?? view?.update ?? view?.handle) as ((m: HostMessage) => void) | undefined;
    receive?.call(view, event.data);
  });
}
api.postMessage({ type: 'ready' });
