/**
 * The transport layer contract (RFC 3261 §18): one interface for UDP and TCP with a
 * notion of destination, so the layers above send "to host:port over protocol" and
 * receive parsed messages tagged with their source.
 */
import type { SipMessage } from './sip-message.js';
import type { SipParseError } from './sip-parser.js';

export type SipProtocol = 'udp' | 'tcp';

export interface SipAddress {
  protocol: SipProtocol;
  host: string;
  port: number;
}

export type TransportEvent =
  | { kind: 'message'; message: SipMessage; source: SipAddress }
  | { kind: 'parse-error'; error: SipParseError; source: SipAddress };

export type TransportHandler = (event: TransportEvent) => void;

export interface SipTransport {
  readonly protocol: SipProtocol;
  /** Reliable transports zero Timers D, I, J, K and never retransmit (RFC 3261 §17). */
  readonly reliable: boolean;
  /** Binds; resolves with the actual local address (port 0 picks a free one). */
  listen(): Promise<SipAddress>;
  local(): SipAddress;
  /** Sends raw bytes; a failure is reported to `onError` (RFC 3261 §17.1.4 transport error). */
  send(dest: SipAddress, data: Buffer, onError?: (err: Error) => void): void;
  onReceive(handler: TransportHandler): void;
  close(): Promise<void>;
}

export const addressKey = (a: { host: string; port: number }): string => `${a.host}|${a.port}`;

/** IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) are reported as the IPv4 address. */
export const normalizeHost = (h: string): string => (h.startsWith('::ffff:') && h.includes('.') ? h.slice(7) : h);
