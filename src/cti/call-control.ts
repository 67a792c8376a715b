/**
 * Call control: the one service the REST API and the WebSocket both call (R6.4–R6.9).
 * Every command checks, in this order: the user has CTI and a device (`cti-not-enabled`),
 * the call is on the user's own device (`not-your-device`), the provider is up
 * (`provider-down`), the provider can do it (`not-supported`), the call's state allows it
 * (`invalid-call-state` with the state), and the number is usable (`invalid-phone-number`
 * with the reason). Commands resolve once the provider's resulting events are applied, with
 * the snapshot as the user's device now sees it.
 */
import type { CallSnapshot, ConnectionState } from '../domain/call.js';
import { AppError } from '../domain/errors.js';
import type { Capability, TelephonyProvider } from '../telephony/provider.js';
import { ACTION_CAPABILITY, stateAllows, type CallAction } from './allowed-actions.js';
import type { CallRegistry } from './call-registry.js';
import { toAppError } from './command-errors.js';
import type { DeviceDirectory, NumberPlan, RecordPhones, RecordRef } from './ports.js';

export interface CallControlDeps {
  provider: TelephonyProvider;
  registry: CallRegistry;
  directory: DeviceDirectory;
  numbers: NumberPlan;
  records?: RecordPhones;
}

export type DialTarget = { number: string } | { record: RecordRef };

export interface DialResult {
  callId: string;
  /** Undefined only when the provider has not reported the call yet. */
  snapshot: CallSnapshot | undefined;
}

export class CallControl {
  constructor(private readonly deps: CallControlDeps) {}

  /** The current calls on the user's device (`GET /api/calls`). */
  list(userId: number): CallSnapshot[] {
    return this.deps.registry.snapshotsFor(this.deviceOf(userId));
  }

  /** Click-to-dial a typed number or a record's phone field (R6.4, R6.5). */
  async dial(userId: number, target: DialTarget): Promise<DialResult> {
    const device = this.deviceOf(userId);
    this.requireProvider(device, 'makeCall');
    const dialable = 'number' in target
      ? this.dialable(target.number)
      : this.dialable(await this.phoneOf(target.record), true);
    const { callRef } = await this.run(() => this.deps.provider.makeCall(device, dialable), undefined);
    return this.placed(callRef, device);
  }

  answer(userId: number, callId: string): Promise<CallSnapshot | undefined> {
    return this.simple(userId, callId, 'answer', (conn) => this.deps.provider.answer(conn));
  }

  hangup(userId: number, callId: string): Promise<CallSnapshot | undefined> {
    return this.simple(userId, callId, 'hangup', (conn) => {
      if (this.deps.registry.stateOf(callId, conn.device) === 'alerting') this.deps.registry.noteRefusal(callId, conn.device);
      return this.deps.provider.clear(conn);
    });
  }

  hold(userId: number, callId: string): Promise<CallSnapshot | undefined> {
    return this.simple(userId, callId, 'hold', (conn) => this.deps.provider.hold(conn));
  }

  retrieve(userId: number, callId: string): Promise<CallSnapshot | undefined> {
    return this.simple(userId, callId, 'retrieve', (conn) => this.deps.provider.retrieve(conn));
  }

  /** Blind transfer to an extension or number typed in Number (R6.9); the agent drops out. */
  transfer(userId: number, callId: string, to: string): Promise<CallSnapshot | undefined> {
    return this.simple(userId, callId, 'transfer', (conn) => this.deps.provider.singleStepTransfer(conn, this.dialable(to)), () => this.dialable(to));
  }

  /** Consultation call (R6.9): holds this call and dials `to`; resolves with the new call. */
  async consult(userId: number, callId: string, to: string): Promise<DialResult> {
    const { device, state } = this.check(userId, callId, 'consult');
    const dialable = this.dialable(to);
    const cancel = this.deps.registry.expectConsult(device, callId);
    try {
      const { callRef } = await this.run(() => this.deps.provider.consult({ callRef: this.refOf(callId), device }, dialable), state);
      return await this.placed(callRef, device);
    } catch (e) {
      cancel();
      throw e;
    }
  }

  /** Complete the transfer: the held caller and the consulted party are joined (R6.9). */
  complete(userId: number, callId: string): Promise<CallSnapshot | undefined> {
    return this.pair(userId, callId, 'complete', (held, consult) => this.deps.provider.completeTransfer(held, consult));
  }

  /** Drop the consultation and go back to the held caller. */
  reconnect(userId: number, callId: string): Promise<CallSnapshot | undefined> {
    return this.pair(userId, callId, 'reconnect', (held, consult) => this.deps.provider.reconnect(held, consult));
  }

