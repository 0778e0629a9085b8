import { mountPlansight, type PlansightView } from './mount.js';
import type { ViewModelPayload } from './protocol.js';

export { mountPlansight } from './mount.js';

declare global {
  interface Window {
    Plansight?: { mountPlansight: typeof mountPlansight; view?: PlansightView };
  }
}

/** The HTML export: read the payload from the page and mount read-only; "open" shows file:line as text. */
function bootExport(): void {
  const data = document.getElementById('plansight-data');
  const root = document.getElementById('plansight-root');
  if (!data || !root) return;
  let payload: ViewModelPayload;
  try {
    payload = JSON.parse(data.textContent ?? '') as ViewModelPayload;
  } catch (e) {
    root.textContent = `Plansight: the embedded plan data is not valid JSON (${String(e)})`;
    return;
  }
  const view: PlansightView = mountPlansight(root, {
    initial: payload,
    readOnly: true,
    post: (msg) => {
      if (msg.type === 'open') view.note(`Source: ${msg.file}:${msg.line}`);
    },
  });
  window.Plansight = { mountPlansight, view };
}

window.Plansight = { mountPlansight };
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', bootExport);
else bootExport();
