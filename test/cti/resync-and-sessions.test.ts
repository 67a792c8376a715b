/**
 * What survives a broken CTI link, a server restart and a stalled browser: the registry
 * resyncs from the provider's `synced` list, open communications are closed as
 * interrupted, and a stalled socket neither slows the others nor grows without bound.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, createCtiWorld, type CtiWorld } from './support/cti-world.js';
import { InMemoryCallLog } from './support/in-memory-ports.js';

let w: CtiWorld;
afterEach(() => w.close());

describe('resync after the CTI link comes back', () => {
  it('a call that ended while the link was down is closed as interrupted', async () => {
    w = await createCtiWorld();
    const alice = await w.browser(ALICE);
    const { callId } = await w.phone.injectIncoming('+44 161 5527789', '1001');
    await w.settled();
    await w.control.answer(ALICE, callId);
    w.sim.world.linkDown();
    w.phone.remoteHangup(callId); // lost: the link is down
    await w.settled();
    expect(w.registry.snapshot(callId, '1001')?.state).toBe('connected');
    w.sim.world.linkUp();
    await w.settled();
    expect(alice.labels(callId)).toEqual(['Ringing', 'Connected', 'Call ended']);
    expect(alice.snapshots(callId).at(-1)).toMatchObject({ state: 'null', outcome: 'interrupted' });
    expect(w.callLog.forCall(callId)).toEqual([expect.objectContaining({ outcome: 'interrupted', callBack: false })]);
  });

  it('a call that started while the link was down is adopted, matched, and shown ringing', async () => {
    w = await createCtiWorld();
    const alice = await w.browser(ALICE);
    w.sim.world.linkDown();
    const { callRef } = w.sim.world.injectIncoming('+44 161 5527789', '1001');
    w.sim.world.linkUp();
    await w.settled();
    const callId = w.registry.idOf(callRef) ?? '';
    expect(alice.snapshots(callId)[0]).toMatchObject({ direction: 'inbound', label: { en: 'Ringing' }, matches: [expect.objectContaining({ id: 10 })] });
    await w.control.answer(ALICE, callId);
    expect(alice.labels(callId)).toEqual(['Ringing', 'Connected']);
  });

  it('a call answered with the handset while the link was down is moved to Connected through the state machine', async () => {
    w = await createCtiWorld();
    const alice = await w.browser(ALICE);
    const { callId } = await w.phone.injectIncoming('+44 161 5527789', '1001');
    await w.settled();
    w.sim.world.linkDown();
    w.sim.world.lift('1001');
    w.sim.world.linkUp();
    await w.settled();
    expect(alice.labels(callId)).toEqual(['Ringing', 'Connected']);
    const moves = w.logLines.map((l) => (JSON.parse(l) as { msg: string }).msg).filter((m) => m.includes(`${callId} 1001`));
    expect(moves).toEqual([`cti: ${callId} 1001: null -[delivered]-> alerting`, `cti: ${callId} 1001: alerting -[established]-> connected`]);
  });
});

describe('a server restart mid-call', () => {
  it('closes the open communication of a call the phone system no longer has as interrupted', async () => {
    const callLog = new InMemoryCallLog();
    await callLog.upsert({
      key: 'old-7:1001', callId: 'old-7', providerRef: 'sim-7', conversationId: 'old-7', device: '1001', userId: ALICE, direction: 'inbound',
      number: { raw: '+441615527789', e164: '+441615527789', canonical: null, dialable: null },
      links: [{ type: 'person', id: 10, name: 'Sam Carter' }, { type: 'company', id: 20, name: 'Acme Ltd' }], startedAt: '2026-01-05T08:59:00.000Z', answeredAt: '2026-01-05T08:59:05.000Z', callBack: false,
    });
    w = await createCtiWorld({ callLog });
    expect(callLog.records.get('old-7:1001')).toMatchObject({ outcome: 'interrupted', endedAt: '2026-01-05T09:00:00.000Z', answeredAt: '2026-01-05T08:59:05.000Z' });
    expect(await callLog.listOpen()).toEqual([]);
  });
});

describe('slow and stalled sockets', () => {
  it('a stalled tab gets only the latest snapshot per call once it drains; the healthy tab misses nothing', async () => {
    w = await createCtiWorld();
    const healthy = await w.browser(ALICE);
    const stalled = await w.browser(ALICE);
    stalled.bufferedAmount = 10_000_000;
    const before = stalled.sent.length;
    const callId = (await w.control.dial(ALICE, { number: '+44 161 5527789' })).callId;
    await w.passTime(2_000);
    await w.control.hold(ALICE, callId);
    await w.control.retrieve(ALICE, callId);
    const healthyVersions = healthy.snapshots(callId).map((s) => s.version);
    expect(healthyVersions).toEqual(Array.from({ length: healthyVersions.length }, (_, i) => i + 1));
    expect(stalled.sent.length).toBe(before);
    expect(w.hub.stats()).toMatchObject({ stalled: 1, pendingMessages: 1 });

    stalled.bufferedAmount = 0;
    w.hub.pump();
    expect(stalled.snapshots(callId)).toEqual([healthy.snapshots(callId).at(-1)]);
    expect(w.hub.stats()).toMatchObject({ stalled: 0, pendingMessages: 0 });
  });

  it('memory for a stalled socket stays bounded by its live calls, however many updates', async () => {
    w = await createCtiWorld();
    const stalled = await w.browser(ALICE);
    stalled.bufferedAmount = 10_000_000;
    const callId = await (async () => {
      const { callId } = await w.phone.injectIncoming('+44 161 5527789', '1001');
      await w.settled();
      await w.control.answer(ALICE, callId);
      return callId;
    })();
    for (let i = 0; i < 50; i += 1) {
      await w.control.hold(ALICE, callId);
      await w.control.retrieve(ALICE, callId);
    }
    expect(w.hub.stats().pendingMessages).toBe(1);
    expect(w.hub.stats().coalesced).toBeGreaterThanOrEqual(100);
  });

  it('a socket stalled through many calls keeps a bounded backlog and gets one full list when it drains', async () => {
    w = await createCtiWorld();
    const stalled = await w.browser(ALICE);
    stalled.bufferedAmount = 10_000_000;
    const sent = stalled.sent.length;
    for (let i = 0; i < 100; i += 1) {
      const { callId } = await w.phone.injectIncoming('+44 161 5527789', '1001');
      w.phone.remoteHangup(callId);
    }
    const { callId: live } = await w.phone.injectIncoming('+33 1 42 68 53 00', '1001');
    await w.settled();
    expect(stalled.sent.length).toBe(sent);
    expect(w.hub.stats().pendingMessages).toBeLessThanOrEqual(33);

    stalled.bufferedAmount = 0;
    w.hub.pump();
    const afterDrain = stalled.sent.slice(sent);
    const list = afterDrain.find((m) => m.type === 'calls');
    expect(list).toEqual({ type: 'calls', calls: [w.registry.snapshot(live, '1001')] });
    expect(w.hub.stats().pendingMessages).toBe(0);
  });
});
