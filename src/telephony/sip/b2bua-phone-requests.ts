/**
 * What the parties do themselves, seen by the CTI like any other change: a call from the
 * trunk or dialled on a phone's keypad (INVITE), the caller giving up (CANCEL), a hang-up
 * (BYE, RFC 3261 §15.1.2), the phone's own hold and resume (re-INVITE with sendonly /
 * inactive, RFC 3264 §8.4) and a transfer from the phone (REFER, RFC 3515, with NOTIFY
 * sipfrag progress).
 */
import { getHeader } from './sip-message.js';
import { parseNameAddr } from './sip-uri.js';
import { isHoldOffer, answerDirection, directionOf, withDirection, type SdpSession } from './sdp.js';
import { Leg } from './b2bua-leg.js';
import type { B2bua, Party, SipCall } from './b2bua-calls.js';
import type { IncomingRequest } from './sip-stack.js';
import type { ServerTransaction } from './sip-transactions/server-transaction.js';
import type { RegistrationLog } from './trunk-registration.js';

/** The user part of a name-addr header (`"Sales" <sip:+492111234567@carrier>;tag=x`), or ''. */
const headerUserOf = (value: string): string => {
  try {
    return parseNameAddr(value).uri.user ?? '';
  } catch {
    return '';
  }
};

export type InboundOrigin = { kind: 'trunk' } | { kind: 'device'; device: string };

const userOf = (uri: string): string => {
  try {
    return parseNameAddr(uri.startsWith('<') ? uri : `<${uri}>`).uri.user ?? '';
  } catch {
    return '';
  }
};

export class PhoneRequests {
  /**
   * Unanswered INVITEs of inbound calls, to match a CANCEL (§9.2). An entry goes as soon
   * as its INVITE is answered or refused: the transaction itself lingers 32 s (Timer L/H),
   * and keying a weak map on it kept every call, its legs and its parsed INVITE alive as long.
   */
  private readonly byInvite = new Map<ServerTransaction, { call: SipCall; leg: Leg }>();

  constructor(private readonly b: B2bua, private readonly log: Pick<RegistrationLog, 'warn'> = { warn: () => undefined }) {}

  /** A new call from the trunk (routed by DID) or from an authenticated phone (routed as dialled). */
  async inbound(inc: IncomingRequest, origin: InboundOrigin, stack: Parameters<typeof Leg.fromInvite>[0]): Promise<void> {
    const dialled = userOf(inc.request.uri);
    const tx = inc.tx as ServerTransaction;
    const caller = Leg.fromInvite(stack, inc, { onRinging: () => undefined, onAnswered: () => undefined, onFailed: () => undefined, onSettled: () => this.byInvite.delete(tx) });
    const offer = caller.remoteSdp;
    if (!offer) return caller.reject(488); // we do not take offerless INVITEs (RFC 3264 §5 offer in the INVITE)
    let route = this.b.route(dialled);
    if (origin.kind === 'trunk') {
      const t = this.b.deviceFor(dialled, headerUserOf(getHeader(inc.request, 'to') ?? ''));
      if (t === undefined) return caller.reject(404);
      route = { kind: 'device', device: t };
    }
    if (route.kind === 'invalid') return caller.reject(404);
    const callingNumber = origin.kind === 'trunk' ? caller.callerUser() : origin.device;
    const call = await this.b.newCall(callingNumber, route.kind === 'device' ? route.device : route.number);
    const from: Party = { device: callingNumber, remote: origin.kind === 'trunk', state: 'initiated', leg: undefined };
    call.parties.push(from);
    this.b.bind(from, call.side('p'), caller);
    this.b.attach(call, from, caller);
    if (caller.state === 'offered') this.byInvite.set(tx, { call, leg: caller });
    this.b.happen(call, from, { kind: 'dialling', calledNumber: call.calledNumber });
    try {
      this.b.addTarget(call, route, call.side('a'), offer, (leg) => {
        caller.accept(this.b.via(call.side('p'), leg.remoteSdp ?? offer));
        if (caller.dialog) this.b.legsByDialog.set(caller.dialog.key, caller);
        this.b.happen(call, from, { kind: 'answered' });
      }, { user: callingNumber });
      if (route.kind === 'device' && this.b.mode(route.device) === 'always') caller.ring();
    } catch {
      caller.reject(480);
      this.b.endCall(call);
    }
  }

  /** The caller gave up before an answer: the stack already answered 200/487 (§9.2). */
  cancelled(invite: ServerTransaction): void {
    const found = this.byInvite.get(invite);
    if (!found) return;
    this.byInvite.delete(invite);
    found.leg.markEnded();
    this.b.endCall(found.call, found.leg);
  }

  /** Requests inside a dialog we know. */
  inDialog(inc: IncomingRequest): void {
    const d = inc.dialog;
    const leg = d ? this.b.legsByDialog.get(d.key) : undefined;
    const m = inc.request.method;
    if (m === 'ACK') return;
    if (!leg) {
      if (m === 'BYE' && d) this.b.stack().forgetDialog(d);
      return void this.b.stack().respond(inc, m === 'BYE' ? 200 : 481);
    }
    switch (m) {
      case 'BYE': return this.bye(inc, leg);
      case 'INVITE': return this.reinvite(inc, leg);
      case 'REFER': return void this.refer(inc, leg);
      case 'UPDATE': case 'INFO': case 'OPTIONS': case 'NOTIFY': return leg.respond(inc, 200);
      default: return leg.respond(inc, 405);
    }
  }

