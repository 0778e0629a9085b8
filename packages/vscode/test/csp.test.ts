import { describe, expect, it, vi } from 'vitest';
vi.mock('vscode', () => import('./vscodeStub.js'));
import { contentSecurityPolicy, nonce } from '../src/graphPanel.js';

describe('graph webview CSP', () => {
  it('denies everything by default and runs only scripts carrying the nonce', () => {
    const n = nonce();
    expect(n).toMatch(/^[A-Za-z0-9]{32}$/);
    const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', n);
    expect(csp.startsWith("default-src 'none'")).toBe(true);
    expect(csp).toContain(`script-src 'nonce-${n}'`);
    const script = csp.split('; ').find((d) => d.startsWith('script-src'))!;
    expect(script).not.toMatch(/unsafe-inline|unsafe-eval|https:|\*/);
  });
});
