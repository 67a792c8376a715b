/**
 * The B2BUA's calls: parties (CSTA connections) over legs (SIP dialogs), and every
 * server-side flow of the provider contract: click-to-dial, inbound, answer, hold with
 * music, retrieve, blind and consultative transfer, hang-up.
 *
 * Media is anchored by a `MediaRelay` per call: each party's leg owns one side of one relay
 * (its `Anchor`: P for the party the call started with on the far end, A for whoever talks
 * to it). Hold plays music to the partner's side, retrieve resumes it; whoever replaces a
 * party (blind transfer from the page or by the phone's REFER, a completed consultation)
 * takes over the leaving party's side and both directions of that side move to it, so the
 * partner is never re-INVITEd for media and no two phones ever send to one port. A completed
 * consultation links the two relays' agent sides. The agent's phone at most gets a
 * re-INVITE back to its side (retrieve, reconnect). Nothing beyond RFC 3261/3264 is asked.
 *
 * Click-to-dial is third-party call control after RFC 3725 §4.4 (flow IV): the agent's
 * phone is INVITEd first with a real offer of ours (the relay's A side), with auto-answer
 * hints; when it answers, the destination is INVITEd with the agent phone's description
 * pointed at the relay's P side; when that answers, media flows through the relay: the
 * agent's phone is already sending to it, so no re-INVITE is needed at all.
 */
import { randomUUID } from 'node:crypto';
import type { ProviderEvent, ProviderStatusEvent } from '../provider.js';
import { Leg, type LegEvents } from './b2bua-leg.js';
import { anchorOffer, displayOf, via, type Anchor, type Identity } from './b2bua-media.js';
import { MediaRelay, mediaDestOf } from './media-relay.js';
import { toEvent, stateAfter, type CallView, type Happening, type PartyState } from './sip-event-mapper.js';
import { failureCause, invalidState, notRegistered, type InviteFailure } from './sip-errors.js';
import { deviceForDid, didOf, routeDialled, type AutoAnswerMode, type Route, type SipProviderConfig } from './sip-config.js';
import type { MohSource } from './rtp-moh.js';
import type { SdpSession } from './sdp.js';
import type { SipStack } from './sip-stack.js';
import type { Binding } from './sip-registrar.js';
import { DigestClient } from './sip-digest.js';
import { hasCredentials } from './trunk-registration.js';
import { Transfers } from './b2bua-transfers.js';

export interface Party {
  device: string;
  remote: boolean;
  state: PartyState;
  leg: Leg | undefined;
  /** For `always` devices alerted on the page only: the offer to send when answered. */
  pendingOffer?: SdpSession;
  /** The offer this party was (or will be) INVITEd with. */
  offer?: SdpSession;
  /** What to do when this party's phone answers. */
  onAnswered?: (leg: Leg) => void;
  /** The relay side this party's media is anchored on in this call. */
  anchor?: Anchor;
  /** Who this party's phone is told it talks to (its INVITE's From; the CTI's calling number). */
  peer?: Identity;
}


/** The parties of a call that talk (or would, but for hold): not ringing, not failed. */
const talking = (p: Party): boolean => p.state === 'connected' || p.state === 'hold';

export class SipCall implements CallView {
  readonly parties: Party[] = [];
  /** Anchors the call's media (set up when the call starts). */
  relay!: MediaRelay;
  /** Relays of calls merged into this one by a completed transfer. */
  readonly chained: MediaRelay[] = [];
  noAnswer: NodeJS.Timeout | undefined;
  constructor(readonly ref: string, readonly callingNumber: string, readonly calledNumber: string, readonly startedAt: number) {}
  party(device: string): Party | undefined {
    return this.parties.find((p) => p.device === device);
  }
  other(p: Party): Party | undefined {
    return this.parties.find((x) => x !== p);
  }
  /** Whom `p` talks to (or would, but for hold). */
  partner(p: Party): Party | undefined {
    return this.parties.find((x) => x !== p && talking(x)) ?? this.parties.find((x) => x !== p && x.anchor !== undefined);
  }
  /** The side of this call's relay each end starts on. */
  side(side: 'p' | 'a'): Anchor {
    return { relay: this.relay, side };
  }
}

export interface B2buaDeps {
  stack: SipStack;
  config: SipProviderConfig;
  moh: MohSource;
  emit(e: ProviderEvent | ProviderStatusEvent): void;
  binding(device: string): Binding | undefined;
  isDevice(device: string): boolean;
}

