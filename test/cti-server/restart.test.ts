/**
 * Call logging survives a server stop (issue 4, call logging): a call is up, the server
 * stops, a new server starts on the same database with a phone system that no longer has
 * the call: the open communication is closed as `interrupted`, nothing is lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';
import { NUMBERS } from './support/crm-fixtures.js';
import { dropDatabase, startServerWorld, type ServerWorld } from './support/server-world.js';

describe.each(DIALECTS)('a server restart mid-call (%s)', (dialect) => {
  let database: TestDatabase | undefined;
  const worlds: ServerWorld[] = [];
  afterEach(async () => {
    for (const w of worlds.splice(0)) await w.stop();
    if (database !== undefined) await dropDatabase(database);
  });

  it('closes the communication left open as interrupted, with the answer time kept', async () => {
    database = await freshDatabase(dialect);
    const before = await startServerWorld(dialect, { database });
    worlds.push(before);
    const alice = await before.login(before.crm.alice);
    const { callId } = await before.phone.injectIncoming(NUMBERS.sam, '1001');
    await before.settle();
    await alice.post(`/api/calls/${callId}/answer`);
    await before.passTime(20_000);
    const [open] = await before.callLog(callId);
    expect(open).toMatchObject({ outcome: null, endedAt: null, answeredAt: expect.any(String), personId: before.crm.samId });
    await before.stop();

    const after = await startServerWorld(dialect, { database, seed: false });
    worlds.push(after);
    await after.settle();
    const [closed] = await after.callLog(callId);
    expect(closed).toMatchObject({
      id: open?.id, outcome: 'interrupted', answeredAt: open?.answeredAt, endedAt: expect.any(String),
      personId: after.crm.samId, userId: after.crm.alice.id, direction: 'inbound', callback: false,
    });
    // And Alice's browser, reconnecting, is offered no ghost call.
    const socket = await after.socket(await after.login(after.crm.alice));
    expect(socket.messages[0]).toEqual({ type: 'calls', calls: [] });
  });

  it('a new call after the restart gets a new identity: the PBX\'s reused ref never overwrites the old row (issue 12)', async () => {
    database = await freshDatabase(dialect);
    const before = await startServerWorld(dialect, { database });
    worlds.push(before);
    const first = await before.phone.injectIncoming(NUMBERS.sam, '1001');
    await before.settle();
    await (await before.login(before.crm.alice)).post(`/api/calls/${first.callId}/answer`);
    await before.settle();
    before.phone.remoteHangup(first.callId);
    await before.settle();
    const [old] = await before.callLog(first.callId);
    await before.stop();

    // The restarted simulated PBX numbers its calls from the start again.
    const after = await startServerWorld(dialect, { database, seed: false });
    worlds.push(after);
    const second = await after.phone.injectIncoming(NUMBERS.unknown, '1002');
    expect(second.callRef).toBe(first.callRef);
    expect(second.callId).not.toBe(first.callId);
    after.phone.remoteHangup(second.callId);
    await after.settle();

    const { items } = await after.admin.ok<{ items: Array<Record<string, unknown>> }>('GET', '/api/communications?limit=50');
    expect(items).toHaveLength(2);
    expect(items.find((c) => c.id === old?.id)).toMatchObject({
      callId: first.callId, providerRef: first.callRef, outcome: 'answered', personId: after.crm.samId, userId: after.crm.alice.id, endedAt: old?.endedAt,
    });
    expect(items.find((c) => c.id !== old?.id)).toMatchObject({
      callId: second.callId, providerRef: second.callRef, outcome: 'missed', personId: null, userId: after.crm.bob.id, number: '+4930901820',
    });
  });
});
