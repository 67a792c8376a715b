/**
 * The pure AMI event mapper: `(state, message) → { state, events }`, one message at a time.
 * It never mutates its input and does no I/O; the provider stores what it returns.
 *
 * Each emitted `ProviderEvent` reports ONE connection (CSTA style, provider.ts): the callRef
 * is the call's `Linkedid`, the device is the agent's endpoint (`PJSIP/6001`) or, with
 * `remote: true`, the far party's number. The rules, and the recording each comes from
 * (`/work/shared/fixtures/asterisk-ami/README.md`):
 *
 * - Click-to-dial (S01–S04): Originate rings the agent's own phone first. That leg is created
 *   `Down` as the first channel of its call and its ringing is NOT an incoming call: it is
 *   `originated` (the `CTI_REQUEST_ID` VarSet names the number), then `established` when the
 *   phone answers. The far leg is `delivered` when it rings, `established` on `DialEnd ANSWER`.
 * - A far leg that hangs up unanswered is `failed`, classified by its Hangup cause first, then
 *   by DialStatus (S02 busy 17, S04 invalid 1 with DialEnd NOANSWER); a CANCEL is a plain clear
 *   (S03). A failed connection stays in `fail` until the call ends.
 * - Incoming (S05, S06, S14): the caller's first leg is `originated` (or `queued` on
 *   `QueueCallerJoin`), the agent's leg `delivered` when it rings, both `established` on
 *   `DialEnd ANSWER`. Cause 127 with DialStatus CANCEL on a ringing agent = caller abandoned;
 *   cause 26 = answered elsewhere: both a normal clear (the core tells missed from answered).
 * - Hold (S07a, S09, S10, S12): `Hold`/`Unhold` are raised on the leg that held → `held` /
 *   `retrieved` for that agent. CSTA (ECMA-269, Held event) reports hold on the holding
 *   device; the held party's connection stays connected. The CTI's own hold (S07b) shows as
 *   music on hold starting on the far leg in the hold context while the agent's leg is out
 *   of any bridge; the retrieve as the agent's leg entering a bridge again.
 * - Transfers and consultations (S08, S09, S10): see ami-transfer-rules.ts. A blind
 *   transfer is `transferred` for the agent once the caller dials the target; an Atxfer's
 *   Local pair is a consultation call of its own, and `AttendedTransfer` moves the consulted
 *   party onto the held call.
 * - Everything else (VarSet but CTI_REQUEST_ID, Newexten, RTCP*, Cdr, DeviceStateChange,
 *   QueueMemberStatus, MusicOnHoldStop, Local* ...) changes nothing.
 */
import type { ProviderEvent } from '../provider.js';
import type { AmiMessage } from './ami-parser.js';
import {
  type AmiCall, type AmiChannel, type AmiMapperContext, type AmiMapperState,
  deviceOfChannel, extensionOfDevice, knownName, knownNumber,
} from './ami-call-model.js';
import { clearCauseOf, failureOfCause, failureOfDialStatus } from './ami-causes.js';
import { TransferRules } from './ami-transfer-rules.js';

export interface AmiMapResult {
  state: AmiMapperState;
  events: ProviderEvent[];
}

export interface AmiCallResult {
  /** The call after the message; undefined once its last channel hung up. */
  call: AmiCall | undefined;
  events: ProviderEvent[];
}

/** Events that can change a call; the rest of the stream is skipped at the first test. */
const HANDLED = new Set([
  'Newchannel', 'VarSet', 'Newstate', 'DialBegin', 'DialState', 'DialEnd', 'Hold', 'Unhold',
  'BridgeEnter', 'BridgeLeave', 'MusicOnHoldStart', 'BlindTransfer', 'AttendedTransfer', 'QueueCallerJoin',
  'Hangup', 'OriginateResponse',
]);

/** The Linkedid a message belongs to, or undefined when it concerns no call. */
export const callKeyOf = (m: AmiMessage): string | undefined => {
  const event = m.Event;
  if (event === undefined || !HANDLED.has(event)) return undefined;
  if (event === 'VarSet' && m.Variable !== 'CTI_REQUEST_ID') return undefined;
  // OriginateResponse has no Linkedid; the originated leg is its call's first channel.
  if (event === 'OriginateResponse') return m.Uniqueid || undefined;
  return m.Linkedid ?? m.DestLinkedid ?? m.TransfererLinkedid ?? m.OrigTransfererLinkedid;
};

