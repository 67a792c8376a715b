/**
 * Agent sessions and refused commands through the real server (R2.4, R6.3, R6.9, API.md):
 * a user controls only their own device's calls (403 not-your-device), a command in the
 * wrong state is 409 invalid-call-state with the state, the WebSocket command path gives
 * the same answers as REST, a reconnecting socket gets its live calls, and the phone
 * system's link going down and up is pushed to every socket.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../src/domain/call.js';
import { DIALECTS } from '../support/databases.js';
import { NUMBERS } from './support/crm-fixtures.js';
import type { ErrorBody, HttpClient } from './support/http-client.js';
import { startServerWorld, type ServerWorld } from './support/server-world.js';

describe.each(DIALECTS)('agent sessions and refusals through the real server (%s)', (dialect) => {
  let w: ServerWorld;
  let alice: HttpClient;
  let bob: HttpClient;
  beforeEach(async () => {
    w = await startServerWorld(dialect);
    alice = await w.login(w.crm.alice);
    bob = await w.login(w.crm.bob);
  });
  afterEach(() => w.close());

  const ringAlice = async (): Promise<string> => {
    const { callId } = await w.phone.injectIncoming(NUMBERS.sam, '1001');
    await w.settle();
    return callId;
  };

  it('a user may not control a call on another agent\'s device: 403 not-your-device, over REST and over the socket', async () => {
    const bobSocket = await w.socket(bob);
    const callId = await ringAlice();
    for (const command of ['answer', 'hangup', 'hold']) {
      const answer = await bob.post<ErrorBody>(`/api/calls/${callId}/${command}`);
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('not-your-device');
    }
    const viaSocket = await bobSocket.command('answer', { callId });
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'not-your-device' } });
    // Nothing happened to the call: it still rings Alice.
    expect(w.app.cti.registry.stateOf(callId, '1001')).toBe('alerting');
    expect(bobSocket.callIds()).toEqual([]);
  });

  it('a command in the wrong state is 409 invalid-call-state with details.state, over REST and over the socket', async () => {
    const aliceSocket = await w.socket(alice);
    const callId = await ringAlice();
    const rest = await alice.post<ErrorBody>(`/api/calls/${callId}/hold`);
    expect(rest.status).toBe(409);
    expect(rest.body.error).toMatchObject({ code: 'invalid-call-state', details: { state: 'alerting' } });
    const viaSocket = await aliceSocket.command('retrieve', { callId });
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'invalid-call-state', details: { state: 'alerting' } } });
    const complete = await alice.post<ErrorBody>(`/api/calls/${callId}/complete`);
    expect(complete.status).toBe(409);
    expect(complete.body.error.code).toBe('invalid-call-state');
    const unknown = await alice.post<ErrorBody>('/api/calls/sim-999/answer');
    expect(unknown.status).toBe(404);
  });

  it('the WebSocket command path answers {type:result, id, ok} and drives the call like REST', async () => {
    const socket = await w.socket(alice);
    const callId = await ringAlice();
    const answered = await socket.command('answer', { callId });
    expect(answered).toMatchObject({ type: 'result', ok: true, call: { id: callId, state: 'connected', label: { en: 'Connected' } } });
    const held = await socket.command('hold', { callId });
    expect(held).toMatchObject({ ok: true, call: { state: 'hold', actions: ['hangup', 'retrieve'] } });
    const unknown = await socket.command('teleport', { callId });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'validation-failed' } });
    // A click-to-dial from the socket while Sam is held: a call to Bob's extension field.
    const dialled = await socket.command('dial', { record: { type: 'user', id: w.crm.bob.id, field: 'extension' } });
    expect(dialled).toMatchObject({ ok: true, call: { number: { raw: '1002' }, direction: 'internal', label: { en: 'Dialing (internal)' } } });
    const gone = await socket.command('retrieve', { callId: 'sim-999' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await w.settle();
    await socket.sync();
    expect(socket.changes(callId).map((s) => s.label)).toEqual(['Ringing', 'Connected', 'Connected', 'On hold']);
    expect(w.app.cti.registry.snapshotsFor('1001').map((s) => s.label.en)).toEqual(['On hold', 'Dialing (internal)']);
  });

  it('a reconnecting socket gets {type:calls} with its live calls at once: nothing missed', async () => {
    const first = await w.socket(alice);
    const callId = await ringAlice();
    await alice.post(`/api/calls/${callId}/answer`);
    await first.close();
    await alice.post(`/api/calls/${callId}/hold`);
    await w.settle();
    const again = await w.socket(alice, { cti: false });
    const greeting = again.messages[0];
    expect(greeting?.type).toBe('calls');
    const calls = greeting?.type === 'calls' ? greeting.calls : [];
    expect(calls).toEqual([expect.objectContaining({ id: callId, state: 'hold', label: { en: 'On hold', fr: 'En attente' }, actions: ['hangup', 'retrieve'] })]);
    expect(calls).toEqual((await alice.get<CallSnapshot[]>('/api/calls')).body);
    // Several tabs, one device: a second tab sees the same snapshots as the first.
    const tab = await w.socket(alice);
    await alice.post(`/api/calls/${callId}/retrieve`);
    await w.settle();
    await again.sync();
    await tab.sync();
    expect(tab.snapshots(callId)).toEqual(again.snapshots(callId));
    expect(tab.snapshots(callId).map((s) => s.label.en)).toEqual(['Connected']);
  });

  it('a socket gets its calls list once on connect, not again when the CTI window comes online (issue 17)', async () => {
    const callId = await ringAlice();
    const first = await w.socket(alice);
    await alice.post(`/api/calls/${callId}/answer`);
    await w.settle();
    // A browser connects with its call screen open: it says online as soon as it is connected.
    const tab = await w.socket(alice);
    await tab.setCti(false);
    await tab.setCti(true);
    await tab.sync();
    expect(tab.messages.filter((m) => m.type === 'calls')).toHaveLength(1);
    expect(first.messages.filter((m) => m.type === 'calls')).toHaveLength(1);
  });

  it('the phone system going down and up is pushed to every socket; commands meanwhile are 503 provider-down', async () => {
    const aliceSocket = await w.socket(alice);
    const bobSocket = await w.socket(bob, { cti: false });
    w.sim.world.linkDown();
    await w.settle();
    await aliceSocket.sync();
    await bobSocket.sync();
    expect(aliceSocket.last()).toEqual({ type: 'provider', status: 'down' });
    expect(bobSocket.last()).toEqual({ type: 'provider', status: 'down' });
    const refused = await alice.post<ErrorBody>('/api/calls', { number: '1002' });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('provider-down');
    expect((await fetch(`${w.base}/readyz`)).status).toBe(503);
    // A newcomer learns the link is down at once.
    const late = await w.socket(bob);
    expect(late.messages).toContainEqual({ type: 'provider', status: 'down' });
    w.sim.world.linkUp();
    await w.settle();
    await aliceSocket.sync();
    expect(aliceSocket.last()).toEqual({ type: 'provider', status: 'up' });
    expect((await alice.post('/api/calls', { number: '1002' })).status).toBe(201);
  });
});
