/**
 * The B2BUA's calls: parties (CSTA connections) over legs (SIP dialogs), and every
 * server-side flow of the provider contract: click-to-dial, inbound, answer, hold with
 * music, retrieve, blind and consultative transfer, hang-up.
 *
 * Media is anchored on the far party's side by a `MediaRelay` per call (P side: the far
 * party; A side: whoever talks to it). Hold plays music from the relay, retrieve resumes
 * forwarding, a transfer points the A side at someone else, a completed consultation
 * chains two relays: the far party is never re-INVITEd, and the agent's phone at most
 * gets a re-INVITE back to the relay. Nothing beyond RFC 3261/3264 is asked of a phone.
 *
 * Click-to-dial is third-party call control after RFC 3725 §4.4 (flow IV): the agent's
 * phone is INVITEd first with a real offer of ours (the relay's A side), with auto-answer
 * hints; when it answers, the destination is INVITEd with the agent phone's description
 * pointed at the relay's P side; when that answers, media flows through the relay: the
 * agent's phone is already sending to it, so no re-INVITE is needed at all.
 */
import { randomUUID } from 'node:crypto';
import type { ProviderEvent } from '../provider.js';
import { Leg, type LegEvents } from './b2bua-leg.js';
import { anchorOffer, relayOffer } from './b2bua-media.js';
import { MediaRelay, mediaDestOf, throughRelay } from './media-relay.js';
import { toEvent, stateAfter, type CallView, type Happening, type PartyState } from './sip-event-mapper.js';
import { failureCause, invalidState, notRegistered, type InviteFailure } from './sip-errors.js';
import { deviceForDid, didOf, routeDialled, type AutoAnswerMode, type Route, type SipProviderConfig } from './sip-config.js';
import type { MohSource } from './rtp-moh.js';
import type { SdpSession } from './sdp.js';
import type { SipStack } from './sip-stack.js';
import type { Binding } from './sip-registrar.js';
import { DigestClient } from './sip-digest.js';
import { hasCredentials } from './trunk-registration.js';

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
}

export class SipCall implements CallView {
  readonly parties: Party[] = [];
  /** Anchors the far party's media (set up when the call starts). */
  relay!: MediaRelay;
  /** The far party, on the relay's P side. */
  far: Party | undefined;
  /** The leg whose media is on the relay's A side now (after a consultation: none). */
  nearLeg: Leg | undefined;
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
}

export interface B2buaDeps {
  stack: SipStack;
  config: SipProviderConfig;
  moh: MohSource;
  emit(e: ProviderEvent): void;
  binding(device: string): Binding | undefined;
  isDevice(device: string): boolean;
}

const HINTS: Array<[string, string]> = [['call-info', '<sip:switchboard>;answer-after=0'], ['alert-info', '<http://x>;info=alert-autoanswer']];

export class B2bua {
  readonly calls = new Map<string, SipCall>();
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

  /** `sdp` as the far party must see it (send to the relay's P side). */
  toFar(call: SipCall, sdp: SdpSession): SdpSession {
    return throughRelay(relayOffer(sdp), this.host, call.relay.pPort);
  }

  /** `sdp` as the connected party must see it (send to the relay's A side). */
  toNear(call: SipCall, sdp: SdpSession): SdpSession {
    return throughRelay(relayOffer(sdp), this.host, call.relay.aPort);
  }

