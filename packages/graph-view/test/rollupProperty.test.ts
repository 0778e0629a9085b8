import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Rollup, RollupItem } from '@plansight/core';
import { progressText, type RollupOptions, type RollupRenderer } from '../src/rollup.js';
import { bundle, describeBrowser, launchChromium } from './browser.js';

/** A group as the live tree shows it: key, count, open, and its item rows (text, checked, line) when open. */
type Shown = [key: string, count: string, open: boolean, items: Array<[text: string, checked: boolean, line: string]>];

/** What the page exposes to the property test. */
interface Harness {
  start(options: RollupOptions): void;
  render(rollups: Rollup[]): void;
  /** Click the summary of the `n`th visible group (mod their count); render `rollups` in the same task if given. */
  click(n: number, rollups: Rollup[] | null): void;
  /** The live tree and a fresh render of `rollups` with the live tree's open state, normalized; and what the user set. */
  compare(rollups: Rollup[]): { live: string; fresh: string; wrongOpen: string[]; shown: Shown[] };
}

declare global {
  interface Window {
    PlansightRollup?: { RollupRenderer: typeof RollupRenderer };
    harness: Harness;
  }
}

interface Item { text: string; checked: boolean; line: number; file: string }
interface Group { id: number; kind: 'gate' | 'section' | 'actor'; name: string; items: Item[]; sub: Group[] }
interface File { path: string; groups: Group[] }
interface State { files: File[]; next: number }

type Op =
  | { op: 'add'; f: number; g: number; at: number; text: string; checked: boolean }
  | { op: 'remove'; f: number; g: number; at: number }
  | { op: 'change'; f: number; g: number; at: number; checked: boolean; shift: number; text: string | null }
  | { op: 'addGroup'; f: number; at: number; kind: Group['kind']; nested: boolean }
  | { op: 'removeGroup'; f: number; g: number }
  | { op: 'rename'; f: number; g: number; name: string }
  | { op: 'addFile'; at: number }
  | { op: 'removeFile'; f: number }
  | { op: 'click'; n: number; sameTask: boolean };

const PATHS = ['plans/a.md', 'plans/b.md', 'notes/c.md', 'd.md'];

function pick<T>(list: T[], n: number): T | undefined {
  return list.length ? list[n % list.length] : undefined;
}

/** Every group of a file, nested ones after their parent. */
function groupsOf(file: File): Group[] {
  return file.groups.flatMap((g) => [g, ...g.sub]);
}

function apply(state: State, op: Op): void {
  const file = 'f' in op ? pick(state.files, op.f) : undefined;
  const group = file && 'g' in op ? pick(groupsOf(file), op.g) : undefined;
  switch (op.op) {
    case 'add':
      group?.items.splice(op.at % (group.items.length + 1), 0, { text: op.text, checked: op.checked, line: 10 + op.at, file: group.kind === 'actor' ? pick(PATHS, op.at)! : file!.path });
      break;
    case 'remove':
      if (group?.items.length) group.items.splice(op.at % group.items.length, 1);
      break;
    case 'change': {
      const item = group && pick(group.items, op.at);
      if (!item) break;
      item.checked = op.checked;
      item.line += op.shift;
      if (op.text !== null) item.text = op.text;
      break;
    }
    case 'addGroup': {
      if (!file) break;
      const g: Group = { id: state.next++, kind: op.kind, name: `Group ${state.next}`, items: [{ text: 'first', checked: false, line: 1, file: file.path }], sub: [] };
      const parent = op.nested ? pick(file.groups, op.at) : undefined;
      if (parent) parent.sub.push(g);
      else file.groups.splice(op.at % (file.groups.length + 1), 0, g);
      break;
    }
    case 'removeGroup':
      if (!file || !group) break;
      file.groups = file.groups.filter((g) => g !== group);
      for (const g of file.groups) g.sub = g.sub.filter((s) => s !== group);
      break;
    case 'rename':
      if (group) group.name = op.name;
      break;
    case 'addFile': {
      const path = PATHS.find((p) => !state.files.some((f) => f.path === p));
      if (path) state.files.splice(op.at % (state.files.length + 1), 0, { path, groups: [{ id: state.next++, kind: 'section', name: 'Intro', items: [{ text: 'only', checked: true, line: 2, file: path }], sub: [] }] });
      break;
    }
    case 'removeFile':
      if (file) state.files = state.files.filter((f) => f !== file);
      break;
    case 'click':
      break;
  }
}