/** Pure: one message applied to the whole mapper state. */
export const mapAmiMessage = (state: AmiMapperState, m: AmiMessage, at: number, ctx: AmiMapperContext): AmiMapResult => {
  const key = callKeyOf(m);
  if (key === undefined) return { state, events: [] };
  const before = state.calls.get(key);
  const { call, events } = reduceAmiCall(before, m, at, ctx);
  if (call === before) return { state, events };
  const calls = new Map(state.calls);
  if (call) calls.set(key, call);
  else calls.delete(key);
  return { state: { calls }, events };
};

/** Pure: one message applied to one call (the message's `callKeyOf` must name it). */
export const reduceAmiCall = (call: AmiCall | undefined, m: AmiMessage, at: number, ctx: AmiMapperContext): AmiCallResult => {
  if (call === undefined && m.Event !== 'Newchannel') return { call, events: [] };
  const draft = new CallDraft(call, m, at, ctx);
  draft.apply();
  return draft.result(call);
};

/** The working copy of one call while a message is applied; never escapes this module. */
class CallDraft extends TransferRules {
  result(base: AmiCall | undefined): AmiCallResult {
    if (!this.changed || !this.call) return { call: base, events: this.events };
    const all = Object.values(this.channels);
    if (all.length > 0 && all.every((c) => c.hungUp)) {
      // The call is over: a failed far leg is cleared with it (its connection stayed `fail`).
      for (const c of all) {
        if (c.transferPending) this.finishBlindTransfer(c, c.transferPending.to);
        const now = this.channel(c.uniqueid) ?? c;
        if (now.consult && now.consult.state !== 'null') this.emitConsult(now, 'connection-cleared', { cause: 'normal' });
        const last = this.channel(c.uniqueid) ?? now;
        if (last.state !== 'null') this.emit(last, 'connection-cleared', { cause: last.state === 'fail' ? undefined : 'normal' });
      }
      return { call: undefined, events: this.events };
    }
    return { call: { ...this.call, channels: this.channels, pending: this.pending }, events: this.events };
  }

  apply(): void {
    const m = this.m;
    switch (m.Event) {
      case 'Newchannel': return this.onNewchannel();
      case 'VarSet': return this.onTag();
      case 'Newstate': return this.onNewstate();
      case 'DialBegin': return this.onDialBegin();
      case 'DialState': return this.onDialState();
      case 'DialEnd': return this.onDialEnd();
      case 'Hold': return this.onHold(true);
      case 'Unhold': return this.onHold(false);
      case 'BridgeEnter': return this.onBridge(true);
      case 'BridgeLeave': return this.onBridge(false);
      case 'MusicOnHoldStart': return this.onMusicOnHold();
      case 'BlindTransfer': return this.onBlindTransfer();
      case 'AttendedTransfer': return this.onAttendedTransfer();
      case 'QueueCallerJoin': return this.onQueued();
      case 'Hangup': return this.onHangup();
      case 'OriginateResponse': return this.onOriginateResponse();
      default: return undefined;
    }
  }

  // --- handlers -------------------------------------------------------------------------

  private onNewchannel(): void {
    const m = this.m;
    const uniqueid = m.Uniqueid ?? '';
    const name = m.Channel ?? '';
    if (!uniqueid || this.channels[uniqueid]) return;
    const base = deviceOfChannel(name);
    const role = name.startsWith('Local/') ? 'local' : this.ctx.isAgentDevice(base) ? 'agent' : 'remote';
    const first = uniqueid === m.Linkedid;
    const exten = m.Exten && m.Exten !== 's' ? m.Exten : '';
    if (!this.call) {
      this.call = {
        callRef: m.Linkedid ?? uniqueid, startedAt: this.at, hasAgent: false, pending: [], channels: {},
        callingNumber: role === 'agent' ? extensionOfDevice(base) : knownNumber(m.CallerIDNum) ?? '',
        calledNumber: exten,
      };
    }
    const channel: AmiChannel = {
      uniqueid, name, role, state: 'null', calledNumber: '', everConnected: false, heldByRedirect: false, hungUp: false,
      device: role === 'remote' ? (first ? knownNumber(m.CallerIDNum) ?? '' : '') : base,
      // Originate creates the agent's leg Down as the first channel of the call (S01–S04);
      // a phone that dials creates it in Ring (S11), a leg being called is not first (S05).
      originate: role === 'agent' && first && m.ChannelState === '0',
    };
    this.put(channel);
    if (role === 'local') this.joinConsult(channel);
    if (role === 'agent' && !this.call.hasAgent) {
      this.call.hasAgent = true;
      this.events.push(...this.pending);
      this.pending = [];
    }
    if (role === 'agent' && m.ChannelState === '4') this.emit(channel, 'originated', { calledNumber: exten });
    if (role === 'remote' && first) this.emit(channel, 'originated', { calledNumber: exten });
  }

