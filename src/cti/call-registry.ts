/**
 * The call registry: the server's one view of every live call on every agent device.
 *
 * It applies provider events in arrival order (one queue), moving each connection only
 * through `transition` (connection-state.ts) and logging every move `from -[event]-> to`;
 * bumps the call's version on every change; publishes a full snapshot per agent device to
 * the sink (a client that missed one repairs itself from the next); and writes the call
 * log: when a device joins a call (so a crash leaves an open record), when it is answered,
 * and at its final state (idempotent upserts, one per call × device).
 *
 * Caller-ID matching happens ONCE per device, when it joins the call, before its first
 * snapshot is published: an incoming call already holds its matches when the agent first
 * sees it ringing (R6.6). Only the provider's `party-changed` (a transfer gave the device
 * someone else to talk to) matches it again, and the screen and call log follow.
 *
 * After every (re)connect the provider sends `synced`: calls that vanished are closed as
 * `interrupted`, unknown live calls are adopted (their states replayed through the same
 * door), open call-log records of calls that no longer exist (a server stop mid-call) are
 * closed as `interrupted`.
 *
 * Identity (issue 12): every call gets OUR id, a UUIDv7, unique for ever; the phone
 * system's ref (`callRef`: a sim ref, an Asterisk Uniqueid) is an attribute, mapped to our
 * id while the call lives. A `synced` starts a new provider generation: refs of calls that
 * ended before it may be reused by the phone system (the simulated PBX numbers from `sim-1`
 * again after a rebuild, Asterisk after a restart) and then name new calls.
 */
import type { Logger } from 'pino';
import type { CallSnapshot, ConnectionState } from '../domain/call.js';
import type {
  Capability, ProviderCallState, ProviderEvent, ProviderEventType, ProviderStatusEvent, TelephonyProvider,
} from '../telephony/provider.js';
import { allowedActions } from './allowed-actions.js';
import { describeMove, transition } from './connection-state.js';
import {
  logRecordOf, snapshotOf, type AgentLeg, type LiveCall, type LiveConnection, type PartyView,
} from './live-call.js';
import type {
  CallLogRecord, CallLogStore, CallerIdMatcher, DeviceDirectory, NumberPlan, SnapshotSink,
} from './ports.js';
import { PATHS, oneStep, synthetic } from './synthetic-events.js';
import { uuidv7 } from '../domain/uuid-v7.js';

export interface CallRegistryDeps {
  logger: Logger;
  matcher: CallerIdMatcher;
  numbers: NumberPlan;
  callLog: CallLogStore;
  sink: SnapshotSink;
  directory: DeviceDirectory;
}

/** Events that may open a call the registry has not seen yet. */
const OPENERS: readonly ProviderEventType[] = ['originated', 'delivered', 'queued'];
const ENDED_MEMORY = 2_000;

interface Touch {
  calls: Set<LiveCall>;
  ended: Map<LiveCall, AgentLeg[]>;
}

export class CallRegistry {
  /** Live calls by our id. */
  private readonly calls = new Map<string, LiveCall>();
  /** The phone system's ref → our id, for the live calls of the current generation. */
  private readonly byRef = new Map<string, string>();
  /** Refs ended in this provider generation → our id: late events for them are ignored. */
  private readonly ended = new Map<string, string>();
  private readonly pendingConsult = new Map<string, string>();
  private readonly logWrites = new Map<string, Promise<void>>();
  private queue: Promise<void> = Promise.resolve();
  private up = false;
  /** What the attached provider can do per device: snapshots carry the allowed actions. */
  private capabilitiesOf: (device: string) => ReadonlySet<Capability> = () => new Set();

  constructor(private readonly deps: CallRegistryDeps) {}

  attach(provider: TelephonyProvider): () => void {
    this.up = provider.isUp();
    this.capabilitiesOf = (device) => provider.capabilities(device);
    return provider.onEvent((e) => this.handle(e));
  }

