/**
 * A withheld caller ID is an ordinary incoming call (issue 12 §3, R6.3, R6.6): whatever
 * the phone system puts in its place — nothing, `anonymous`, `Restricted`, `unknown`,
 * Asterisk's `<unknown>`, RFC 3323's `sip:anonymous@anonymous.invalid` — the call rings
 * through the simulated PBX's `POST /api/sim/calls`, the first snapshot says the number
 * is withheld (the browser shows "Withheld number" / "Numéro masqué"), nothing is
 * matched, and the missed call is logged once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startServerWorld, type ServerWorld } from './support/server-world.js';

describe.each(DIALECTS)('withheld caller IDs through the real server (%s)', (dialect) => {
  let w: ServerWorld;
  beforeEach(async () => {
    w = await startServerWorld(dialect);
  });
  afterEach(() => w.close());

  it.each(['', 'anonymous', 'Anonymous', 'unknown', 'Restricted', '<unknown>', 'sip:anonymous@anonymous.invalid'])(
    'given the caller ID %j, the call rings as a withheld number with no match, and the missed call is logged', async (from) => {
      const alice = await w.login(w.crm.alice);
      const socket = await w.socket(alice);
      const answer = await w.admin.post<{ callRef: string; callId: string }>('/api/sim/calls', { from, to: '1001' });
      expect(answer.status).toBe(201);
      await w.settle();
      const callId = answer.body.callId;
      await socket.waitFor((m) => m.type === 'call' && m.call.id === callId);
      expect(socket.snapshots(callId)[0]).toMatchObject({
        direction: 'inbound', internal: false, state: 'alerting', label: { en: 'Ringing' },
        number: { e164: null, withheld: true }, matches: [],
      });
      w.sim.world.remoteHangup(answer.body.callRef);
      await w.settle();
      expect(await w.callLog(callId)).toEqual([expect.objectContaining({ direction: 'inbound', outcome: 'missed', personId: null, companyId: null })]);
    });

  it('two withheld callers at once are two calls, each ringing on its own', async () => {
    const alice = await w.login(w.crm.alice);
    const socket = await w.socket(alice);
    const first = await w.admin.post<{ callRef: string; callId: string }>('/api/sim/calls', { from: 'anonymous', to: '1001' });
    const second = await w.admin.post<{ callRef: string; callId: string }>('/api/sim/calls', { from: '', to: '1002' });
    expect([first.status, second.status]).toEqual([201, 201]);
    await w.settle();
    expect(first.body.callId).not.toBe(second.body.callId);
    await socket.waitFor((m) => m.type === 'call' && m.call.id === first.body.callId);
    expect(socket.snapshots(first.body.callId)[0]).toMatchObject({ number: { withheld: true }, matches: [] });
  });

  it('a number is not withheld', async () => {
    const alice = await w.login(w.crm.alice);
    const socket = await w.socket(alice);
    const answer = await w.admin.post<{ callRef: string; callId: string }>('/api/sim/calls', { from: '+44 161 552 7789', to: '1001' });
    await w.settle();
    await socket.waitFor((m) => m.type === 'call' && m.call.id === answer.body.callId);
    expect(socket.snapshots(answer.body.callId)[0]?.number.withheld).toBeUndefined();
  });
});
