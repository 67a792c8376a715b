/**
 * One leg of the B2BUA: one INVITE dialog with one party (a phone or the trunk).
 *
 *   outgoing: calling → ringing → answered → ended     (calling/ringing → ended on failure or CANCEL)
 *   incoming: offered → answered → ended               (offered → ended on CANCEL or our reject)
 *
 * The leg speaks SIP for the call logic: it sends the INVITE (or answers the one it was
 * made from), CANCELs (RFC 3261 §9.1, only after a provisional response), BYEs (§15),
 * re-INVITEs one at a time (§14.1: no second offer while one is pending) and keeps the
 * party's last SDP so that another leg can be offered it (RFC 3725 style bridging).
 * Every SDP we send on this leg carries this leg's own o= line with a rising version
 * (RFC 3264 §8: one origin per session, version +1 per change).
 */
import { getHeader, getHeaders, newRequest, type SipRequest, type SipResponse } from './sip-message.js';
import { createResponse } from './sip-response.js';
import { Dialog } from './sip-dialog.js';
import { newCallId, newTag } from './sip-ids.js';
import { parseSdp, serializeSdp, type SdpSession } from './sdp.js';
import type { IncomingRequest, SipStack } from './sip-stack.js';
import { isWildcard } from './sip-advertise.js';
import type { SipAddress } from './sip-transport.js';
import type { ClientTransaction } from './sip-transactions/client-transaction.js';
import type { InviteFailure } from './sip-errors.js';
import type { DigestClient } from './sip-digest.js';

export type LegState = 'calling' | 'ringing' | 'offered' | 'answered' | 'ended';

const ALLOWED: Readonly<Record<LegState, readonly LegState[]>> = {
  calling: ['ringing', 'answered', 'ended'],
  ringing: ['answered', 'ended'],
  offered: ['answered', 'ended'],
  answered: ['ended'],
  ended: [],
};

export interface LegEvents {
  onRinging(leg: Leg): void;
  onAnswered(leg: Leg): void;
  onFailed(leg: Leg, why: InviteFailure): void;
  /** Incoming legs: the INVITE we were made from got its final response, or the caller cancelled it. */
  onSettled?(leg: Leg): void;
}

export interface OutgoingInvite {
  /** Request-URI (a binding's Contact, or sip:number@trunk). */
  uri: string;
  dest: SipAddress;
  /** User part of our From (the calling number as presented). */
  fromUser: string;
  fromName?: string;
  sdp: SdpSession;
  headers?: Array<[string, string]>;
  /** Answers a 401/407 from the far end once (a trunk that wants our credentials, §22.2). */
  credentials?: Pick<DigestClient, 'authorize'>;
}

const SDP = 'application/sdp';

const sdpOf = (body: Buffer): SdpSession | undefined => {
  if (body.length === 0) return undefined;
  try {
    return parseSdp(body.toString('utf8'));
  } catch {
    return undefined;
  }
};

export class Leg {
  private stateValue: LegState;
  dialog: Dialog | undefined;
  /** The party's last SDP (offer or answer). */
  remoteSdp: SdpSession | undefined;
  private readonly sessionId = String(Math.floor(Math.random() * 1e9));
  private version = 0;
  private inviteTx: ClientTransaction | undefined;
  private provisional = false;
  private cancelWanted = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly incoming: IncomingRequest | undefined;
  private readonly localTag = newTag();
  /** The party's host (where the INVITE came from or went): what our addresses must reach. */
  private peer: string | undefined;

  private constructor(private readonly stack: SipStack, state: LegState, private readonly events: LegEvents, incoming?: IncomingRequest) {
    this.stateValue = state;
    this.incoming = incoming;
  }

  get state(): LegState {
    return this.stateValue;
  }

  get source(): SipAddress | undefined {
    return this.incoming?.source;
  }

