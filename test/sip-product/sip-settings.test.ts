/**
 * The SIP server's settings and the users' SIP passwords through the real API (issue 6):
 * validated before anything is saved, secrets write-only and redacted, admin only with
 * CSRF, audited, and the OpenAPI document saying so. No phones here: see sip-product.test.ts.
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { reservePorts } from '../sip/support/baresip-phone.js';

const sip = (port: number, over: Record<string, unknown> = {}) => ({ kind: 'sip', listenHost: '127.0.0.1', listenPort: port, trunk: null, ...over });

describe.each(DIALECTS)('SIP settings and SIP passwords through the API (%s)', (dialect) => {
  let t: TestApp;
  let holder: Socket | undefined;
  beforeEach(async () => {
    t = await startTestApp(dialect);
  });
  afterEach(async () => {
    holder?.close();
    holder = undefined;
    await t.close();
  });
  const agentId = async () => ((await t.request(t.admin, 'GET', '/api/users')).json() as { items: Array<{ id: number; login: string }> }).items.find((u) => u.login === 'agent')?.id ?? 0;

  it('refuses a realm that cannot go in a digest header, a bad transport and an unknown auto-answer mode, saving nothing (400)', async () => {
    const port = await reservePorts(1);
    for (const bad of [{ realm: 'sw"board' }, { transports: ['tls'] }, { transports: [] }, { autoAnswer: { '1001': 'sometimes' } }, { trunk: { host: '127.0.0.1', port: 5060, dids: { 'abc': '1001' } } }]) {
      const res = await t.request(t.admin, 'PUT', '/api/settings', { provider: sip(port, bad) });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'validation-failed' } });
    }
    expect(t.app.services.settings.get().provider.kind).toBe('sim');
  });

  it('refuses an address another program holds, with the reason, and saves nothing (422)', async () => {
    holder = createSocket('udp4');
    const h = holder;
    await new Promise<void>((resolve) => h.bind(0, '127.0.0.1', resolve));
    const res = await t.request(t.admin, 'PUT', '/api/settings', { provider: sip(h.address().port) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'unprocessable', message: expect.stringContaining('another program uses it'), details: { field: 'provider' } } });
    expect(t.app.services.settings.get().provider.kind).toBe('sim');
  });

  it('saves SIP with its trunk, hides the trunk password, and keeps it when the form sends the mask back', async () => {
    const port = await reservePorts(1);
    const trunk = { host: '127.0.0.1', port: 5099, prefix: '9', dids: { '2125551001': '1001', '+442071234567': '1001' }, defaultDevice: '1001', username: 'acme', password: 'carrier-secret' };
    const provider = sip(port, { realm: 'switchboard', transports: ['udp'], mediaHost: '127.0.0.1', autoAnswer: { '1001': 'hint' }, trunk });
    const res = await t.request(t.admin, 'PUT', '/api/settings', { provider });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('carrier-secret');
    expect(res.json()).toMatchObject({ provider: { kind: 'sip', trunk: { username: 'acme', password: '********', dids: { '2125551001': '1001' } } } });
    // The running SIP server keeps its address: saving again is not a conflict with itself.
    const again = await t.request(t.admin, 'PUT', '/api/settings', { provider: { ...provider, trunk: { ...trunk, password: '********' } } });
    expect(again.statusCode).toBe(200);
    const saved = t.app.services.settings.get().provider;
    expect(saved.kind === 'sip' ? saved.trunk?.password : undefined).toBe('carrier-secret');
    const audit = await t.request(t.admin, 'GET', '/api/audit');
    expect(audit.body).not.toContain('carrier-secret');
  });

  it('sets a SIP password (admin, CSRF, min 8, audited, never returned) and the user JSON says only whether it is set', async () => {
    const id = await agentId();
    expect((await t.request(t.admin, 'GET', `/api/users/${id}`)).json()).toMatchObject({ sipPasswordSet: false, sipPasswordStale: false });
    expect((await t.request(t.agent, 'PUT', `/api/users/${id}/sip-password`, { password: 'agent-sip-secret' })).json()).toMatchObject({ error: { code: 'forbidden' } });
    const noCsrf = await t.app.server.inject({ method: 'PUT', url: `/api/users/${id}/sip-password`, headers: { cookie: t.admin.cookie }, payload: { password: 'agent-sip-secret' } });
    expect(noCsrf.json()).toMatchObject({ error: { code: 'csrf-token-invalid' } });
    const short = await t.request(t.admin, 'PUT', `/api/users/${id}/sip-password`, { password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ error: { code: 'validation-failed' } });
    expect((await t.request(t.admin, 'GET', `/api/users/${id}`)).json()).toMatchObject({ sipPasswordSet: false });

    const set = await t.request(t.admin, 'PUT', `/api/users/${id}/sip-password`, { password: 'agent-sip-secret' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ sipPasswordSet: true, sipPasswordStale: false });
    const user = await t.request(t.admin, 'GET', `/api/users/${id}`);
    expect(user.json()).toMatchObject({ sipPasswordSet: true, sipPasswordStale: false });
    expect(user.body).not.toContain('agent-sip-secret');
    expect((await t.request(t.admin, 'GET', '/api/users')).json()).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ login: 'agent', sipPasswordSet: true })]) });
    const audit = await t.request(t.admin, 'GET', '/api/audit');
    expect(audit.json()).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'set-sip-password', entity: 'users', entityId: String(id) })]));
    expect(audit.body).not.toContain('agent-sip-secret');

    const cleared = await t.request(t.admin, 'DELETE', `/api/users/${id}/sip-password`);
    expect(cleared.json()).toEqual({ sipPasswordSet: false, sipPasswordStale: false });
  });

  it('after the realm changes the user shows "must be set again" until the admin sets it again', async () => {
    const id = await agentId();
    await t.request(t.admin, 'PUT', `/api/users/${id}/sip-password`, { password: 'agent-sip-secret' });
    const port = await reservePorts(1);
    expect((await t.request(t.admin, 'PUT', '/api/settings', { provider: sip(port, { realm: 'pbx.example.org' }) })).statusCode).toBe(200);
    expect((await t.request(t.admin, 'GET', `/api/users/${id}`)).json()).toMatchObject({ sipPasswordSet: false, sipPasswordStale: true });
    await t.request(t.admin, 'PUT', `/api/users/${id}/sip-password`, { password: 'agent-sip-secret' });
    expect((await t.request(t.admin, 'GET', `/api/users/${id}`)).json()).toMatchObject({ sipPasswordSet: true, sipPasswordStale: false });
  });

  it('the OpenAPI document lists the SIP password routes, write-only bodies with the minimum length', async () => {
    const doc = (await t.request(null, 'GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, { minLength?: number }> } }> } }>> };
    const route = doc.paths['/api/users/{id}/sip-password'];
    expect(Object.keys(route ?? {}).sort()).toEqual(['delete', 'put']);
    expect(route?.put?.requestBody?.content['application/json']?.schema.properties.password?.minLength).toBe(8);
    const settingsBody = JSON.stringify(doc.paths['/api/settings']?.put);
    for (const field of ['realm', 'transports', 'mediaHost', 'autoAnswer', 'dids', 'defaultDevice']) expect(settingsBody).toContain(field);
  });
});
