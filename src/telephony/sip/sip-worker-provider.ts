/**
 * The built-in SIP provider hosted in a worker thread, behind the same provider contract
 * (R2.2): a thin proxy that forwards each command over the MessagePort and re-emits the
 * worker's events in order.
 *
 * Why: under load the SIP provider's own work (parsing, transactions, one `dgram` send per
 * message) and the CTI core's (call model, caller-ID match, call log in the database,
 * synchronous on SQLite) were sharing one thread; a call-log write then delayed 180s and
 * 200s already in the socket (issue 6: p99 setup delay 504 ms at 300 calls/s with the
 * call log in SQLite). In a worker the SIP side answers on its own thread.
 *
 * The account store stays here (it is the users table): the worker reads an account when
 * a phone authenticates, and keeps it a second (`sip-worker-accounts.ts`). Log lines of
 * the worker's provider come back to `log`, as `SipProvider`'s constructor takes it.
 * `capabilities` is computed here from the settings (a pure function of them), since the
 * contract needs it synchronously.
 */
import type { TraceMessage, TraceState } from './sip-trace.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ProviderError, type Capability, type ConnectionRef, type DeviceCheck, type DeviceInfo, type ProviderCallState, type ProviderEvent, type ProviderLink, type ProviderListener, type ProviderStatusEvent, type TelephonyProvider } from '../provider.js';
import type { SipProviderConfig } from './sip-config.js';
import { sipCapabilities } from './sip-provider.js';
import { consoleRegistrationLog, trunkLinks, type RegistrationLog, type TrunkStatus } from './trunk-registration.js';
import { decodeEvents, deserializeError, workerConfigOf, type FromWorker, type ToWorker, type WorkerCommand, type WorkerStats, type WorkerValue } from './sip-worker-protocol.js';

interface Waiting {
  resolve(v: WorkerValue): void;
  reject(e: Error): void;
}

/** The worker's entry file, next to this one (`.ts` when run from source through tsx or vitest). */
const workerEntry = (): URL => new URL(import.meta.url.endsWith('.ts') ? './sip-worker.ts' : './sip-worker.js', import.meta.url);

/** tsx's ESM register API, by its package's exports map (require.resolve would give the CommonJS build). */
const tsxEsmApi = (): string => {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const rel = pkg.exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(path.join(path.dirname(pkgFile), rel)).href;
};

/**
 * Starts the worker. A `.ts` entry needs the TypeScript loader inside the worker: Node 20
 * does not apply an `--import` in a worker's execArgv to the worker's own entry, so a
 * small bootstrap registers tsx's loader (its API) and then imports the entry.
 */
