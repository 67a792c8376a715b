/**
 * The simulated PBX: extensions, two-party calls, bridging, and a scripted outside world
 * reached through the outside-line prefix. It reports each change of one connection as a
 * provider event (ECMA-269 vocabulary, see ../provider.ts), synchronously and in order.
 *
 * Like a CSTA switch monitoring its extensions, it only reports calls that involve at
 * least one extension: a call transferred to the outside world leaves its view.
 *
 * Every call has exactly two parties (the "calling" and the "called" leg); transfers
 * replace one of them. Clearing either party ends the call (ECMA-269 §17.2.4: a two-party
 * call is released when one party clears).
 */
import type { FailureCause } from '../../domain/call.js';
import type { DeviceInfo, ProviderCallState, ProviderEvent } from '../provider.js';
import type { SimClock, TimerId } from './sim-clock.js';
import type { SimConfig } from './sim-config.js';
import { SimRefused } from './sim-errors.js';
import { behaviourFor } from './sim-remote-parties.js';

type LegState = 'initiated' | 'alerting' | 'connected' | 'hold' | 'fail';

interface Leg {
  device: string;
  remote: boolean;
  state: LegState;
}

interface SimCall {
  ref: string;
  callingNumber: string;
  calledNumber: string;
  startedAt: number;
  legs: Leg[];
  timers: TimerId[];
}

type Route =
  | { kind: 'extension'; device: string }
  | { kind: 'external'; number: string }
  | { kind: 'invalid' };

/** Distributes Omit over the event union so each variant keeps its own fields. */
type EventInput = ProviderEvent extends infer E ? (E extends ProviderEvent ? Omit<E, 'at'> : never) : never;

export class SimPbx {
  private readonly calls = new Map<string, SimCall>();
  private extensions: ReadonlySet<string>;
  private readonly offHook = new Set<string>();
  private nextRef = 1;

  constructor(
    private config: SimConfig,
    private readonly clock: SimClock,
    private emit: (event: ProviderEvent) => void,
  ) {
    this.extensions = new Set(config.extensions);
  }

  /**
   * The same PBX, reconfigured and reporting to a new provider (a settings change rebuilds
   * the provider): its live calls go on, and its refs keep counting (issue 12).
   */
  rewire(config: SimConfig, emit: (event: ProviderEvent) => void): void {
    this.config = config;
    this.extensions = new Set(config.extensions);
    this.emit = emit;
  }

  // ── queries ────────────────────────────────────────────────────────────────

  hasExtension(device: string): boolean {
    return this.extensions.has(device);
  }

  listDevices(): DeviceInfo[] {
    return this.config.extensions.map((name) => ({ name, status: 'available', description: `Simulated extension ${name}` }));
  }

  /** The live calls, as the contract's resync (`synced`) lists them. */
  snapshot(): ProviderCallState[] {
    return [...this.calls.values()].map((c) => ({
      callRef: c.ref,
      callingNumber: c.callingNumber,
      calledNumber: c.calledNumber,
      startedAt: c.startedAt,
      connections: c.legs.map((l) => ({ device: l.device, ...(l.remote ? { remote: true } : {}), state: l.state })),
    }));
  }

  // ── commands from the CTI (and the handset) ────────────────────────────────

  makeCall(device: string, number: string): { callRef: string } {
    this.requireExtension(device);
    const busy = this.legsOf(device).find((x) => x.leg.state === 'connected' || x.leg.state === 'initiated');
    if (busy !== undefined) throw new SimRefused('wrong-state', `${device} is already in call ${busy.call.ref}: hold it first`);
    const call = this.newCall(device, number, { device, remote: false, state: 'initiated' });
    this.offHook.delete(device);
    this.send({ type: 'originated', callRef: call.ref, device, calledNumber: number });
    this.route(call, number);
    return { callRef: call.ref };
  }

  answer(callRef: string, device: string): void {
    const call = this.requireCall(callRef);
    const leg = this.requireLeg(call, device, ['alerting']);
    this.holdOtherCalls(device, callRef);
    this.connect(call, leg);
  }

  clear(callRef: string, device: string): void {
    const call = this.requireCall(callRef);
    this.requireLeg(call, device, ['initiated', 'alerting', 'connected', 'hold', 'fail']);
    this.release(call, device);
  }