  handle(e: ProviderEvent | ProviderStatusEvent): void {
    this.queue = this.queue.then(() => this.process(e)).catch((err: unknown) => {
      this.deps.logger.error({ err, event: e }, 'cti: failed to apply a provider event');
    });
  }

  /** Resolves when every event received so far is applied and its call-log writes done. */
  async idle(): Promise<void> {
    for (;;) {
      const q = this.queue;
      await q;
      await Promise.all([...this.logWrites.values()]);
      if (q === this.queue && this.logWrites.size === 0) return;
    }
  }

  /** Resolves when the events received so far are applied (call-log writes may still run). */
  async flush(): Promise<void> {
    await this.queue;
  }

  isProviderUp(): boolean {
    return this.up;
  }

  call(callId: string): Readonly<LiveCall> | undefined {
    return this.calls.get(callId);
  }

  /** Our id of the call the phone system names `callRef` in this generation (live or just ended). */
  idOf(callRef: string): string | undefined {
    return this.byRef.get(callRef) ?? this.ended.get(callRef);
  }

  /** This device's live connection state in the call (`undefined`: not on this device). */
  stateOf(callId: string, device: string): ConnectionState | undefined {
    const call = this.calls.get(callId);
    const leg = call?.legs.get(device);
    if (call === undefined || leg === undefined || leg.endedAt !== undefined) return undefined;
    return call.connections.get(device)?.state;
  }

  snapshot(callId: string, device: string): CallSnapshot | undefined {
    const call = this.calls.get(callId);
    const leg = call?.legs.get(device);
    return call === undefined || leg === undefined ? undefined : this.view(call, leg);
  }

  /** The live calls on `device`, oldest first. */
  snapshotsFor(device: string): CallSnapshot[] {
    return [...this.calls.values()].flatMap((call) => {
      const leg = call.legs.get(device);
      return leg === undefined || leg.endedAt !== undefined ? [] : [this.view(call, leg)];
    });
  }

  /**
   * The agent on `device` refuses `callId` while it rings (the Hang up command): when its
   * connection clears from ringing, the call is `declined` for it, not missed. Only the
   * agent's own refusal says so, never the order in which the phone system reports the
   * parties leaving (Asterisk clears the ringing phone before the caller who gave up).
   */
  noteRefusal(callId: string, device: string): void {
    const leg = this.calls.get(callId)?.legs.get(device);
    if (leg !== undefined && leg.endedAt === undefined && !leg.placed) leg.refusing = true;
  }

  /** The next call `device` originates is a consultation of `heldCallId`. Returns a cancel. */
  expectConsult(device: string, heldCallId: string): () => void {
    this.pendingConsult.set(device, heldCallId);
    return () => {
      if (this.pendingConsult.get(device) === heldCallId) this.pendingConsult.delete(device);
    };
  }

  // ── applying events ────────────────────────────────────────────────────────

  private async process(e: ProviderEvent | ProviderStatusEvent): Promise<void> {
    if (e.type === 'provider-up' || e.type === 'provider-down') {
      this.up = e.type === 'provider-up';
      this.deps.logger.info({ event: e }, `cti: provider ${this.up ? 'up' : 'down'}`);
      this.deps.sink.providerStatus(this.up ? 'up' : 'down');
      return;
    }
    if (e.type === 'synced') return this.resync(e.calls, e.at);
    if (e.type === 'media') return this.mediaChanged(e.call, e.noAudioFrom);
    const touch: Touch = { calls: new Set(), ended: new Map() };
    if (e.type === 'party-changed') {
      await this.partyChanged(e, touch);
      return this.publish(touch);
    }
    await this.apply(e, touch);
    this.publish(touch);
  }

