/**
 * Click-to-dial through the real server (R6.4, R6.5, R6.9, R6.10): HTTP commands, the
 * snapshots pushed to the agent's real WebSocket in order (words and buttons), and the
 * communication written on the person and the agent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../src/domain/call.js';
import { DIALECTS } from '../support/databases.js';
import { NUMBERS } from './support/crm-fixtures.js';
import { startServerWorld, type ServerWorld } from './support/server-world.js';

describe.each(DIALECTS)('click-to-dial through the real server (%s)', (dialect) => {
  let w: ServerWorld;
  beforeEach(async () => {
    w = await startServerWorld(dialect);
  });
  afterEach(() => w.close());

  it('dials a typed number: Dialing (only Hang up), then Connected once the far end answers, then the call is logged as answered on Sam and Alice (R6.4)', async () => {
    const alice = await w.login(w.crm.alice);
    const socket = await w.socket(alice);
    const dial = await alice.post<CallSnapshot>('/api/calls', { number: NUMBERS.sam });
    expect(dial.status).toBe(201);
    expect(dial.body).toMatchObject({ direction: 'outbound', state: 'initiated', label: { en: 'Dialing' }, number: { e164: '+441615527789', dialable: '9011441615527789' } });
    const callId = dial.body.id;
    await w.passTime(2_000);
    expect((await alice.post(`/api/calls/${callId}/hangup`)).status).toBe(200);
    await w.settle();
    await socket.sync();
    expect(socket.changes(callId)).toEqual([
      { label: 'Dialing', actions: ['hangup'] },
      { label: 'Connected', actions: ['hangup', 'hold', 'transfer', 'consult'] },
      { label: 'Call ended', actions: [] },
    ]);
    expect(socket.snapshots(callId)[0]?.matches).toEqual([expect.objectContaining({ type: 'person', id: w.crm.samId, name: 'Sam Carter' })]);
    expect(await w.callLog(callId)).toEqual([expect.objectContaining({
      direction: 'outbound', outcome: 'answered', personId: w.crm.samId, companyId: w.crm.samCompanyId, userId: w.crm.alice.id, callback: false,
      // What the agent meant, not the dial string with the outside-line prefix (issue 12).
      number: '+441615527789', e164: '+441615527789', displayNumber: '+44 (161) 5527789', answeredAt: expect.any(String), endedAt: expect.any(String),
    })]);
  });

  it('dials a record\'s phone field {record:{type,id,field}}: the same states, and the call is filed on that person (R6.4)', async () => {
    const alice = await w.login(w.crm.alice);
    const socket = await w.socket(alice);
    const dial = await alice.post<CallSnapshot>('/api/calls', { record: { type: 'person', id: w.crm.samId, field: 'phone:mobile' } });
    expect(dial.status).toBe(201);
    expect(dial.body.number).toMatchObject({ e164: '+441615527789', dialable: '9011441615527789' });
    const callId = dial.body.id;
    await w.passTime(2_000);
    w.phone.remoteHangup(callId);
    await w.settle();
    await socket.sync();
    // The far party leaves first: for a moment the agent's line is up but nobody is there to hold.
    expect(socket.changes(callId)).toEqual([
      { label: 'Dialing', actions: ['hangup'] },
      { label: 'Connected', actions: ['hangup', 'hold', 'transfer', 'consult'] },
      { label: 'Connected', actions: ['hangup'] },
      { label: 'Call ended', actions: [] },
    ]);
    expect(await w.callLog(callId)).toEqual([expect.objectContaining({
      direction: 'outbound', outcome: 'answered', personId: w.crm.samId, userId: w.crm.alice.id, callback: false,
    })]);
  });

  it('hangs up while dialing: Dialing then Call ended, logged as abandoned, not answered (R6.4)', async () => {
    const alice = await w.login(w.crm.alice);
    const socket = await w.socket(alice);
    const callId = (await alice.post<CallSnapshot>('/api/calls', { number: NUMBERS.sam })).body.id;
    await w.passTime(1_000);
    const hangup = await alice.post<{ id: string; ended?: boolean; state?: string }>(`/api/calls/${callId}/hangup`);
    expect(hangup.status).toBe(200);
    await w.settle();
    await socket.sync();
    expect(socket.changes(callId)).toEqual([
      { label: 'Dialing', actions: ['hangup'] },
      { label: 'Call ended', actions: [] },
    ]);
    const [log] = await w.callLog(callId);
    expect(log).toMatchObject({ direction: 'outbound', outcome: 'abandoned', answeredAt: null, durationS: null, personId: w.crm.samId, callback: false });
    expect(log?.endedAt).not.toBeNull();
    // The far end's 2 s answer timer died with the call: nothing more happens.
    await w.passTime(5_000);
    expect(w.app.cti.registry.snapshotsFor('1001')).toEqual([]);
  });

  it('a busy number shows Busy with only Hang up offered (no Hold, R6.9), and is logged busy', async () => {
    const alice = await w.login(w.crm.alice);
    const socket = await w.socket(alice);
    const dial = await alice.post<CallSnapshot>('/api/calls', { number: NUMBERS.busy });
    expect(dial.status).toBe(201);
    const callId = dial.body.id;
    expect(dial.body).toMatchObject({ label: { en: 'Busy', fr: 'Occupé' }, failureCause: 'busy', actions: ['hangup'] });
    const hold = await alice.post<{ error: { code: string; details: { state: string } } }>(`/api/calls/${callId}/hold`);
    expect(hold.status).toBe(409);
    expect(hold.body.error).toMatchObject({ code: 'invalid-call-state', details: { state: dial.body.state } });
    await alice.post(`/api/calls/${callId}/hangup`);
    await w.settle();
    await socket.sync();
    expect(socket.changes(callId)).toEqual([
      { label: 'Dialing', actions: ['hangup'] },
      { label: 'Busy', actions: ['hangup'] },
      { label: 'Call ended', actions: [] },
    ]);
    expect(await w.callLog(callId)).toEqual([expect.objectContaining({ direction: 'outbound', outcome: 'busy', answeredAt: null, userId: w.crm.alice.id, callback: false })]);
  });

  it('a number the phone system cannot reach shows Invalid number with only Hang up offered, and the PBX clears it (R6.9)', async () => {
    const alice = await w.login(w.crm.alice);
    const socket = await w.socket(alice);
    const dial = await alice.post<CallSnapshot>('/api/calls', { number: NUMBERS.noSuchExtension });
    expect(dial.status).toBe(201);
    const callId = dial.body.id;
    expect(dial.body).toMatchObject({ label: { en: 'Invalid number (internal)' }, failureCause: 'invalid-number', actions: ['hangup'] });
    // The agent does nothing: the phone system releases a failed call by itself.
    await w.passTime(10_000);
    await socket.sync();
    expect(socket.changes(callId)).toEqual([
      { label: 'Dialing (internal)', actions: ['hangup'] },
      { label: 'Invalid number (internal)', actions: ['hangup'] },
      { label: 'Call ended', actions: [] },
    ]);
    expect(await w.callLog(callId)).toEqual([expect.objectContaining({ outcome: 'invalid-number', number: '1009', answeredAt: null, callback: false })]);
  });

  it('a number that cannot be dialled is refused before the phone system sees it: 422 with the reason (R6.5)', async () => {
    const alice = await w.login(w.crm.alice);
    const answer = await alice.post<{ error: { code: string; details: { reason: string } } }>('/api/calls', { number: '12' });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('invalid-phone-number');
    expect(answer.body.error.details.reason).toEqual(expect.any(String));
    expect(w.app.cti.registry.snapshotsFor('1001')).toEqual([]);
  });
});