  hold(callRef: string, device: string): void {
    const call = this.requireCall(callRef);
    const leg = this.requireLeg(call, device, ['connected']);
    leg.state = 'hold';
    this.send({ type: 'held', callRef, device });
  }

  retrieve(callRef: string, device: string): void {
    const call = this.requireCall(callRef);
    const leg = this.requireLeg(call, device, ['hold']);
    this.holdOtherCalls(device, callRef);
    leg.state = 'connected';
    this.send({ type: 'retrieved', callRef, device });
  }

  /** Blind transfer (ECMA-269 §17.2.14 SingleStepTransferCall): `device` drops out. */
  singleStepTransfer(callRef: string, device: string, to: string): void {
    const call = this.requireCall(callRef);
    const leg = this.requireLeg(call, device, ['connected']);
    const route = this.routeOf(to);
    if (route.kind === 'invalid' || (route.kind === 'extension' && route.device === device)) {
      throw new SimRefused('unroutable', `cannot transfer to ${to}`);
    }
    const other = this.otherLeg(call, leg);
    call.legs = call.legs.filter((l) => l !== leg);
    this.send({ type: 'transferred', callRef, device, transferredTo: to });
    if (route.kind === 'external' || other === undefined) {
      this.forget(call); // the call now runs between outside parties: out of our view
      return;
    }
    const called: Leg = { device: route.device, remote: false, state: 'alerting' };
    call.legs.push(called);
    this.send({ type: 'delivered', callRef, device: route.device, callingNumber: other.device, calledNumber: route.device });
  }

  /** Consultation call (ECMA-269 §17.2.3): holds `callRef` and calls `to` from the same device. */
  consult(callRef: string, device: string, to: string): { callRef: string } {
    this.hold(callRef, device);
    return this.makeCall(device, to);
  }

  /** ECMA-269 §17.2.5 TransferCall: joins the held party and the consulted party. */
  completeTransfer(heldRef: string, consultRef: string, device: string): void {
    const held = this.requireCall(heldRef);
    const consult = this.requireCall(consultRef);
    const heldLeg = this.requireLeg(held, device, ['hold']);
    const consultLeg = this.requireLeg(consult, device, ['connected']);
    const target = this.otherLeg(consult, consultLeg);
    if (target === undefined || target.state !== 'connected') {
      throw new SimRefused('wrong-state', 'the consulted party has not answered');
    }
    held.legs = held.legs.filter((l) => l !== heldLeg);
    this.send({ type: 'transferred', callRef: heldRef, device, transferredTo: target.device, secondaryCallRef: consultRef });
    // The consulted party moves into the held call; the consultation call is gone.
    this.send({ type: 'connection-cleared', callRef: consultRef, device: target.device, ...(target.remote ? { remote: true } : {}), cause: 'normal' });
    this.forget(consult);
    const moved: Leg = { device: target.device, remote: target.remote, state: 'connected' };
    held.legs.push(moved);
    if (held.legs.every((l) => l.remote)) {
      this.forget(held);
      return;
    }
    this.send({ type: 'established', callRef: heldRef, device: moved.device, ...(moved.remote ? { remote: true } : {}) });
  }

  /** Drops the consultation call and takes the held one back. */
  reconnect(heldRef: string, consultRef: string, device: string): void {
    this.requireLeg(this.requireCall(heldRef), device, ['hold']);
    this.clear(consultRef, device);
    this.retrieve(heldRef, device);
  }

  // ── the handset (R6.7) ─────────────────────────────────────────────────────

  /** Lifting the handset answers the ringing call, else gives a dial tone. */
  lift(device: string): void {
    this.requireExtension(device);
    const ringing = this.legsOf(device).find((x) => x.leg.state === 'alerting');
    if (ringing !== undefined) {
      this.answer(ringing.call.ref, device);
      return;
    }
    this.offHook.add(device);
  }

  /** Putting the handset down clears the active call (not held or ringing ones). */
  hangup(device: string): void {
    this.requireExtension(device);
    this.offHook.delete(device);
    const active = this.legsOf(device).find((x) => ['connected', 'initiated', 'fail'].includes(x.leg.state));
    if (active !== undefined) this.release(active.call, device);
  }

  /** Dialling from the keypad (the phone lifts itself if needed). */
  dial(device: string, number: string): { callRef: string } {
    return this.makeCall(device, number);
  }