  private async apply(e: ProviderEvent, touch: Touch, placedHint?: boolean, adopt?: CallLogRecord): Promise<void> {
    const known = this.byRef.get(e.callRef);
    let call = known === undefined ? undefined : this.calls.get(known);
    if (call === undefined) {
      if (this.ended.has(e.callRef) || !OPENERS.includes(e.type)) {
        this.deps.logger.debug({ event: e }, 'cti: event for a call not tracked; ignored');
        return;
      }
      // A call the log already has (adopted after a restart) keeps its id and conversation.
      const id = adopt?.callId ?? uuidv7(e.at);
      call = { id, ref: e.callRef, version: 0, conversationId: adopt?.conversationId ?? id, startedAt: e.at, connections: new Map(), legs: new Map() };
      this.calls.set(call.id, call);
      this.byRef.set(e.callRef, call.id);
    }
    const conn: LiveConnection = call.connections.get(e.device) ?? { device: e.device, remote: e.remote === true, state: 'null' };
    const move = transition(conn.state, e.type);
    if (!move.ok) {
      this.deps.logger.warn({ callId: call.id, device: e.device, event: e.type, state: conn.state }, `cti: ${call.id} ${e.device}: ${move.reason} (ignored)`);
      return;
    }
    const before = call.legs.get(e.device);
    // A device joins (or, e.g. transferred back to it, rejoins) the call.
    if (!conn.remote && move.to !== 'null' && (before === undefined || before.endedAt !== undefined)) await this.join(call, e, placedHint);
    conn.state = move.to;
    call.connections.set(e.device, conn);
    this.deps.logger.info({ callId: call.id, device: e.device, from: move.from, event: e.type, to: move.to }, `cti: ${call.id} ${e.device}: ${describeMove(move)}`);
    touch.calls.add(call);

    if (e.type === 'failed') {
      call.failureCause = e.cause;
      const ringing = call.legs.get(e.device);
      if (ringing !== undefined && move.from === 'alerting') ringing.failedWhileRinging = e.cause;
    }
    if (e.type === 'transferred') {
      call.transferredTo = e.transferredTo;
      const leg = call.legs.get(e.device);
      if (leg !== undefined) leg.transferredTo = e.transferredTo;
      const secondaryId = e.secondaryCallRef === undefined ? undefined : this.byRef.get(e.secondaryCallRef);
      const secondary = secondaryId === undefined ? undefined : this.calls.get(secondaryId);
      if (secondary !== undefined && secondary.connections.get(e.device)?.state !== 'null') {
        // ECMA-269 §17.2.5: the transferring device leaves both calls of the transfer.
        await this.apply({ ...e, callRef: secondary.ref, secondaryCallRef: call.ref }, touch);
      }
    }
    this.noteAnswers(call, e.at);
    const leg = call.legs.get(e.device);
    if (leg !== undefined && move.to === 'null' && leg.endedAt === undefined) {
      // Refused while it rang: by the agent's Hang up, or by the phone itself (it answered
      // "busy here" / "decline": the provider's failure on this ringing connection).
      const refusedByPhone = move.from === 'fail' && !conn.remote && !leg.placed && leg.answeredAt === undefined
        && (leg.failedWhileRinging === 'rejected' || leg.failedWhileRinging === 'busy');
      if (leg.outcome === undefined && ((move.from === 'alerting' && leg.refusing === true) || refusedByPhone)) leg.outcome = 'declined';
      leg.endedAt = e.at;
      touch.ended.set(call, [...(touch.ended.get(call) ?? []), leg]);
      this.writeLog(call, leg);
    }
    this.finishIfOver(call, touch);
  }

