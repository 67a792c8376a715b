/**
 * The messages between the SIP provider hosted in a worker thread (`sip-worker.ts`) and
 * its proxy on the main thread (`sip-worker-provider.ts`), and the pure translations
 * they need. Everything crossing the MessagePort is structured-cloned: plain data only.
 *
 * main → worker: `start` (the configuration without its account store), `call` (one
 * provider command), `account` (the answer to an account look-up).
 * worker → main: `events` (the provider events of a few milliseconds, in order),
 * `result` (the answer to a `call`), `find-account` (the registrar needs an account:
 * the store, e.g. the users table, stays on the main thread with the database), `log`
 * (a line for the main thread's logger).
 */
import { ProviderError, type DeviceCheck, type DeviceInfo, type ProviderCallState, type ProviderEvent, type ProviderStatusEvent } from '../provider.js';
import type { SipProviderConfig } from './sip-config.js';
import type { SipAccount } from './sip-registrar.js';
import type { TrunkStatus } from './trunk-registration.js';
import type { TraceMessage, TraceState } from './sip-trace.js';

/** The settings as the worker gets them: the account store is reached over the port. */
export type WorkerSipConfig = Omit<SipProviderConfig, 'accounts'>;

/** What the proxy can ask the worker (the contract's commands plus a few read-outs). */
export type WorkerCommand =
  | { method: 'start' }
  | { method: 'stop' }
  | { method: 'makeCall'; device: string; number: string }
  | { method: 'answer' | 'clear' | 'hold' | 'retrieve'; conn: { callRef: string; device: string } }
  | { method: 'singleStepTransfer' | 'consult'; conn: { callRef: string; device: string }; to: string }
  | { method: 'completeTransfer' | 'reconnect'; held: { callRef: string; device: string }; consult: { callRef: string; device: string } }
  | { method: 'listDevices'; devices: string[] }
  | { method: 'checkDevice'; device: string }
  | { method: 'isRegistered'; device: string }
  | { method: 'snapshot' }
  | { method: 'trunkStatus' }
  | { method: 'stats'; gc: boolean }
  /** The SIP trace (issue 17): turn on/off for a device or a call, read the state, read a call's messages. */
  | { method: 'traceSet'; kind: 'device' | 'call'; id: string; on: boolean }
  | { method: 'traceState' }
  | { method: 'traceMessages'; id: string };

/** What a command resolves with in the worker (checked again on the proxy side by method). */
export type WorkerValue = void | boolean | { callRef: string } | DeviceInfo[] | DeviceCheck | ProviderCallState[] | TrunkStatus | WorkerStats | TraceState | TraceMessage[] | null;

export interface WorkerStats {
  /** Live B2BUA calls. */
  calls: number;
  /** The worker isolate's V8 heap in use (after a full collection when asked and exposed). */
  heapUsed: number;
}

export interface SerializedError {
  name: string;
  message: string;
  reason?: ProviderError['reason'];
}

export type ToWorker =
  | { type: 'init'; config: WorkerSipConfig }
  | { type: 'call'; id: number; command: WorkerCommand }
  | { type: 'account'; id: number; account: SipAccount | undefined };

export type FromWorker =
  /** The events as JSON text: one string copies far cheaper than structured-cloning each event object. */
  | { type: 'events'; json: string }
  | { type: 'result'; id: number; ok: true; value: WorkerValue }
  | { type: 'result'; id: number; ok: false; error: SerializedError }
  | { type: 'find-account'; id: number; device: string }
  /** A line of the provider's log (trunk registration, the operators' SIP lines), for the main thread's logger. */
  | { type: 'log'; level: 'info' | 'warn'; details: object; message: string };

const REASONS: ReadonlySet<string> = new Set<ProviderError['reason']>(['not-supported', 'invalid-state', 'down', 'unknown-call', 'unknown-device', 'refused']);

/** An error thrown by the worker's provider, as plain data (a ProviderError keeps its reason). */
export const serializeError = (err: unknown): SerializedError => {
  if (err instanceof ProviderError) return { name: err.name, message: err.message, reason: err.reason };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
};

/** Back to an error on the main thread: a ProviderError again when it was one, so the CTI core maps it the same. */
export const deserializeError = (e: SerializedError): Error => {
  if (e.reason !== undefined && REASONS.has(e.reason)) return new ProviderError(e.reason, e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
};

/** The configuration without its account store (functions and class instances do not cross a MessagePort). */
export const workerConfigOf = (config: SipProviderConfig): WorkerSipConfig => {
  const { accounts: _accounts, ...rest } = config;
  return structuredClone(rest);
};

/** Provider events are plain JSON data (strings, numbers, booleans, nested plain objects). */
export const encodeEvents = (events: ReadonlyArray<ProviderEvent | ProviderStatusEvent>): string => JSON.stringify(events);

export const decodeEvents = (json: string): Array<ProviderEvent | ProviderStatusEvent> => JSON.parse(json) as Array<ProviderEvent | ProviderStatusEvent>;
