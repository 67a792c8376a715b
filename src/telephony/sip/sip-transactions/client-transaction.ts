/**
 * Client transactions (RFC 3261 §17.1): INVITE (§17.1.1, Figure 5) and non-INVITE
 * (§17.1.2, Figure 6). Every state change goes through `transition()`.
 *
 *   INVITE:      calling → proceeding → completed → terminated   (2xx: → terminated)
 *   non-INVITE:  trying → proceeding → completed → terminated
 *
 * Timer C is a proxy timer (§16.6 step 11); this core is a UA/B2BUA, so it is omitted:
 * the TU cancels unanswered INVITEs itself.
 */
import { getHeader, getHeaders, type SipRequest, type SipResponse, newRequest } from '../sip-message.js';
import { serializeMessage } from '../sip-serializer.js';
import type { TimerHandle } from './sip-timers.js';
import type { TransactionContext, TransactionEnd } from './transaction-context.js';

export type ClientInviteState = 'calling' | 'proceeding' | 'completed' | 'terminated';
export type ClientNonInviteState = 'trying' | 'proceeding' | 'completed' | 'terminated';
export type ClientState = ClientInviteState | ClientNonInviteState;

export interface ClientTransactionUser {
  onResponse(response: SipResponse): void;
  /** Timeout (Timer B/F) or transport error (§17.1.4); not called on normal ends. */
  onFailure?(reason: Exclude<TransactionEnd, 'normal'>): void;
}

const ALLOWED: Readonly<Record<ClientState, readonly ClientState[]>> = {
  calling: ['proceeding', 'completed', 'terminated'],
  trying: ['proceeding', 'completed', 'terminated'],
  proceeding: ['completed', 'terminated'],
  completed: ['terminated'],
  terminated: [],
};

const DONE: ClientTransactionUser = { onResponse: () => undefined };

export class ClientTransaction {
  readonly isInvite: boolean;
  private stateValue: ClientState;
  private retransmit: TimerHandle | undefined;
  private timeout: TimerHandle | undefined;
  private waitTimer: TimerHandle | undefined;
  private interval: number;
  private readonly wire: Buffer;
  private ack: Buffer | undefined;

  constructor(
    readonly request: SipRequest,
    readonly key: string,
    private readonly ctx: TransactionContext,
    private user: ClientTransactionUser,
  ) {
    this.isInvite = request.method === 'INVITE';
    this.stateValue = this.isInvite ? 'calling' : 'trying';
    this.interval = ctx.timers.T1;
    this.wire = serializeMessage(request);
  }

  get state(): ClientState {
    return this.stateValue;
  }

  start(): void {
    this.ctx.send(this.wire, (e) => this.transportError(e));
    const { T1 } = this.ctx.timers;
    if (!this.ctx.reliable) {
      // §17.1.1.2 Timer A / §17.1.2.2 Timer E: initial T1, only over unreliable transports
      this.retransmit = this.ctx.clock.setTimer(T1, () => this.onRetransmit());
    }
    // §17.1.1.2 Timer B / §17.1.2.2 Timer F: 64*T1 for every transport
    this.timeout = this.ctx.clock.setTimer(64 * T1, () => this.onTimeout());
  }

  private onRetransmit(): void {
    const { T2 } = this.ctx.timers;
    if (this.isInvite) {
      if (this.stateValue !== 'calling') return;
      // §17.1.1.2: Timer A doubles each time, no cap
      this.interval *= 2;
    } else {
      if (this.stateValue !== 'trying' && this.stateValue !== 'proceeding') return;
      // §17.1.2.2: Timer E doubles up to T2 in Trying; in Proceeding it is always T2
      this.interval = this.stateValue === 'proceeding' ? T2 : Math.min(this.interval * 2, T2);
    }
    this.ctx.send(this.wire, (e) => this.transportError(e));
    this.retransmit = this.ctx.clock.setTimer(this.interval, () => this.onRetransmit());
  }

  private onTimeout(): void {
    // Timer B fires only matters in Calling (§17.1.1.2); Timer F in Trying/Proceeding (§17.1.2.2)
    const live = this.isInvite ? this.stateValue === 'calling' : this.stateValue === 'trying' || this.stateValue === 'proceeding';
    if (!live) return;
    this.transition('terminated');
    this.ctx.onTimeout?.();
    this.user.onFailure?.('timeout');
  }

