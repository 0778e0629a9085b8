import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMojibake } from '@plansight/core';
import { HAS_CHROMIUM, launchChromium } from '../../graph-view/test/browser.js';
import { bundle, pageHtml, PKG, ROOT } from './browser/bundle';

const VAULT_DAILY = join(ROOT, 'vault-template/DAILY_STATUS.md');
const DAILY_PATH = existsSync(VAULT_DAILY) ? VAULT_DAILY : join(PKG, 'test/fixtures/DAILY_STATUS.md');
if (DAILY_PATH !== VAULT_DAILY) console.warn(`  ⚠ ${VAULT_DAILY} is not there yet: the CM6 test reads test/fixtures/DAILY_STATUS.md`);
const DAILY = readFileSync(DAILY_PATH, 'utf8').replace(/\r\n/g, '\n');
const LINES = DAILY.split('\n');

const EMOJI: Record<string, 'done' | 'in-progress' | 'blocked' | 'other'> = {
  '✅': 'done',
  '🔄': 'in-progress',
  '❌': 'blocked',
  '⏳': 'other',
  '🎯': 'other',
};
/** A status line; group 1 ends where the inline control goes: right after the status emoji. */
const STATUS_LINE = /^(\s*[-*+]\s+(✅|🔄|❌|⏳|🎯))/u;