  /** Media of `leg` now goes through the relay's A side. */
  near(call: SipCall, leg: Leg): void {
    call.nearLeg = leg;
    call.relay.setNear(mediaDestOf(leg.remoteSdp));
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
    const leg = Leg.invite(this.d.stack, { uri: b.contact, dest: b.source, fromUser: call.callingNumber, sdp: offer, headers: hints ? HINTS : [] }, this.legEvents(call, p));
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

  /** Makes `route` a party of `call`, offered `offer`; `then` runs when it answers. */
  addTarget(call: SipCall, route: Exclude<Route, { kind: 'invalid' }>, offer: SdpSession, then: (leg: Leg) => void): Party {
    const p: Party = route.kind === 'device'
      ? { device: route.device, remote: false, state: 'initiated', leg: undefined }
      : { device: route.number, remote: true, state: 'initiated', leg: undefined };
    p.onAnswered = (leg) => {
      this.happen(call, p, { kind: 'answered' });
      then(leg);
    };
    p.offer = offer;
    call.parties.push(p);
    if (route.kind === 'trunk') {
      this.inviteTrunk(call, p, route.number, offer);
      return p;
    }
    this.happen(call, p, { kind: 'alerting' });
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
    agent.onAnswered = (agentLeg) => {
      if (!this.calls.has(call.ref)) return void agentLeg.bye();
      const sdp = agentLeg.remoteSdp;
      if (!sdp) return this.partyFailed(call, agent, 488);
      this.near(call, agentLeg);
      call.far = this.addTarget(call, route, this.toFar(call, sdp), (farLeg) => {
        call.relay.setFar(mediaDestOf(farLeg.remoteSdp));
        if (agent.state === 'initiated') this.happen(call, agent, { kind: 'answered' });
      });
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

  /** Hold (R6.9): the far party hears the music from the relay; nothing is signalled. */
  async hold(call: SipCall, agent: Party): Promise<void> {
    if (agent.state !== 'connected') throw invalidState(`${agent.device} has no connected call to hold`);
    call.relay.hold();
    this.happen(call, agent, { kind: 'held' });
  }

  /** Retrieve: the agent's phone back on the relay (re-INVITE only if it was moved away). */
  async retrieve(call: SipCall, agent: Party): Promise<void> {
    if (agent.state !== 'hold') throw invalidState(`${agent.device} has no held call`);
    const leg = agent.leg;
    const farSdp = call.far?.leg?.remoteSdp;
    if (leg && farSdp && call.nearLeg !== leg) {
      await leg.reinvite(this.toNear(call, farSdp));
      this.near(call, leg);
    }
    call.relay.resume();
    this.happen(call, agent, { kind: 'retrieved' });
  }

  /** Blind transfer (R6.9): the far party hears music until the new party answers. */
  async singleStepTransfer(call: SipCall, agent: Party, to: string, keepAgentLeg = false): Promise<void> {
    const far = call.far;
    const route = this.route(to);
    const farSdp = far?.leg?.remoteSdp;
    if (!far || !farSdp || route.kind === 'invalid') throw invalidState(`cannot transfer to ${to}`);
    call.relay.hold();
    call.nearLeg = undefined;
    this.detach(call, agent, !keepAgentLeg);
    this.happen(call, agent, { kind: 'transferred', to });
    this.addTarget(call, route, this.toNear(call, farSdp), (leg) => {
      this.near(call, leg);
      call.relay.resume();
    });
  }

  async consult(held: SipCall, agent: Party, to: string): Promise<SipCall> {
    const route = this.route(to);
    if (route.kind === 'invalid') throw invalidState(`cannot consult ${to}`);
    const agentLeg = agent.leg;
    const agentSdp = agentLeg?.remoteSdp;
    if (!agentLeg || !agentSdp) throw invalidState('no agent leg');
    if (agent.state === 'connected') await this.hold(held, agent);
    const call = await this.newCall(agent.device, to);
    const a2: Party = { device: agent.device, remote: false, state: 'initiated', leg: undefined };
    call.parties.push(a2);
    this.attach(call, a2, agentLeg);
    this.happen(call, a2, { kind: 'dialling', calledNumber: to });
    call.far = this.addTarget(call, route, this.toFar(call, agentSdp), (leg) => {
      call.relay.setFar(mediaDestOf(leg.remoteSdp));
      held.nearLeg = undefined;
      void agentLeg.reinvite(this.toNear(call, leg.remoteSdp ?? agentSdp)).then(() => {
        this.near(call, agentLeg);
        this.happen(call, a2, { kind: 'answered' });
      });
    });
    return call;
  }

  /** The caller and the colleague talk through both calls' relays, chained; the agent leaves. */
  async completeTransfer(held: SipCall, consult: SipCall, agentDevice: string): Promise<void> {
    const agent = held.party(agentDevice);
    const a2 = consult.party(agentDevice);
    const target = consult.far;
    if (!agent || !a2 || !held.far || !target?.leg || target.state !== 'connected') throw invalidState('nothing to transfer');
    held.relay.chain(consult.relay);
    held.relay.resume();
    this.detach(consult, a2, false);
    this.detach(held, agent, true);
    this.happen(held, agent, { kind: 'transferred', to: target.device, secondaryCallRef: consult.ref });
    this.happen(consult, target, { kind: 'hung-up' });
    consult.parties.splice(consult.parties.indexOf(target), 1);
    this.legCalls.get(target.leg)?.delete(consult);
    this.calls.delete(consult.ref);
    held.chained.push(consult.relay);
    held.parties.push(target);
    this.attach(held, target, target.leg);
    this.happen(held, target, { kind: 'answered' });
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
      if (leg.dialog) this.legsByDialog.delete(leg.dialog.key);
      if (hangUp) void leg.bye();
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

  stopAll(): void {
    for (const call of [...this.calls.values()]) this.endCall(call);
    for (const r of this.relayPool.splice(0)) r.close();
  }
}
