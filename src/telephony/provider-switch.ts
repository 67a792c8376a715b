/**
 * One provider the CTI core attaches to once, delegating to whichever adapter the admin
 * configured (R3.3: the provider and its connection settings). `replace()` stops the old
 * adapter and starts the new one: the core sees provider-down, then provider-up and a
 * `synced` list from the new one, so calls are resynced, never invented.
 */
import type {
  Capability, ConnectionRef, DeviceCheck, DeviceInfo, ProviderLink, ProviderListener, ReportedDialling, TelephonyProvider,
} from './provider.js';

export class ProviderSwitch implements TelephonyProvider {
  private listeners = new Set<ProviderListener>();
  private unsubscribe: () => void = () => {};

  constructor(private current: TelephonyProvider) {
    this.unsubscribe = current.onEvent((e) => this.emit(e));
  }

  get kind(): string { return this.current.kind; }
  get active(): TelephonyProvider { return this.current; }

  async replace(next: TelephonyProvider): Promise<void> {
    const old = this.current;
    this.unsubscribe();
    await old.stop().catch(() => undefined);
    this.emit({ type: 'provider-down', at: Date.now(), reason: `switching to ${next.kind}` });
    this.current = next;
    this.unsubscribe = next.onEvent((e) => this.emit(e));
    await next.start();
  }

  private emit(e: Parameters<ProviderListener>[0]): void {
    for (const l of this.listeners) l(e);
  }

  capabilities(device: string): ReadonlySet<Capability> { return this.current.capabilities(device); }
  start(): Promise<void> { return this.current.start(); }
  stop(): Promise<void> { return this.current.stop(); }
  onEvent(listener: ProviderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  isUp(): boolean { return this.current.isUp(); }
  makeCall(device: string, number: string) { return this.current.makeCall(device, number); }
  answer(c: ConnectionRef) { return this.current.answer(c); }
  clear(c: ConnectionRef) { return this.current.clear(c); }
  hold(c: ConnectionRef) { return this.current.hold(c); }
  retrieve(c: ConnectionRef) { return this.current.retrieve(c); }
  singleStepTransfer(c: ConnectionRef, to: string) { return this.current.singleStepTransfer(c, to); }
  consult(c: ConnectionRef, to: string) { return this.current.consult(c, to); }
  completeTransfer(held: ConnectionRef, consult: ConnectionRef) { return this.current.completeTransfer(held, consult); }
  reconnect(held: ConnectionRef, consult: ConnectionRef) { return this.current.reconnect(held, consult); }
  listDevices(): Promise<DeviceInfo[]> { return this.current.listDevices(); }
  checkDevice(device: string): Promise<DeviceCheck> { return this.current.checkDevice(device); }
  async reportedDialling(): Promise<ReportedDialling | null> { return this.current.reportedDialling ? this.current.reportedDialling() : null; }
  async links(): Promise<ProviderLink[]> { return this.current.links ? this.current.links() : []; }
}