function totals(items: RollupItem[], children: Rollup[]): Pick<Rollup, 'done' | 'total' | 'percent'> {
  const total = items.length + children.reduce((n, c) => n + c.total, 0);
  const done = items.filter((i) => i.checked).length + children.reduce((n, c) => n + c.done, 0);
  return { done, total, percent: total ? (100 * done) / total : 0 };
}

function groupRollup(g: Group, file: File, parentLabel: string): Rollup {
  const label = `${parentLabel} › ${g.name}`;
  const items: RollupItem[] = g.items.map((i) => ({ ...i, status: i.checked ? 'done' : 'todo' }));
  const children = g.sub.map((s) => groupRollup(s, file, label));
  const t = totals(items, children);
  const where = g.kind === 'actor' ? {} : { file: file.path };
  return { key: `${file.path}#${g.id}`, label, kind: g.kind, ...t, ...where, ...(g.kind === 'gate' ? { passed: t.total > 0 && t.done === t.total } : {}), children, items };
}

function model(state: State): Rollup[] {
  const files = state.files.map((f): Rollup => {
    const children = f.groups.map((g) => groupRollup(g, f, f.path));
    return { key: f.path, label: f.path, kind: 'file', file: f.path, ...totals([], children), children, items: [] };
  });
  return state.files.length ? [{ key: 'vault', label: 'All plans', kind: 'vault', ...totals([], files), children: files, items: [] }] : [];
}

function initial(): State {
  const items = (path: string, texts: string[]): Item[] => texts.map((text, i) => ({ text, checked: i % 2 === 0, line: 5 + i, file: path }));
  return {
    next: 3,
    files: [
      { path: 'plans/a.md', groups: [{ id: 0, kind: 'gate', name: 'Gate 1', items: items('plans/a.md', ['A', 'B', 'A']), sub: [{ id: 1, kind: 'section', name: 'Inner', items: items('plans/a.md', ['C']), sub: [] }] }] },
      { path: 'plans/b.md', groups: [{ id: 2, kind: 'actor', name: 'Worker 1', items: items('plans/b.md', ['D', 'E']), sub: [] }] },
    ],
  };
}

/** What the model says the live tree shows, given which groups are open (a closed group's contents are not shown). */
function expectedShown(rollups: Rollup[], open: Map<string, boolean>): Shown[] {
  const out: Shown[] = [];
  const walk = (r: Rollup): void => {
    const isOpen = open.get(r.key) ?? false;
    const plain = (t: string) => t.replace(/\[([^\]\n]+)\]\((https?:[^)\s]+)\)/g, '$1');
    out.push([r.key, progressText(r), isOpen, isOpen ? r.items.map((i) => [plain(i.text), i.checked, String(i.line)]) : []]);
    if (isOpen) r.children.filter((c) => c.total > 0).forEach(walk);
  };
  rollups.forEach(walk);
  return out;
}

/** Runs in the page: two renderers, one kept across updates and one made fresh each time, and a normalizer. */
function installHarness(): void {
  const { RollupRenderer } = window.PlansightRollup!;
  const events = { toggle: () => {}, open: () => {} };
  let live: RollupRenderer | null = null;
  let options: RollupOptions = {};
  const userOpen = new Map<string, boolean>();
  const snap = (node: Node): unknown => {
    if (!(node instanceof Element)) return node.textContent;
    const attrs = [...node.attributes].map((a) => `${a.name}=${a.value}`).sort();
    if (node instanceof HTMLInputElement) attrs.push(`checked:${node.checked}`, `disabled:${node.disabled}`);
    let kids = [...node.childNodes];
    // What a closed group holds is not shown; a fresh render does not build it.
    if (node instanceof HTMLDetailsElement && !node.open) kids = kids.filter((k) => k instanceof HTMLElement && k.tagName === 'SUMMARY');
    return [node.tagName, attrs, kids.map(snap)];
  };
  const visible = (): HTMLDetailsElement[] =>
    [...live!.root.querySelectorAll('details')].filter((d) => {
      for (let p = d.parentElement?.closest('details'); p; p = p.parentElement?.closest('details')) if (!p.open) return false;
      return true;
    });
  window.harness = {
    start(o) {
      live?.destroy();
      userOpen.clear();
      options = o;
      live = new RollupRenderer(document.getElementById('live')!, events, o);
    },
    render(rollups) {
      live!.render(rollups);
    },
    click(n, rollups) {
      const groups = visible();
      const d = groups[n % Math.max(1, groups.length)];
      if (d) {
        d.querySelector(':scope > summary')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        userOpen.set(d.dataset.key!, d.open);
      }
      if (rollups) live!.render(rollups);
    },
    compare(rollups) {
      const fresh = new RollupRenderer(document.getElementById('fresh')!, events, { ...options, open: live!.openGroups() });
      fresh.render(rollups);
      const shown = [...live!.root.querySelectorAll('details')]
        .filter((d) => !d.parentElement!.closest('details:not([open])'))
        .map((d): Shown => [
          d.dataset.key!,
          d.querySelector(':scope > summary .ps-rollup-count')!.textContent!,
          d.open,
          d.open ? [...d.querySelectorAll(':scope > ul > li')].map((li) => [li.querySelector('.ps-rollup-text')!.textContent!, (li.querySelector('input') as HTMLInputElement).checked, li.getAttribute('data-line')!]) : [],
        ]);
      const result = { live: JSON.stringify(snap(live!.root)), fresh: JSON.stringify(snap(fresh.root)), wrongOpen: [] as string[], shown };
      fresh.destroy();
      for (const d of live!.root.querySelectorAll('details')) {
        const want = userOpen.get(d.dataset.key!);
        if (want !== undefined && d.open !== want) result.wrongOpen.push(d.dataset.key!);
      }
      return result;
    },
  };
}

