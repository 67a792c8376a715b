/**
 * The simulated phone system as a telephony provider (R2.2): the embedded default PBX.
 * It translates contract commands to `SimPbx` commands and sim refusals to
 * `ProviderError`s, and models the CTI link: while the link is down, events are lost
 * (as on a real broken link) and commands fail with `down`; when it comes back the
 * provider reports `provider-up` then `synced` with every live call, so the CTI core
 * repairs its view.
 *
 * `world` is how tests, demos, the `npm run call` CLI and the admin endpoint make the
 * outside world act: inject an incoming call, lift or hang up a handset, dial from the
 * keypad, make the far party answer or hang up.
 */
import {
  ALL_CAPABILITIES,
  type Capability, type ConnectionRef, type DeviceCheck, type DeviceInfo, type ProviderEvent,
  type ProviderListener, type ReportedDialling, type ProviderStatusEvent, type TelephonyProvider,
} from '../provider.js';
import { createSystemClock, type SimClock, type TimerId } from './sim-clock.js';
import { resolveSimConfig, type SimConfig } from './sim-config.js';
import { SimRefused, toProviderError } from './sim-errors.js';
import { SimPbx } from './sim-pbx.js';

export interface SimWorld {
  injectIncoming(from: string, to: string, opts?: { abandonAfterMs?: number }): { callRef: string };
  lift(device: string): void;
  hangup(device: string): void;
  dial(device: string, number: string): { callRef: string };
  remoteAnswer(callRef: string): void;
  remoteHangup(callRef: string): void;
  /** The CTI link breaks (the PBX keeps running its calls). */
  linkDown(reason?: string): void;
  /** The CTI link is back: provider-up, then synced. */
  linkUp(): void;
}

export interface SimProviderOptions {
  config?: Partial<SimConfig>;
  clock?: SimClock;
  /**
   * The simulated PBX this provider succeeds (a rebuild after a settings change): it takes
   * over that PBX, its clock and its live calls instead of starting an empty one, so the
   * rebuild cuts no call (issue 12). The previous provider must be stopped.
   */
  takeOver?: SimProvider;
}

const CAPABILITIES: ReadonlySet<Capability> = new Set(ALL_CAPABILITIES);

export class SimProvider implements TelephonyProvider {
  readonly kind = 'sim';
  readonly config: SimConfig;
  readonly clock: SimClock;
  readonly world: SimWorld;
  private readonly pbx: SimPbx;
  private readonly listeners = new Set<ProviderListener>();
  private up = false;
  private demoTimer: TimerId | undefined;
  private demoTurn = 0;

  constructor(opts: SimProviderOptions = {}) {
    this.config = resolveSimConfig(opts.config);
    this.clock = opts.takeOver?.clock ?? opts.clock ?? createSystemClock();
    const emit = (e: ProviderEvent) => {
      if (this.up) this.publish(e);
    };
    this.pbx = opts.takeOver?.pbx ?? new SimPbx(this.config, this.clock, emit);
    this.pbx.rewire(this.config, emit);
    this.world = {
      injectIncoming: (from, to, o) => this.guard(() => this.pbx.injectIncoming(from, to, o)),
      lift: (d) => this.guard(() => this.pbx.lift(d)),
      hangup: (d) => this.guard(() => this.pbx.hangup(d)),
      dial: (d, n) => this.guard(() => this.pbx.dial(d, n)),
      remoteAnswer: (r) => this.guard(() => this.pbx.remoteAnswer(r)),
      remoteHangup: (r) => this.guard(() => this.pbx.remoteHangup(r)),
      linkDown: (reason = 'CTI link lost') => this.goDown(reason),
      linkUp: () => this.goUp(),
    };
  }

  capabilities(_device: string): ReadonlySet<Capability> {
    return CAPABILITIES;
  }

  async start(): Promise<void> {
    this.goUp();
    if (this.config.demo.enabled) this.scheduleDemo();
  }