  /** The one door for state changes. */
  private transition(to: LegState): boolean {
    if (this.stateValue === to) return false;
    if (!ALLOWED[this.stateValue].includes(to)) return false;
    const from = this.stateValue;
    this.stateValue = to;
    if (from === 'offered') this.events.onSettled?.(this);
    return true;
  }

  /**
   * Our SDP for this leg: the given session under this leg's origin (RFC 3264 §8). Media
   * anchored on a wildcard address (the relay listening on every interface) gets the
   * address this leg's party can reach instead: `c=0.0.0.0` would mean hold (RFC 3264 §8.4).
   */
  stamp(sdp: SdpSession): Buffer {
    this.version++;
    const host = this.stack.local(undefined, this.peer).host;
    const reachable = (c: string | undefined): string | undefined => (c !== undefined && isWildcard(c) ? host : c);
    const s: SdpSession = {
      ...sdp,
      origin: { username: 'switchboard', sessionId: this.sessionId, sessionVersion: this.version, netType: 'IN', addrType: host.includes(':') ? 'IP6' : 'IP4', address: host },
      connection: reachable(sdp.connection),
      media: sdp.media.map((m) => (m.connection !== undefined && isWildcard(m.connection) ? { ...m, connection: reachable(m.connection) } : m)),
    };
    return Buffer.from(serializeSdp(s));
  }

  /** A leg from a received INVITE (RFC 3261 §13.3). */
  static fromInvite(stack: SipStack, inc: IncomingRequest, events: LegEvents): Leg {
    const leg = new Leg(stack, 'offered', events, inc);
    leg.peer = inc.source.host;
    leg.remoteSdp = sdpOf(inc.request.body);
    return leg;
  }

  /** Sends an INVITE with an offer (RFC 3261 §13.2.1). */
  static invite(stack: SipStack, o: OutgoingInvite, events: LegEvents): Leg {
    const leg = new Leg(stack, 'calling', events);
    leg.peer = o.dest.host;
    const local = stack.local(o.dest.protocol, o.dest.host);
    const name = o.fromName !== undefined ? `"${o.fromName.replace(/"/g, '')}" ` : '';
    const req = newRequest('INVITE', o.uri, [
      ['from', `${name}<sip:${o.fromUser}@${local.host}:${local.port}>;tag=${leg.localTag}`],
      ['to', `<${o.uri}>`],
      ['call-id', newCallId()],
      ['cseq', '1 INVITE'],
      ['contact', stack.contact(o.dest.protocol, undefined, o.dest.host)],
      ['allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, UPDATE'],
      ...(o.headers ?? []),
      ['content-type', SDP],
    ], leg.stamp(o.sdp));
    leg.credentials = o.credentials;
    leg.sendInvite(req, o.dest);
    return leg;
  }

  private cancelDest: SipAddress | undefined;
  private credentials: Pick<DigestClient, 'authorize'> | undefined;
  private challenged = false;

  private sendInvite(req: SipRequest, dest: SipAddress): void {
    this.inviteTx = this.stack.sendRequest(req, {
      onResponse: (res) => this.onInviteResponse(res),
      onFailure: (why) => this.fail(why),
    }, dest);
    this.cancelDest = dest;
  }

  /**
   * §22.2: a 401/407 to our INVITE (the transaction already ACKed it, §17.1.1.3) is answered
   * once: the same request with credentials, same Call-ID, From tag and offer, CSeq one
   * higher (§8.1.3.5). A second challenge is left to fail the leg.
   */
  private answerChallenge(res: SipResponse): boolean {
    const req = this.inviteTx?.request;
    const dest = this.cancelDest;
    if (!req || !dest || !this.credentials || this.challenged || this.cancelWanted || this.stateValue === 'ended') return false;
    const auth = this.credentials.authorize(getHeaders(res, res.status === 401 ? 'www-authenticate' : 'proxy-authenticate'), 'INVITE', req.uri);
    if (auth === undefined) return false;
    this.challenged = true;
    const headers = new Map([...req.headers].map(([k, v]): [string, string[]] => [k, [...v]]));
    headers.delete('via'); // the stack puts a new Via with a new branch: a new transaction
    headers.set('cseq', [`${(Number.parseInt(getHeader(req, 'cseq') ?? '1', 10) || 1) + 1} INVITE`]);
    headers.set(res.status === 401 ? 'authorization' : 'proxy-authorization', [auth]);
    this.provisional = false;
    this.sendInvite({ ...req, headers }, dest);
    return true;
  }

