import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../domain/call.js';
import type { ProviderEventType } from '../telephony/provider.js';
import { CONNECTION_STATES, PROVIDER_EVENT_TYPES, describeMove, transition } from './connection-state.js';

/**
 * The expected machine, written out cell by cell (state × event). `-` is an illegal move.
 * Columns: originated, delivered, queued, established, held, retrieved, transferred,
 * diverted, failed, connection-cleared.
 */
const EXPECTED: Record<ConnectionState, string> = {
  //          orig       deliv     queued  estab      held  retr       transf diverted failed cleared
  null:      'initiated alerting  queued  connected  -     -          -      -        fail   -',
  initiated: '-         -         -       connected  -     -          -      -        fail   null',
  alerting:  '-         -         -       connected  -     -          -      null     fail   null',
  queued:    '-         alerting  -       connected  -     -          -      null     fail   null',
  connected: '-         -         -       -          hold  -          null   -        fail   null',
  hold:      '-         -         -       -          -     connected  null   -        -      null',
  fail:      '-         -         -       -          -     -          -      -        -      null',
};

const cells = CONNECTION_STATES.flatMap((state) => {
  const row = EXPECTED[state].split(/\s+/);
  return PROVIDER_EVENT_TYPES.map((event, i) => ({ state, event, expected: row[i] as string }));
});

describe('the CSTA connection state machine (ECMA-269 §6.1.5)', () => {
  it('has a cell for every state × every event', () => {
    expect(cells).toHaveLength(CONNECTION_STATES.length * PROVIDER_EVENT_TYPES.length);
    expect(cells.every((c) => c.expected !== undefined)).toBe(true);
  });

  it.each(cells)('$state -[$event]-> $expected', ({ state, event, expected }) => {
    const r = transition(state, event as ProviderEventType);
    if (expected === '-') {
      expect(r.ok).toBe(false);
      expect(describeMove(r)).toBe(`illegal move: ${state} -[${event}]-> ?`);
    } else {
      expect(r).toEqual({ ok: true, from: state, event, to: expected });
      expect(describeMove(r)).toBe(`${state} -[${event}]-> ${expected}`);
    }
  });
});
