/**
 * The words agents see for a call (R6.10), in English and French, derived in ONE place
 * from the CSTA states of the call's connections (never stored). The seed's French words
 * are kept as they are: Dialing = Emission en cours, Ringing = Appel, Connected = Connecté,
 * On hold = En attente, Held = En suspens, Transfer = Transférer, Consult = Conseil,
 * internal = interne.
 *
 * How each word is chosen, for the agent device `mine` (checked in this order):
 * - the call ended for this device                        → Call ended
 * - a connection failed (busy, no answer, ...)            → the cause (Busy, No answer, ...)
 * - mine = alerting | queued                              → Ringing
 * - mine = initiated, or (on a call this device placed and
 *   that was never answered) connected while no other
 *   party is connected yet: the far end still rings      → Dialing (Consult on a consultation call)
 * - mine = hold, a consultation started from this call:
 *   the consulted party has not answered yet              → On hold
 *   the consulted party answered (a transfer can complete) → Transfer
 * - mine = hold otherwise                                 → On hold
 * - mine = connected on a consultation call               → Consult
 * - mine = connected, another party holds the call        → Held (the held party's view)
 * - mine = connected                                      → Connected
 * A call from or to a colleague adds "(internal)" (R6.6).
 */
import type { CallLabel, ConnectionState, FailureCause } from '../domain/call.js';

export const WORDS = {
  idle: { en: 'No calls', fr: 'Aucun appel' },
  ended: { en: 'Call ended', fr: 'Appel terminé' },
  dialing: { en: 'Dialing', fr: 'Emission en cours' },
  ringing: { en: 'Ringing', fr: 'Appel' },
  connected: { en: 'Connected', fr: 'Connecté' },
  onHold: { en: 'On hold', fr: 'En attente' },
  held: { en: 'Held', fr: 'En suspens' },
  transfer: { en: 'Transfer', fr: 'Transférer' },
  consult: { en: 'Consult', fr: 'Conseil' },
  internal: { en: 'internal', fr: 'interne' },
} as const satisfies Record<string, CallLabel>;

export const FAILURE_WORDS: Readonly<Record<FailureCause, CallLabel>> = {
  busy: { en: 'Busy', fr: 'Occupé' },
  'no-answer': { en: 'No answer', fr: 'Pas de réponse' },
  'invalid-number': { en: 'Invalid number', fr: 'Numéro invalide' },
  rejected: { en: 'Rejected', fr: 'Refusé' },
  network: { en: 'Failed', fr: 'Échec' },
  unavailable: { en: 'Unavailable', fr: 'Indisponible' },
};

/** What the label depends on, as the registry sees the call from one agent device. */
export interface LabelContext {
  /** This device's connection state (`null` once cleared). */
  mine: ConnectionState;
  /** The states of the call's other live connections (agents and far parties). */
  others: readonly ConnectionState[];
  /** This device placed the call (rather than being called). */
  placed: boolean;
  /** This device has already talked with another party on this call. */
  answered: boolean;
  /** This call is a consultation call made from another call on this device. */
  isConsultCall: boolean;
  /** Another call on this device consults from this one; whether its far party answered. */
  consultation?: { answered: boolean };
  failureCause?: FailureCause;
  internal: boolean;
}

const withInternal = (label: CallLabel, internal: boolean): CallLabel =>
  internal
    ? { en: `${label.en} (${WORDS.internal.en})`, fr: `${label.fr} (${WORDS.internal.fr})` }
    : { en: label.en, fr: label.fr };

const baseLabel = (c: LabelContext): CallLabel => {
  if (c.mine === 'null') return WORDS.ended;
  if (c.failureCause !== undefined) return FAILURE_WORDS[c.failureCause];
  if (c.mine === 'fail' || c.others.includes('fail')) return FAILURE_WORDS.network;
  if (c.mine === 'alerting' || c.mine === 'queued') return WORDS.ringing;
  const farConnected = c.others.some((s) => s === 'connected' || s === 'hold');
  if (c.mine === 'initiated' || (c.mine === 'connected' && !farConnected && c.placed && !c.answered)) {
    return c.isConsultCall ? WORDS.consult : WORDS.dialing;
  }
  if (c.mine === 'hold') {
    return c.consultation?.answered === true ? WORDS.transfer : WORDS.onHold;
  }
  if (c.isConsultCall) return WORDS.consult;
  if (c.others.includes('hold')) return WORDS.held;
  return WORDS.connected;
};

/** Pure: the R6.10 words for one device's view of a call. */
export const labelFor = (c: LabelContext): CallLabel => {
  const base = baseLabel(c);
  // The end of a call is the end: no "(internal)" on it, nor on the idle words.
  return c.mine === 'null' ? { ...base } : withInternal(base, c.internal);
};
