import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonForScript, renderHtmlPage } from '../src/html.js';
import { linkRuns } from '../src/linkify.js';
import { sha256Base64 } from '../src/sha256.js';
import { fixture } from './fixtures.js';

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');

describe('sha256Base64', () => {
  it('should match node:crypto on known and random text', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '✅ ❌ 🔄 plan']) expect(sha256Base64(s)).toBe(nodeSha(s));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        expect(sha256Base64(s)).toBe(nodeSha(s));
      }), { numRuns: 200 });
  });
});

describe('renderHtmlPage', () => {
  const payload = fixture('small');
  const bundle = 'console.log("</script><script>alert(1)</script>");';
  const page = renderHtmlPage(payload, bundle);

  it('should carry a CSP that allows exactly its inline script and style by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    const script = /<script>([\s\S]*)<\/script>\n<\/body>/.exec(page)![1]!;
    const style = /<style data-plansight>([\s\S]*?)<\/style>/.exec(page)![1]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${nodeSha(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${nodeSha(style)}'`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('should not let the bundle close its own script element', () => {
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).toContain('<\\/script><script>alert(1)<\\/script>');
  });

  it('should embed the payload as JSON with < escaped, readable back unchanged', () => {
    const json = /<script type="application\/json" id="plansight-data">([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.parse(json)).toEqual(payload);
  });

  it('should have no inline event handler and no external resource outside the JSON data', () => {
    const markup = page.replace(/<script type="application\/json" id="plansight-data">[\s\S]*?<\/script>/, '');
    expect(page).toContain('onerror=alert');
    expect(markup).not.toMatch(/\son[a-z]+\s*=/i);
    expect(markup).not.toMatch(/\b(src|href)=/i);
  });

  it('should round-trip any payload text through jsonForScript', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const out = jsonForScript({ s });
        expect(out).not.toMatch(/<\/?script|<!--/i);
        expect(JSON.parse(out)).toEqual({ s });
      }),
      { numRuns: 300 },
    );
  });
});

describe('linkRuns', () => {
  it('should make http(s) links live and keep everything else as text', () => {
    expect(linkRuns('See [the spec](https://example.com/spec) and [bad](javascript:alert(1))')).toEqual([
      { text: 'See ' },
      { text: 'the spec', href: 'https://example.com/spec' },
      { text: ' and [bad](javascript:alert(1))' },
    ]);
    expect(linkRuns('docs at http://example.org/a.md, done')).toEqual([
      { text: 'docs at ' },
      { text: 'http://example.org/a.md', href: 'http://example.org/a.md' },
      { text: ', done' },
    ]);
    expect(linkRuns('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>' }]);
  });

  it('should keep every character of the text, in order', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        const runs = linkRuns(s);
        const plain = runs.every((r) => !('href' in r));
        if (plain) expect(runs.map((r) => r.text).join('')).toBe(s);
        for (const r of runs) if ('href' in r) expect(r.href).toMatch(/^https?:/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rollup labels', () => {
  it('should drop the parent heading path already shown above', async () => {
    const { shortLabel, progressText, gateBadge } = await import('../src/rollup.js');
    expect(shortLabel('Round Planning › Lessons Learned › What Went Well', 'Round Planning')).toBe('Lessons Learned › What Went Well');
    expect(shortLabel('Round Planning', 'Round Planning')).toBe('Round Planning');
    expect(shortLabel('Week 2 gate', 'plans/master.md')).toBe('Week 2 gate');
    expect(progressText({ done: 1, total: 3, percent: 33.333 })).toBe('1/3 · 33%');
    expect(gateBadge({ kind: 'gate', passed: true, total: 2 })).toEqual({ text: '✓ passed', pass: true });
    expect(gateBadge({ kind: 'gate', total: 2 })).toEqual({ text: '✗ not passed', pass: false });
    expect(gateBadge({ kind: 'file', passed: true, total: 2 })).toBeNull();
  });
});
