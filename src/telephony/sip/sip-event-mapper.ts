/**
 * PURE: what happened to a party of a B2BUA call → the contract event (one connection
 * each, ECMA-269 vocabulary). The call logic says what happened; this says how the CTI
 * hears it, so the wording of events lives in one place.
 */
import type { FailureCause } from '../../domain/call.js';
import type { ProviderCallState, ProviderEvent, ProviderStatusEvent } from '../provider.js';

export type PartyState = 'initiated' | 'alerting' | 'connected' | 'hold' | 'fail';

export interface PartyView {
  device: string;
  remote: boolean;
  state: PartyState;
}

export interface CallView {
  ref: string;
  callingNumber: string;
  calledNumber: string;
  startedAt: number;
  parties: readonly PartyView[];
}

export type Happening =
  | { kind: 'dialling'; calledNumber: string }
  /** `callingNumber`: whom the ringing phone is told calls it (after a transfer: the partner). */
  | { kind: 'alerting'; callingNumber?: string }
  | { kind: 'answered' }
  | { kind: 'held' }
  | { kind: 'retrieved' }
  | { kind: 'transferred'; to: string; secondaryCallRef?: string }
  | { kind: 'failed'; cause: FailureCause }
  | { kind: 'hung-up' }
  /** The party now talks to `number` (a transfer or a completed consultation replaced its partner). */
  | { kind: 'party-changed'; number: string };

const base = (call: CallView, party: PartyView, at: number): { callRef: string; device: string; at: number; remote?: boolean } => ({
  callRef: call.ref, device: party.device, at, ...(party.remote ? { remote: true } : {}),
});

export const toEvent = (call: CallView, party: PartyView, h: Happening, at: number): ProviderEvent | Extract<ProviderStatusEvent, { type: 'party-changed' }> => {
  const b = base(call, party, at);
  switch (h.kind) {
    case 'dialling': return { ...b, type: 'originated', calledNumber: h.calledNumber };
    case 'alerting': return { ...b, type: 'delivered', callingNumber: h.callingNumber ?? call.callingNumber, calledNumber: party.remote ? party.device : call.calledNumber };
    case 'answered': return { ...b, type: 'established' };
    case 'held': return { ...b, type: 'held' };
    case 'retrieved': return { ...b, type: 'retrieved' };
    case 'transferred': return { ...b, type: 'transferred', transferredTo: h.to, ...(h.secondaryCallRef !== undefined ? { secondaryCallRef: h.secondaryCallRef } : {}) };
    case 'failed': return { ...b, type: 'failed', cause: h.cause };
    case 'hung-up': return { ...b, type: 'connection-cleared', cause: 'normal' };
    case 'party-changed': return { ...b, type: 'party-changed', number: h.number };
  }
};

/** The state a happening leaves the party in (undefined: the party is gone). */
export const stateAfter = (h: Happening): PartyState | undefined => {
  switch (h.kind) {
    case 'dialling': return 'initiated';
    case 'alerting': return 'alerting';
    case 'answered': case 'retrieved': return 'connected';
    case 'held': return 'hold';
    case 'failed': return 'fail';
    case 'transferred': case 'hung-up': return undefined;
    case 'party-changed': return undefined;
  }
};

/** A live call as the resync (`synced`) reports it. */
export const toCallState = (call: CallView): ProviderCallState => ({
  callRef: call.ref, callingNumber: call.callingNumber, calledNumber: call.calledNumber, startedAt: call.startedAt,
  connections: call.parties.map((p) => ({ device: p.device, ...(p.remote ? { remote: true } : {}), state: p.state })),
});
