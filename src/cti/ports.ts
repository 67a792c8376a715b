/**
 * The ports of the CTI core: small interfaces the rest of the product plugs in (the
 * caller-ID matcher and dialling rules from src/phone, the call log and the device
 * directory from the database, the WebSocket hub's sink). The core is tested with
 * in-memory implementations of these and the real simulated phone system.
 */
import type {
  CallDirection, CallOutcome, CallSnapshot, CallerMatch, NumberView,
} from '../domain/call.js';

/** What the caller-ID matcher says about a number (R6.6). */
export interface CallerIdResult {
  /** The number is a colleague's phone or extension: the call is internal. */
  internal: boolean;
  matches: CallerMatch[];
}

export interface CallerIdMatcher {
  /** Called ONCE per call and device, at delivery, before the agent sees it ringing. */
  match(callerId: string): Promise<CallerIdResult>;
}

export type NumberKind = 'international' | 'national' | 'local' | 'extension';

export type NumberParse =
  | { ok: true; e164: string | null; canonical: string | null; dialable: string; kind: NumberKind }
  | { ok: false; reason: string };

/** The dialling rules (R3.3, R6.5). */
export interface NumberPlan {
  /** A number typed in the call screen (R6.5) → what to dial. */
  parse(input: string): NumberParse;
  /** A phone value stored on a record, in any format (R5.4); `parse` when absent. */
  parseStored?(value: string): NumberParse;
  /** A number as the phone system presents it: a caller ID, a dialled string with the outside-line prefix, an extension. */
  fromNetwork(raw: string): NumberParse;
}

/** One communication: one call as one agent device took part in it. */
export interface CallLogRecord {
  /** `${callId}:${device}`: the upsert key, unique for ever (callId is a UUIDv7). */
  key: string;
  callId: string;
  /** The phone system's ref of the call: an attribute, so a restart can adopt a call it still has. */
  providerRef: string;
  /** Shared by a call, its consultation call and the transfer legs: one conversation. */
  conversationId: string;
  device: string;
  userId: number | null;
  direction: CallDirection;
  number: NumberView;
  /** Every matched person/company/user the communication is filed on, with the name shown. */
  links: Array<{ type: CallerMatch['type']; id: number; name: string }>;
  startedAt: string;
  answeredAt?: string;
  endedAt?: string;
  outcome?: CallOutcome;
  transferredTo?: string;
  /** A missed incoming call: someone should call back. */
  callBack: boolean;
}

export interface CallLogStore {
  /**
   * Insert or replace by `key`; idempotent. Called when the device joins the call (so a
   * crash mid-call leaves an open record), when it is answered, and at its final state.
   */
  upsert(record: CallLogRecord): Promise<void>;
  /** Records without `endedAt`: calls that were live when the server last stopped. */
  listOpen(): Promise<CallLogRecord[]>;
}

export type ProviderStatus = 'up' | 'down';

/** Where snapshots go: the agent hub (WebSocket) implements it. */
export interface SnapshotSink {
  publish(snapshot: CallSnapshot): void;
  providerStatus(status: ProviderStatus): void;
}

export interface DeviceUser {
  userId: number;
  device: string;
  /** The user's extension (R4.4): what colleagues dial. */
  extension?: string;
  ctiEnabled: boolean;
}

/** device ↔ user. Read at every use, so a change (R4.5) takes effect at once. */
export interface DeviceDirectory {
  byDevice(device: string): DeviceUser | undefined;
  byUser(userId: number): DeviceUser | undefined;
}

/** A phone field of a CRM record, for "dial a record's phone field". */
export interface RecordRef {
  type: 'person' | 'company' | 'user';
  id: number;
  field: string;
}

export interface RecordPhones {
  /** The stored (typed) phone value, or undefined when the record or field has none. */
  phoneOf(record: RecordRef): Promise<string | undefined>;
}
