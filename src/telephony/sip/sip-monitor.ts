/**
 * What operators see of the SIP layer (issue 17): one `warn` line per event, with
 * `{ device, address, cause }` and a readable message, never one per retransmission —
 * refused authentications and blocks, error responses sent and received, transactions
 * that time out, media that stops. It is the stack's tap (`SipTap`): one place sees every
 * message, and hands the traced ones to the SIP trace.
 */
import { getHeader, type SipMessage } from './sip-message.js';
import { parseMessage } from './sip-parser.js';
import { parseCSeq } from './sip-headers.js';
import { parseNameAddr } from './sip-uri.js';
import type { SipAddress } from './sip-transport.js';
import type { SipTap } from './sip-stack.js';
import type { TransactionTimeout } from './sip-transactions/transaction-layer.js';

export type SipLogCause = 'auth-failed' | 'blocked' | 'error-sent' | 'error-received' | 'timeout' | 'media-stall';

export interface SipLogFields {
  device: string;
  address: string;
  cause: SipLogCause;
  [more: string]: unknown;
}

export type SipWarn = (fields: SipLogFields, message: string) => void;

/** What the trace store takes from the tap (sip-trace.ts). */
export interface TraceSink {
  /** Cheap: false when nothing is traced, so messages are not parsed for it. */
  readonly active: boolean;
  /** `user`: the peer's device (from its registration) or the user its From/To names. */
  record(direction: 'in' | 'out', message: SipMessage, peer: SipAddress, text: string, user: string | undefined): void;
}

/**
 * Statuses that are part of a normal exchange, not errors: digest challenges (RFC 3261
 * §22.2), the 487 that answers a cancelled INVITE (§9.2), and a person's answer: busy
 * (486, 600) or declined (603).
 */
const ROUTINE = new Set([401, 407, 486, 487, 600, 603]);

/** Retransmissions repeat a response: one line per (direction, Call-ID, CSeq, status). */
const SEEN_LIMIT = 2048;

export const addressOf = (a: { host: string; port: number }): string => (a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`);

const userOf = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  try {
    return parseNameAddr(value).uri.user;
  } catch {
    return undefined;
  }
};

/**
 * The peer's identity in a message: the sender of a request we receive and of a response
 * we send (From), the target of a request we send and of a response we receive (To).
 */
export const peerUserOf = (m: SipMessage, direction: 'in' | 'out'): string | undefined =>
  userOf(getHeader(m, (direction === 'in') === (m.kind === 'request') ? 'from' : 'to'));

/** `SIP/2.0 4xx…` and up, read from the bytes: this runs for every message sent, so it allocates nothing. */
const isErrorResponse = (data: Buffer): boolean =>
  data.length > 12 && data[0] === 0x53 && data[1] === 0x49 && data[2] === 0x50 && data[3] === 0x2f && data[7] === 0x20 && (data[8] ?? 0) >= 0x34;

export class SipMonitor implements SipTap {
  private readonly seen = new Set<string>();

  /**
   * `deviceAt`: the device registered from an address — a phone's Contact user need not be
   * its account (baresip registers `1001-xyz`), so the registration names it best.
   */
  constructor(private readonly warn: SipWarn, private readonly trace?: TraceSink, private readonly deviceAt: (a: SipAddress) => string | undefined = () => undefined) {}

  private peerOf(m: SipMessage, direction: 'in' | 'out', peer: SipAddress): string | undefined {
    return this.deviceAt(peer) ?? peerUserOf(m, direction);
  }

  sent(dest: SipAddress, data: Buffer): void {
    const traced = this.trace?.active === true;
    if (!traced && !isErrorResponse(data)) return;
    const r = parseMessage(data);
    if (!r.ok) return;
    if (traced) this.trace?.record('out', r.message, dest, data.toString('utf8'), this.peerOf(r.message, 'out', dest));
    if (r.message.kind === 'response' && r.message.status >= 400) this.errorResponse('out', r.message, dest);
  }

  received(message: SipMessage, source: SipAddress): void {
    if (this.trace?.active === true) this.trace.record('in', message, source, '', this.peerOf(message, 'in', source));
    if (message.kind === 'response' && message.status >= 400) this.errorResponse('in', message, source);
  }

  timedOut(t: TransactionTimeout): void {
    const address = addressOf(t.peer);
    if (t.side === 'client') {
      const device = this.peerOf(t.request, 'out', t.peer) ?? 'unknown';
      this.warn({ device, address, cause: 'timeout', method: t.request.method, callId: getHeader(t.request, 'call-id') },
        `sip: ${t.request.method} to ${device} at ${address} timed out: no answer`);
      return;
    }
    const r = t.response === undefined ? undefined : parseMessage(t.response);
    const m = r?.ok === true ? r.message : undefined;
    const device = (m && this.peerOf(m, 'out', t.peer)) ?? 'unknown';
    const status = m?.kind === 'response' ? m.status : undefined;
    this.warn({ device, address, cause: 'timeout', status, callId: m ? getHeader(m, 'call-id') : undefined },
      `sip: ${device} at ${address} never acknowledged our ${status ?? 'final'} response`);
  }

  /**
   * A refused authentication (the registrar's hook): one line, and the 403 that follows is
   * not logged again. `blocked`: what the failure blocked, in words; `undefined`: a request
   * from a pair already blocked, refused without a line (the block was logged once, and a
   * guesser's flood must not flood the log).
   */
  authFailed(request: SipMessage, source: SipAddress, username: string | undefined, blocked: string | false | undefined): void {
    const device = username ?? 'unknown';
    const address = addressOf(source);
    this.remember(`out|${getHeader(request, 'call-id')}|${getHeader(request, 'cseq')}|403`);
    if (blocked === undefined) return;
    this.warn({ device, address, cause: 'auth-failed', method: request.kind === 'request' ? request.method : undefined },
      `sip: authentication failed for ${device} from ${address}: wrong password or unknown account`);
    if (blocked !== false) this.blocked(device, source, blocked);
  }

  blocked(device: string, source: SipAddress, why: string): void {
    const address = addressOf(source);
    this.warn({ device, address, cause: 'blocked', reason: why }, `sip: ${address} is blocked: ${why}`);
  }

  mediaStalled(device: string, address: string, callRef: string, seconds: number): void {
    this.warn({ device, address, cause: 'media-stall', callId: callRef, seconds }, `sip: no audio from ${device} (${address}) for ${seconds} s`);
  }

  private errorResponse(direction: 'in' | 'out', m: SipMessage, peer: SipAddress): void {
    if (m.kind !== 'response' || ROUTINE.has(m.status)) return;
    const callId = getHeader(m, 'call-id');
    const cseq = getHeader(m, 'cseq');
    if (!this.remember(`${direction}|${callId}|${cseq}|${m.status}`)) return;
    const device = this.peerOf(m, direction, peer) ?? 'unknown';
    const address = addressOf(peer);
    const method = parseCSeq(cseq ?? '')?.method;
    const what = `${m.status} ${m.reason}`;
    if (direction === 'out') {
      this.warn({ device, address, cause: 'error-sent', status: m.status, method, callId }, `sip: refused ${method ?? 'a request'} from ${device} at ${address}: ${what}`);
    } else {
      this.warn({ device, address, cause: 'error-received', status: m.status, method, callId }, `sip: ${device} at ${address} answered ${method ?? 'a request'} with ${what}`);
    }
  }

  /** False when the key was seen already (a retransmission). */
  private remember(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > SEEN_LIMIT) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