  /** A device joins the call: its view of the other party is fixed (and matched) now, once. */
  private async join(call: LiveCall, e: ProviderEvent, placedHint: boolean | undefined): Promise<void> {
    const raw = e.type === 'originated' ? e.calledNumber
      : e.type === 'delivered' || e.type === 'queued' ? e.callingNumber
        : this.otherPartyNumber(call, e.device);
    const party = [...call.legs.values()].find((l) => l.party.number.raw === raw)?.party ?? await this.partyOf(raw);
    const leg: AgentLeg = { device: e.device, placed: placedHint ?? e.type === 'originated', party, joinedAt: e.at };
    if (e.type === 'delivered' && e.callerName !== undefined) leg.callerName = e.callerName;
    call.legs.set(e.device, leg);
    const held = e.type === 'originated' ? this.pendingConsult.get(e.device) : undefined;
    const heldCall = held === undefined ? undefined : this.calls.get(held);
    if (heldCall !== undefined) {
      this.pendingConsult.delete(e.device);
      call.consultOf = heldCall.id;
      call.conversationId = heldCall.conversationId;
      heldCall.consultedBy = call.id;
      call.consultDevice = e.device;
      heldCall.consultDevice = e.device;
    }
    this.writeLog(call, leg);
  }

  /** The live call the phone system names `ref` (its ids are attributes of ours, never keys). */
  private liveByRef(ref: string): LiveCall | undefined {
    const id = this.byRef.get(ref);
    return id === undefined ? undefined : this.calls.get(id);
  }

  /** The device now talks to someone else (a transfer): its party is matched again, once. */
  private async partyChanged(e: Extract<ProviderStatusEvent, { type: 'party-changed' }>, touch: Touch): Promise<void> {
    const call = this.liveByRef(e.callRef);
    const leg = call?.legs.get(e.device);
    if (call === undefined || leg === undefined || leg.endedAt !== undefined || leg.party.number.raw === e.number) return;
    leg.party = [...call.legs.values()].find((l) => l.party.number.raw === e.number)?.party ?? await this.partyOf(e.number);
    this.deps.logger.info({ callId: call.id, device: e.device, party: e.number }, `cti: ${call.id} ${e.device}: now talks to ${e.number}`);
    touch.calls.add(call);
    this.writeLog(call, leg);
  }

  private otherPartyNumber(call: LiveCall, device: string): string {
    const other = [...call.connections.values()].find((c) => c.device !== device && c.state !== 'null');
    if (other === undefined) return '';
    return other.remote ? other.device : this.deps.directory.byDevice(other.device)?.extension ?? other.device;
  }

  private async partyOf(raw: string): Promise<PartyView> {
    const parsed = this.deps.numbers.fromNetwork(raw);
    const number = parsed.ok
      ? { raw, e164: parsed.e164, canonical: parsed.canonical, dialable: parsed.dialable }
      : { raw, e164: null, canonical: null, dialable: null, ...(parsed.reason === 'withheld' || parsed.reason === 'empty' ? { withheld: true } : {}) };
    try {
      // A dialled string carries the outside-line prefix: match the number it reaches.
      const m = await this.deps.matcher.match(parsed.ok && parsed.e164 !== null ? parsed.e164 : raw);
      return { number, matches: m.matches, internal: m.internal || (parsed.ok && parsed.kind === 'extension') };
    } catch (err) {
      this.deps.logger.error({ err, raw }, 'cti: caller-ID matching failed; showing the number alone');
      return { number, matches: [], internal: parsed.ok && parsed.kind === 'extension' };
    }
  }

  /** A device's call counts as answered once it and another party are connected. */
  private noteAnswers(call: LiveCall, at: number): void {
    for (const leg of call.legs.values()) {
      if (leg.answeredAt !== undefined || leg.endedAt !== undefined) continue;
      const mine = call.connections.get(leg.device)?.state;
      const other = [...call.connections.values()].some((c) => c.device !== leg.device && c.state === 'connected');
      if (mine === 'connected' && other) {
        leg.answeredAt = at;
        this.writeLog(call, leg);
      }
    }
  }