describeBrowser('rollup updates, property-tested in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setContent('<!doctype html><html><body><div id="live"></div><div id="fresh"></div></body></html>');
    await page.addScriptTag({ content: await bundle('packages/graph-view/test/rollupPage.ts') });
    await page.evaluate(installHarness);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('should match a fresh render of the same model after any sequence of updates, keeping what the user opened or closed', async () => {
    const n = fc.nat(20);
    const text = fc.constantFrom('A', 'B', 'C', 'New task', 'See [x](https://example.com)', '');
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('add' as const), f: n, g: n, at: n, text, checked: fc.boolean() }),
      fc.record({ op: fc.constant('remove' as const), f: n, g: n, at: n }),
      fc.record({ op: fc.constant('change' as const), f: n, g: n, at: n, checked: fc.boolean(), shift: fc.integer({ min: -2, max: 3 }), text: fc.option(text) }),
      fc.record({ op: fc.constant('addGroup' as const), f: n, at: n, kind: fc.constantFrom('gate' as const, 'section' as const, 'actor' as const), nested: fc.boolean() }),
      fc.record({ op: fc.constant('removeGroup' as const), f: n, g: n }),
      fc.record({ op: fc.constant('rename' as const), f: n, g: n, name: fc.constantFrom('Gate 1', 'Renamed', '') }),
      fc.record({ op: fc.constant('addFile' as const), at: n }),
      fc.record({ op: fc.constant('removeFile' as const), f: n }),
      fc.record({ op: fc.constant('click' as const), n, sameTask: fc.boolean() }),
      fc.record({ op: fc.constant('click' as const), n, sameTask: fc.boolean() }),
    );
    // bigTreeItems 6: the tree crosses the "big" line as items come and go, so laziness switches on and off.
    const options = fc.record({ bigTreeItems: fc.constantFrom(6, 300), openDepth: fc.constantFrom(0, 1, 2), readOnly: fc.boolean() });

    await fc.assert(
      fc.asyncProperty(options, fc.array(op, { minLength: 1, maxLength: 30 }), async (opts, ops) => {
        const state = initial();
        await page.evaluate(([o, m]) => {
          window.harness.start(o);
          window.harness.render(m);
        }, [opts, model(state)] as const);
        for (const step of ops) {
          apply(state, step);
          const m = model(state);
          if (step.op === 'click') await page.evaluate(([k, r]) => window.harness.click(k, r), [step.n, step.sameTask ? m : null] as const);
          else await page.evaluate((r) => window.harness.render(r), m);
          const seen = await page.evaluate((r) => window.harness.compare(r), m);
          expect(seen.live).toBe(seen.fresh);
          expect(seen.shown).toEqual(expectedShown(m, new Map(seen.shown.map(([key, , open]) => [key, open]))));
          expect(seen.wrongOpen).toEqual([]);
        }
      }),
      { numRuns: 100 },
    );
    expect(errors).toEqual([]);
  });
});
