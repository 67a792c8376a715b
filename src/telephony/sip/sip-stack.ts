/**
 * The SIP stack the B2BUA stands on: transports + transaction layer + dialogs.
 *
 * - Requests in: malformed ones get 400/416/505/513 statelessly when they can be
 *   answered (RFC 3261 §8.2, §21.4); in-dialog ones are checked against the dialog
 *   (§12.2.2: unknown → 481, out of order → 500) and taken only from the dialog's peer
 *   (403 otherwise, issue 12); CANCEL is matched to its INVITE (§9.2), from its source only;
 *   OPTIONS outside a dialog is answered (§11.2) unless the TU takes it; the rest go to
 *   the TU with their server transaction.
 * - 2xx to INVITE are retransmitted until the ACK (§13.3.1.4); stray 2xx are re-ACKed
 *   (§13.2.2.4).
 * - Limits: concurrent server transactions per source address.
 */
import { getHeader, getHeaders, newRequest, type SipMessage, type SipRequest, type SipResponse } from './sip-message.js';
import { formatVia, parseCSeq } from './sip-headers.js';
import { serializeMessage } from './sip-serializer.js';
import { createResponse, type ResponseOptions } from './sip-response.js';
import { newBranch } from './sip-ids.js';
import { Dialog, dialogKey, isDialogPeer, isPeer, uriDestination } from './sip-dialog.js';
import { formatHostPort, parseNameAddr, parseUri, tagOf } from './sip-uri.js';
import { addressKey, normalizeHost, type SipAddress, type SipProtocol, type SipTransport, type TransportEvent } from './sip-transport.js';
import type { SipParseError } from './sip-parser.js';
import { TransactionLayer, type TransactionTimeout } from './sip-transactions/transaction-layer.js';
import { createAdvertiser, isWildcard, loopbackOf, type Advertiser } from './sip-advertise.js';
import type { ServerTransaction } from './sip-transactions/server-transaction.js';
import type { ClientTransaction, ClientTransactionUser } from './sip-transactions/client-transaction.js';
import { DEFAULT_TIMERS, systemClock, type SipClock, type TimerHandle, type TimerValues } from './sip-transactions/sip-timers.js';

export const ALLOWED_METHODS = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'REGISTER', 'UPDATE', 'INFO', 'REFER', 'NOTIFY'];

export interface SipStackOptions {
  transports: SipTransport[];
  clock?: SipClock;
  timers?: TimerValues;
  tryingDelayMs?: number;
  /** Max requests per source host awaiting a final response; beyond it, 503 (default 200). */
  maxTransactionsPerSource?: number;
  userAgent?: string;
  /** Answer OPTIONS outside dialogs with 200 (a readiness probe, §11.2). Default true. */
  answerOptions?: boolean;
  /** Sources to ignore entirely, before any parsing answer (e.g. `registrar.isBlocked`). */
  isBlocked?(host: string): boolean;
  /** Our address per peer when listening on a wildcard (default: from the host's interfaces). */
  advertiser?: Advertiser;
  /** Sees every message in and out, and transaction timeouts: the operators' log and SIP trace (issue 17). */
  tap?: SipTap;
}

/** One place that sees every message (issue 17): what the transport sent and received. */
export interface SipTap {
  sent(dest: SipAddress, data: Buffer): void;
  received(message: SipMessage, source: SipAddress): void;
  timedOut(t: TransactionTimeout): void;
}

export interface IncomingRequest {
  request: SipRequest;
  source: SipAddress;
  /** Absent for ACK (no transaction). */
  tx: ServerTransaction | undefined;
  /** The dialog the request belongs to, if any. */
  dialog: Dialog | undefined;
}

export type RequestHandler = (incoming: IncomingRequest) => void;

/** TU callbacks besides requests. */
export interface StackEvents {
  /** A CANCEL matched `invite`; the stack already answered 200 to the CANCEL and 487 to the INVITE (§9.2). */
  onCancel?(invite: ServerTransaction, cancel: SipRequest): void;
  /** No ACK came for a 2xx within 64*T1 (§13.3.1.4): the TU should send BYE. */
  onAckTimeout?(dialog: Dialog): void;
  onParseError?(error: SipParseError, source: SipAddress): void;
  /**
   * An in-dialog request, or a CANCEL, came from somewhere other than the peer of its
   * dialog or INVITE (refused with 403, an ACK dropped): someone who learnt the
   * identifiers, spoofing a BYE, a REFER or a CANCEL. For the operator's log.
   */
  onForeignRequest?(request: SipRequest, source: SipAddress, peer: SipAddress | undefined): void;
}