  /** `VarSet CTI_REQUEST_ID` on the originated leg: the CTI's own click-to-dial (S01). */
  private onTag(): void {
    const c = this.channel(this.m.Uniqueid);
    if (!c || c.role !== 'agent' || !c.originate) return;
    const number = this.ctx.originateNumber(this.m.Value ?? '') ?? '';
    const tagged = this.put({ ...c, calledNumber: number });
    if (this.call && !this.call.calledNumber) this.call.calledNumber = number;
    this.emit(tagged, 'originated', { calledNumber: number });
  }

  private onNewstate(): void {
    const c = this.channel(this.m.Uniqueid);
    if (!c) return;
    const desc = this.m.ChannelStateDesc;
    if (c.role === 'agent') {
      if (c.originate) {
        this.emit(c, 'originated', { calledNumber: c.calledNumber });
        if (desc === 'Up') this.emit(this.channel(c.uniqueid) ?? c, 'established', {});
      } else if (desc === 'Ringing') {
        this.deliver(c);
      } else if (desc === 'Up' && c.state !== 'initiated') {
        // A calling leg (initiated) is connected by DialEnd ANSWER, not by its own answer.
        this.emit(c, 'established', {});
      }
    } else if (c.role === 'remote' && desc === 'Ringing' && this.m.Uniqueid !== this.m.Linkedid) {
      this.deliver(c);
    }
  }

  private onDialBegin(): void {
    const m = this.m;
    const dest = this.channel(m.DestUniqueid);
    if (!dest) return;
    if (m.Channel === undefined) {
      // Nothing is calling: Originate dialling the agent's device (or Atxfer's Local leg).
      if (dest.originate) this.emit(dest, 'originated', { calledNumber: dest.calledNumber });
      return;
    }
    const dialledBy = knownNumber(m.CallerIDNum) ?? '';
    const device = dest.role === 'remote' && !dest.device ? numberOfDialString(m.DialString) ?? knownNumber(m.DestCallerIDNum) ?? '' : dest.device;
    const caller = this.channel(m.Uniqueid);
    const consultRef = caller?.consultRef ?? dest.consultRef;
    const dialled = this.put({ ...dest, dialledBy, device, dialler: m.Uniqueid, ...(consultRef ? { consultRef } : {}) });
    // S08: the transferee now dials the blind transfer's target: that is where the call went.
    for (const agent of Object.values(this.channels)) {
      const pending = agent.transferPending;
      if (pending && pending.transferee === m.Uniqueid) this.finishBlindTransfer(agent, dialled.device || pending.to);
    }
  }

  private onDialState(): void {
    const dest = this.channel(this.m.DestUniqueid);
    if (dest && this.m.DialStatus === 'RINGING' && !dest.originate) this.deliver(dest);
  }

  private onDialEnd(): void {
    const m = this.m;
    const dest = this.channel(m.DestUniqueid);
    if (!dest) return;
    const status = m.DialStatus ?? '';
    const updated = this.put({ ...dest, dialStatus: status });
    if (status !== 'ANSWER') return;
    if (updated.role !== 'local') {
      if (updated.originate) this.emit(updated, 'originated', { calledNumber: updated.calledNumber });
      this.emit(this.channel(updated.uniqueid) ?? updated, 'established', {});
    }
    const caller = this.channel(m.Uniqueid);
    if (caller && caller.role !== 'local') this.emit(caller, 'established', {});
    // The consulted party answered the consultation's Local leg: the consulting agent is connected on it.
    const owner = caller?.consultRef ? this.consultOwner(caller.consultRef) : undefined;
    if (owner) this.emitConsult(owner, 'established', {});
  }

  private onHold(hold: boolean): void {
    const c = this.channel(this.m.Uniqueid);
    if (!c || c.role !== 'agent') return;
    // An Unhold nobody asked for arrives before a blind transfer (S08): `FROM` drops it.
    if (hold) this.emit(c, 'held', {});
    else if (!c.heldByRedirect) this.emit(c, 'retrieved', {});
  }

  private onBridge(enter: boolean): void {
    const c = this.channel(this.m.Uniqueid);
    if (!c) return;
    const bridged = this.put({ ...c, bridgeId: enter ? this.m.BridgeUniqueid : undefined });
    if (enter && bridged.role === 'agent' && bridged.heldByRedirect) {
      // S07b: `Bridge` joined the legs again in a new bridge.
      this.emit(this.put({ ...bridged, heldByRedirect: false }), 'retrieved', {});
    }
  }

