/**
 * The SIP trace (issue 17): the messages of the calls an admin traces — every call of a
 * device, or one call — as sngrep or Homer show them, secrets masked (sip-trace-mask.ts).
 * Bounded: the last `keep` calls, at most MAX_MESSAGES each. A B2BUA call has two or more
 * SIP dialogs (Call-IDs): they are grouped under the CTI call (`groupOf`: the B2BUA's call
 * with a leg on that Call-ID); a Call-ID not (yet) in a call is its own group until it is.
 */
import { getHeader, type SipMessage } from './sip-message.js';
import { serializeMessage } from './sip-serializer.js';
import { addressOf, peerUserOf, type TraceSink } from './sip-monitor.js';
import { firstLineOf, maskSipText } from './sip-trace-mask.js';
import type { SipAddress } from './sip-transport.js';

export const MAX_MESSAGES = 500;
/**
 * Messages not (yet) traced, kept while tracing is on: a leg's INVITE and its first
 * responses go out before the leg's dialog names its call; when a later message joins
 * the Call-ID to a traced call, they are taken from here.
 */
export const RECENT_UNTRACED = 256;

interface Untraced {
  seq: number;
  at: number;
  direction: 'in' | 'out';
  peer: SipAddress;
  user: string | undefined;
  callId: string;
  message: SipMessage;
  text: string;
}

export interface TraceMessage {
  seq: number;
  /** ms since the epoch. */
  at: number;
  /** in: the peer sent it to us; out: we sent it. */
  direction: 'in' | 'out';
  /** The peer's address (host:port). */
  peer: string;
  /** The peer's user (device or number) from From/To, when there is one. */
  peerUser?: string;
  callId: string;
  firstLine: string;
  text: string;
}

export interface TraceCallSummary {
  /** The CTI call id, or `sip:<Call-ID>` for messages in no call (a REGISTER). */
  id: string;
  startedAt: number;
  peers: string[];
  messages: number;
}

export interface TraceState {
  devices: string[];
  calls: string[];
  keep: number;
  recent: TraceCallSummary[];
}

interface Group {
  id: string;
  callIds: Set<string>;
  messages: TraceMessage[];
}

export class SipTrace implements TraceSink {
  private readonly devices = new Set<string>();
  private readonly traced = new Set<string>();
  private readonly groups = new Map<string, Group>();
  private readonly groupOfCallId = new Map<string, string>();
  private seq = 0;
  private untraced: Untraced[] = [];

  constructor(private readonly keep: number, private readonly groupOf: (sipCallId: string) => string | undefined, private readonly now: () => number = Date.now) {}

  get active(): boolean {
    return this.devices.size > 0 || this.traced.size > 0;
  }

  /** Turns tracing on or off for a device (every call it is in) or one CTI call. */
  set(kind: 'device' | 'call', id: string, on: boolean): void {
    const set = kind === 'device' ? this.devices : this.traced;
    if (on) set.add(id);
    else set.delete(id);
  }

  state(): TraceState {
    this.regroup();
    const recent = [...this.groups.values()].reverse().map((g) => ({
      id: g.id, startedAt: g.messages[0]?.at ?? 0, messages: g.messages.length,
      peers: [...new Set(g.messages.map((m) => m.peerUser ?? m.peer))],
    }));
    return { devices: [...this.devices].sort(), calls: [...this.traced].sort(), keep: this.keep, recent };
  }

  /** A traced call's messages in time order, or undefined when none are kept. */
  messages(id: string): TraceMessage[] | undefined {
    this.regroup();
    return this.groups.get(id)?.messages.slice();
  }

  record(direction: 'in' | 'out', message: SipMessage, peer: SipAddress, text: string, user: string | undefined = peerUserOf(message, direction)): void {
    const callId = getHeader(message, 'call-id');
    if (callId === undefined) return;
    const call = this.groupOf(callId);
    let groupId = this.groupOfCallId.get(callId);
    // A dialog of a call already traced (through another of its dialogs) is traced too.
    if (call !== undefined && !this.groups.has(call)) this.regroup();
    const wanted = groupId !== undefined || (user !== undefined && this.devices.has(user)) || (call !== undefined && (this.traced.has(call) || this.groups.has(call)));
    this.seq += 1;
    const entry: Untraced = { seq: this.seq, at: this.now(), direction, peer, user, callId, message, text };
    if (!wanted) {
      this.untraced.push(entry);
      if (this.untraced.length > RECENT_UNTRACED) this.untraced.shift();
      return;
    }
    if (call !== undefined && groupId !== call) groupId = this.join(callId, groupId, call);
    const group = this.group(groupId ?? `sip:${callId}`, callId);
    const earlier = this.untraced.filter((u) => u.callId === callId);
    if (earlier.length > 0) this.untraced = this.untraced.filter((u) => u.callId !== callId);
    for (const u of [...earlier, entry]) {
      if (group.messages.length >= MAX_MESSAGES) return;
      const raw = u.text !== '' ? u.text : serializeMessage(u.message).toString('utf8');
      group.messages.push({
        seq: u.seq, at: u.at, direction: u.direction, peer: addressOf(u.peer), ...(u.user !== undefined ? { peerUser: u.user } : {}),
        callId: u.callId, firstLine: firstLineOf(raw), text: maskSipText(raw),
      });
    }
    if (earlier.length > 0) group.messages.sort((a, b) => a.seq - b.seq);
  }

  /** Dialogs recorded before their call knew them (an INVITE before its leg) join it now. */
  private regroup(): void {
    for (const g of [...this.groups.values()]) {
      if (!g.id.startsWith('sip:')) continue;
      for (const callId of g.callIds) {
        const call = this.groupOf(callId);
        if (call !== undefined) {
          this.join(callId, g.id, call);
          break;
        }
      }
    }
  }

  /** The Call-ID's messages so far move into the CTI call's group. */
  private join(callId: string, from: string | undefined, to: string): string {
    const target = this.group(to, callId);
    const old = from === undefined ? undefined : this.groups.get(from);
    if (old && old !== target) {
      for (const id of old.callIds) {
        target.callIds.add(id);
        this.groupOfCallId.set(id, to);
      }
      target.messages.push(...old.messages);
      target.messages.sort((a, b) => a.seq - b.seq);
      this.groups.delete(old.id);
    }
    return to;
  }

  private group(id: string, callId: string): Group {
    let g = this.groups.get(id);
    if (!g) {
      g = { id, callIds: new Set(), messages: [] };
      this.groups.set(id, g);
      while (this.groups.size > this.keep) {
        const oldest = this.groups.values().next().value;
        if (oldest === undefined) break;
        this.groups.delete(oldest.id);
        for (const c of oldest.callIds) if (this.groupOfCallId.get(c) === oldest.id) this.groupOfCallId.delete(c);
      }
    }
    g.callIds.add(callId);
    this.groupOfCallId.set(callId, id);
    return g;
  }
}