  // ── the outside world ──────────────────────────────────────────────────────

  /** An incoming call from the outside world (or, given an extension, from a colleague). */
  injectIncoming(from: string, to: string, opts: { abandonAfterMs?: number } = {}): { callRef: string } {
    this.requireExtension(to);
    if (this.hasExtension(from)) return this.makeCall(from, to);
    const caller = presentNumber(from);
    const call = this.newCall(caller, to, { device: caller, remote: true, state: 'initiated' });
    this.send({ type: 'originated', callRef: call.ref, device: caller, remote: true, calledNumber: to });
    call.legs.push({ device: to, remote: false, state: 'alerting' });
    this.send({ type: 'delivered', callRef: call.ref, device: to, callingNumber: caller, calledNumber: to });
    if (opts.abandonAfterMs !== undefined) {
      this.later(call, opts.abandonAfterMs, () => {
        if (call.legs.some((l) => l.state === 'alerting')) this.release(call, caller);
      });
    }
    return { callRef: call.ref };
  }

  /** The far party of `callRef` hangs up. */
  remoteHangup(callRef: string): void {
    const call = this.requireCall(callRef);
    const remote = call.legs.find((l) => l.remote);
    if (remote === undefined) throw new SimRefused('wrong-state', `${callRef} has no outside party`);
    this.release(call, remote.device);
  }

  /** The far party of `callRef` answers now (whatever its script said). */
  remoteAnswer(callRef: string): void {
    const call = this.requireCall(callRef);
    const remote = call.legs.find((l) => l.remote && l.state === 'alerting');
    if (remote === undefined) throw new SimRefused('wrong-state', `${callRef} has no ringing outside party`);
    this.connect(call, remote);
  }

  // ── internals ──────────────────────────────────────────────────────────────

  private route(call: SimCall, number: string): void {
    const from = call.legs[0] as Leg;
    const route = this.routeOf(number);
    if (route.kind === 'extension' && route.device !== from.device) {
      call.legs.push({ device: route.device, remote: false, state: 'alerting' });
      this.send({ type: 'delivered', callRef: call.ref, device: route.device, callingNumber: from.device, calledNumber: route.device });
      return;
    }
    const far = route.kind === 'external' ? route.number : number.replace(/\D/g, '') || number;
    if (route.kind !== 'external') {
      this.fail(call, far, 'invalid-number');
      return;
    }
    const behaviour = behaviourFor(far, this.config.remoteScripts, this.config.defaultRemote);
    if (behaviour.kind === 'busy') return this.fail(call, far, 'busy');
    if (behaviour.kind === 'reject') return this.fail(call, far, 'rejected');
    const leg: Leg = { device: far, remote: true, state: 'alerting' };
    call.legs.push(leg);
    this.send({ type: 'delivered', callRef: call.ref, device: far, remote: true, callingNumber: from.device, calledNumber: far });
    if (behaviour.kind === 'no-answer') {
      this.later(call, this.config.noAnswerTimeoutMs, () => {
        if (leg.state === 'alerting') this.failLeg(call, leg, 'no-answer');
      });
      return;
    }
    this.later(call, behaviour.afterMs, () => {
      if (leg.state !== 'alerting') return;
      this.connect(call, leg);
      if (behaviour.hangUpAfterMs !== undefined) {
        this.later(call, behaviour.hangUpAfterMs, () => this.release(call, far));
      }
    });
  }

  private routeOf(number: string): Route {
    const digits = number.replace(/[^\d+]/g, '');
    if (this.hasExtension(digits)) return { kind: 'extension', device: digits };
    const prefix = this.config.outsideLinePrefix;
    if (digits.startsWith(prefix)) {
      const rest = digits.slice(prefix.length);
      if (rest.replace(/\D/g, '').length >= this.config.minExternalDigits) return { kind: 'external', number: rest };
    }
    return { kind: 'invalid' };
  }

  /** Answering: this leg connects, and the party that was waiting for it connects too. */
  private connect(call: SimCall, leg: Leg): void {
    leg.state = 'connected';
    this.send({ type: 'established', callRef: call.ref, device: leg.device, ...(leg.remote ? { remote: true } : {}) });
    const other = this.otherLeg(call, leg);
    if (other !== undefined && other.state === 'initiated') {
      other.state = 'connected';
      this.send({ type: 'established', callRef: call.ref, device: other.device, ...(other.remote ? { remote: true } : {}) });
    }
  }

