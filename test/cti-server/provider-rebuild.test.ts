/**
 * Rebuilding the telephony provider (issue 12): a settings change, a CTI user on a device
 * the simulated PBX lacks, or a switch to another phone system. Live calls the new
 * provider still sees go on (neither cut nor logged twice); calls it does not see are
 * closed as interrupted; and its own calls are seen and logged even when it names them
 * with refs the old one used (the registry used to remember those refs as ended and
 * ignore the new calls).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SimProvider } from '../../src/telephony/sim/sim-provider.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';
import { CHILD_ADMIN_PASSWORD, childServer, type ChildServer } from './support/child-server.js';
import { AGENT_PASSWORD, NUMBERS } from './support/crm-fixtures.js';
import { HttpClient } from './support/http-client.js';
import { EXTENSIONS, startServerWorld, type ServerWorld } from './support/server-world.js';

interface Snapshot { id: string; state: string }
interface Row { callId: string; outcome: string | null; answeredAt: string | null }

describe.each(DIALECTS)('a provider rebuilt by the settings, in a real server process (%s)', (dialect) => {
  let server: ChildServer | undefined;
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await server?.close();
    await database?.drop();
  });

  it('keeps the call that is up through a settings change and a new CTI device; the next call is seen and logged', async () => {
    database = await freshDatabase(dialect);
    server = await childServer(database.url);
    await server.start();
    const admin = await HttpClient.login(server.base, 'admin', CHILD_ADMIN_PASSWORD);
    await admin.ok('POST', '/api/users', { login: 'alice', name: 'Alice', password: AGENT_PASSWORD, role: 'agent', extension: '1001', ctiEnabled: true, ctiDevice: '1001' });
    const alice = await HttpClient.login(server.base, 'alice', AGENT_PASSWORD);
    const first = (await admin.ok<{ callId: string }>('POST', '/api/sim/calls', { from: NUMBERS.sam, to: '1001' })).callId;
    expect((await alice.post(`/api/calls/${first}/answer`)).status).toBe(200);

    await admin.ok('PUT', '/api/settings', { outsidePrefix: '8', outsidePrefixLongDistance: '8' });
    await admin.ok('POST', '/api/users', { login: 'dave', name: 'Dave', password: AGENT_PASSWORD, role: 'agent', extension: '2001', ctiEnabled: true, ctiDevice: '2001' });
    // The rebuilds run behind the answers: wait until the new provider reports the call.
    const callsOf = async () => (await alice.get<Snapshot[]>('/api/calls')).body;
    for (let i = 0; i < 100 && (await admin.get('/api/sim/devices')).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await callsOf()).toEqual([expect.objectContaining({ id: first, state: 'connected' })]);

    const second = (await admin.ok<{ callId: string }>('POST', '/api/sim/calls', { from: NUMBERS.unknown, to: '1001' })).callId;
    expect(second).not.toBe(first);
    expect((await callsOf()).map((c) => [c.id, c.state])).toEqual([[first, 'connected'], [second, 'alerting']]);
    expect((await alice.post(`/api/calls/${first}/hangup`)).status).toBe(200);
    expect((await alice.post(`/api/calls/${second}/hangup`)).status).toBe(200);

    // The final writes follow the hang-ups' answers: wait until both rows are closed.
    let items: Row[] = [];
    for (let i = 0; i < 100; i++) {
      items = (await admin.ok<{ items: Row[] }>('GET', '/api/communications?limit=50')).items;
      if (items.length === 2 && items.every((r) => r.outcome !== null)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(items.find((r) => r.callId === first)).toMatchObject({ outcome: 'answered', answeredAt: expect.any(String) });
    expect(items.find((r) => r.callId === second)).toMatchObject({ outcome: 'declined' });
    expect(items).toHaveLength(2);
  }, 60_000);
});

describe.each(DIALECTS)('switching to another phone system that numbers its calls from the start (%s)', (dialect) => {
  let w: ServerWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('closes the call it cannot see as interrupted, and sees and logs its own sim-1 as a new call', async () => {
    w = await startServerWorld(dialect);
    const alice = await w.login(w.crm.alice);
    const old = await w.phone.injectIncoming(NUMBERS.sam, '1001');
    await alice.post(`/api/calls/${old.callId}/answer`);
    const ended = await w.phone.injectIncoming(NUMBERS.unknown, '1002');
    w.phone.remoteHangup(ended.callId);
    await w.settle();

    const next = new SimProvider({ clock: w.clock, config: { extensions: EXTENSIONS } });
    await w.app.cti.provider.replace(next);
    await w.settle();
    const { callRef } = next.world.injectIncoming(NUMBERS.unknown, '1002');
    await w.settle();
    expect(callRef).toBe(old.callRef);
    const fresh = w.app.cti.registry.idOf(callRef) ?? '';
    expect([old.callId, ended.callId]).not.toContain(fresh);
    const bob = await w.login(w.crm.bob);
    expect((await bob.get<Snapshot[]>('/api/calls')).body).toEqual([expect.objectContaining({ id: fresh, state: 'alerting' })]);
    next.world.remoteHangup(callRef);
    await w.settle();

    expect(await w.callLog(old.callId)).toEqual([expect.objectContaining({ outcome: 'interrupted', providerRef: old.callRef })]);
    expect(await w.callLog(fresh)).toEqual([expect.objectContaining({ outcome: 'missed', providerRef: callRef })]);
    expect(await w.callLog(ended.callId)).toEqual([expect.objectContaining({ outcome: 'missed' })]);
  });
});