  private onInviteResponse(res: SipResponse): void {
    if (res.status < 200) {
      if (res.status === 100) {
        this.provisional = true;
      } else {
        this.provisional = true;
        if (this.transition('ringing')) this.events.onRinging(this);
      }
      if (this.cancelWanted) this.sendCancel();
      return;
    }
    if ((res.status === 401 || res.status === 407) && this.answerChallenge(res)) return;
    const req = this.inviteTx?.request;
    if (res.status >= 300 || !req) {
      this.fail(res.status);
      return;
    }
    const dest = this.cancelDest;
    if (!dest) return;
    const dialog = Dialog.asUac(req, res);
    dialog.protocol = dest.protocol;
    this.dialog = dialog;
    // the party is where our INVITE went (the phone's registered source, the trunk's address)
    this.stack.registerDialog(dialog, dest);
    this.stack.sendAck(dialog); // §13.2.2.4
    this.remoteSdp = sdpOf(res.body) ?? this.remoteSdp;
    if (this.cancelWanted || this.stateValue === 'ended') {
      // The 2xx crossed our CANCEL (§9.1 race): the call is up, so end it with BYE
      this.stateValue = 'answered';
      void this.bye();
      return;
    }
    if (this.transition('answered')) this.events.onAnswered(this);
  }

  private fail(why: InviteFailure): void {
    if (this.stateValue === 'ended') return;
    const wanted = this.cancelWanted;
    this.transition('ended');
    if (!wanted || why !== 487) this.events.onFailed(this, why);
  }

  /** Gives up an outgoing INVITE: CANCEL now if a provisional came, else as soon as one does (§9.1). */
  cancel(why: InviteFailure = 487): void {
    if (this.stateValue !== 'calling' && this.stateValue !== 'ringing') return;
    this.cancelWanted = true;
    if (this.provisional) this.sendCancel();
    this.transition('ended');
    if (why !== 487) this.events.onFailed(this, why);
  }

  private sentCancel = false;

  private sendCancel(): void {
    if (this.sentCancel || !this.inviteTx || !this.cancelDest) return;
    this.sentCancel = true;
    this.stack.cancel(this.inviteTx, { onResponse: () => undefined }, this.cancelDest);
  }

  /** UAS: ringing (180) on the INVITE we were made from. */
  ring(): void {
    if (this.incoming && this.stateValue === 'offered') this.stack.respond(this.incoming, 180, { toTag: this.localTag });
  }

  /** UAS: 200 with our answer; the dialog starts (§13.3.1.4, §12.1.1). */
  accept(answer: SdpSession): void {
    const inc = this.incoming;
    if (!inc || !this.transition('answered')) return;
    const res = createResponse(inc.request, 200, {
      toTag: this.localTag,
      headers: [['contact', this.stack.contact(inc.source.protocol, undefined, inc.source.host)], ['content-type', SDP]],
      body: this.stamp(answer),
    });
    const dialog = Dialog.asUas(inc.request, res);
    dialog.protocol = inc.source.protocol;
    this.dialog = dialog;
    // the party is where its INVITE came from (a phone's socket, the trunk)
    this.stack.registerDialog(dialog, inc.source);
    this.stack.respondWith(inc, res, dialog);
  }

  /** UAS: refuse the INVITE (e.g. 486, 480, 404). */
  reject(status: number): void {
    const inc = this.incoming;
    if (!inc || !this.transition('ended')) return;
    this.stack.respond(inc, status, { toTag: this.localTag });
  }