/** What the decorations must show, read independently of the plugin with plain regexes. */
function expected(lines: string[]) {
  type Chip = { line: number; done: number; 'in-progress': number; blocked: number };
  const chips: (Chip & { lines: number })[] = [];
  const controls: { line: number; col: number }[] = [];
  let fence = false;
  lines.forEach((text, i) => {
    if (/^\s{0,3}(```|~~~)/.test(text)) fence = !fence;
    if (fence) return;
    if (/^#{1,6}\s/.test(text)) {
      chips.push({ line: i + 1, done: 0, 'in-progress': 0, blocked: 0, lines: 0 });
      return;
    }
    const m = STATUS_LINE.exec(text);
    if (!m) return;
    const current = chips[chips.length - 1];
    const kind = EMOJI[m[2]!]!;
    if (current) {
      current.lines++;
      if (kind !== 'other') current[kind]++;
    }
    controls.push({ line: i + 1, col: m[1]!.length });
  });
  return { chips: chips.filter((c) => c.lines > 0).map(({ lines: _, ...c }): Chip => c), controls };
}

async function chipsOnPage(page: Page) {
  return page.$$eval('.pso-chips', (els) =>
    els.map((el) => {
      const count = (s: string) => Number(el.querySelector(`[data-status="${s}"]`)?.getAttribute('data-count'));
      return { line: window.ps.lineOf(el), done: count('done'), 'in-progress': count('in-progress'), blocked: count('blocked') };
    }),
  );
}

async function controlsOnPage(page: Page) {
  return page.$$eval('.pso-status-ctl', (els) => els.map((el) => ({ line: window.ps.lineOf(el), col: window.ps.colOf(el) })));
}

describe.runIf(HAS_CHROMIUM)('CodeMirror 6 extension in headless Chromium', () => {
  let browser: Browser;
  let html: string;
  let page: Page;

  beforeAll(async () => {
    html = pageHtml(await bundle(join(PKG, 'test/browser/editorPage.ts')));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(text: string, path = 'DAILY_STATUS.md', targets: unknown[] = []): Promise<Page> {
    page = await browser.newPage({ viewport: { width: 1000, height: 4000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent(html);
    await page.evaluate(([t, p, g]) => window.ps.mount(t as string, p as string, g as never), [text, path, targets] as const);
    await page.waitForFunction(() => window.ps.h().models > 0);
    expect(errors).toEqual([]);
    return page;
  }

  it(`decorates ${DAILY_PATH.replace(ROOT + '/', '')}: chips on worker headings, a control after each status emoji`, async () => {
    const p = await open(DAILY);
    const want = expected(LINES);
    expect(want.chips.length).toBeGreaterThan(1);
    expect(await chipsOnPage(p)).toEqual(want.chips);
    expect(await controlsOnPage(p)).toEqual(want.controls);
    await p.close();
  });

  it('shows gate criteria progress beside a gate heading', async () => {
    const p = await open(readFileSync(join(PKG, 'test/fixtures/DAILY_STATUS.md'), 'utf8'));
    const gates = await p.$$eval('.pso-gate', (els) =>
      els.map((el) => ({ line: window.ps.lineOf(el), done: el.getAttribute('data-done'), total: el.getAttribute('data-total') })),
    );
    expect(gates).toEqual([{ line: 14, done: '2', total: '3' }]);
    await p.close();
  });

  it('changes a status through the inline control in one undoable transaction', async () => {
    const p = await open(DAILY);
    const idx = LINES.findIndex((l) => /^\s*[-*+]\s+🔄\s+In Progress:/.test(l));
    expect(idx).toBeGreaterThanOrEqual(0);
    const line = idx + 1;
    const heading = LINES.slice(0, idx).map((l, i) => (/^#{1,6}\s/.test(l) ? i + 1 : 0)).filter(Boolean).pop()!;
    const before = (await chipsOnPage(p)).find((c) => c.line === heading)!;

    // A locator (by position among the controls), not an element handle: CodeMirror may redraw a widget.
    const lines = await p.$$eval('.pso-status-ctl', (els) => els.map((el) => window.ps.lineOf(el)));
    const nth = lines.indexOf(line);
    expect(nth).toBeGreaterThanOrEqual(0);
    await p.locator('.pso-status-ctl').nth(nth).locator('.pso-status-btn').click();
    await p.click('.pso-status-menu .pso-status-item[data-status="done"]');

    const after = LINES.map((l, i) => (i === idx ? l.replace('🔄', '✅').replace('In Progress', 'Completed') : l)).join('\n');
    expect(await p.evaluate(() => window.ps.text())).toBe(after);
    const chips = (await chipsOnPage(p)).find((c) => c.line === heading)!;
    expect(chips).toEqual({ ...before, done: before.done + 1, 'in-progress': before['in-progress'] - 1 });

    expect(await p.evaluate(() => window.ps.undo())).toBe(true);
    expect(await p.evaluate(() => window.ps.text())).toBe(DAILY);
    expect(await p.evaluate(() => window.ps.redo())).toBe(true);
    expect(await p.evaluate(() => window.ps.text())).toBe(after);
    await p.close();
  });

  it('keeps the file’s mojibake style when the status changes', async () => {
    const clean = '## Worker 1:\n- ✅ Completed: Time-delay embedding\n- 🔄 In Progress: k-NN implementation\n';
    const style = { charset: 'cp1252', undefinedBytes: 'drop' } as const;
    const text = encodeMojibake(clean, style);
    expect(text).toContain('ðŸ”„');
    const p = await open(text);
    expect(await chipsOnPage(p)).toEqual([{ line: 1, done: 1, 'in-progress': 1, blocked: 0 }]);
    expect(await p.evaluate(() => window.ps.setStatus(3, 'blocked'))).toBe(true);
    const lines = text.split('\n');
    lines[2] = encodeMojibake('- ❌ Blocked: k-NN implementation', style);
    expect(await p.evaluate(() => window.ps.text())).toBe(lines.join('\n'));
    expect(await chipsOnPage(p)).toEqual([{ line: 1, done: 1, 'in-progress': 0, blocked: 1 }]);
    await p.close();
  });

  it('typing keeps decorations in place and updates the counts per keystroke', async () => {
    const p = await open(DAILY);
    const want = expected(LINES);
    const first = want.controls[0]!;
    // Put the cursor at the end of the first status line and type a new blocked line below it, key by key.
    await p.evaluate((n) => window.ps.cursorAtEnd(n), first.line);
    await p.keyboard.press('Enter');
    await p.keyboard.type('- ❌ Blocked: waiting on review');
    const lines = [...LINES];
    lines.splice(first.line, 0, '- ❌ Blocked: waiting on review');
    expect(await p.evaluate(() => window.ps.text())).toBe(lines.join('\n'));
    const now = expected(lines);
    expect(await chipsOnPage(p)).toEqual(now.chips);
    expect(await controlsOnPage(p)).toEqual(now.controls);
    // Type inside a heading and delete it again: the chips stay on that heading line.
    const h = now.chips[0]!.line;
    await p.evaluate((n) => window.ps.cursorAtEnd(n), h);
    await p.keyboard.type(' (morning)');
    expect(await chipsOnPage(p)).toEqual(now.chips);
    for (let i = 0; i < ' (morning)'.length; i++) await p.keyboard.press('Backspace');
    expect(await p.evaluate(() => window.ps.text())).toBe(lines.join('\n'));
    expect(await chipsOnPage(p)).toEqual(now.chips);
    await p.close();
  });

  it('shows the target status on references and jumps on click', async () => {
    const targets = [
      { id: '#145', title: 'Digamma kernel', status: 'in-progress', file: 'Master Plan.md', line: 42 },
      { id: 'T1-001', title: 'Tokenizer', status: 'done', file: 'Sprint Plan M1.md', line: 7 },
    ];
    const text = readFileSync(join(PKG, 'test/fixtures/DAILY_STATUS.md'), 'utf8');
    const p = await open(text, 'DAILY_STATUS.md', targets);
    await p.waitForSelector('.pso-ref-badge');
    const marks = await p.$$eval('.pso-ref', (els) => els.map((el) => ({ text: el.textContent, ref: el.getAttribute('data-ref') })));
    expect(marks).toEqual([
      { text: 'Issue #145', ref: '#145' },
      { text: 'T1-001', ref: 'T1-001' },
      { text: 'Issue #145', ref: '#145' },
    ]);
    const badges = await p.$$eval('.pso-ref-badge', (els) => els.map((el) => [el.getAttribute('data-ref'), el.getAttribute('data-status')]));
    expect(badges).toEqual([
      ['#145', 'in-progress'],
      ['T1-001', 'done'],
      ['#145', 'in-progress'],
    ]);
    await p.click('.pso-ref-badge[data-ref="T1-001"]');
    expect(await p.evaluate(() => window.ps.h().jumps.map((j) => `${j.file}:${j.line}`))).toEqual(['Sprint Plan M1.md:7']);
    // Editing never moves a badge off its reference.
    await p.evaluate(() => {
      window.ps.h().view.focus();
      window.ps.h().view.dispatch({ selection: { anchor: 0 } });
    });
    await p.keyboard.type('> ');
    const after = await p.$$eval('.pso-ref', (els) => els.map((el) => el.textContent));
    expect(after).toEqual(['Issue #145', 'T1-001', 'Issue #145']);
    await p.close();
  });
});