  /**
   * S07b: the CTI's dual Redirect took both legs out of their bridge; music on hold starting
   * on a leg in the hold context is what tells this apart from a hang-up (both legs also
   * leave the bridge then, still in that context, but no music starts).
   */
  private onMusicOnHold(): void {
    const c = this.channel(this.m.Uniqueid);
    if (!c || c.role === 'agent' || this.m.Context !== this.ctx.holdContext) return;
    for (const agent of Object.values(this.channels)) {
      if (agent.role === 'agent' && agent.state === 'connected' && !agent.bridgeId && !agent.hungUp) {
        this.emit(this.put({ ...agent, heldByRedirect: true }), 'held', {});
      }
    }
  }

  private onQueued(): void {
    const c = this.channel(this.m.Uniqueid);
    if (!c || c.role !== 'remote') return;
    // A queue answers the caller before any agent (S14): the caller is queued, not initiated.
    // Before any agent joined, its `originated` was never reported: report `queued` instead.
    if (!this.call?.hasAgent) this.pending = this.pending.filter((e) => !(e.type === 'originated' && e.device === c.device));
    this.emit(c, 'queued', { callingNumber: c.device, calledNumber: this.m.Queue ?? '' });
  }

  private onHangup(): void {
    const c = this.channel(this.m.Uniqueid);
    if (!c) return;
    const cause = Number(this.m.Cause ?? '0');
    const gone = this.put({ ...c, hungUp: true });
    // The transferee hung up before dialling the blind transfer's target.
    for (const agent of Object.values(this.channels)) {
      const pending = agent.transferPending;
      if (pending && pending.transferee === gone.uniqueid) this.finishBlindTransfer(agent, pending.to);
    }
    this.reportHangup(gone, cause);
    this.clearFinishedConsult(this.channel(gone.uniqueid) ?? gone);
    this.leaveConsult(this.channel(gone.uniqueid) ?? gone);
    this.endAbandonedHeldCalls();
  }

  private reportHangup(gone: AmiChannel, cause: number): void {
    if (gone.role === 'local' || gone.state === 'fail' || gone.transferPending) return;
    if (gone.state === 'null') {
      // A far leg that failed before it ever rang (S02 busy, S04 invalid number).
      const failure = gone.role === 'remote' && gone.dialledBy !== undefined ? failureOfCause(cause) ?? failureOfDialStatus(gone.dialStatus) : undefined;
      if (failure) this.emit(gone, 'failed', { cause: failure });
      return;
    }
    const failure = !gone.everConnected
      ? gone.role === 'remote'
        ? failureOfCause(cause) ?? failureOfDialStatus(gone.dialStatus)
        // A ringing phone that refuses (486/603) fails; a caller's CANCEL (127) or a call
        // answered elsewhere (26) only clears it (S06, S14).
        : gone.state === 'alerting' && (cause === 17 || cause === 21) ? failureOfCause(cause) : undefined
      : undefined;
    if (failure) this.emit(gone, 'failed', { cause: failure });
    else this.emit(gone, 'connection-cleared', { cause: clearCauseOf(cause) });
  }

  private onOriginateResponse(): void {
    // Only an untagged Originate (another application's) learns its number here.
    const c = this.channel(this.m.Uniqueid);
    if (c?.originate && this.m.Response === 'Success') this.emit(c, 'originated', { calledNumber: c.calledNumber || (this.m.Exten ?? '') });
  }

  // --- helpers --------------------------------------------------------------------------

  private deliver(c: AmiChannel): void {
    const m = this.m;
    const call = this.call;
    const exten = m.Exten && m.Exten !== 's' ? m.Exten : undefined;
    const callingNumber = c.dialledBy || knownNumber(m.ConnectedLineNum) || call?.callingNumber || '';
    const calledNumber = c.role === 'remote' ? c.device || knownNumber(m.CallerIDNum) || '' : exten ?? call?.calledNumber ?? '';
    const target = c.role === 'remote' && !c.device ? this.put({ ...c, device: calledNumber }) : c;
    // The caller's name is the rung agent leg's connected line (X03): on its own Newstate, or
    // as the Dest* fields of the caller's DialState.
    const own = m.Uniqueid === c.uniqueid ? m.ConnectedLineName : m.DestUniqueid === c.uniqueid ? m.DestConnectedLineName : undefined;
    const callerName = c.role === 'agent' ? knownName(own, callingNumber) : undefined;
    this.emit(target, 'delivered', { callingNumber, calledNumber, callerName });
  }

}

/** `02075550123@pstn` → `02075550123`; `6002` → `6002`. */
const numberOfDialString = (dial: string | undefined): string | undefined => {
  if (!dial) return undefined;
  const at = dial.indexOf('@');
  const head = at < 0 ? dial : dial.slice(0, at);
  return head.includes('/') ? extensionOfDevice(head) : head || undefined;
};
