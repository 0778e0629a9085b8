import Module, { createRequire } from 'node:module';
import { obsidianModule } from './obsidianStub';

/**
 * Load the built plugin bundle in plain Node: `obsidian` resolves to the stub, `window` is the given shim, and
 * `document` is the one thing the bundle touches at load time (remark's entity decoder sets `innerHTML` of a detached
 * element and reads `textContent` back; without a DOM, named entities stay literal). No test framework here: the
 * vitest helper (`builtPlugin.ts`) and the cache measurement script both use it.
 */
export function installPluginHost<P>(main: string, windowShim: Record<string, unknown>): new (app: unknown, manifest: unknown) => P {
  // CodeMirror first, in plain Node (it has its own no-DOM fallback), so the shims cannot confuse it.
  createRequire(main)('@codemirror/view');
  const g = globalThis as Record<string, unknown>;
  g.window = windowShim;
  g.document = {
    createElement: () => {
      let html = '';
      return {
        set innerHTML(v: string) {
          html = v;
        },
        get textContent() {
          return html;
        },
      };
    },
  };
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  original ??= mod._load;
  const load = original;
  mod._load = function (request: string, ...rest: unknown[]) {
    return request === 'obsidian' ? obsidianModule : load.call(this, request, ...rest);
  };
  return (createRequire(main)(main) as { default: new (app: unknown, manifest: unknown) => P }).default;
}

let original: ((request: string, ...rest: unknown[]) => unknown) | undefined;

/** Undo `installPluginHost`. */
export function uninstallPluginHost(): void {
  if (original) (Module as unknown as { _load: unknown })._load = original;
  original = undefined;
  delete (globalThis as Record<string, unknown>).window;
  delete (globalThis as Record<string, unknown>).document;
}