  /** The call the phone system just placed, by our id (its ref is the phone system's business). */
  private async placed(callRef: string, device: string): Promise<DialResult> {
    await this.deps.registry.flush();
    const callId = this.deps.registry.idOf(callRef);
    if (callId === undefined) throw new AppError('provider-down', 'The phone system did not report the new call.');
    return { callId, snapshot: this.deps.registry.snapshot(callId, device) };
  }

  /** The phone system's ref of one of our live calls (checked to exist before). */
  private refOf(callId: string): string {
    const call = this.deps.registry.call(callId);
    if (call === undefined) throw new AppError('not-found', `No call ${callId}.`);
    return call.ref;
  }

  // ── checks ─────────────────────────────────────────────────────────────────

  private deviceOf(userId: number): string {
    const du = this.deps.directory.byUser(userId);
    if (du === undefined || !du.ctiEnabled) throw new AppError('cti-not-enabled', 'CTI is not enabled for this user.');
    return du.device;
  }

  private requireProvider(device: string, capability: Capability): void {
    if (!this.deps.provider.isUp()) throw new AppError('provider-down', 'The phone system is not connected.');
    if (!this.deps.provider.capabilities(device).has(capability)) {
      throw new AppError('not-supported', `The phone system cannot ${capability} on ${device}.`);
    }
  }

  private check(userId: number, callId: string, action: CallAction): { device: string; state: ConnectionState; snapshot: CallSnapshot } {
    const device = this.deviceOf(userId);
    if (this.deps.registry.call(callId) === undefined) throw new AppError('not-found', `No call ${callId}.`);
    const snapshot = this.deps.registry.snapshot(callId, device);
    if (snapshot === undefined || snapshot.state === 'null') {
      throw new AppError('not-your-device', 'The call is not on your own device.');
    }
    this.requireProvider(device, ACTION_CAPABILITY[action]);
    if (!stateAllows(snapshot, action)) {
      throw new AppError('invalid-call-state', `Cannot ${action} a call that is ${snapshot.label.en}.`, { state: snapshot.state });
    }
    return { device, state: snapshot.state, snapshot };
  }

  private dialable(input: string, stored = false): string {
    const { numbers } = this.deps;
    const parsed = stored && numbers.parseStored !== undefined ? numbers.parseStored(input) : numbers.parse(input);
    if (!parsed.ok) throw new AppError('invalid-phone-number', `"${input}" is not a number that can be dialled.`, { reason: parsed.reason });
    return parsed.dialable;
  }

  private async phoneOf(record: RecordRef): Promise<string> {
    const phone = await this.deps.records?.phoneOf(record);
    if (phone === undefined || phone.trim() === '') {
      throw new AppError('invalid-phone-number', 'That record has no phone number in this field.', { reason: 'empty' });
    }
    return phone;
  }

  // ── running commands ───────────────────────────────────────────────────────

  private async run<T>(fn: () => Promise<T>, state: ConnectionState | undefined): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toAppError(e, state);
    }
  }

  private async simple(
    userId: number, callId: string, action: CallAction,
    fn: (conn: { callRef: string; device: string }) => Promise<void>, validate?: () => unknown,
  ): Promise<CallSnapshot | undefined> {
    const { device, state } = this.check(userId, callId, action);
    validate?.();
    const callRef = this.refOf(callId);
    await this.run(() => fn({ callRef, device }), state);
    await this.deps.registry.flush();
    return this.deps.registry.snapshot(callId, device);
  }

  /** complete/reconnect may be asked on either call of the pair: find the other one. */
  private async pair(
    userId: number, callId: string, action: 'complete' | 'reconnect',
    fn: (held: { callRef: string; device: string }, consult: { callRef: string; device: string }) => Promise<void>,
  ): Promise<CallSnapshot | undefined> {
    const device = this.deviceOf(userId);
    const call = this.deps.registry.call(callId);
    const consultId = call?.consultOf !== undefined ? callId : call?.consultedBy;
    if (call !== undefined && consultId === undefined) {
      throw new AppError('invalid-call-state', `Cannot ${action}: no consultation in progress.`, { state: this.deps.registry.stateOf(callId, device) ?? 'null' });
    }
    const { state, snapshot } = this.check(userId, consultId ?? callId, action);
    const heldId = snapshot.consultOf as string;
    if (this.deps.registry.stateOf(heldId, device) !== 'hold') {
      throw new AppError('invalid-call-state', `Cannot ${action}: the first call is not on hold.`, { state: this.deps.registry.stateOf(heldId, device) ?? 'null' });
    }
    const [heldRef, consultRef] = [this.refOf(heldId), this.refOf(snapshot.id)];
    await this.run(() => fn({ callRef: heldRef, device }, { callRef: consultRef, device }), state);
    await this.deps.registry.flush();
    return this.deps.registry.snapshot(heldId, device) ?? this.deps.registry.snapshot(snapshot.id, device);
  }
}
