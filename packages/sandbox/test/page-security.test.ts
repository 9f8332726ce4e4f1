// The "be a customer" page runs beside the console: names from the sandbox's state (anyone can set them) must reach
// the page as text, and the page carries the console's security headers with a policy that allows no inline script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_HTML, PAGE_JS } from '../src/page-html';
import { setup, type Ctx } from './helpers';

let c: Ctx;
beforeAll(async () => {
  c = await setup();
});
afterAll(async () => c?.sb.close());

describe('sandbox page', () => {
  it('answers /sandbox and its script with CSP (no inline script), no framing, nosniff and a referrer policy', async () => {
    for (const path of ['/sandbox', '/sandbox/page.js', '/sandbox/corps']) {
      const res = await fetch(c.sb.url + path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
    expect((await fetch(`${c.sb.url}/sandbox/page.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('writes names as text: no inline script, no HTML built from state', async () => {
    expect(PAGE_HTML).not.toMatch(/<script>(?!<\/script>)/);
    expect(PAGE_HTML).toContain('<script src="/sandbox/page.js"></script>');
    expect(PAGE_JS).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    const name = '<img src=x onerror=alert(1)>';
    const made = await c.sim('POST', `/sandbox/corps/${c.corpId}/customers`, { name });
    expect(made.status).toBe(201);
    const state = await c.sim('GET', `/sandbox/corps/${c.corpId}/state?limit=300`);
    // The state keeps the name as it was typed; the page is what must not run it (tests/browser/sandbox-page.test.ts).
    expect(JSON.stringify(state.json)).toContain(JSON.stringify(name).slice(1, -1));
  });
});