const HINTS: Array<[string, string]> = [['call-info', '<sip:switchboard>;answer-after=0'], ['alert-info', '<http://x>;info=alert-autoanswer']];

export class B2bua {
  readonly calls = new Map<string, SipCall>();
  /** Blind and consultative transfers (`b2bua-transfers.ts`). */
  readonly transfers: Transfers = new Transfers(this);
  /** Which calls use a leg (the agent's dialog is shared by a held call and its consultation). */
  readonly legCalls = new Map<Leg, Set<SipCall>>();
  readonly legsByDialog = new Map<string, Leg>();
  private readonly relayPool: MediaRelay[] = [];
  private readonly legsPerHost = new Map<string, number>();
  private trunkDigest: DigestClient | undefined;

  constructor(private readonly d: B2buaDeps) {}

  private get host(): string {
    return this.d.config.mediaHost;
  }

  mode(device: string): AutoAnswerMode {
    return this.d.config.autoAnswer[device] ?? 'none';
  }

  happen(call: SipCall, p: Party, h: Happening): void {
    const next = stateAfter(h);
    if (next !== undefined) p.state = next;
    this.d.emit(toEvent(call, p, h, Date.now()));
  }

  async newCall(calling: string, called: string): Promise<SipCall> {
    const call = new SipCall(randomUUID(), calling, called, Date.now());
    call.relay = this.relayPool.pop() ?? await new MediaRelay(this.d.moh, this.host, this.d.config.mediaLatching).open();
    this.calls.set(call.ref, call);
    return call;
  }

  /** `sdp` as the party anchored at `at` must see it. */
  via(at: Anchor, sdp: SdpSession): SdpSession {
    return via(at, this.host, sdp);
  }

  /** Where each leg's media goes now (the side its phone was last told to send to). */
  private readonly mediaAt = new Map<Leg, Anchor>();

  /** `p`'s leg now owns `at`: that side's media goes to the leg (both directions meet there). */
  bind(p: Party, at: Anchor, leg: Leg): void {
    p.anchor = at;
    this.mediaAt.set(leg, at);
    at.relay.setPeer(at.side, mediaDestOf(leg.remoteSdp));
  }

  /** Whether `leg` currently sends to `at` (else it moved to a consultation). */
  isAt(leg: Leg, at: Anchor | undefined): boolean {
    const m = this.mediaAt.get(leg);
    return m !== undefined && at !== undefined && m.relay === at.relay && m.side === at.side;
  }

  /** `leg` no longer sends to `at` (its party left that side, or it moves to another call). */
  leave(leg: Leg | undefined, at: Anchor): void {
    if (leg && this.isAt(leg, at)) this.mediaAt.delete(leg);
  }

  /** Music for `p` (its side of the relay), or back to its partner. */
  music(p: Party | undefined, on: boolean): void {
    const at = p?.anchor;
    if (!at) return;
    if (on) at.relay.hold(at.side);
    else at.relay.resume(at.side);
  }

  attach(call: SipCall, p: Party, leg: Leg): void {
    p.leg = leg;
    let set = this.legCalls.get(leg);
    if (!set) {
      this.legCalls.set(leg, (set = new Set()));
      this.countLeg(leg, 1);
    }
    set.add(call);
  }

  /** Events of a leg, routed to whatever party holds it at the time. */
  private legEvents(call: SipCall, p: Party): LegEvents {
    return {
      onRinging: () => {
        if (p.remote && p.state === 'initiated') this.happen(call, p, { kind: 'alerting' });
        this.callerLeg(call, p)?.ring();
      },
      onAnswered: (leg) => {
        if (leg.dialog) this.legsByDialog.set(leg.dialog.key, leg);
        if (call.noAnswer) clearTimeout(call.noAnswer);
        p.onAnswered?.(leg);
      },
      onFailed: (_leg, why) => this.partyFailed(call, p, why),
    };
  }

  /** The leg of the party that is waiting on an inbound INVITE for `p` to answer. */
  private callerLeg(call: SipCall, p: Party): Leg | undefined {
    const o = call.other(p)?.leg;
    return o?.state === 'offered' ? o : undefined;
  }

  /** INVITEs a registered phone (its binding's Contact, sent to where it registered from: NAT). */
  inviteDevice(call: SipCall, p: Party, offer: SdpSession, hints: boolean): Leg {
    const b = this.d.binding(p.device);
    if (!b) throw notRegistered(p.device);
    const from = p.peer ?? { user: call.callingNumber };
    const leg = Leg.invite(this.d.stack, { uri: b.contact, dest: b.source, fromUser: from.user, fromName: from.name, sdp: offer, headers: hints ? HINTS : [] }, this.legEvents(call, p));
    this.attach(call, p, leg);
    return leg;
  }

