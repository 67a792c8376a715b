/**
 * Transfers on the B2BUA (R6.9): blind (from the page, or the phone's REFER), consult and
 * complete, by either party of a call. Whoever joins takes the leaving party's side of the
 * relay (its `Anchor`), so the partner keeps its own side and is never re-INVITEd for media;
 * both directions of the side move at once. Everyone left in the call is then told whom it
 * talks to: the newcomer by its INVITE's From, the partner by a re-INVITE with
 * `P-Asserted-Identity` (RFC 3325) and the CTI by `party-changed`.
 */
import type { B2bua, Party, SipCall } from './b2bua-calls.js';
import { identityOf } from './b2bua-media.js';
import { invalidState } from './sip-errors.js';

export class Transfers {
  constructor(private readonly b: B2bua) {}

  /**
   * Blind transfer (R6.9), from the page or by the phone's REFER, by either party: the
   * partner hears music until the new party answers; the new party takes the leaving
   * party's side of the relay and is told it talks to the partner.
   */
  async blind(call: SipCall, agent: Party, to: string, keepAgentLeg = false): Promise<void> {
    const partner = call.partner(agent);
    const route = this.b.route(to);
    const partnerSdp = partner?.leg?.remoteSdp;
    const at = agent.anchor;
    if (!partner || !partnerSdp || !at || route.kind === 'invalid') throw invalidState(`cannot transfer to ${to}`);
    this.b.music(partner, true);
    at.relay.setPeer(at.side, undefined); // nothing goes to the leaving phone any more
    this.b.leave(agent.leg, at);
    this.b.detach(call, agent, !keepAgentLeg);
    this.b.happen(call, agent, { kind: 'transferred', to });
    const p = this.b.addTarget(call, route, at, partnerSdp, () => {
      this.b.music(partner, false);
      this.introduce(call, partner, p);
    }, identityOf(partner));
  }

  async consult(held: SipCall, agent: Party, to: string): Promise<SipCall> {
    const route = this.b.route(to);
    if (route.kind === 'invalid') throw invalidState(`cannot consult ${to}`);
    const agentLeg = agent.leg;
    const agentSdp = agentLeg?.remoteSdp;
    if (!agentLeg || !agentSdp) throw invalidState('no agent leg');
    if (agent.state === 'connected') await this.b.hold(held, agent);
    const call = await this.b.newCall(agent.device, to);
    const a2: Party = { device: agent.device, remote: false, state: 'initiated', leg: undefined, anchor: call.side('a') };
    call.parties.push(a2);
    this.b.attach(call, a2, agentLeg);
    this.b.happen(call, a2, { kind: 'dialling', calledNumber: to });
    this.b.addTarget(call, route, call.side('p'), agentSdp, (leg) => {
      void agentLeg.reinvite(this.b.via(call.side('a'), leg.remoteSdp ?? agentSdp)).then(() => {
        this.b.bind(a2, call.side('a'), agentLeg);
        this.b.happen(call, a2, { kind: 'answered' });
      });
    }, identityOf(a2));
    return call;
  }

  /** The partner and the colleague talk through both calls' relays, linked; the agent leaves. */
  async complete(held: SipCall, consult: SipCall, agentDevice: string): Promise<void> {
    const agent = held.party(agentDevice);
    const a2 = consult.party(agentDevice);
    const target = a2 ? consult.partner(a2) : undefined;
    const partner = agent ? held.partner(agent) : undefined;
    if (!agent?.anchor || !a2?.anchor || !partner || !target?.leg || !target.anchor || target.state !== 'connected') throw invalidState('nothing to transfer');
    // both directions: the agent's side of the held call and its side of the consultation meet
    agent.anchor.relay.link(agent.anchor.side, a2.anchor.relay, a2.anchor.side);
    this.b.leave(agent.leg, a2.anchor);
    this.b.music(partner, false);
    this.b.detach(consult, a2, false);
    this.b.detach(held, agent, true);
    this.b.happen(held, agent, { kind: 'transferred', to: target.device, secondaryCallRef: consult.ref });
    this.b.happen(consult, target, { kind: 'hung-up' });
    consult.parties.splice(consult.parties.indexOf(target), 1);
    this.b.legCalls.get(target.leg)?.delete(consult);
    this.b.calls.delete(consult.ref);
    held.chained.push(consult.relay, ...consult.chained);
    held.parties.push(target);
    this.b.attach(held, target, target.leg);
    this.b.happen(held, target, { kind: 'answered' });
    this.introduce(held, partner, target);
    this.introduce(held, target, partner);
  }

  /**
   * `p` now talks to `other`: its phone is told (a re-INVITE with the same media and
   * `P-Asserted-Identity`, RFC 3325, our phones being the trust domain) and the CTI hears
   * the new party (`party-changed`), so both screens name whom they talk to.
   */
  introduce(call: SipCall, p: Party | undefined, other: Party): void {
    if (!p || p.state === 'fail') return;
    const id = identityOf(other);
    p.peer = id;
    this.b.happen(call, p, { kind: 'party-changed', number: id.user });
    const leg = p.leg;
    const sdp = other.leg?.remoteSdp;
    if (p.remote || !leg || !p.anchor || !sdp || !this.b.isAt(leg, p.anchor)) return;
    const local = this.b.stack().local(undefined, leg.source?.host).host;
    void leg.reinvite(this.b.via(p.anchor, sdp), [['p-asserted-identity', `<sip:${id.user}@${local}>`]]);
  }
}