  /** The party CANCELled (the stack already sent 487) or hung up. */
  markEnded(): void {
    this.transition('ended');
    if (this.dialog) this.stack.forgetDialog(this.dialog);
  }

  /** Hangs up: BYE in the dialog (§15.1.1), CANCEL before an answer, reject an offered INVITE. */
  async bye(): Promise<void> {
    if (this.stateValue === 'calling' || this.stateValue === 'ringing') return this.cancel();
    if (this.stateValue === 'offered') return this.reject(480);
    const d = this.dialog;
    this.transition('ended');
    if (!d || d.state === 'terminated') return;
    d.terminate();
    this.stack.forgetDialog(d);
    await new Promise<void>((resolve) => {
      this.stack.sendRequest(d.createRequest('BYE'), { onResponse: (r) => { if (r.status >= 200) resolve(); }, onFailure: () => resolve() }, d.nextHop());
    });
  }

  /**
   * Re-INVITE with a new offer (§14.1), queued behind any pending one; resolves with the
   * party's answer (undefined when the party refused the change: the session stays as it was).
   */
  reinvite(offer: SdpSession, headers: Array<[string, string]> = []): Promise<SdpSession | undefined> {
    const run = async (): Promise<SdpSession | undefined> => {
      const d = this.dialog;
      if (!d || this.stateValue !== 'answered') return undefined;
      const req = d.createRequest('INVITE', { contact: this.stack.contact(d.protocol, undefined, this.peer), headers, body: this.stamp(offer), contentType: SDP });
      const seq = d.localSeq;
      return new Promise<SdpSession | undefined>((resolve) => {
        this.stack.sendRequest(req, {
          onResponse: (res) => {
            if (res.status < 200) return;
            if (res.status >= 300) return resolve(undefined);
            d.refreshTarget(res);
            this.stack.sendAck(d, seq);
            const answer = sdpOf(res.body);
            if (answer) this.remoteSdp = answer;
            resolve(answer);
          },
          onFailure: () => resolve(undefined),
        }, d.nextHop());
      });
    };
    const next = this.chain.then(run, run);
    this.chain = next;
    return next;
  }

  /** Answers a re-INVITE or other in-dialog request the party sent. */
  respond(inc: IncomingRequest, status: number, answer?: SdpSession): void {
    const headers: Array<[string, string]> = [['contact', this.stack.contact(inc.source.protocol, undefined, inc.source.host)]];
    if (answer) headers.push(['content-type', SDP]);
    this.stack.respond(inc, status, { headers, body: answer ? this.stamp(answer) : undefined }, this.dialog);
  }

  /** The party's SDP from a request it sent in the dialog (re-INVITE offer). */
  takeOffer(inc: IncomingRequest): SdpSession | undefined {
    const s = sdpOf(inc.request.body);
    if (s) this.remoteSdp = s;
    this.dialog?.refreshTarget(inc.request);
    return s;
  }

  /** Sends a NOTIFY in the dialog (RFC 3515 §2.4.5: refer event, sipfrag body). */
  notifyRefer(statusLine: string, terminated: boolean): void {
    const d = this.dialog;
    if (!d || d.state === 'terminated') return;
    const req = d.createRequest('NOTIFY', {
      contact: this.stack.contact(d.protocol, undefined, this.peer),
      headers: [['event', 'refer'], ['subscription-state', terminated ? 'terminated;reason=noresource' : 'active;expires=60']],
      body: Buffer.from(`${statusLine}\r\n`), contentType: 'message/sipfrag;version=2.0',
    });
    this.stack.sendRequest(req, { onResponse: () => undefined }, d.nextHop());
  }

  /** Calling number as the party presents it in From (user part), for inbound legs. */
  callerUser(): string {
    const from = this.incoming ? getHeader(this.incoming.request, 'from') ?? '' : '';
    return /sips?:([^@;>]+)@/.exec(from)?.[1] ?? 'anonymous';
  }
}