  inviteTrunk(call: SipCall, p: Party, number: string, offer: SdpSession): Leg {
    const t = this.d.config.trunk;
    if (!t) throw invalidState('no trunk configured');
    // One digest client for every call: nonce-counts keep rising if the trunk reuses a nonce (RFC 7616 §3.4)
    const credentials = hasCredentials(t) ? (this.trunkDigest ??= new DigestClient(t.username, t.password)) : undefined;
    const leg = Leg.invite(this.d.stack, { uri: `sip:${number}@${t.host}:${t.port}`, dest: { protocol: 'udp', host: t.host, port: t.port }, fromUser: call.callingNumber, sdp: offer, credentials }, this.legEvents(call, p));
    this.attach(call, p, leg);
    call.noAnswer = setTimeout(() => leg.cancel('no-answer'), this.d.config.noAnswerTimeoutMs);
    return leg;
  }

  /**
   * Makes `route` a party of `call` anchored at `at`, offered `sdp` (its partner's) through
   * that side; `then` runs when it answers, after the side is bound to its leg. `peer` is
   * whom its phone is told it talks to (From, RFC 3261 §8.1.1.3; the CTI's calling number).
   */
  addTarget(call: SipCall, route: Exclude<Route, { kind: 'invalid' }>, at: Anchor, sdp: SdpSession, then: (leg: Leg) => void, peer?: Identity): Party {
    const p: Party = route.kind === 'device'
      ? { device: route.device, remote: false, state: 'initiated', leg: undefined }
      : { device: route.number, remote: true, state: 'initiated', leg: undefined };
    const offer = this.via(at, sdp);
    p.anchor = at;
    p.peer = peer;
    p.onAnswered = (leg) => {
      this.bind(p, at, leg);
      this.happen(call, p, { kind: 'answered' });
      then(leg);
    };
    p.offer = offer;
    call.parties.push(p);
    if (route.kind === 'trunk') {
      this.inviteTrunk(call, p, route.number, offer);
      return p;
    }
    this.happen(call, p, { kind: 'alerting', callingNumber: peer?.user });
    if (this.mode(p.device) === 'always') p.pendingOffer = offer;
    else this.inviteDevice(call, p, offer, false);
    return p;
  }

  stack(): SipStack {
    return this.d.stack;
  }

  /** Device an inbound trunk call rings, by its DID (the Request-URI's user, or To's: `didOf`). */
  deviceFor(requestUser: string, toUser: string): string | undefined {
    const t = this.d.config.trunk;
    return t ? deviceForDid(t, didOf(t, requestUser, toUser)) : undefined;
  }

  route(dialled: string): Route {
    return routeDialled(dialled, this.d.isDevice, this.d.config.trunk);
  }

  /** Click-to-dial (R6.4), RFC 3725 flow IV as described above. */
  async makeCall(device: string, number: string): Promise<SipCall> {
    if (!this.d.binding(device)) throw notRegistered(device);
    const call = await this.newCall(device, number);
    const agent: Party = { device, remote: false, state: 'initiated', leg: undefined };
    call.parties.push(agent);
    this.happen(call, agent, { kind: 'dialling', calledNumber: number });
    const route = this.route(number);
    if (route.kind === 'invalid') {
      this.happen(call, agent, { kind: 'failed', cause: 'invalid-number' });
      return call;
    }
    // The agent's phone rings first: it shows the number being dialled, not its own
    agent.peer = { user: route.kind === 'device' ? route.device : route.number, name: displayOf(route.kind === 'device' ? route.device : route.number) };
    agent.onAnswered = (agentLeg) => {
      if (!this.calls.has(call.ref)) return void agentLeg.bye();
      const sdp = agentLeg.remoteSdp;
      if (!sdp) return this.partyFailed(call, agent, 488);
      this.bind(agent, call.side('a'), agentLeg);
      this.addTarget(call, route, call.side('p'), sdp, () => {
        if (agent.state === 'initiated') this.happen(call, agent, { kind: 'answered' });
      }, { user: device });
    };
    this.inviteDevice(call, agent, anchorOffer(this.host, call.relay.aPort, 'sendrecv'), true);
    return call;
  }