const startWorker = (entry: URL): Worker => {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const tsxApi = tsxEsmApi();
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  // none of the parent's options (a second tsx registration, vitest's flags) but profiling ones
  return new Worker(boot, { eval: true, execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')) });
};

export class WorkerSipProvider implements TelephonyProvider {
  readonly kind = 'sip';
  private readonly listeners = new Set<ProviderListener>();
  private readonly waiting = new Map<number, Waiting>();
  private worker: Worker | undefined;
  private nextId = 1;
  private up = false;
  private stopping = false;

  constructor(readonly config: SipProviderConfig, private readonly log: RegistrationLog = consoleRegistrationLog) {}

  capabilities(device: string): ReadonlySet<Capability> {
    return sipCapabilities(this.config, device);
  }

  async start(): Promise<void> {
    if (this.up) return;
    if (!this.worker) this.spawn();
    await this.call({ method: 'start' });
  }

  async stop(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.stopping = true;
    try {
      await this.call({ method: 'stop' });
    } finally {
      this.worker = undefined;
      await w.terminate();
      this.stopping = false;
    }
  }

  onEvent(listener: ProviderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isUp(): boolean {
    return this.up;
  }

  async makeCall(device: string, number: string): Promise<{ callRef: string }> {
    const v = await this.call({ method: 'makeCall', device, number });
    if (typeof v !== 'object' || v === null || !('callRef' in v)) throw new Error('the SIP worker answered makeCall without a callRef');
    return { callRef: v.callRef };
  }

  async answer(conn: ConnectionRef): Promise<void> {
    await this.call({ method: 'answer', conn: refOf(conn) });
  }

  async clear(conn: ConnectionRef): Promise<void> {
    await this.call({ method: 'clear', conn: refOf(conn) });
  }

  async hold(conn: ConnectionRef): Promise<void> {
    await this.call({ method: 'hold', conn: refOf(conn) });
  }

  async retrieve(conn: ConnectionRef): Promise<void> {
    await this.call({ method: 'retrieve', conn: refOf(conn) });
  }

  async singleStepTransfer(conn: ConnectionRef, to: string): Promise<void> {
    await this.call({ method: 'singleStepTransfer', conn: refOf(conn), to });
  }

  async consult(conn: ConnectionRef, to: string): Promise<{ callRef: string }> {
    const v = await this.call({ method: 'consult', conn: refOf(conn), to });
    if (typeof v !== 'object' || v === null || !('callRef' in v)) throw new Error('the SIP worker answered consult without a callRef');
    return { callRef: v.callRef };
  }

  async completeTransfer(held: ConnectionRef, consult: ConnectionRef): Promise<void> {
    await this.call({ method: 'completeTransfer', held: refOf(held), consult: refOf(consult) });
  }

  async reconnect(held: ConnectionRef, consult: ConnectionRef): Promise<void> {
    await this.call({ method: 'reconnect', held: refOf(held), consult: refOf(consult) });
  }

  async listDevices(): Promise<DeviceInfo[]> {
    return (await this.call({ method: 'listDevices', devices: this.config.accounts.devices?.() ?? [] })) as DeviceInfo[];
  }

  async checkDevice(device: string): Promise<DeviceCheck> {
    return (await this.call({ method: 'checkDevice', device })) as DeviceCheck;
  }

  /** Whether `device`'s phone is registered right now. */
  async isRegistered(device: string): Promise<boolean> {
    return (await this.call({ method: 'isRegistered', device })) === true;
  }

  /** Live calls, as the worker's provider lists them. */
  async snapshot(): Promise<ProviderCallState[]> {
    return (await this.call({ method: 'snapshot' })) as ProviderCallState[];
  }

  /** The trunk registration for the admin (as `SipProvider.trunkStatus()`, asked of the worker). */
  async trunkStatus(): Promise<TrunkStatus> {
    return (await this.call({ method: 'trunkStatus' })) as TrunkStatus;
  }

  async links(): Promise<ProviderLink[]> {
    return trunkLinks(await this.trunkStatus(), this.config.trunk);
  }

  /** Live calls and the worker's heap (after a full collection when `gc` and --expose-gc). */
  async stats(gc = false): Promise<WorkerStats> {
    return (await this.call({ method: 'stats', gc })) as WorkerStats;
  }

  /** The SIP trace (issue 17), kept in the worker. */
  async traceSet(kind: 'device' | 'call', id: string, on: boolean): Promise<void> {
    await this.call({ method: 'traceSet', kind, id, on });
  }

  async traceState(): Promise<TraceState> {
    return (await this.call({ method: 'traceState' })) as TraceState;
  }

  async traceMessages(id: string): Promise<TraceMessage[] | undefined> {
    return ((await this.call({ method: 'traceMessages', id })) as TraceMessage[] | null) ?? undefined;
  }

  private spawn(): void {
    const w = startWorker(workerEntry());
    w.on('message', (m: FromWorker) => this.receive(w, m));
    w.on('error', (err) => this.lost(w, `the SIP worker failed: ${err.message}`));
    w.on('exit', (code) => this.lost(w, `the SIP worker exited (code ${code})`));
    this.worker = w;
    this.post({ type: 'init', config: workerConfigOf(this.config) });
  }

  /** The worker died under us: fail what waits, and tell the CTI core the phone system is down. */
  private lost(w: Worker, reason: string): void {
    if (this.worker !== w && !this.stopping) return;
    const err = new ProviderError('down', reason);
    for (const x of this.waiting.values()) x.reject(err);
    this.waiting.clear();
    if (this.worker === w) this.worker = undefined;
    if (this.up && !this.stopping) {
      this.up = false;
      this.emit({ type: 'provider-down', at: Date.now(), reason });
    }
  }

  private receive(w: Worker, m: FromWorker): void {
    switch (m.type) {
      case 'events':
        for (const e of decodeEvents(m.json)) this.emit(e);
        return;
      case 'result': {
        const x = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.ok) x?.resolve(m.value);
        else x?.reject(deserializeError(m.error));
        return;
      }
      case 'log':
        this.log[m.level](m.details, m.message);
        return;
      case 'find-account':
        void Promise.resolve(this.config.accounts.find(m.device)).catch(() => undefined).then((account) => {
          if (this.worker === w) this.post({ type: 'account', id: m.id, account });
        });
        return;
    }
  }

  private emit(e: ProviderEvent | ProviderStatusEvent): void {
    if (e.type === 'provider-up') this.up = true;
    else if (e.type === 'provider-down') this.up = false;
    for (const l of [...this.listeners]) l(e);
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private call(command: WorkerCommand): Promise<WorkerValue> {
    if (!this.worker) return Promise.reject(new ProviderError('down', 'The SIP server is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'call', id, command });
    });
  }
}

/** Only the two fields cross the port (a caller's object may carry more). */
const refOf = (c: ConnectionRef): ConnectionRef => ({ callRef: c.callRef, device: c.device });
