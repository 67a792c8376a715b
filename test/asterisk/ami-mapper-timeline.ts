/**
 * Test helpers: run the pure mapper over a recorded session and fold its events into the
 * README's vocabulary — per party, the list of connection states with the time they were
 * reached (`connected@541`), and the call's outcome.
 */
import type { CallOutcome } from '../../src/domain/call.js';
import type { ProviderEvent } from '../../src/telephony/provider.js';
import { mapAmiMessage } from '../../src/telephony/asterisk/ami-event-mapper.js';
import { EMPTY_MAPPER_STATE, type AmiMapperContext, type AmiMapperState } from '../../src/telephony/asterisk/ami-call-model.js';
import { originateNumbers, receivedMessages, type Fixture } from './ami-fixtures.js';

export const fixtureContext = (fixture: Fixture): AmiMapperContext => {
  const numbers = originateNumbers(fixture);
  return {
    isAgentDevice: (device) => /^PJSIP\/[0-9]+$/.test(device),
    holdContext: 'cti-hold',
    originateNumber: (requestId) => numbers.get(requestId),
  };
};

export interface Replayed {
  events: ProviderEvent[];
  state: AmiMapperState;
}

/** Maps the received messages with `fromT < t <= untilT`, starting from `seed`. */
export const replayMapper = (fixture: Fixture, untilT = Infinity, seed: AmiMapperState = EMPTY_MAPPER_STATE, fromT = -Infinity): Replayed => {
  const ctx = fixtureContext(fixture);
  let state = seed;
  const events: ProviderEvent[] = [];
  for (const { t, message } of receivedMessages(fixture)) {
    if (t > untilT) break;
    if (t <= fromT) continue;
    const result = mapAmiMessage(state, message, t, ctx);
    state = result.state;
    events.push(...result.events);
  }
  return { events, state };
};

const WORD: Record<ProviderEvent['type'], string> = {
  originated: 'initiated', delivered: 'alerting', queued: 'queued', established: 'connected',
  held: 'hold', retrieved: 'connected', transferred: 'transferred', diverted: 'diverted',
  failed: 'fail', 'connection-cleared': 'cleared',
};

const NAMES: Record<string, string> = { 'PJSIP/6001': 'Alice', 'PJSIP/6002': 'Bob' };

/** `{ 'Alice': ['initiated@507', ...], '02075550123': [...] }`; calls after the first get `#2`. */
export const timeline = (events: readonly ProviderEvent[]): Record<string, string[]> => {
  const calls: string[] = [];
  const out: Record<string, string[]> = {};
  for (const e of events) {
    if (!calls.includes(e.callRef)) calls.push(e.callRef);
    const n = calls.indexOf(e.callRef) + 1;
    const party = `${NAMES[e.device] ?? e.device}${n > 1 ? ` #${n}` : ''}`;
    const detail = e.type === 'failed' ? `(${e.cause})` : e.type === 'transferred' ? `(${e.transferredTo})` : '';
    (out[party] ??= []).push(`${WORD[e.type]}${detail}@${e.at}`);
  }
  return out;
};

/** The outcome words of the README, derived from one call's events (what the core will store). */
export const outcomeOf = (events: readonly ProviderEvent[]): CallOutcome => {
  if (events.some((e) => e.type === 'transferred')) return 'transferred';
  const failed = events.find((e) => e.type === 'failed' && e.remote);
  if (failed && failed.type === 'failed') return failed.cause === 'invalid-number' || failed.cause === 'busy' || failed.cause === 'no-answer' || failed.cause === 'rejected' ? failed.cause : 'failed';
  const connected = new Set(events.filter((e) => e.type === 'established').map((e) => e.device));
  const remoteConnected = events.some((e) => e.type === 'established' && e.remote);
  const hasRemote = events.some((e) => e.remote);
  if (remoteConnected || (!hasRemote && connected.size >= 2)) return 'answered';
  const first = events[0];
  const inbound = first !== undefined && (first.remote === true || first.type === 'delivered' || first.type === 'queued');
  return inbound ? 'missed' : 'no-answer';
};
