/**
 * Server transactions (RFC 3261 §17.2): INVITE (§17.2.1, Figure 7) and non-INVITE
 * (§17.2.2, Figure 8). Every state change goes through `transition()`.
 *
 *   INVITE:      proceeding → completed → confirmed → terminated
 *                proceeding → accepted → terminated              (2xx, RFC 6026 §7.1)
 *   non-INVITE:  trying → proceeding → completed → terminated
 *
 * RFC 3261 ends the INVITE transaction on a 2xx, so a retransmitted INVITE would reach
 * the TU as a new call. RFC 6026 (which updates §17.2.1) adds the Accepted state with
 * Timer L = 64*T1: retransmitted INVITEs are absorbed there, and the TU's 2xx
 * retransmissions (§13.3.1.4) still pass through.
 */
import { type SipRequest, type SipResponse } from '../sip-message.js';
import { serializeMessage } from '../sip-serializer.js';
import type { TimerHandle } from './sip-timers.js';
import type { TransactionContext } from './transaction-context.js';

export type ServerInviteState = 'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated';
export type ServerNonInviteState = 'trying' | 'proceeding' | 'completed' | 'terminated';
export type ServerState = ServerInviteState | ServerNonInviteState;

const ALLOWED: Readonly<Record<ServerState, readonly ServerState[]>> = {
  trying: ['proceeding', 'completed', 'terminated'],
  proceeding: ['accepted', 'completed', 'terminated'],
  accepted: ['terminated'],
  completed: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

export interface ServerTransactionEvents {
  /** The first final response was sent: the TU's work on this request is done. */
  onFinal?(): void;
  /** Timer H fired without an ACK (§17.2.1), or a transport error (§17.2.4). */
  onFailure?(reason: 'timeout' | 'transport-error'): void;
}

export class ServerTransaction {
  readonly isInvite: boolean;
  private stateValue: ServerState;
  private lastResponse: Buffer | undefined;
  private lastStatus = 0;
  private retransmit: TimerHandle | undefined;
  private timeout: TimerHandle | undefined;
  private waitTimer: TimerHandle | undefined;
  private tryingTimer: TimerHandle | undefined;
  private interval: number;
  events: ServerTransactionEvents = {};

  private requestRef: SipRequest | undefined;
  private makeTrying: (() => SipResponse) | undefined;
  readonly method: string;

  constructor(
    request: SipRequest,
    readonly key: string,
    private readonly ctx: TransactionContext,
    /** Build the automatic 100 Trying (the layer knows how). */
    makeTrying: () => SipResponse,
    tryingDelayMs: number,
  ) {
    this.requestRef = request;
    this.makeTrying = makeTrying;
    this.method = request.method;
    this.isInvite = request.method === 'INVITE';
    this.stateValue = this.isInvite ? 'proceeding' : 'trying';
    this.interval = ctx.timers.T1;
    if (this.isInvite) {
      // §17.2.1: the server transaction MUST generate a 100 (Trying) unless the TU answers
      // within 200 ms. With delay 0 it is sent at once.
      if (tryingDelayMs <= 0) this.sendTrying();
      else this.tryingTimer = ctx.clock.setTimer(tryingDelayMs, () => this.sendTrying());
    }
  }

  /**
   * The request, while the TU may still answer it. After the final response it is
   * released: over UDP a completed transaction lingers 32 s (Timers J/H/L) and only
   * needs its last response, so keeping every parsed request would cost memory and GC.
   */
  get request(): SipRequest {
    if (!this.requestRef) throw new Error('server transaction: request released after the final response');
    return this.requestRef;
  }

  get state(): ServerState {
    return this.stateValue;
  }

  /** The bytes of the last response sent (reused for 2xx retransmission, §13.3.1.4). */
  get lastResponseWire(): Buffer | undefined {
    return this.lastResponse;
  }

  /** Highest status sent so far (0 if none). */
  get status(): number {
    return this.lastStatus;
  }

  private sendTrying(): void {
    this.tryingTimer = undefined;
    if (this.lastStatus === 0 && this.stateValue === 'proceeding' && this.makeTrying) this.respond(this.makeTrying());
  }

  /** The TU passes a response down (§17.2.1 / §17.2.2). */
  respond(res: SipResponse): void {
    const s = this.stateValue;
    if (s === 'accepted') {
      // RFC 6026 §7.1: 2xx retransmissions from the TU pass to the transport in Accepted
      if (res.status >= 200 && res.status < 300) this.ctx.send(serializeMessage(res), (e) => this.transportError(e));
      return;
    }
    if (s === 'terminated' || s === 'completed' || s === 'confirmed') return;
    this.tryingTimer?.cancel();
    const wire = serializeMessage(res);
    this.lastResponse = wire;
    this.lastStatus = res.status;
    this.ctx.send(wire, (e) => this.transportError(e));
    if (res.status < 200) {
      if (s === 'trying') this.transition('proceeding');
      return;
    }
    this.events.onFinal?.();
    this.requestRef = undefined;
    this.makeTrying = undefined;
    if (this.isInvite) {
      if (res.status < 300) {
        // RFC 6026 §7.1: 2xx → Accepted; Timer L (64*T1) ends it. The TU retransmits the 2xx (§13.3.1.4).
        this.transition('accepted');
        this.waitTimer = this.ctx.clock.setTimer(64 * this.ctx.timers.T1, () => this.transition('terminated'));
        return;
      }
      this.transition('completed');
      // Timer G (unreliable only): T1, doubling, capped at T2. Timer H: 64*T1 always.
      if (!this.ctx.reliable) this.retransmit = this.ctx.clock.setTimer(this.interval, () => this.onTimerG());
      this.timeout = this.ctx.clock.setTimer(64 * this.ctx.timers.T1, () => this.onTimerH());
      return;
    }
    this.transition('completed');
    // Timer J: 64*T1 for unreliable, 0 for reliable (§17.2.2)
    this.wait(this.ctx.reliable ? 0 : 64 * this.ctx.timers.T1);
  }

  private onTimerG(): void {
    if (this.stateValue !== 'completed' || !this.lastResponse) return;
    this.ctx.send(this.lastResponse, (e) => this.transportError(e));
    this.interval = Math.min(this.interval * 2, this.ctx.timers.T2);
    this.retransmit = this.ctx.clock.setTimer(this.interval, () => this.onTimerG());
  }

  private onTimerH(): void {
    if (this.stateValue !== 'completed') return;
    this.transition('terminated');
    this.ctx.onTimeout?.();
    this.events.onFailure?.('timeout');
  }

  /** A retransmission of the request, or (INVITE only) the ACK for a non-2xx final. */
  receiveRequest(req: SipRequest): void {
    const s = this.stateValue;
    if (req.method === 'ACK') {
      if (this.isInvite && s === 'completed') {
        this.transition('confirmed');
        // Timer I: T4 for unreliable, 0 for reliable (§17.2.1)
        this.wait(this.ctx.reliable ? 0 : this.ctx.timers.T4);
      }
      return; // §17.2.1: ACKs in Confirmed are absorbed
    }
    // §17.2.1 / §17.2.2: a retransmitted request gets the most recent response again
    if ((s === 'proceeding' || s === 'completed') && this.lastResponse) this.ctx.send(this.lastResponse, (e) => this.transportError(e));
  }

  private transportError(_e: Error): void {
    if (this.stateValue === 'terminated') return;
    // §17.2.4: inform the TU; the transaction ends
    this.transition('terminated');
    this.events.onFailure?.('transport-error');
  }

  private wait(ms: number): void {
    if (ms === 0) this.transition('terminated');
    else this.waitTimer = this.ctx.clock.setTimer(ms, () => this.transition('terminated'));
  }

  /** The one door for state changes. */
  private transition(to: ServerState): void {
    if (!ALLOWED[this.stateValue].includes(to)) throw new Error(`server transaction: illegal ${this.stateValue} -> ${to}`);
    this.stateValue = to;
    if (to === 'confirmed' || to === 'terminated') {
      this.retransmit?.cancel();
      this.timeout?.cancel();
    }
    if (to === 'terminated') {
      this.tryingTimer?.cancel();
      this.waitTimer?.cancel();
      this.ctx.onTerminated();
    }
  }

  dispose(): void {
    this.tryingTimer?.cancel();
    this.retransmit?.cancel();
    this.timeout?.cancel();
    this.waitTimer?.cancel();
  }
}
