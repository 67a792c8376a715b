/**
 * The transaction layer (RFC 3261 §17): creates client and server transactions,
 * matches incoming messages to them (§17.1.3, §17.2.3), and computes where responses
 * go (§18.2.2, RFC 3581 §4).
 */
import { getHeader, getHeaders, MAGIC_COOKIE, type SipMessage, type SipRequest, type SipResponse } from '../sip-message.js';
import { formatVia, parseCSeq, parseVia, type Via } from '../sip-headers.js';
import { serializeMessage } from '../sip-serializer.js';
import { createResponse } from '../sip-response.js';
import type { SipAddress } from '../sip-transport.js';
import { tagOf } from '../sip-uri.js';
import { ClientTransaction, type ClientTransactionUser } from './client-transaction.js';
import { ServerTransaction } from './server-transaction.js';
import { DEFAULT_TIMERS, systemClock, type SipClock, type TimerValues } from './sip-timers.js';
import type { TransactionContext } from './transaction-context.js';

export interface TransactionLayerOptions {
  clock?: SipClock;
  timers?: TimerValues;
  /** Delay before the automatic 100 Trying (§17.2.1 allows up to 200 ms); 0 sends it at once. */
  tryingDelayMs?: number;
  /** The transport mux: send bytes to a destination. */
  sendTo(dest: SipAddress, data: Buffer, onError: (err: Error) => void): void;
  /** Called when a server transaction ends (the stack keeps per-source counts). */
  onServerTerminated?(tx: ServerTransaction): void;
  /**
   * A transaction timed out (issue 17, operators' log): a request of ours unanswered
   * (Timer B/F, §17.1.1.2, §17.1.2.2) or our final response never ACKed (Timer H, §17.2.1).
   */
  onTimeout?(t: TransactionTimeout): void;
}

export type TransactionTimeout =
  | { side: 'client'; request: SipRequest; peer: SipAddress }
  | { side: 'server'; response: Buffer | undefined; peer: SipAddress };

export type IncomingRequestMatch =
  /** A new request: the TU handles it through `tx`. */
  | { kind: 'new'; tx: ServerTransaction; via: Via; responseTo: SipAddress }
  /** A retransmission, or an ACK for a non-2xx final: absorbed by its transaction. */
  | { kind: 'absorbed' }
  /** An ACK matching no transaction: the ACK for a 2xx, which belongs to the TU/dialog (§17.2.3, §13.3.1.4). */
  | { kind: 'ack'; via: Via };

const tryingFor = (req: SipRequest): (() => SipResponse) => () => createResponse(req, 100);

/**
 * A server transaction's context as a class, not an object of closures: a completed
 * transaction lingers 32 s over UDP, and per-instance closures (each with its own
 * property dictionary once named by tsx/esbuild's keepNames) cost ~1 KB per transaction.
 */
class ServerTxContext implements TransactionContext {
  tx: ServerTransaction | undefined;
  readonly clock: SipClock;
  readonly timers: TimerValues;

  constructor(private readonly layer: TransactionLayer, private readonly key: string, private readonly responseTo: SipAddress, readonly reliable: boolean) {
    this.clock = layer.clock;
    this.timers = layer.timers;
  }

  send(m: SipMessage | Buffer, onError: (err: Error) => void): void {
    this.layer.sendTo(this.responseTo, Buffer.isBuffer(m) ? m : serializeMessage(m), onError);
  }

  onTerminated(): void {
    if (this.tx) this.layer.serverEnded(this.key, this.tx);
  }

  onTimeout(): void {
    this.layer.timedOut({ side: 'server', response: this.tx?.lastResponseWire, peer: this.responseTo });
  }
}

export class TransactionLayer {
  readonly clock: SipClock;
  readonly timers: TimerValues;
  private readonly tryingDelayMs: number;
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly servers = new Map<string, ServerTransaction>();

  constructor(private readonly opts: TransactionLayerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? DEFAULT_TIMERS;
    this.tryingDelayMs = opts.tryingDelayMs ?? 0;
  }

  get counts(): { clients: number; servers: number } {
    return { clients: this.clients.size, servers: this.servers.size };
  }

  /** §17.2.3 server transaction key (ACK maps onto its INVITE; CANCEL is its own). */
  private serverKey(req: SipRequest, via: Via): string {
    const method = req.method === 'ACK' ? 'INVITE' : req.method;
    const branch = via.params.get('branch');
    if (branch !== undefined && branch.startsWith(MAGIC_COOKIE)) return `${branch}|${via.host}:${via.port ?? ''}|${method}`;
    // RFC 2543 compatibility: Request-URI, From tag, Call-ID, CSeq number, top Via
    const cseq = parseCSeq(getHeader(req, 'cseq') ?? '');
    return `2543|${req.uri}|${tagOf(getHeader(req, 'from'))}|${getHeader(req, 'call-id')}|${cseq?.seq}|${method}|${getHeaders(req, 'via')[0]}`;
  }