  private bye(inc: IncomingRequest, leg: Leg): void {
    leg.respond(inc, 200);
    leg.markEnded();
    this.b.forget(leg);
    for (const call of this.b.callsOf(leg)) {
      const p = call.parties.find((x) => x.leg === leg);
      // the agent's phone hanging up while a consultation holds the caller ends only the live call
      if (p && !p.remote && p.state === 'hold' && this.b.callsOf(leg).length > 1) {
        this.b.detach(call, p, false);
        this.b.happen(call, p, { kind: 'hung-up' });
        continue;
      }
      this.b.endCall(call, leg);
    }
  }

  /**
   * A party's own re-INVITE (RFC 3264 §8.4 hold when sendonly/inactive): answered by us from
   * its side of the relay, which plays music to its partner while the phone holds.
   */
  private reinvite(inc: IncomingRequest, leg: Leg): void {
    const offer = leg.takeOffer(inc);
    const calls = this.b.callsOf(leg);
    const here = (c: SipCall): Party | undefined => c.parties.find((p) => p.leg === leg);
    // the call whose media this leg carries now (a consulting agent's leg is in two)
    const call = calls.find((c) => this.b.isAt(leg, here(c)?.anchor)) ?? calls[0];
    const me = call ? here(call) : undefined;
    if (!offer || !call || !me?.anchor) return leg.respond(inc, offer ? 200 : 488, offer);
    const holding = isHoldOffer(offer);
    const partner = call.partner(me);
    if (this.b.isAt(leg, me.anchor)) {
      this.b.bind(me, me.anchor, leg);
      const at = partner?.anchor;
      if (at && holding) at.relay.hold(at.side);
      else if (at && me.state === 'hold') at.relay.resume(at.side);
    }
    leg.respond(inc, 200, mirror(offer, this.b.via(me.anchor, partner?.leg?.remoteSdp ?? offer)));
    if (holding && me.state === 'connected') this.b.happen(call, me, { kind: 'held' });
    else if (!holding && me.state === 'hold') this.b.happen(call, me, { kind: 'retrieved' });
  }

  /**
   * RFC 3515: accept, report progress by NOTIFY (sipfrag), transfer blind; the phone then
   * hangs up (RFC 5589 §6.1). The call transferred is the one this dialog's media is in.
   *
   * A REFER makes us place a call, so it is authorised like one, against the referring
   * party's own calling rights (RFC 3515 §5.2 leaves the policy to the recipient; the stack
   * already checked that it came from the dialog's peer): a phone, authenticated when its
   * dialog was set up, may transfer to what it may dial; the trunk side (an outside caller)
   * may dial nothing, so its REFER is refused outright, whatever the target, internal
   * extensions included (toll fraud: a REFER to an international number, issue 12).
   */
  private async refer(inc: IncomingRequest, leg: Leg): Promise<void> {
    const referTo = getHeader(inc.request, 'refer-to');
    const calls = this.b.callsOf(leg);
    const here = (c: SipCall): Party | undefined => c.parties.find((p) => p.leg === leg);
    const call = calls.find((c) => this.b.isAt(leg, here(c)?.anchor)) ?? calls[0];
    const me = call ? here(call) : undefined;
    const to = referTo ? userOf(referTo.trim()) : '';
    if (!call || !me) return leg.respond(inc, 481);
    if (me.remote) {
      this.log.warn({ source: `${inc.source.host}:${inc.source.port}`, referTo: referTo ?? '' },
        `SIP REFER refused (403): it came from ${inc.source.host}:${inc.source.port}, the outside party of a call, which may not make the server dial`);
      return leg.respond(inc, 403);
    }
    if (to === '' || this.b.route(to).kind === 'invalid') return leg.respond(inc, to === '' ? 400 : 403);
    leg.respond(inc, 202);
    leg.notifyRefer('SIP/2.0 100 Trying', false);
    try {
      await this.b.transfers.blind(call, me, to, true);
      leg.notifyRefer('SIP/2.0 200 OK', true);
    } catch {
      leg.notifyRefer('SIP/2.0 503 Service Unavailable', true);
    }
    // The transferor hangs up on the final NOTIFY; if it does not, we do. Its own BYE ends the
    // leg (the dialog stays known until then), so it never gets a second one.
    setTimeout(() => {
      if (leg.state !== 'answered' || this.b.callsOf(leg).length > 0) return;
      this.b.forget(leg);
      void leg.bye();
    }, 5_000).unref();
  }
}

/** An answer to `offer` carrying `media`'s addresses, in the mirrored direction (RFC 3264 §6.1). */
const mirror = (offer: SdpSession, media: SdpSession): SdpSession => {
  const m = offer.media[0];
  return withDirection(media, answerDirection(m ? directionOf(offer, m) : 'sendrecv'));
};
