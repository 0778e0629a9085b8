/** Browser entry for the rollup tests: the renderer alone, so a test can mount two and compare them. */
import { RollupRenderer } from '../src/rollup.js';

declare global {
  interface Window {
    PlansightRollup?: { RollupRenderer: typeof RollupRenderer };
  }
}

window.PlansightRollup = { RollupRenderer };
