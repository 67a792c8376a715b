/**
 * Call control on a connected call through the real server (R6.9, R6.10): hold and
 * retrieve, blind transfer, consult then complete, consult then hang up then retrieve,
 * two calls at once. Each checks the words and buttons pushed, in order, to every agent
 * involved over their real WebSockets, and the communications written (a transfer's legs
 * are one conversation).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../src/domain/call.js';
import { DIALECTS } from '../support/databases.js';
import type { AgentSocket } from './support/agent-socket.js';
import { NUMBERS } from './support/crm-fixtures.js';
import type { HttpClient } from './support/http-client.js';
import { startServerWorld, type ServerWorld } from './support/server-world.js';

const RINGING = { label: 'Ringing', actions: ['answer', 'hangup'] };
/** Answering is two provider events: the agent's leg connects one snapshot before the caller's. */
const ANSWERING = { label: 'Connected', actions: ['hangup'] };
const TALKING = { label: 'Connected', actions: ['hangup', 'hold', 'transfer', 'consult'] };
const ON_HOLD = { label: 'On hold', actions: ['hangup', 'retrieve'] };
const ENDED = { label: 'Call ended', actions: [] };

describe.each(DIALECTS)('call control through the real server (%s)', (dialect) => {
  let w: ServerWorld;
  let alice: HttpClient;
  let bob: HttpClient;
  let aliceSocket: AgentSocket;
  let bobSocket: AgentSocket;

  beforeEach(async () => {
    w = await startServerWorld(dialect);
    alice = await w.login(w.crm.alice);
    bob = await w.login(w.crm.bob);
    aliceSocket = await w.socket(alice);
    bobSocket = await w.socket(bob);
  });
  afterEach(() => w.close());

  /** `from` calls Alice, who answers from the page. */
  const callsAlice = async (from: string): Promise<string> => {
    const { callId } = await w.phone.injectIncoming(from, '1001');
    await w.settle();
    expect((await alice.post(`/api/calls/${callId}/answer`)).status).toBe(200);
    return callId;
  };

  const synced = async (): Promise<void> => {
    await w.settle();
    await aliceSocket.sync();
    await bobSocket.sync();
  };

  it('hold then retrieve: Connected, On hold (Retrieve offered, Hold not), Connected again; a second hold is 409 with the state', async () => {
    const callId = await callsAlice(NUMBERS.sam);
    const held = await alice.post<CallSnapshot>(`/api/calls/${callId}/hold`);
    expect(held.body).toMatchObject({ state: 'hold', label: { en: 'On hold', fr: 'En attente' }, actions: ['hangup', 'retrieve'] });
    const again = await alice.post<{ error: { code: string; details: { state: string } } }>(`/api/calls/${callId}/hold`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'invalid-call-state', details: { state: 'hold' } });
    expect((await alice.post(`/api/calls/${callId}/retrieve`)).status).toBe(200);
    await w.passTime(60_000);
    await alice.post(`/api/calls/${callId}/hangup`);
    await synced();
    expect(aliceSocket.changes(callId)).toEqual([RINGING, ANSWERING, TALKING, ON_HOLD, TALKING, ENDED]);
    expect(await w.callLog(callId)).toEqual([expect.objectContaining({ direction: 'inbound', outcome: 'answered', personId: w.crm.samId, durationS: 60 })]);
  });

  it('blind transfer to 1002: Alice is disconnected, Bob rings with Sam already matched, answers; one conversation in the log', async () => {
    const callId = await callsAlice(NUMBERS.sam);
    const moved = await alice.post<{ id: string; ended?: boolean }>(`/api/calls/${callId}/transfer`, { to: '1002' });
    expect(moved.status).toBe(200);
    await synced();
    expect(bobSocket.snapshots(callId)[0]).toMatchObject({
      direction: 'inbound', label: { en: 'Ringing' }, matches: [expect.objectContaining({ type: 'person', id: w.crm.samId, name: 'Sam Carter' })],
    });
    expect((await bob.post(`/api/calls/${callId}/answer`)).status).toBe(200);
    await bob.post(`/api/calls/${callId}/hangup`);
    await synced();
    expect(aliceSocket.changes(callId)).toEqual([RINGING, ANSWERING, TALKING, ENDED]);
    expect(aliceSocket.snapshots(callId).at(-1)).toMatchObject({ outcome: 'transferred', transferredTo: '1002' });
    // The caller is already connected: Bob's answer is one event, straight to the full buttons.
    expect(bobSocket.changes(callId)).toEqual([RINGING, TALKING, ENDED]);
    const [a, b] = await w.callLog(callId);
    expect(a).toMatchObject({ userId: w.crm.alice.id, direction: 'inbound', outcome: 'transferred', transferredTo: '1002', personId: w.crm.samId });
    expect(b).toMatchObject({ userId: w.crm.bob.id, direction: 'inbound', outcome: 'answered', personId: w.crm.samId });
    expect(b?.conversationId).toBe(a?.conversationId);
  });

  it('consult then complete: On hold → Transfer on the held call, Consult on the new one; Bob ends up talking to Sam', async () => {
    const held = await callsAlice(NUMBERS.sam);
    const consult = await alice.post<CallSnapshot>(`/api/calls/${held}/consult`, { to: '1002' });
    expect(consult.status).toBe(201);
    expect(consult.body).toMatchObject({ consultOf: held, label: { en: 'Consult (internal)', fr: 'Conseil (interne)' } });
    const consultId = consult.body.id;
    await synced();
    expect(bobSocket.snapshots(consultId)[0]).toMatchObject({ label: { en: 'Ringing (internal)' }, matches: [expect.objectContaining({ type: 'user', id: w.crm.alice.id })] });
    expect((await bob.post(`/api/calls/${consultId}/answer`)).status).toBe(200);
    await synced();
    expect(aliceSocket.snapshots(held).at(-1)).toMatchObject({ label: { en: 'Transfer', fr: 'Transférer' }, consultedBy: consultId });
    expect((await alice.post(`/api/calls/${consultId}/complete`)).status).toBe(200);
    await synced();
    // Consult = hold, then a new call (ECMA-269 §17.2.3): Retrieve goes once the consultation exists.
    expect(aliceSocket.changes(held)).toEqual([
      RINGING, ANSWERING, TALKING, ON_HOLD, { label: 'On hold', actions: ['hangup'] }, { label: 'Transfer', actions: ['hangup'] }, ENDED,
    ]);
    expect(aliceSocket.changes(consultId)).toEqual([
      { label: 'Consult (internal)', actions: ['hangup', 'reconnect'] },
      { label: 'Consult (internal)', actions: ['hangup', 'complete', 'reconnect'] },
      ENDED,
    ]);
    expect(bobSocket.changes(consultId)).toEqual([
      { label: 'Ringing (internal)', actions: ['answer', 'hangup'] },
      { label: 'Connected (internal)', actions: ['hangup'] },
      { label: 'Connected (internal)', actions: ['hangup', 'hold', 'transfer', 'consult'] },
      // Alice has left the consultation; Bob's leg of it clears as he moves into Sam's call.
      { label: 'Connected (internal)', actions: ['hangup'] },
      ENDED,
    ]);
    expect(bobSocket.changes(held)).toEqual([TALKING]);
    expect(bobSocket.snapshots(held)[0]).toMatchObject({ direction: 'inbound', matches: [expect.objectContaining({ name: 'Sam Carter' })] });
    expect((await alice.get<CallSnapshot[]>('/api/calls')).body).toEqual([]);
    const records = [...await w.callLog(held), ...await w.callLog(consultId)];
    expect(new Set(records.map((r) => r.conversationId)).size).toBe(1);
    expect(records.map((r) => [r.callKey === `${held}:1001` || r.callKey === `${held}:1002` ? 'held' : 'consult', r.userId, r.outcome])).toEqual([
      ['held', w.crm.alice.id, 'transferred'],
      ['held', w.crm.bob.id, null],
      ['consult', w.crm.alice.id, 'transferred'],
      ['consult', w.crm.bob.id, 'answered'],
    ]);
    // One conversation, its legs readable through the API from any of them (issue 12).
    const read = await w.admin.ok<{ legs: Array<{ id: number }> }>('GET', `/api/communications/${records[2]?.id ?? 0}`);
    expect(read.legs.map((l) => l.id).sort()).toEqual(records.map((r) => r.id).sort());
  });

  it('consult then hang up the consultation, then retrieve: back to Sam', async () => {
    const held = await callsAlice(NUMBERS.sam);
    const consultId = (await alice.post<CallSnapshot>(`/api/calls/${held}/consult`, { to: '1002' })).body.id;
    await w.settle();
    await bob.post(`/api/calls/${consultId}/answer`);
    // While the consultation runs, the held call offers no Retrieve (R6.9).
    const early = await alice.post<{ error: { code: string; details: { state: string } } }>(`/api/calls/${held}/retrieve`);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'invalid-call-state', details: { state: 'hold' } });
    expect((await alice.post(`/api/calls/${consultId}/hangup`)).status).toBe(200);
    await w.settle();
    const back = await alice.post<CallSnapshot>(`/api/calls/${held}/retrieve`);
    expect(back.body).toMatchObject({ state: 'connected', label: { en: 'Connected' } });
    await synced();
    expect(aliceSocket.changes(held)).toEqual([
      RINGING, ANSWERING, TALKING, ON_HOLD, { label: 'On hold', actions: ['hangup'] }, { label: 'Transfer', actions: ['hangup'] }, ON_HOLD, TALKING,
    ]);
    expect(aliceSocket.changes(consultId)).toEqual([
      { label: 'Consult (internal)', actions: ['hangup', 'reconnect'] },
      { label: 'Consult (internal)', actions: ['hangup', 'complete', 'reconnect'] },
      ENDED,
    ]);
    expect((await w.callLog(consultId)).map((r) => [r.userId, r.outcome])).toEqual([[w.crm.alice.id, 'answered'], [w.crm.bob.id, 'answered']]);
    expect((await w.callLog(held)).map((r) => [r.userId, r.outcome, r.endedAt])).toEqual([[w.crm.alice.id, null, null]]);
  });

  it('two calls at once: Alice holds Sam to take an unknown caller; both rows live, each with its own words', async () => {
    const first = await callsAlice(NUMBERS.sam);
    await alice.post(`/api/calls/${first}/hold`);
    const { callId: second } = await w.phone.injectIncoming(NUMBERS.unknown, '1001');
    await w.settle();
    expect((await alice.get<CallSnapshot[]>('/api/calls')).body.map((s) => [s.id, s.label.en])).toEqual([[first, 'On hold'], [second, 'Ringing']]);
    await alice.post(`/api/calls/${second}/answer`);
    expect((await alice.get<CallSnapshot[]>('/api/calls')).body.map((s) => [s.id, s.label.en])).toEqual([[first, 'On hold'], [second, 'Connected']]);
    await alice.post(`/api/calls/${second}/hangup`);
    await alice.post(`/api/calls/${first}/retrieve`);
    await synced();
    expect(aliceSocket.changes(second)).toEqual([RINGING, ANSWERING, TALKING, ENDED]);
    expect(aliceSocket.changes(first)).toEqual([RINGING, ANSWERING, TALKING, ON_HOLD, TALKING]);
    expect((await w.callLog(second)).map((r) => [r.outcome, r.personId, r.callback])).toEqual([['answered', null, false]]);
  });
});
