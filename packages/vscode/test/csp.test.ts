import { describe, expect, it, vi } from 'vitest';
vi.mock('vscode', () => import('./vscodeStub.js'));
import { contentSecurityPolicy, nonce, webviewHtml } from '../src/graphPanel.js';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const asset = (name: string) => `${SOURCE}/ext/dist/${name}`;

describe('graph webview CSP', () => {
  it('denies everything by default and runs only scripts carrying the nonce', () => {
    const n = nonce();
    expect(n).toMatch(/^[A-Za-z0-9]{32}$/);
    const csp = contentSecurityPolicy(SOURCE, n);
    expect(csp.startsWith("default-src 'none'")).toBe(true);
    expect(csp).toContain(`script-src 'nonce-${n}'`);
    const script = csp.split('; ').find((d) => d.startsWith('script-src'))!;
    expect(script).not.toMatch(/unsafe-inline|unsafe-eval|https:|\*/);
  });

  it("allows styles only as files from the extension: no 'unsafe-inline' anywhere", () => {
    const csp = contentSecurityPolicy(SOURCE, nonce());
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp.split('; ').find((d) => d.startsWith('style-src'))).toBe(`style-src ${SOURCE}`);
  });

  it('links graph-view.css as the view stylesheet and has no inline style or script body', () => {
    const n = nonce();
    const html = webviewHtml(SOURCE, asset, n);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(SOURCE, n)}">`);
    // data-plansight tells mountPlansight the stylesheet is there, so it injects no <style> (which the CSP would block).
    expect(html).toContain(`<link rel="stylesheet" href="${asset('graph-view.css')}" data-plansight>`);
    expect(html).toContain(`<link rel="stylesheet" href="${asset('webview.css')}">`);
    expect(html).not.toMatch(/<style|\sstyle=/i);
    expect(html.match(/<script[^>]*>/g)).toEqual([`<script nonce="${n}" src="${asset('webview.js')}">`]);
  });
});
