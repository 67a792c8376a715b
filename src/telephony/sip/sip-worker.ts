/**
 * The worker-thread side of `WorkerSipProvider`: the whole SIP provider (transports,
 * transactions, B2BUA, media relays) runs here, so its datagram sends and receives never
 * wait behind the CTI call model or the database on the main thread, and the reverse.
 *
 * Events leave in batches (see EVENT_BATCH_MS); commands are answered one by one, after
 * the events they caused; account
 * look-ups go to the main thread, where the account store (the users table) lives.
 */
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { ProviderEvent, ProviderStatusEvent } from '../provider.js';
import { SipProvider } from './sip-provider.js';
import { RemoteAccountStore } from './sip-worker-accounts.js';
import { encodeEvents, serializeError, type FromWorker, type ToWorker, type WorkerCommand, type WorkerSipConfig, type WorkerValue } from './sip-worker-protocol.js';

const post = (port: MessagePort, m: FromWorker): void => port.postMessage(m);

/**
 * Events leave in batches, at most every `EVENT_BATCH_MS`: each postMessage wakes the main
 * thread (a syscall on each side), and at 300 calls/s one message per event cost ~0.2 ms
 * of the worker per call. The CTI core sees events a few milliseconds later, never
 * reordered; call setup on the wire does not wait for them.
 */
export const EVENT_BATCH_MS = 5;

class EventBatch {
  private pending: Array<ProviderEvent | ProviderStatusEvent> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly port: MessagePort) {}

  add(e: ProviderEvent | ProviderStatusEvent): void {
    this.pending.push(e);
    if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), EVENT_BATCH_MS);
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    post(this.port, { type: 'events', json: encodeEvents(events) });
  }
}

const run = async (provider: SipProvider, accounts: RemoteAccountStore, c: WorkerCommand): Promise<WorkerValue> => {
  switch (c.method) {
    case 'start': return provider.start();
    case 'stop': return provider.stop();
    case 'makeCall': return provider.makeCall(c.device, c.number);
    case 'answer': return provider.answer(c.conn);
    case 'clear': return provider.clear(c.conn);
    case 'hold': return provider.hold(c.conn);
    case 'retrieve': return provider.retrieve(c.conn);
    case 'singleStepTransfer': return provider.singleStepTransfer(c.conn, c.to);
    case 'consult': return provider.consult(c.conn, c.to);
    case 'completeTransfer': return provider.completeTransfer(c.held, c.consult);
    case 'reconnect': return provider.reconnect(c.held, c.consult);
    case 'listDevices':
      accounts.known = c.devices;
      return provider.listDevices();
    case 'checkDevice': return provider.checkDevice(c.device);
    case 'isRegistered': return provider.registrar?.isRegistered(c.device) ?? false;
    case 'snapshot': return provider.snapshot();
    case 'trunkStatus': return provider.trunkStatus();
    case 'stats': {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (c.gc) gc?.();
      return { calls: provider.snapshot().length, heapUsed: process.memoryUsage().heapUsed };
    }
    case 'traceSet': return provider.traceSet(c.kind, c.id, c.on);
    case 'traceState': return provider.traceState();
    case 'traceMessages': return provider.traceMessages(c.id) ?? null;
  }
};

/** Serves one provider over `port` once `init` arrives. */
export const serveSipProvider = (port: MessagePort): void => {
  let provider: SipProvider | undefined;
  let accounts: RemoteAccountStore | undefined;
  const batch = new EventBatch(port);
  port.on('message', (m: ToWorker) => {
    if (m.type === 'init') {
      accounts = new RemoteAccountStore((id, device) => post(port, { type: 'find-account', id, device }));
      // log lines are plain data: they go to the main thread's logger
      const log = (level: 'info' | 'warn') => (details: object, message: string): void => post(port, { type: 'log', level, details: structuredClone(details), message });
      provider = new SipProvider({ ...(m.config as WorkerSipConfig), accounts }, { info: log('info'), warn: log('warn') });
      provider.onEvent((e) => batch.add(e));
      return;
    }
    if (m.type === 'account') return accounts?.answered(m.id, m.account);
    const p = provider;
    const a = accounts;
    if (!p || !a) return post(port, { type: 'result', id: m.id, ok: false, error: { name: 'Error', message: 'the SIP worker got a command before init' } });
    run(p, a, m.command).then(
      (value) => {
        // events the command caused go first: a caller sees them before its answer (as in-thread)
        batch.flush();
        post(port, { type: 'result', id: m.id, ok: true, value });
      },
      (err: unknown) => {
        batch.flush();
        post(port, { type: 'result', id: m.id, ok: false, error: serializeError(err) });
      },
    );
  });
};

if (parentPort) serveSipProvider(parentPort);