interface Pending2xx {
  wire: Buffer;
  dest: SipAddress;
  timer: TimerHandle | undefined;
  deadline: TimerHandle;
  interval: number;
  dialog: Dialog | undefined;
}

/** One unanswered request of a source (a class: it lives as long as its transaction). */
class SourceSlot {
  private released = false;
  constructor(private readonly counts: Map<string, number>, private readonly host: string) {}
  onFinal(): void {
    if (this.released) return;
    this.released = true;
    const m = (this.counts.get(this.host) ?? 1) - 1;
    if (m <= 0) this.counts.delete(this.host);
    else this.counts.set(this.host, m);
  }
}

const PARSE_ERROR_STATUS: Partial<Record<SipParseError['code'], number>> = {
  'bad-version': 505,
  'unsupported-uri-scheme': 416,
  'too-large': 513,
};

export class SipStack {
  readonly layer: TransactionLayer;
  readonly clock: SipClock;
  readonly timers: TimerValues;
  private readonly transports = new Map<SipProtocol, SipTransport>();
  private readonly dialogs = new Map<string, Dialog>();
  private readonly pending2xx = new Map<string, Pending2xx>();
  private readonly lastAck = new Map<string, { wire: Buffer; dest: SipAddress }>();
  private readonly perSource = new Map<string, number>();
  private readonly slots = new WeakMap<ServerTransaction, SourceSlot>();
  /** Where each INVITE came from: only that source may CANCEL it. */
  private readonly inviteSources = new WeakMap<ServerTransaction, SipAddress>();
  private readonly maxPerSource: number;
  private readonly advertiser: Advertiser;
  private handler: RequestHandler = () => undefined;
  events: StackEvents = {};

  constructor(private readonly opts: SipStackOptions) {
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? DEFAULT_TIMERS;
    this.maxPerSource = opts.maxTransactionsPerSource ?? 200;
    this.advertiser = opts.advertiser ?? createAdvertiser();
    for (const t of opts.transports) this.transports.set(t.protocol, t);
    this.layer = new TransactionLayer({
      clock: this.clock,
      timers: this.timers,
      tryingDelayMs: opts.tryingDelayMs ?? 0,
      sendTo: (dest, data, onError) => this.sendRaw(dest, data, onError),
      onServerTerminated: (tx) => this.slots.get(tx)?.onFinal(),
      onTimeout: (t) => opts.tap?.timedOut(t),
    });
    for (const t of opts.transports) t.onReceive((e) => this.receive(e));
  }

  async listen(): Promise<SipAddress[]> {
    return Promise.all([...this.transports.values()].map((t) => t.listen()));
  }

  async close(): Promise<void> {
    this.layer.dispose();
    for (const p of this.pending2xx.values()) {
      p.timer?.cancel();
      p.deadline.cancel();
    }
    this.pending2xx.clear();
    await Promise.all([...this.transports.values()].map((t) => t.close()));
  }

  onRequest(handler: RequestHandler): void {
    this.handler = handler;
  }

  /**
   * Our address on a transport; listening on every interface, the one `toward` (a peer's
   * host) can reach (sip-advertise.ts): a wildcard is no address to put in a message.
   */
  local(protocol: SipProtocol = 'udp', toward?: string): SipAddress {
    const t = this.transports.get(protocol) ?? [...this.transports.values()][0];
    if (!t) throw new Error('no transport');
    const l = t.local();
    return isWildcard(l.host) ? { ...l, host: this.advertiser.toward(toward ?? loopbackOf(l.host)) } : l;
  }

  /** Our Contact for a transport (§8.1.1.8), optionally with a user part, as `toward` can reach it. */
  contact(protocol: SipProtocol = 'udp', user?: string, toward?: string): string {
    const l = this.local(protocol, toward);
    const u = user ? `${user}@` : '';
    return `<sip:${u}${formatHostPort(l.host, l.port)}${protocol === 'tcp' ? ';transport=tcp' : ''}>`;
  }

