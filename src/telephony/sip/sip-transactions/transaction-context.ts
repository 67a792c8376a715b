/**
 * What a transaction needs from the layer below and around it (RFC 3261 §17): a way
 * to send a message to its fixed destination, whether that transport is reliable,
 * the clock and timer values, and a callback when it terminates.
 */
import type { SipMessage } from '../sip-message.js';
import type { SipClock, TimerValues } from './sip-timers.js';

export interface TransactionContext {
  /** Serializes and sends to the transaction's destination; reports transport errors. */
  send(message: SipMessage | Buffer, onError: (err: Error) => void): void;
  reliable: boolean;
  clock: SipClock;
  timers: TimerValues;
  onTerminated(): void;
  /** Timer B/F (client) or H (server) fired: for the operators' log (issue 17). */
  onTimeout?(): void;
}

export type TransactionEnd = 'normal' | 'timeout' | 'transport-error';
