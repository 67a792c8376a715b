/**
 * Plain types of the call model (ECMA-269 / CSTA vocabulary). No behaviour here: the
 * state machine lives in src/cti/connection-state.ts, the one door for state changes.
 */

/** CSTA connection states (ECMA-269 §6.1.5). `null` = no connection (cleared). */
export type ConnectionState = 'null' | 'initiated' | 'alerting' | 'connected' | 'hold' | 'queued' | 'fail';

export type CallDirection = 'inbound' | 'outbound' | 'internal';

/**
 * Why a call or connection failed, as the provider contract reports it. `unavailable`: the
 * device is not registered / not reachable (Q.850 cause 20, subscriber absent).
 */
export type FailureCause = 'busy' | 'no-answer' | 'invalid-number' | 'rejected' | 'network' | 'unavailable';

export type CallOutcome =
  | 'answered'
  | 'missed'
  /** The agent refused the call while it rang (not the same as missing it). */
  | 'declined'
  | 'busy'
  | 'no-answer'
  | 'invalid-number'
  | 'rejected'
  | 'failed'
  | 'transferred'
  | 'abandoned'
  | 'interrupted';

/** Why a CRM record matched a caller ID (R6.6). */
export type MatchReason = 'exact' | 'variant' | 'prefix' | 'internal';

export interface CallerMatch {
  type: 'person' | 'company' | 'user';
  id: number;
  name: string;
  company?: { id: number; name: string };
  /** The phone value as stored (typed) in the CRM. */
  phone: string;
  /** Which field it came from, e.g. `phone:mobile` or a custom column name. */
  field?: string;
  reason: MatchReason;
}

export interface NumberView {
  raw: string;
  e164: string | null;
  canonical: string | null;
  dialable: string | null;
  /**
   * The caller withheld the number (CLIR: an empty caller ID, `anonymous`, `Restricted`,
   * `<unknown>`, RFC 3323's `sip:anonymous@anonymous.invalid`): shown as "Withheld
   * number", never matched. Absent otherwise.
   */
  withheld?: boolean;
}

export interface ConnectionView {
  device: string;
  state: ConnectionState;
}

export interface CallLabel {
  en: string;
  fr: string;
}

/** What the API and WebSocket push for one call, as seen from one agent device. */
export interface CallSnapshot {
  id: string;
  version: number;
  device: string;
  direction: CallDirection;
  number: NumberView;
  /** The caller's name as the phone network sent it (caller ID name), when it sent one. */
  callerName?: string;
  matches: CallerMatch[];
  internal: boolean;
  /** This device's CSTA connection state. */
  state: ConnectionState;
  /** The words of R6.10, derived from the state in one place. */
  label: CallLabel;
  connections: ConnectionView[];
  consultOf?: string;
  consultedBy?: string;
  transferredTo?: string;
  failureCause?: FailureCause;
  startedAt: string;
  answeredAt?: string;
  endedAt?: string;
  outcome?: CallOutcome;
  /** Media that stopped while connected (issue 17): no RTP from this party (device or number) for some seconds. */
  mediaWarning?: { noAudioFrom: string };
  /** The commands this device may send now (state and provider capabilities, R6.9). */
  actions?: Array<'answer' | 'hangup' | 'hold' | 'retrieve' | 'transfer' | 'consult' | 'complete' | 'reconnect'>;
}