  /**
   * §18.2.1: add `received` when sent-by differs from the packet source, and fill an
   * empty `rport` (RFC 3581 §4). Returns where responses go (§18.2.2).
   */
  private stampVia(req: SipRequest, via: Via, source: SipAddress): SipAddress {
    let changed = false;
    if (via.host !== source.host) {
      via.params.set('received', source.host);
      changed = true;
    }
    const hasRport = via.params.has('rport');
    if (hasRport && via.params.get('rport') === '') {
      via.params.set('rport', String(source.port));
      changed = true;
    }
    if (changed) {
      const list = req.headers.get('via');
      if (list) list[0] = formatVia(via);
    }
    if (source.protocol !== 'udp' || hasRport) return source; // reliable: same connection; rport: source port
    return { protocol: 'udp', host: source.host, port: via.port ?? 5060 };
  }

  receiveRequest(req: SipRequest, source: SipAddress, reliable: boolean): IncomingRequestMatch {
    const via = parseVia(getHeaders(req, 'via')[0] ?? '');
    const key = this.serverKey(req, via);
    const existing = this.servers.get(key);
    if (existing) {
      // RFC 6026 §7.1: an ACK matching an Accepted transaction goes to the TU
      if (req.method === 'ACK' && existing.state === 'accepted') return { kind: 'ack', via };
      existing.receiveRequest(req);
      return { kind: 'absorbed' };
    }
    if (req.method === 'ACK') return { kind: 'ack', via };
    const responseTo = this.stampVia(req, via, source);
    const ctx = new ServerTxContext(this, key, responseTo, reliable);
    const tx = new ServerTransaction(req, key, ctx, tryingFor(req), this.tryingDelayMs);
    ctx.tx = tx;
    this.servers.set(key, tx);
    return { kind: 'new', tx, via, responseTo };
  }

  /** @internal for ServerTxContext */
  sendTo(dest: SipAddress, data: Buffer, onError: (err: Error) => void): void {
    this.opts.sendTo(dest, data, onError);
  }

  /** @internal for ServerTxContext */
  timedOut(t: TransactionTimeout): void {
    this.opts.onTimeout?.(t);
  }

  /** @internal for ServerTxContext */
  serverEnded(key: string, tx: ServerTransaction): void {
    if (this.servers.get(key) === tx) this.servers.delete(key);
    this.opts.onServerTerminated?.(tx);
  }

  /** §9.2: the INVITE server transaction a CANCEL refers to (same key, method INVITE). */
  findInviteFor(cancel: SipRequest): ServerTransaction | undefined {
    const via = parseVia(getHeaders(cancel, 'via')[0] ?? '');
    const key = this.serverKey({ ...cancel, method: 'INVITE', headers: new Map([...cancel.headers, ['cseq', [`${parseCSeq(getHeader(cancel, 'cseq') ?? '')?.seq ?? 0} INVITE`]]]) }, via);
    const tx = this.servers.get(key);
    return tx && tx.isInvite ? tx : undefined;
  }

  /** §17.1.3: match on the top Via branch and the CSeq method. False when nothing matched. */
  receiveResponse(res: SipResponse): boolean {
    const via = getHeaders(res, 'via')[0];
    const cseq = parseCSeq(getHeader(res, 'cseq') ?? '');
    if (via === undefined || !cseq) return false;
    let branch: string | undefined;
    try {
      branch = parseVia(via).params.get('branch');
    } catch {
      return false;
    }
    const tx = this.clients.get(`${branch}|${cseq.method}`);
    if (!tx) return false;
    tx.receiveResponse(res);
    return true;
  }

  /** Starts a client transaction; `req` must carry its top Via with a fresh branch. */
  sendRequest(req: SipRequest, dest: SipAddress, reliable: boolean, user: ClientTransactionUser): ClientTransaction {
    const branch = parseVia(getHeaders(req, 'via')[0] ?? '').params.get('branch');
    if (!branch || !branch.startsWith(MAGIC_COOKIE)) throw new Error('client request needs a z9hG4bK branch (RFC 3261 §8.1.1.7)');
    const key = `${branch}|${req.method}`;
    const ctx: TransactionContext = {
      send: (m, onError) => this.opts.sendTo(dest, Buffer.isBuffer(m) ? m : serializeMessage(m as SipMessage), onError),
      reliable,
      clock: this.clock,
      timers: this.timers,
      onTerminated: () => {
        if (this.clients.get(key) === tx) this.clients.delete(key);
      },
      onTimeout: () => this.opts.onTimeout?.({ side: 'client', request: req, peer: dest }),
    };
    const tx: ClientTransaction = new ClientTransaction(req, key, ctx, user);
    this.clients.set(key, tx);
    tx.start();
    return tx;
  }

  dispose(): void {
    for (const t of this.clients.values()) t.dispose();
    for (const t of this.servers.values()) t.dispose();
    this.clients.clear();
    this.servers.clear();
  }
}