  private finishIfOver(call: LiveCall, touch: Touch): void {
    const legs = [...call.legs.values()];
    const live = [...call.connections.values()].some((c) => c.state !== 'null');
    if (legs.length === 0 ? live : legs.some((l) => l.endedAt === undefined)) return;
    // A call blindly transferred to another agent device continues there: wait for it.
    const to = call.transferredTo;
    if (live && to !== undefined && !call.legs.has(to) && this.deps.directory.byDevice(to) !== undefined) return;
    this.calls.delete(call.id);
    if (this.byRef.get(call.ref) === call.id) this.byRef.delete(call.ref);
    this.ended.set(call.ref, call.id);
    if (this.ended.size > ENDED_MEMORY) this.ended.delete(this.ended.keys().next().value as string);
    const held = call.consultOf === undefined ? undefined : this.calls.get(call.consultOf);
    if (held !== undefined && held.consultedBy === call.id) {
      delete held.consultedBy;
      touch.calls.add(held);
    }
    // The held call ended first (its caller hung up): its consultation goes on as a plain call.
    const consult = call.consultedBy === undefined ? undefined : this.calls.get(call.consultedBy);
    if (consult !== undefined && consult.consultOf === call.id) {
      delete consult.consultOf;
      delete consult.consultDevice;
      touch.calls.add(consult);
    }
  }

  /** Media stopped or came back (issue 17): shown on the snapshots, no state moves. */
  private mediaChanged(callRef: string, noAudioFrom: string | null): void {
    const call = this.liveByRef(callRef);
    if (call === undefined || (call.mediaWarning?.noAudioFrom ?? null) === noAudioFrom) return;
    if (noAudioFrom === null) delete call.mediaWarning;
    else call.mediaWarning = { noAudioFrom };
    this.publish({ calls: new Set([call]), ended: new Map() });
  }

  private publish(touch: Touch): void {
    // A consultation's progress changes the held call's words (On hold → Transfer).
    for (const call of [...touch.calls]) {
      const held = call.consultOf === undefined ? undefined : this.calls.get(call.consultOf);
      if (held !== undefined) touch.calls.add(held);
    }
    for (const call of touch.calls) {
      call.version += 1;
      for (const leg of call.legs.values()) {
        if (leg.endedAt === undefined || touch.ended.get(call)?.includes(leg)) this.deps.sink.publish(this.view(call, leg));
      }
    }
  }

  private view(call: LiveCall, leg: AgentLeg): CallSnapshot {
    const consult = call.consultedBy === undefined ? undefined : this.calls.get(call.consultedBy);
    const snap = snapshotOf(call, leg, consult);
    snap.actions = allowedActions(snap, this.capabilitiesOf(leg.device));
    return snap;
  }

  private writeLog(call: LiveCall, leg: AgentLeg): void {
    this.upsert(logRecordOf(call, leg, this.deps.directory.byDevice(leg.device)?.userId ?? null));
  }

  /** Writes of one record stay in order; different records do not wait for each other. */
  private upsert(rec: CallLogRecord): void {
    const prev = this.logWrites.get(rec.key) ?? Promise.resolve();
    const next = prev.then(() => this.deps.callLog.upsert(rec)).catch((err: unknown) => {
      this.deps.logger.error({ err, key: rec.key }, 'cti: call-log write failed');
    });
    this.logWrites.set(rec.key, next);
    void next.then(() => {
      if (this.logWrites.get(rec.key) === next) this.logWrites.delete(rec.key);
    });
  }

  // ── resync ─────────────────────────────────────────────────────────────────