  private transportError(_e: Error): void {
    if (this.stateValue === 'terminated') return;
    // §17.1.4: inform the TU and terminate
    this.transition('terminated');
    this.user.onFailure?.('transport-error');
  }

  receiveResponse(res: SipResponse): void {
    const s = this.stateValue;
    if (s === 'terminated') return;
    const provisional = res.status < 200;
    if (this.isInvite) {
      if (provisional) {
        if (s === 'calling') this.transition('proceeding');
        if (s === 'calling' || s === 'proceeding') this.user.onResponse(res);
        return;
      }
      if (res.status < 300) {
        // §17.1.1.2: a 2xx terminates the transaction; the TU ACKs it (§13.2.2.4)
        if (s === 'calling' || s === 'proceeding') {
          this.transition('terminated');
          this.user.onResponse(res);
        }
        return;
      }
      if (s === 'completed') {
        // §17.1.1.2: retransmitted final response → resend the ACK, do not pass up
        if (this.ack) this.ctx.send(this.ack, () => undefined);
        return;
      }
      this.transition('completed');
      this.ack = serializeMessage(buildNon2xxAck(this.request, res));
      this.ctx.send(this.ack, () => undefined);
      this.user.onResponse(res);
      this.releaseUser();
      // Timer D: ≥32 s for unreliable, 0 for reliable transports
      this.wait(this.ctx.reliable ? 0 : 32_000);
      return;
    }
    if (provisional) {
      if (s === 'trying') this.transition('proceeding');
      if (s === 'trying' || s === 'proceeding') this.user.onResponse(res);
      return;
    }
    if (s === 'completed') return; // §17.1.2.2: absorbs retransmitted finals
    this.transition('completed');
    this.user.onResponse(res);
    this.releaseUser();
    // Timer K: T4 for unreliable, 0 for reliable
    this.wait(this.ctx.reliable ? 0 : this.ctx.timers.T4);
  }

  /**
   * Completed only absorbs retransmitted finals (Timers D and K): the TU is never called
   * again, so it is let go rather than kept alive, with its call, for up to 32 s.
   */
  private releaseUser(): void {
    this.user = DONE;
  }

  private wait(ms: number): void {
    if (ms === 0) this.transition('terminated');
    else this.waitTimer = this.ctx.clock.setTimer(ms, () => this.transition('terminated'));
  }

  /** The one door for state changes. */
  private transition(to: ClientState): void {
    if (!ALLOWED[this.stateValue].includes(to)) throw new Error(`client transaction: illegal ${this.stateValue} -> ${to}`);
    this.stateValue = to;
    // Timer A stops on leaving Calling; Timer E keeps running in Proceeding (§17.1.2.2)
    if (to === 'completed' || to === 'terminated' || (this.isInvite && to === 'proceeding')) {
      this.retransmit?.cancel();
      this.retransmit = undefined;
    }
    if (to === 'completed' || to === 'terminated') {
      this.timeout?.cancel();
      this.timeout = undefined;
    }
    if (to === 'terminated') {
      this.waitTimer?.cancel();
      this.ctx.onTerminated();
    }
  }

  /** Stops all timers without notifying (stack shutdown). */
  dispose(): void {
    this.retransmit?.cancel();
    this.timeout?.cancel();
    this.waitTimer?.cancel();
  }
}

/**
 * ACK for a non-2xx final response (RFC 3261 §17.1.1.3): same Request-URI, Call-ID,
 * From, CSeq number and top Via as the INVITE; To from the response; Route copied.
 */
export const buildNon2xxAck = (invite: SipRequest, res: SipResponse): SipRequest => {
  const cseq = (getHeader(invite, 'cseq') ?? '').trim();
  const seq = cseq.slice(0, cseq.indexOf(' ') < 0 ? cseq.length : cseq.indexOf(' '));
  const headers: Array<[string, string]> = [
    ['via', getHeaders(invite, 'via')[0] ?? ''],
    ['max-forwards', '70'],
  ];
  for (const r of getHeaders(invite, 'route')) headers.push(['route', r]);
  headers.push(['from', getHeader(invite, 'from') ?? ''], ['to', getHeader(res, 'to') ?? ''], ['call-id', getHeader(invite, 'call-id') ?? ''], ['cseq', `${seq} ACK`]);
  return newRequest('ACK', invite.uri, headers);
};
