import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('is served without login and lists every API route the server has', async () => {
    const res = await t.request(null, 'GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)));
    const routes = t.app.server.printRoutes({ commonPrefix: false });
    expect(routes).toContain('/api/persons');
    for (const expected of ['GET /api/persons', 'POST /api/persons', 'PATCH /api/persons/:id', 'GET /api/screens/:id/render', 'PUT /api/settings', 'POST /api/auth/login',
      // the SIP trace (issue 17)
      'GET /api/telephony/sip-trace', 'PUT /api/telephony/sip-trace/devices/:id', 'PUT /api/telephony/sip-trace/calls/:id', 'GET /api/telephony/sip-trace/calls/:id/messages']) {
      expect(documented).toContain(expected);
    }
  });

  it('describes request bodies with the same limits the server enforces', async () => {
    const doc = (await t.request(null, 'GET', '/api/openapi.json')).json();
    const body = doc.paths['/api/companies'].post.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.name.maxLength).toBe(200);
  });
});
