/**
 * The telephony-provider contract: today's TAPI service provider (R2.2). The CTI core
 * (src/cti) talks to the phone system only through this interface; adapters (sim/, sip/,
 * asterisk/) implement it and pass `runProviderContract` (provider.contract.ts).
 *
 * Vocabulary follows ECMA-269 (CSTA): a call has connections (call × device); every event
 * below reports a change of ONE connection, named by `callRef` (the provider's call id)
 * and `device`. Agent devices are named as the phone system names them (the user's CTI
 * device name, R4.2); the far party of a call is a device named by its number as the
 * phone system presents it (`remote: true` on the event).
 *
 * Commands are imperative (`makeCall`); events are past tense (`connection-cleared`).
 */
import type { FailureCause } from '../domain/call.js';

export type Capability =
  | 'makeCall'
  | 'answer'
  | 'clear'
  | 'hold'
  | 'retrieve'
  | 'singleStepTransfer'
  | 'consult'
  | 'completeTransfer'
  | 'reconnect'
  | 'listDevices'
  | 'checkDevice';

export const ALL_CAPABILITIES: readonly Capability[] = [
  'makeCall', 'answer', 'clear', 'hold', 'retrieve', 'singleStepTransfer',
  'consult', 'completeTransfer', 'reconnect', 'listDevices', 'checkDevice',
];

/** One connection: a call at a device (CSTA ConnectionID). */
export interface ConnectionRef {
  callRef: string;
  device: string;
}

interface EventBase {
  /** Provider's call id. Stable for the life of the call. */
  callRef: string;
  /** The device whose connection changed. */
  device: string;
  /** True when `device` is the far party (a number), not an agent device. */
  remote?: boolean;
  /** Epoch milliseconds when the phone system saw it. */
  at: number;
}

export type ProviderEvent =
  /** `device` started a call to `calledNumber` (CSTA Originated / ServiceInitiated) → initiated. */
  | (EventBase & { type: 'originated'; calledNumber: string })
  /**
   * `device` is being alerted (CSTA Delivered) → alerting. `callerName`: the calling party's
   * name as the phone system presents it (Asterisk `CallerIDName`), when it sends one.
   */
  | (EventBase & { type: 'delivered'; callingNumber: string; calledNumber: string; callerName?: string })
  /** `device` is in a queue for the call (CSTA Queued) → queued. */
  | (EventBase & { type: 'queued'; callingNumber: string; calledNumber: string })
  /** `device` answered (CSTA Established) → connected. */
  | (EventBase & { type: 'established' })
  /** `device` put the call on hold (CSTA Held) → hold. */
  | (EventBase & { type: 'held' })
  /** `device` took the call off hold (CSTA Retrieved) → connected. */
  | (EventBase & { type: 'retrieved' })
  /**
   * `device` (the transferring party) transferred `callRef` to `transferredTo`; when the
   * transfer merged a consultation call, `secondaryCallRef` names it (CSTA Transferred).
   * The transferring device's connections are cleared.
   */
  | (EventBase & { type: 'transferred'; transferredTo: string; secondaryCallRef?: string })
  /** The call left `device` for `divertedTo` (CSTA Diverted: forward, pickup, queue). */
  | (EventBase & { type: 'diverted'; divertedTo: string })
  /** `device`'s connection failed (CSTA Failed) → fail. */
  | (EventBase & { type: 'failed'; cause: FailureCause })
  /** `device`'s connection ended (CSTA ConnectionCleared) → null. */
  | (EventBase & { type: 'connection-cleared'; cause?: FailureCause | 'normal' });

export type ProviderEventType = ProviderEvent['type'];

/** A call as the phone system knows it now: used to resync after a (re)connect. */
export interface ProviderCallState {
  callRef: string;
  callingNumber: string;
  calledNumber: string;
  startedAt: number;
  connections: Array<{ device: string; remote?: boolean; state: 'initiated' | 'alerting' | 'connected' | 'hold' | 'queued' | 'fail' }>;
}