  isReliable(protocol: SipProtocol): boolean {
    return this.transports.get(protocol)?.reliable ?? false;
  }

  sendRaw(dest: SipAddress, data: Buffer, onError: (err: Error) => void = () => undefined): void {
    const t = this.transports.get(dest.protocol);
    if (!t) {
      onError(new Error(`no ${dest.protocol} transport`));
      return;
    }
    this.opts.tap?.sent(dest, data);
    t.send(dest, data, onError);
  }

  /**
   * Registers a dialog with the transport address of its peer as learnt when it was set up
   * (where its INVITE came from, or where ours went: a phone's registered source, the
   * trunk): in-dialog requests are taken from that address and transport only.
   */
  registerDialog(d: Dialog, peer: SipAddress): void {
    d.peer = { protocol: peer.protocol, host: normalizeHost(peer.host), port: peer.port };
    this.dialogs.set(d.key, d);
  }

  forgetDialog(d: Dialog): void {
    this.dialogs.delete(d.key);
    this.lastAck.delete(d.key);
  }

  findDialog(callId: string, localTag: string, remoteTag: string): Dialog | undefined {
    return this.dialogs.get(dialogKey({ callId, localTag, remoteTag }));
  }

  get dialogCount(): number {
    return this.dialogs.size;
  }

  /** Adds our Via (with a fresh branch, §8.1.1.7) and Max-Forwards (§8.1.1.6). */
  private stampRequest(req: SipRequest, dest: SipAddress): void {
    const protocol = dest.protocol;
    const l = this.local(protocol, dest.host);
    const via = formatVia({ transport: protocol.toUpperCase(), host: l.host, port: l.port, params: new Map([['branch', newBranch()], ['rport', '']]) });
    const list = req.headers.get('via');
    if (list) list.unshift(via);
    else req.headers.set('via', [via]);
    if (!req.headers.has('max-forwards')) req.headers.set('max-forwards', ['70']);
  }

  /** Where a request goes when no destination is given: first Route, else the Request-URI (§8.1.2). */
  destinationOf(req: SipRequest): SipAddress {
    const route = getHeaders(req, 'route')[0];
    return uriDestination(route !== undefined ? parseNameAddr(route).uri : parseUri(req.uri));
  }

  /** Sends a request in a client transaction (everything but ACK). */
  sendRequest(req: SipRequest, user: ClientTransactionUser, dest: SipAddress = this.destinationOf(req)): ClientTransaction {
    this.stampRequest(req, dest);
    return this.layer.sendRequest(req, dest, this.isReliable(dest.protocol), user);
  }

  /**
   * CANCEL for a pending INVITE (RFC 3261 §9.1): same Request-URI, Call-ID, From, To,
   * CSeq number and Route as the INVITE, and the INVITE's top Via (same branch), sent
   * to the same destination in its own non-INVITE client transaction. Only valid once a
   * provisional response arrived (§9.1: otherwise wait for one); the caller decides.
   */
  cancel(invite: ClientTransaction, user: ClientTransactionUser, dest: SipAddress): ClientTransaction {
    const req = invite.request;
    const seq = parseCSeq(getHeader(req, 'cseq') ?? '')?.seq ?? 1;
    const headers: Array<[string, string]> = [['via', getHeaders(req, 'via')[0] ?? ''], ['max-forwards', '70']];
    for (const r of getHeaders(req, 'route')) headers.push(['route', r]);
    headers.push(['from', getHeader(req, 'from') ?? ''], ['to', getHeader(req, 'to') ?? ''], ['call-id', getHeader(req, 'call-id') ?? ''], ['cseq', `${seq} CANCEL`]);
    return this.layer.sendRequest(newRequest('CANCEL', req.uri, headers), dest, this.isReliable(dest.protocol), user);
  }

  /** ACK for a 2xx, outside any transaction (§13.2.2.4, §17.1.1.3); kept to answer retransmitted 2xx. */
  sendAck(dialog: Dialog, inviteSeq?: number, body?: Buffer): void {
    const ack = dialog.createAck(inviteSeq, body ? { body, contentType: 'application/sdp' } : {});
    const dest = dialog.nextHop();
    this.stampRequest(ack, dest);
    const wire = serializeMessage(ack);
    this.lastAck.set(dialog.key, { wire, dest });
    this.sendRaw(dest, wire);
  }

