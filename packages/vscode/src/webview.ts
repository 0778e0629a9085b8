/**
 * The webview side of the graph panel: mounts graph-view and relays messages. Runs under the panel's CSP
 * (no inline script; this file is loaded with the page's nonce).
 */
import { mountPlansight, type ViewMessage } from '@plansight/graph-view';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const root = document.getElementById('plansight-root') ?? document.body;
// mountPlansight posts `ready` itself, once it listens for the host's messages.
mountPlansight(root, { post: (m) => api.postMessage(m), listenToWindow: true });