export type ProviderStatusEvent =
  | { type: 'provider-up'; at: number }
  | { type: 'provider-down'; at: number; reason: string }
  /** After every (re)connect: the complete list of live calls on known devices. */
  | { type: 'synced'; at: number; calls: ProviderCallState[] }
  /**
   * `device`'s connection to `callRef` now talks to `number` (another device's name or an
   * outside number): a transfer or completed consultation replaced its partner (RFC 4916
   * connected identity). No connection state changes, so it is not a `ProviderEvent`: the
   * CTI names and matches the new party on the device's screen.
   */
  | { type: 'party-changed'; callRef: string; device: string; remote?: boolean; number: string; at: number }
  /**
   * Media of a connected call stopped (issue 17): no audio from `noAudioFrom` (a device or
   * number) for a while; `null` when it came back. Not a connection change: no state moves
   * (`call`, not `callRef`: call events are told apart by their `callRef`).
   */
  | { type: 'media'; call: string; at: number; noAudioFrom: string | null };

export type ProviderListener = (event: ProviderEvent | ProviderStatusEvent) => void;

export interface DeviceInfo {
  name: string;
  /** e.g. registered / unregistered / unknown. */
  status: 'available' | 'unavailable' | 'unknown';
  description?: string;
}

export interface DeviceCheck {
  ok: boolean;
  /** Clear words for the admin or user (R4.6). */
  message: string;
}

/** The dialling settings a phone system reports (R3.4), where it has any. */
export interface ReportedDialling {
  country?: string;
  areaCode?: string;
  outsidePrefixLocal?: string;
  outsidePrefixLongDistance?: string;
  nationalPrefix?: string;
  internationalPrefix?: string;
  internalLength?: number;
}

/** A link the provider keeps to another system (a SIP trunk's registration), for the admin. */
export interface ProviderLink {
  name: string;
  state: 'up' | 'pending' | 'down';
  /** Clear words: "registered until 10:42", "403 Forbidden: retrying at 10:45". */
  detail: string;
}

export interface TelephonyProvider {
  readonly kind: string;
  /** What this provider can do for `device` (R6.9: what it cannot do is not offered). */
  capabilities(device: string): ReadonlySet<Capability>;
  /** Connect (or start the embedded PBX); resolves when up. Emits provider-up and synced. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Subscribe; returns an unsubscribe function. */
  onEvent(listener: ProviderListener): () => void;
  isUp(): boolean;

  /** Click-to-dial (R6.4): `number` is the dialable string from the dialling rules. */
  makeCall(device: string, number: string): Promise<{ callRef: string }>;
  answer(conn: ConnectionRef): Promise<void>;
  /** Hang up this device's connection (CSTA ClearConnection). */
  clear(conn: ConnectionRef): Promise<void>;
  hold(conn: ConnectionRef): Promise<void>;
  retrieve(conn: ConnectionRef): Promise<void>;
  /** Blind transfer (R6.9). */
  singleStepTransfer(conn: ConnectionRef, to: string): Promise<void>;
  /** Consultation call: holds `conn` and calls `to` from the same device. */
  consult(conn: ConnectionRef, to: string): Promise<{ callRef: string }>;
  /** Joins the held call and the consultation call; the agent drops out. */
  completeTransfer(held: ConnectionRef, consult: ConnectionRef): Promise<void>;
  /** Drops the consultation call and retrieves the held one. */
  reconnect(held: ConnectionRef, consult: ConnectionRef): Promise<void>;
  listDevices(): Promise<DeviceInfo[]>;
  checkDevice(device: string): Promise<DeviceCheck>;
  /** The phone system's own dialling settings, to check against the CRM's (R3.4). */
  reportedDialling?(): Promise<ReportedDialling | null>;
  /** Its links to other systems and their state, where it keeps any. */
  links?(): Promise<ProviderLink[]>;
}

/** Thrown by adapters; the CTI core maps it to the error catalogue. */
export class ProviderError extends Error {
  constructor(
    /** `unavailable`: the device exists but is not registered (its phone is off or logged out). */
    readonly reason: 'not-supported' | 'invalid-state' | 'down' | 'unknown-call' | 'unknown-device' | 'refused' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
