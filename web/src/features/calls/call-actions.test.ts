import { describe, expect, it } from 'vitest';
import { callButtons, consultationOf, heldCallOf, isActive, needsTarget, shortcutTarget, type CallButton } from './call-actions.js';
import type { CallView } from './call-types.js';

const ALL: CallButton[] = ['answer', 'hangup', 'hold', 'retrieve', 'transfer', 'consult', 'complete', 'reconnect'];

const call = (over: Partial<CallView>): CallView => ({
  id: 'c1',
  version: 1,
  device: '201',
  direction: 'inbound',
  number: { raw: '12127364440', e164: '+12127364440', canonical: '+1 (212) 7364440', dialable: '912127364440' },
  matches: [],
  internal: false,
  state: 'connected',
  label: { en: 'Connected', fr: 'Connecté' },
  connections: [
    { device: '201', state: 'connected' },
    { device: '+12127364440', state: 'connected' },
  ],
  startedAt: '2026-01-01T10:00:00.000Z',
  actions: ALL,
  ...over,
});

describe('call-screen buttons from the call state (R6.7, R6.9)', () => {
  it('shows nothing for a cleared call, so an idle screen has no buttons (R6.10)', () => {
    expect(callButtons(call({ state: 'null' }))).toEqual([]);
    expect(callButtons(call({ state: 'connected', endedAt: '2026-01-01T10:01:00.000Z' }))).toEqual([]);
  });

  it('offers only Hang up while dialing (R6.4)', () => {
    expect(callButtons(call({ state: 'initiated', direction: 'outbound' }))).toEqual(['hangup']);
  });

  it('offers only Hang up while our end is connected but the far end still rings', () => {
    const ringingFar = call({ direction: 'outbound', connections: [{ device: '201', state: 'connected' }, { device: '+12127364440', state: 'alerting' }] });
    expect(callButtons(ringingFar)).toEqual(['hangup']);
  });

  it('offers Answer and Hang up on an incoming ringing call (R6.7)', () => {
    expect(callButtons(call({ state: 'alerting', direction: 'inbound' }))).toEqual(['answer', 'hangup']);
  });

  it('does not offer Answer on our own outgoing call while the far end rings', () => {
    expect(callButtons(call({ state: 'alerting', direction: 'outbound' }))).toEqual(['hangup']);
  });

  it('offers Hold, Transfer, Consult and Hang up on a connected call (R6.9)', () => {
    expect(callButtons(call({ state: 'connected' }))).toEqual(['hold', 'transfer', 'consult', 'hangup']);
  });

  it('hides Hold when the called number was busy or invalid (R6.9)', () => {
    expect(callButtons(call({ state: 'connected', failureCause: 'busy' }))).not.toContain('hold');
    expect(callButtons(call({ state: 'connected', failureCause: 'invalid-number' }))).not.toContain('hold');
  });

  it('offers only Hang up on a failed attempt, never Hold (R6.9)', () => {
    expect(callButtons(call({ state: 'fail', failureCause: 'busy', direction: 'outbound' }))).toEqual(['hangup']);
  });

  it('shows Retrieve on a held call (R6.9)', () => {
    expect(callButtons(call({ state: 'hold', label: { en: 'On hold', fr: 'En attente' } }))).toEqual(['retrieve', 'hangup']);
  });

  it('shows Complete transfer and Hang up on the consultation call, nothing on the held one while it lives', () => {
    const held = call({ id: 'a', state: 'hold', consultedBy: 'b' });
    const consult = call({ id: 'b', state: 'connected', consultOf: 'a', direction: 'internal' });
    const calls = [held, consult];
    expect(callButtons(consult, calls)).toEqual(['complete', 'hangup']);
    expect(callButtons(held, calls)).toEqual([]);
  });

  it('offers Retrieve on the held call again once the consultation is hung up', () => {
    const held = call({ id: 'a', state: 'hold', consultedBy: 'b' });
    const consultEnded = call({ id: 'b', state: 'null', consultOf: 'a', endedAt: '2026-01-01T10:02:00.000Z' });
    expect(callButtons(held, [held, consultEnded])).toEqual(['retrieve', 'hangup']);
  });

  it('never offers Hold, Transfer or Consult on a consultation call, even once its held call is gone', () => {
    const orphan = call({ id: 'b', state: 'connected', consultOf: 'a', direction: 'internal' });
    expect(callButtons(orphan, [orphan])).toEqual(['hangup']);
  });

  it('offers only Hang up on a consultation call still ringing', () => {
    const held = call({ id: 'a', state: 'hold' });
    const consult = call({ id: 'b', state: 'initiated', consultOf: 'a', direction: 'internal' });
    expect(callButtons(consult, [held, consult])).toEqual(['hangup']);
    expect(callButtons(held, [held, consult])).toEqual([]);
  });
});

describe('call-screen buttons from the provider capabilities (R6.9: what it cannot do is not offered)', () => {
  it('drops every button the server does not list in actions', () => {
    expect(callButtons(call({ state: 'connected', actions: ['hangup', 'transfer'] }))).toEqual(['transfer', 'hangup']);
  });

  it('shows nothing the server forbids, even when the state would allow it', () => {
    expect(callButtons(call({ state: 'alerting', actions: [] }))).toEqual([]);
  });

  it('never shows a button the state forbids, even when the server lists it', () => {
    expect(callButtons(call({ state: 'initiated', direction: 'outbound', actions: ALL }))).toEqual(['hangup']);
  });

  it('falls back to the state table when the snapshot carries no actions', () => {
    const { actions: _omit, ...rest } = call({ state: 'hold' });
    expect(callButtons(rest)).toEqual(['retrieve', 'hangup']);
  });
});

describe('helpers of the call screen', () => {
  it('pairs a consultation call with its held call both ways', () => {
    const held = call({ id: 'a', state: 'hold' });
    const consult = call({ id: 'b', state: 'connected', consultOf: 'a' });
    expect(consultationOf(held, [held, consult])?.id).toBe('b');
    expect(heldCallOf(consult, [held, consult])?.id).toBe('a');
  });

  it('counts a call as active until it is cleared or ended', () => {
    expect(isActive(call({ state: 'alerting' }))).toBe(true);
    expect(isActive(call({ state: 'null' }))).toBe(false);
  });

  it('asks for a typed number for Transfer and Consult only', () => {
    expect(['transfer', 'consult'].every((b) => needsTarget(b as 'transfer'))).toBe(true);
    expect(needsTarget('hold')).toBe(false);
  });

  it('points Alt+A at the ringing call and Alt+H at the talking one, not the held one', () => {
    const held = call({ id: 'a', state: 'hold' });
    const ringing = call({ id: 'r', state: 'alerting' });
    const talking = call({ id: 't', state: 'connected' });
    expect(shortcutTarget('answer', [held, talking, ringing])?.id).toBe('r');
    expect(shortcutTarget('hangup', [held, talking])?.id).toBe('t');
  });
});