  async stop(): Promise<void> {
    if (this.demoTimer !== undefined) this.clock.clearTimer(this.demoTimer);
    this.demoTimer = undefined;
    this.goDown('stopped');
  }

  onEvent(listener: ProviderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isUp(): boolean {
    return this.up;
  }

  async makeCall(device: string, number: string): Promise<{ callRef: string }> {
    return this.command(() => this.pbx.makeCall(device, number));
  }

  async answer(c: ConnectionRef): Promise<void> {
    this.command(() => this.pbx.answer(c.callRef, c.device));
  }

  async clear(c: ConnectionRef): Promise<void> {
    this.command(() => this.pbx.clear(c.callRef, c.device));
  }

  async hold(c: ConnectionRef): Promise<void> {
    this.command(() => this.pbx.hold(c.callRef, c.device));
  }

  async retrieve(c: ConnectionRef): Promise<void> {
    this.command(() => this.pbx.retrieve(c.callRef, c.device));
  }

  async singleStepTransfer(c: ConnectionRef, to: string): Promise<void> {
    this.command(() => this.pbx.singleStepTransfer(c.callRef, c.device, to));
  }

  async consult(c: ConnectionRef, to: string): Promise<{ callRef: string }> {
    return this.command(() => this.pbx.consult(c.callRef, c.device, to));
  }

  async completeTransfer(held: ConnectionRef, consult: ConnectionRef): Promise<void> {
    this.command(() => this.pbx.completeTransfer(held.callRef, consult.callRef, held.device));
  }

  async reconnect(held: ConnectionRef, consult: ConnectionRef): Promise<void> {
    this.command(() => this.pbx.reconnect(held.callRef, consult.callRef, held.device));
  }

  async listDevices(): Promise<DeviceInfo[]> {
    return this.command(() => this.pbx.listDevices());
  }

  /** The simulated PBX knows its outside-line prefix and its extensions' length (R3.4). */
  async reportedDialling(): Promise<ReportedDialling> {
    const lengths = new Set(this.config.extensions.map((e) => e.length));
    return { outsidePrefixLocal: this.config.outsideLinePrefix, outsidePrefixLongDistance: this.config.outsideLinePrefix, ...(lengths.size === 1 ? { internalLength: [...lengths][0] } : {}) };
  }

  async checkDevice(device: string): Promise<DeviceCheck> {
    return this.command(() => this.pbx.hasExtension(device)
      ? { ok: true, message: `Extension ${device} is registered on the simulated phone system.` }
      : { ok: false, message: `The simulated phone system has no extension ${device}. Known: ${this.config.extensions.join(', ')}.` });
  }

  private command<T>(fn: () => T): T {
    if (!this.up) throw toProviderError('link-down', 'the simulated phone system is not connected');
    return this.guard(fn);
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof SimRefused) throw toProviderError(e.refusal, e.message);
      throw e;
    }
  }

  private goDown(reason: string): void {
    if (!this.up) return;
    this.publish({ type: 'provider-down', at: this.clock.now(), reason });
    this.up = false;
  }

  private goUp(): void {
    if (this.up) return;
    this.up = true;
    this.publish({ type: 'provider-up', at: this.clock.now() });
    this.publish({ type: 'synced', at: this.clock.now(), calls: this.pbx.snapshot() });
  }

  private scheduleDemo(): void {
    const { demo, extensions } = this.config;
    this.demoTimer = this.clock.setTimer(demo.everyMs, () => {
      const turn = this.demoTurn++;
      const from = demo.callers[turn % demo.callers.length];
      const to = extensions[turn % extensions.length];
      if (from !== undefined && to !== undefined && this.up) {
        try {
          this.pbx.injectIncoming(from, to, { abandonAfterMs: demo.abandonAfterMs });
        } catch {
          // A demo call that cannot be placed is simply skipped.
        }
      }
      this.scheduleDemo();
    });
  }

  private publish(e: ProviderEvent | ProviderStatusEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}