  /**
   * Answers an incoming request through its transaction. A 2xx to INVITE is also
   * retransmitted at T1, 2T1 … T2 until the ACK arrives, for 64*T1 at most (§13.3.1.4).
   */
  respond(incoming: IncomingRequest, status: number, opts: ResponseOptions = {}, dialog?: Dialog): SipResponse {
    const res = createResponse(incoming.request, status, opts);
    this.respondWith(incoming, res, dialog);
    return res;
  }

  respondWith(incoming: IncomingRequest, res: SipResponse, dialog?: Dialog): void {
    const tx = incoming.tx;
    if (!tx) return;
    tx.respond(res);
    if (incoming.request.method === 'INVITE' && res.status >= 200 && res.status < 300) {
      const key = `${getHeader(res, 'call-id')}|${tagOf(getHeader(res, 'to'))}`;
      const wire = tx.lastResponseWire ?? serializeMessage(res);
      const dest = this.responseDest(incoming);
      const p: Pending2xx = {
        wire, dest, interval: this.timers.T1, dialog, timer: undefined,
        deadline: this.clock.setTimer(64 * this.timers.T1, () => {
          p.timer?.cancel();
          this.pending2xx.delete(key);
          if (p.dialog) this.events.onAckTimeout?.(p.dialog);
        }),
      };
      const tick = (): void => {
        this.sendRaw(p.dest, p.wire);
        p.interval = Math.min(p.interval * 2, this.timers.T2);
        p.timer = this.clock.setTimer(p.interval, tick);
      };
      p.timer = this.clock.setTimer(p.interval, tick);
      this.pending2xx.get(key)?.deadline.cancel();
      this.pending2xx.set(key, p);
    }
  }

  private readonly responseDests = new WeakMap<SipRequest, SipAddress>();

  private responseDest(incoming: IncomingRequest): SipAddress {
    return this.responseDests.get(incoming.request) ?? incoming.source;
  }

  private receive(e: TransportEvent): void {
    if (this.opts.isBlocked?.(e.source.host)) return;
    if (e.kind === 'message') this.opts.tap?.received(e.message, e.source);
    try {
      if (e.kind === 'parse-error') this.onParseError(e.error, e.source);
      else if (e.message.kind === 'response') this.onResponse(e.message);
      else this.handleRequest(e.message, e.source);
    } catch (err) {
      // A hostile message must never take the stack down; drop it.
      this.events.onParseError?.({ code: 'bad-header', message: err instanceof Error ? err.message : 'error' }, e.source);
    }
  }

  private onParseError(error: SipParseError, source: SipAddress): void {
    this.events.onParseError?.(error, source);
    const req = error.request;
    if (!req || req.method === 'ACK') return; // §8.2: responses are discarded; never answer an ACK
    const via = getHeaders(req, 'via')[0];
    if (!via || !req.headers.has('call-id') || !req.headers.has('from') || !req.headers.has('to') || !req.headers.has('cseq')) return;
    const status = PARSE_ERROR_STATUS[error.code] ?? 400;
    const res = createResponse(req, status, { reason: status === 400 ? `Bad Request (${error.code})` : undefined });
    // Stateless answer to the packet source (no transaction for a message we could not fully parse)
    this.sendRaw(source, serializeMessage(res));
  }

  private onResponse(res: SipResponse): void {
    if (this.layer.receiveResponse(res)) return;
    // §13.2.2.4: a retransmitted 2xx to INVITE (its transaction is gone) gets the same ACK again
    const cseq = parseCSeq(getHeader(res, 'cseq') ?? '');
    if (cseq?.method === 'INVITE' && res.status >= 200 && res.status < 300) {
      const key = dialogKey({ callId: getHeader(res, 'call-id') ?? '', localTag: tagOf(getHeader(res, 'from')) ?? '', remoteTag: tagOf(getHeader(res, 'to')) ?? '' });
      const ack = this.lastAck.get(key);
      if (ack) this.sendRaw(ack.dest, ack.wire);
    }
  }