  private async resync(live: ProviderCallState[], at: number): Promise<void> {
    const open = await this.deps.callLog.listOpen().catch((err: unknown) => {
      this.deps.logger.error({ err }, 'cti: could not read open call-log records');
      return [] as CallLogRecord[];
    });
    const touch: Touch = { calls: new Set(), ended: new Map() };
    const present = new Set(live.map((c) => c.callRef));
    for (const call of [...this.calls.values()]) {
      if (present.has(call.ref)) continue;
      this.deps.logger.warn({ callId: call.id, callRef: call.ref }, 'cti: call vanished while the provider was away: interrupted');
      for (const leg of call.legs.values()) if (leg.endedAt === undefined) leg.outcome = 'interrupted';
      for (const c of [...call.connections.values()]) {
        if (c.state !== 'null') await this.apply(synthetic(call.ref, c, 'connection-cleared', at), touch);
      }
    }
    // A new generation: the phone system may reuse the refs of calls that ended before it.
    this.ended.clear();
    const openByKey = new Map(open.map((r) => [r.key, r]));
    for (const pc of live) {
      const adopted = !this.byRef.has(pc.callRef);
      await this.reconcile(pc, at, touch, adopted ? adoptable(pc, open) : undefined);
      const id = this.byRef.get(pc.callRef);
      const call = id === undefined ? undefined : this.calls.get(id);
      if (adopted && call !== undefined) this.restoreFromLog(call, openByKey);
    }
    const handled = new Set([...touch.ended].flatMap(([call, legs]) => legs.map((l) => `${call.id}:${l.device}`)));
    for (const rec of open) {
      if (handled.has(rec.key) || this.calls.get(rec.callId)?.legs.has(rec.device) === true) continue;
      // The server stopped mid-call and the call is gone: close its communication.
      this.upsert({ ...rec, endedAt: new Date(at).toISOString(), outcome: 'interrupted', callBack: false });
    }
    this.publish(touch);
  }

  /** An adopted call continues the communication opened before a restart. */
  private restoreFromLog(call: LiveCall, openByKey: Map<string, CallLogRecord>): void {
    for (const leg of call.legs.values()) {
      const rec = openByKey.get(`${call.id}:${leg.device}`);
      if (rec === undefined) continue;
      call.conversationId = rec.conversationId;
      leg.joinedAt = Date.parse(rec.startedAt);
      if (rec.answeredAt !== undefined) leg.answeredAt = Date.parse(rec.answeredAt);
      this.writeLog(call, leg);
    }
  }

  /** Bring one call to the provider's truth through the same door: one legal move per connection. */
  private async reconcile(pc: ProviderCallState, at: number, touch: Touch, adopt: CallLogRecord | undefined): Promise<void> {
    const known = this.byRef.get(pc.callRef);
    const call = known === undefined ? undefined : this.calls.get(known);
    const ordered = [...pc.connections].sort((a, b) => Number(b.remote === true) - Number(a.remote === true));
    for (const target of ordered) {
      const conn = call?.connections.get(target.device);
      const current = conn?.state ?? 'null';
      if (current === target.state) continue;
      const path = current === 'null' ? PATHS[target.state] : [oneStep(current, target.state)].filter((x): x is ProviderEventType => x !== undefined);
      if (path.length === 0) {
        this.deps.logger.warn({ callId: pc.callRef, device: target.device, from: current, to: target.state }, 'cti: cannot reconcile this connection in one move');
        continue;
      }
      const ref = { device: target.device, remote: target.remote === true, state: current };
      for (const type of path) {
        await this.apply(synthetic(pc.callRef, ref, type, at, pc), touch, target.device === pc.callingNumber, adopt);
      }
    }
    const nowId = this.byRef.get(pc.callRef);
    const now = nowId === undefined ? undefined : this.calls.get(nowId);
    for (const c of now === undefined ? [] : [...now.connections.values()]) {
      if (c.state !== 'null' && !pc.connections.some((x) => x.device === c.device)) {
        await this.apply(synthetic(pc.callRef, c, 'connection-cleared', at), touch);
      }
    }
  }
}

/**
 * The open communication a live call continues after a server restart: same provider ref,
 * and not older than the call (a ref the phone system reused since names another call).
 */
function adoptable(pc: ProviderCallState, open: CallLogRecord[]): CallLogRecord | undefined {
  return open.find((r) => r.providerRef === pc.callRef && Date.parse(r.startedAt) >= pc.startedAt - ADOPT_SLACK_MS);
}

/** Clock skew allowed between the phone system's call start and our leg's start. */
const ADOPT_SLACK_MS = 2_000;