  private fail(call: SimCall, far: string, cause: FailureCause): void {
    const leg: Leg = { device: far, remote: true, state: 'fail' };
    call.legs.push(leg);
    this.send({ type: 'failed', callRef: call.ref, device: far, remote: true, cause });
    this.scheduleFailedClear(call);
  }

  private failLeg(call: SimCall, leg: Leg, cause: FailureCause): void {
    leg.state = 'fail';
    this.send({ type: 'failed', callRef: call.ref, device: leg.device, ...(leg.remote ? { remote: true } : {}), cause });
    this.scheduleFailedClear(call);
  }

  private scheduleFailedClear(call: SimCall): void {
    this.later(call, this.config.failedClearAfterMs, () => {
      const first = call.legs.find((l) => !l.remote) ?? call.legs[0];
      if (first !== undefined && this.calls.has(call.ref)) this.release(call, first.device);
    });
  }

  /** `device` leaves the call; in a two-party call that ends it for everyone. */
  private release(call: SimCall, device: string): void {
    const first = call.legs.find((l) => l.device === device);
    const order = first === undefined ? call.legs : [first, ...call.legs.filter((l) => l !== first)];
    this.forget(call);
    for (const l of order) {
      this.send({ type: 'connection-cleared', callRef: call.ref, device: l.device, ...(l.remote ? { remote: true } : {}), cause: 'normal' });
    }
  }

  private forget(call: SimCall): void {
    for (const t of call.timers) this.clock.clearTimer(t);
    call.timers = [];
    this.calls.delete(call.ref);
  }

  private holdOtherCalls(device: string, exceptRef: string): void {
    for (const { call, leg } of this.legsOf(device)) {
      if (call.ref !== exceptRef && leg.state === 'connected') this.hold(call.ref, device);
    }
  }

  private later(call: SimCall, ms: number, fn: () => void): void {
    const id = this.clock.setTimer(ms, () => {
      call.timers = call.timers.filter((t) => t !== id);
      if (this.calls.has(call.ref)) fn();
    });
    call.timers.push(id);
  }

  private newCall(callingNumber: string, calledNumber: string, first: Leg): SimCall {
    const call: SimCall = {
      ref: `sim-${this.nextRef++}`, callingNumber, calledNumber, startedAt: this.clock.now(), legs: [first], timers: [],
    };
    this.calls.set(call.ref, call);
    return call;
  }

  private legsOf(device: string): Array<{ call: SimCall; leg: Leg }> {
    return [...this.calls.values()].flatMap((call) =>
      call.legs.filter((l) => !l.remote && l.device === device).map((leg) => ({ call, leg })));
  }

  private otherLeg(call: SimCall, leg: Leg): Leg | undefined {
    return call.legs.find((l) => l !== leg);
  }

  private requireExtension(device: string): void {
    if (!this.hasExtension(device)) throw new SimRefused('unknown-device', `no extension ${device}`);
  }

  private requireCall(callRef: string): SimCall {
    const call = this.calls.get(callRef);
    if (call === undefined) throw new SimRefused('unknown-call', `no call ${callRef}`);
    return call;
  }

  private requireLeg(call: SimCall, device: string, states: readonly LegState[]): Leg {
    const leg = call.legs.find((l) => l.device === device && !l.remote);
    if (leg === undefined) throw new SimRefused('unknown-device', `${device} is not in call ${call.ref}`);
    if (!states.includes(leg.state)) {
      throw new SimRefused('wrong-state', `${device} is ${leg.state} in ${call.ref}; needs ${states.join(' or ')}`);
    }
    return leg;
  }

  private send(e: EventInput): void {
    this.emit({ ...e, at: this.clock.now() } as ProviderEvent);
  }
}

/**
 * The caller ID as the network presents it: digits, with the leading `+` kept; a caller
 * without digits (a withheld number: empty, `anonymous`, `Restricted`, RFC 3323's
 * `sip:anonymous@anonymous.invalid`) as it was given, `anonymous` when empty.
 */
export const presentNumber = (typed: string): string => {
  const t = typed.trim();
  const digits = t.replace(/\D/g, '');
  if (digits === '') return t === '' ? 'anonymous' : t;
  return (t.startsWith('+') ? '+' : '') + digits;
};