  private handleRequest(req: SipRequest, source: SipAddress): void {
    const match = this.layer.receiveRequest(req, source, this.isReliable(source.protocol));
    if (match.kind === 'absorbed') return;
    const callId = getHeader(req, 'call-id') ?? '';
    const toTag = tagOf(getHeader(req, 'to'));
    const fromTag = tagOf(getHeader(req, 'from')) ?? '';
    const dialog = toTag !== undefined ? this.dialogs.get(dialogKey({ callId, localTag: toTag, remoteTag: fromTag })) : undefined;
    if (dialog && !isDialogPeer(dialog, source)) return this.foreign(req, source, dialog.peer, match.kind === 'ack' ? undefined : match.tx);
    if (match.kind === 'ack') {
      // The ACK for our 2xx: stop retransmitting it (§13.3.1.4)
      const key = `${callId}|${toTag}`;
      const p = this.pending2xx.get(key);
      if (p) {
        p.timer?.cancel();
        p.deadline.cancel();
        this.pending2xx.delete(key);
      }
      this.handler({ request: req, source, tx: undefined, dialog });
      return;
    }
    const tx = match.tx;
    this.responseDests.set(req, match.responseTo);
    const incoming: IncomingRequest = { request: req, source, tx, dialog };
    const host = source.host;
    const n = (this.perSource.get(host) ?? 0) + 1;
    if (n > this.maxPerSource) {
      tx.respond(createResponse(req, 503, { headers: [['retry-after', '5']] }));
      return;
    }
    this.perSource.set(host, n);
    // Counts requests the TU is still working on: released at the first final response
    // (or if the transaction ends without one), not when Timer J/H/L finally expires.
    const slot = new SourceSlot(this.perSource, host);
    this.slots.set(tx, slot);
    tx.events = slot;

    if (req.method === 'CANCEL') return this.onCancel(incoming);
    if (req.method === 'INVITE' && toTag === undefined) this.inviteSources.set(tx, source);
    if (toTag !== undefined) {
      // §12.2.2: in-dialog request for a dialog we do not know → 481
      if (!dialog) {
        tx.respond(createResponse(req, 481));
        return;
      }
      if (!dialog.acceptRemoteSeq(req)) {
        tx.respond(createResponse(req, 500, { reason: 'CSeq Out Of Order' }));
        return;
      }
    } else if (req.method === 'OPTIONS' && (this.opts.answerOptions ?? true)) {
      // §11.2: the response to OPTIONS lists what we support
      tx.respond(createResponse(req, 200, { headers: [['allow', ALLOWED_METHODS.join(', ')], ['accept', 'application/sdp'], ['supported', 'replaces'], ...this.uaHeader()] }));
      return;
    }
    this.handler(incoming);
  }

  /**
   * A request naming a dialog (Call-ID and both tags) from another address than the
   * dialog's peer: the identifiers travel in clear and are no credential (RFC 3261
   * §26.1.4, §26.2.2), so it is refused before it touches the dialog (not even its CSeq,
   * §12.2.2, or a spoofer could make the real peer's next request look out of order).
   */
  private foreign(req: SipRequest, source: SipAddress, peer: SipAddress | undefined, tx: ServerTransaction | undefined): void {
    this.events.onForeignRequest?.(req, source, peer);
    tx?.respond(createResponse(req, 403, { reason: 'Forbidden (not from the peer)' }));
  }

  private uaHeader(): Array<[string, string]> {
    return this.opts.userAgent ? [['server', this.opts.userAgent]] : [];
  }

  private onCancel(incoming: IncomingRequest): void {
    const tx = incoming.tx as ServerTransaction;
    const invite = this.layer.findInviteFor(incoming.request);
    // §9.2: no matching transaction → 481; otherwise 200 to the CANCEL, and 487 to the INVITE if unanswered
    if (!invite) {
      tx.respond(createResponse(incoming.request, 481));
      return;
    }
    // the branch of the INVITE's Via is no credential either: only the caller may give up
    const from = this.inviteSources.get(invite);
    if (!isPeer(from, incoming.source)) return this.foreign(incoming.request, incoming.source, from, tx);
    tx.respond(createResponse(incoming.request, 200));
    if (invite.status < 200) {
      invite.respond(createResponse(invite.request, 487));
      this.events.onCancel?.(invite, incoming.request);
    }
  }

  /** Source key of an address (for per-source maps in the TU). */
  static sourceKey(a: SipAddress): string {
    return addressKey(a);
  }
}
