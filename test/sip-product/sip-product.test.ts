/**
 * The built-in SIP server as a product choice (issue 6), end to end through the real
 * app: the admin switches the provider to SIP in the settings API, sets two CTI users'
 * SIP passwords, two real baresip phones register with them (R4.6 device check, R2.6
 * device list), a wrong password is refused, and the agent's click-to-dial (R6.4) is seen
 * on the real WebSocket as Dialing → Connected (R6.10), hung up, and logged.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CallSnapshot } from '../../src/domain/call.js';
import { DIALECTS } from '../support/databases.js';
import { HttpClient } from '../cti-server/support/http-client.js';
import { describeWith } from '../support/peers.js';
import { AGENT_PASSWORD, SipProductWorld } from './support/sip-product-world.js';

interface DeviceInfo { name: string; status: string; description?: string }
interface UserJson { id: number; sipPasswordSet: boolean; sipPasswordStale: boolean }

describeWith(['baresip']).each(DIALECTS)('the built-in SIP server chosen in the product (%s)', (dialect) => {
  let w: SipProductWorld;
  beforeEach(async () => {
    w = await SipProductWorld.start(dialect);
  });
  afterEach(() => w.close());

  it('given SIP chosen in the settings and SIP passwords set by the admin, real phones register, a wrong password is refused, and click-to-dial goes Dialing → Connected → logged', async () => {
    const alice = await w.ctiUser('alice', '1001');
    const bob = await w.ctiUser('bob', '1002');

    // The admin chooses the built-in SIP server (R3.3); it starts without a restart (R3.2).
    // On every interface, as the admin form proposes: what the phones are sent must still name 127.0.0.1.
    const saved = await w.admin.request<{ provider: Record<string, unknown> }>('PUT', '/api/settings', {
      provider: { kind: 'sip', listenHost: '0.0.0.0', listenPort: w.sipPort, transports: ['udp', 'tcp'], realm: 'switchboard', trunk: null, autoAnswer: { '1001': 'always' } },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.provider).toMatchObject({ kind: 'sip', listenPort: w.sipPort });
    // The simulated PBX answers until the switch is done: wait for the SIP server's own words.
    const noAccount = await w.until('the SIP server is up', () => w.admin.get<{ ok: boolean; message: string }>('/api/devices/1001/check'), (r) => r.status === 200 && r.body.message.includes('SIP'));
    expect(noAccount.body).toEqual({ ok: false, message: 'There is no SIP account for device 1001: set a SIP password for the user first.' });
    expect((await w.admin.get<DeviceInfo[]>('/api/devices')).body).toEqual([]);

    // SIP passwords: write-only, stored as HA1s; the user JSON only says "set" (R4.1).
    expect((await w.admin.get<UserJson>(`/api/users/${alice.id}`)).body).toMatchObject({ sipPasswordSet: false, sipPasswordStale: false });
    for (const [u, pw] of [[alice, 'alice-sip-secret'], [bob, 'bob-sip-secret']] as const) {
      const set = await w.admin.request<UserJson>('PUT', `/api/users/${u.id}/sip-password`, { password: pw });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ sipPasswordSet: true, sipPasswordStale: false });
      expect(JSON.stringify(set.body)).not.toContain(pw);
    }
    const audit = await w.admin.get<unknown[]>('/api/audit');
    expect(JSON.stringify(audit.body)).toContain('set-sip-password');
    expect(JSON.stringify(audit.body)).not.toContain('alice-sip-secret');

    // A phone with a wrong password is refused (403) and nothing registers for it.
    const impostor = await w.phone({ user: '1002', password: 'not-bobs-password', answermode: 'auto' });
    // Its first REGISTER goes out before the control port connects: the refusal shows in the phone's own output.
    await w.until('the impostor is answered', async () => impostor.log, (log) => log.includes('reg: sip:1002@'));
    expect(impostor.log).toMatch(/reg: sip:1002@127\.0\.0\.1:\d+: 403 Forbidden/);
    await w.stopPhone(impostor);
    const check = await w.admin.get<{ ok: boolean; message: string }>('/api/devices/1002/check');
    expect(check.body).toMatchObject({ ok: false, message: expect.stringContaining('not registered') });

    // The real phones register with the passwords the admin set (no restart needed).
    await w.phone({ user: '1001', password: 'alice-sip-secret', answermode: 'auto' });
    // Bob's phone is set to answer by itself, but his device is 'none' (not listed): the server rings it like any phone.
    await w.phone({ user: '1002', password: 'bob-sip-secret', answermode: 'auto' });
    for (const device of ['1001', '1002']) {
      const c = await w.until(`${device} registers`, () => w.admin.get<{ ok: boolean; message: string }>(`/api/devices/${device}/check`), (r) => r.body.ok);
      expect(c.body.message).toContain('is registered');
    }
    const listed = await w.admin.get<DeviceInfo[]>('/api/devices');
    expect(listed.body.map((d) => [d.name, d.status])).toEqual([['1001', 'available'], ['1002', 'available']]);

    // The agent clicks to dial her colleague (R6.4) and watches the call on her socket (R6.10).
    const agent = await HttpClient.login(w.base, alice.login, AGENT_PASSWORD);
    const socket = await w.socket(agent);
    const dial = await agent.post<CallSnapshot>('/api/calls', { number: '1002' });
    expect(dial.status).toBe(201);
    expect(dial.body).toMatchObject({ direction: 'internal', internal: true, label: { en: 'Dialing (internal)' } });
    const callId = dial.body.id;
    await socket.waitFor((m) => m.type === 'call' && m.call.id === callId && m.call.label.en.startsWith('Connected'));
    expect((await agent.post(`/api/calls/${callId}/hangup`)).status).toBe(200);
    await socket.waitFor((m) => m.type === 'call' && m.call.id === callId && m.call.endedAt !== undefined);
    await w.app.cti.registry.idle();
    await socket.sync();
    const labels = socket.snapshots(callId).map((s) => s.label.en).filter((l, i, all) => all[i - 1] !== l);
    expect(labels).toEqual(['Dialing (internal)', 'Connected (internal)', 'Call ended']);

    // The call is logged on the agent, answered (communications).
    const log = await w.admin.get<{ items: Array<Record<string, unknown>> }>('/api/communications?limit=50');
    expect(log.body.items).toEqual(expect.arrayContaining([expect.objectContaining({
      direction: 'internal', outcome: 'answered', userId: alice.id, answeredAt: expect.any(String), endedAt: expect.any(String),
    })]));
  });
});