  partyFailed(call: SipCall, p: Party, why: InviteFailure): void {
    if (!this.calls.has(call.ref) || p.state === 'fail') return;
    const caller = this.callerLeg(call, p);
    if (caller) {
      // An inbound call whose destination did not answer: refuse the INVITE and end the call
      caller.reject(typeof why === 'number' && why >= 400 && why !== 487 ? why : 480);
      this.happen(call, p, { kind: 'failed', cause: failureCause(why) });
      this.endCall(call);
      return;
    }
    this.happen(call, p, { kind: 'failed', cause: failureCause(why) });
  }

  /** Answer from the page (R6.7): re-offer with auto-answer hints, or invite an `always` phone. */
  answer(call: SipCall, p: Party): void {
    if (p.state !== 'alerting') throw invalidState(`${p.device} is not ringing`);
    const mode = this.mode(p.device);
    if (mode === 'none') throw invalidState(`answer ${p.device} on the phone`);
    const offer = p.pendingOffer ?? p.offer;
    if (!offer) throw invalidState('no session to offer');
    if (p.leg) {
      // the ringing INVITE gives way to the re-offer with the hints
      p.leg.cancel();
      this.legCalls.delete(p.leg);
    }
    p.pendingOffer = undefined;
    this.inviteDevice(call, p, offer, true);
  }

  /** Hold (R6.9): the partner hears the music from its side of the relay; nothing is signalled. */
  async hold(call: SipCall, agent: Party): Promise<void> {
    if (agent.state !== 'connected') throw invalidState(`${agent.device} has no connected call to hold`);
    this.music(call.partner(agent), true);
    this.happen(call, agent, { kind: 'held' });
  }

  /** Retrieve: the party's phone back on its own side (re-INVITE only if it was moved away). */
  async retrieve(call: SipCall, agent: Party): Promise<void> {
    if (agent.state !== 'hold') throw invalidState(`${agent.device} has no held call`);
    const leg = agent.leg;
    const partner = call.partner(agent);
    const partnerSdp = partner?.leg?.remoteSdp;
    if (leg && agent.anchor && partnerSdp && !this.isAt(leg, agent.anchor)) {
      await leg.reinvite(this.via(agent.anchor, partnerSdp));
      this.bind(agent, agent.anchor, leg);
    }
    this.music(partner, false);
    this.happen(call, agent, { kind: 'retrieved' });
  }

  /** Removes a party from a call; its leg is hung up when no other call uses it. */
  detach(call: SipCall, p: Party, hangUp: boolean): void {
    call.parties.splice(call.parties.indexOf(p), 1);
    const leg = p.leg;
    if (!leg) return;
    const set = this.legCalls.get(leg);
    set?.delete(call);
    if (!set || set.size === 0) {
      if (this.legCalls.delete(leg)) this.countLeg(leg, -1);
      if (hangUp) {
        if (leg.dialog) this.legsByDialog.delete(leg.dialog.key);
        this.mediaAt.delete(leg);
        void leg.bye();
      }
    }
  }

  /** Ends a call: every party's connection cleared, legs no other call uses hung up. */
  endCall(call: SipCall, skip?: Leg): void {
    if (!this.calls.delete(call.ref)) return;
    if (call.noAnswer) clearTimeout(call.noAnswer);
    for (const r of [call.relay, ...call.chained]) this.releaseRelay(r);
    for (const p of [...call.parties]) {
      this.detach(call, p, p.leg !== skip);
      if (p.state !== 'fail' || !p.remote) this.happen(call, p, { kind: 'hung-up' });
    }
  }

  /** Live legs a source host started (the per-source dialog limit). */
  legsFrom(host: string): number {
    return this.legsPerHost.get(host) ?? 0;
  }

  private countLeg(leg: Leg, delta: 1 | -1): void {
    const host = leg.source?.host;
    if (host === undefined) return;
    const n = (this.legsPerHost.get(host) ?? 0) + delta;
    if (n <= 0) this.legsPerHost.delete(host);
    else this.legsPerHost.set(host, n);
  }

  private releaseRelay(r: MediaRelay): void {
    r.reset();
    if (this.relayPool.length < 2_000) this.relayPool.push(r);
    else r.close();
  }

  /** Calls a leg takes part in. */
  callsOf(leg: Leg): SipCall[] {
    return [...(this.legCalls.get(leg) ?? [])];
  }

  /** A leg the B2BUA no longer routes requests or media to. */
  forget(leg: Leg): void {
    if (leg.dialog) this.legsByDialog.delete(leg.dialog.key);
    this.mediaAt.delete(leg);
  }

  stopAll(): void {
    for (const call of [...this.calls.values()]) this.endCall(call);
    for (const r of this.relayPool.splice(0)) r.close();
  }
}

