/**
 * The registry's in-memory call, and the pure views derived from it: the snapshot one
 * agent device sees (R6.10) and the communication written to the call log.
 */
import type {
  CallDirection, CallOutcome, CallSnapshot, CallerMatch, ConnectionState, FailureCause, NumberView,
} from '../domain/call.js';
import { labelFor } from './call-labels.js';
import type { CallLogRecord } from './ports.js';

/** The other party as one agent device sees it, matched once when the device joined. */
export interface PartyView {
  number: NumberView;
  matches: CallerMatch[];
  internal: boolean;
}

export interface LiveConnection {
  device: string;
  remote: boolean;
  state: ConnectionState;
}

/** One agent device's part in the call (one communication in the call log). */
export interface AgentLeg {
  device: string;
  /** This device placed the call (originated) rather than being called. */
  placed: boolean;
  party: PartyView;
  /** The caller's name as the phone system sent it with the call (caller ID name). */
  callerName?: string;
  joinedAt: number;
  answeredAt?: number;
  endedAt?: number;
  /** The agent refused it while it rang (the Hang up command): it ends declined. */
  refusing?: boolean;
  /** Why the phone itself refused it while it rang (busy here, decline). */
  failedWhileRinging?: FailureCause;
  outcome?: CallOutcome;
  transferredTo?: string;
}

export interface LiveCall {
  /** Ours, unique for ever (UUIDv7): what the API, snapshots and the call log name. */
  id: string;
  /** The phone system's call id (sim ref, Asterisk Uniqueid…): unique only while the call lives. */
  ref: string;
  version: number;
  conversationId: string;
  startedAt: number;
  /** Every connection ever seen, agents and far parties; cleared ones have state `null`. */
  connections: Map<string, LiveConnection>;
  legs: Map<string, AgentLeg>;
  failureCause?: FailureCause;
  consultOf?: string;
  consultedBy?: string;
  /** The device running the consultation: the links above are its business only. */
  consultDevice?: string;
  transferredTo?: string;
  /** No audio from this party right now (issue 17). */
  mediaWarning?: { noAudioFrom: string };
}

export const liveStates = (call: LiveCall, except?: string): ConnectionState[] =>
  [...call.connections.values()].filter((c) => c.device !== except && c.state !== 'null').map((c) => c.state);

/** Fixed by the other party as the device saw it when it joined (a colleague: internal). */
export const directionOf = (_call: LiveCall, leg: AgentLeg): CallDirection => {
  if (leg.party.internal) return 'internal';
  return leg.placed ? 'outbound' : 'inbound';
};

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

const FAILURE_OUTCOME: Record<FailureCause, CallOutcome> = {
  busy: 'busy',
  'no-answer': 'no-answer',
  'invalid-number': 'invalid-number',
  rejected: 'rejected',
  network: 'failed',
  unavailable: 'failed',
};

/** How the call ended for this device (unless already decided, e.g. `interrupted`). */
export const outcomeOf = (call: LiveCall, leg: AgentLeg): CallOutcome => {
  if (leg.outcome !== undefined) return leg.outcome;
  if (leg.transferredTo !== undefined) return 'transferred';
  if (leg.answeredAt !== undefined) return 'answered';
  if (call.failureCause !== undefined) return FAILURE_OUTCOME[call.failureCause];
  return leg.placed ? 'abandoned' : 'missed';
};

export const snapshotOf = (call: LiveCall, leg: AgentLeg, consultCall: LiveCall | undefined): CallSnapshot => {
  const consulting = call.consultDevice === leg.device;
  const consult = consulting ? consultCall : undefined;
  const mine = call.connections.get(leg.device)?.state ?? 'null';
  const internal = directionOf(call, leg) === 'internal';
  const label = labelFor({
    mine: leg.endedAt === undefined ? mine : 'null',
    others: liveStates(call, leg.device),
    placed: leg.placed,
    answered: leg.answeredAt !== undefined,
    isConsultCall: consulting && call.consultOf !== undefined,
    ...(consult === undefined ? {} : { consultation: { answered: liveStates(consult, leg.device).includes('connected') } }),
    ...(call.failureCause === undefined ? {} : { failureCause: call.failureCause }),
    internal,
  });
  const snap: CallSnapshot = {
    id: call.id,
    version: call.version,
    device: leg.device,
    direction: directionOf(call, leg),
    number: leg.party.number,
    matches: leg.party.matches,
    internal,
    state: leg.endedAt === undefined ? mine : 'null',
    label,
    connections: [...call.connections.values()].filter((c) => c.state !== 'null').map((c) => ({ device: c.device, state: c.state })),
    startedAt: new Date(call.startedAt).toISOString(),
  };
  if (leg.callerName !== undefined) snap.callerName = leg.callerName;
  if (consulting && call.consultOf !== undefined) snap.consultOf = call.consultOf;
  if (consulting && call.consultedBy !== undefined) snap.consultedBy = call.consultedBy;
  const transferredTo = leg.transferredTo ?? call.transferredTo;
  if (transferredTo !== undefined) snap.transferredTo = transferredTo;
  if (call.failureCause !== undefined) snap.failureCause = call.failureCause;
  if (call.mediaWarning !== undefined && leg.endedAt === undefined) snap.mediaWarning = { ...call.mediaWarning };
  if (leg.answeredAt !== undefined) snap.answeredAt = iso(leg.answeredAt) as string;
  if (leg.endedAt !== undefined) {
    snap.endedAt = iso(leg.endedAt) as string;
    snap.outcome = outcomeOf(call, leg);
  }
  return snap;
};

export const logRecordOf = (call: LiveCall, leg: AgentLeg, userId: number | null): CallLogRecord => {
  const outcome = leg.endedAt === undefined ? undefined : outcomeOf(call, leg);
  const rec: CallLogRecord = {
    key: `${call.id}:${leg.device}`,
    callId: call.id,
    providerRef: call.ref,
    conversationId: call.conversationId,
    device: leg.device,
    userId,
    direction: directionOf(call, leg),
    number: leg.party.number,
    // Filed on each matched record, and on a matched person's company too.
    links: leg.party.matches.flatMap((m) => (m.type === 'person' && m.company
      ? [{ type: m.type, id: m.id, name: m.name }, { type: 'company' as const, id: m.company.id, name: m.company.name }]
      : [{ type: m.type, id: m.id, name: m.name }])),
    startedAt: new Date(leg.joinedAt).toISOString(),
    callBack: outcome === 'missed',
  };
  if (leg.answeredAt !== undefined) rec.answeredAt = iso(leg.answeredAt) as string;
  if (leg.endedAt !== undefined) rec.endedAt = iso(leg.endedAt) as string;
  if (outcome !== undefined) rec.outcome = outcome;
  if (leg.transferredTo !== undefined) rec.transferredTo = leg.transferredTo;
  return rec;
};
