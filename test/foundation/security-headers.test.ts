/** Security headers on every answer, API and web app alike (issue 12). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('every answer — success, refusal, unknown route, router error — forbids framing and sniffing and sets a CSP', async () => {
    const answers = [
      await t.request(t.agent, 'GET', '/api/auth/me'),
      await t.request(null, 'GET', '/api/persons'),
      await t.request(t.agent, 'GET', '/api/nothing-here'),
      await t.request(null, 'GET', '/api/openapi.json'),
      await t.request(t.agent, 'POST', `/api/calls/${'x'.repeat(600)}/answer`),
    ];
    for (const res of answers) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });
});
