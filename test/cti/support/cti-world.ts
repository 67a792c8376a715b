/**
 * The CTI core (registry + call control + agent hub) on the REAL simulated phone system,
 * with in-memory ports and fake browser sockets, on a manual clock.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { AgentHub, type AgentSocket } from '../../../src/cti/agent-hub.js';
import { CallControl } from '../../../src/cti/call-control.js';
import { CallRegistry } from '../../../src/cti/call-registry.js';
import type { CallSnapshot } from '../../../src/domain/call.js';
import { ManualClock } from '../../../src/telephony/sim/sim-clock.js';
import { SimProvider } from '../../../src/telephony/sim/sim-provider.js';
import { createCallerIdMatcher, createPhoneNumberPlan } from '../../../src/cti/phone-ports.js';
import { contextOfLocation, defaultLocation } from '../../../src/phone/index.js';
import { simPhone } from '../../support/sim-phone.js';
import { InMemoryCallLog, InMemoryDirectory, InMemoryPhoneIndex } from './in-memory-ports.js';

export const ALICE = 1;
export const BOB = 2;
export const CAROL = 3;

/** A browser socket that records what it was sent. */
export class FakeSocket implements AgentSocket {
  readonly sent: Array<Record<string, unknown>> = [];
  bufferedAmount = 0;
  closed = false;

  send(text: string): void {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }

  close(): void {
    this.closed = true;
  }

  /** Every snapshot pushed for `callId`, in order. */
  snapshots(callId?: string): CallSnapshot[] {
    return this.sent.flatMap((m) => (m.type === 'call' && (callId === undefined || (m.call as CallSnapshot).id === callId) ? [m.call as CallSnapshot] : []));
  }

  /** The labels pushed for `callId`, consecutive repeats folded: what the agent saw change. */
  labels(callId: string): string[] {
    return this.snapshots(callId).map((s) => s.label.en).filter((l, i, a) => i === 0 || a[i - 1] !== l);
  }

  callIds(): string[] {
    return [...new Set(this.snapshots().map((s) => s.id))];
  }
}

export const createCtiWorld = async (opts: { callLog?: InMemoryCallLog } = {}) => {
  const clock = new ManualClock();
  const sim = new SimProvider({ clock });
  // A New York site: country US, area 212, outside line 9, 4-digit extensions (R3.1).
  const location = defaultLocation('US', '212', '9', 4);
  const plan = createPhoneNumberPlan(() => location);
  const directory = new InMemoryDirectory([
    { userId: ALICE, device: '1001', extension: '1001', ctiEnabled: true },
    { userId: BOB, device: '1002', extension: '1002', ctiEnabled: true },
    { userId: CAROL, device: '1003', extension: '1003', ctiEnabled: true },
  ]);
  const index = new InMemoryPhoneIndex(contextOfLocation(location));
  index.add({ ownerType: 'person', ownerId: 10, name: 'Sam Carter', phone: '+44 161 5527789', company: { id: 20, name: 'Acme Ltd' } });
  index.add({ ownerType: 'person', ownerId: 11, name: 'Claire Martin', phone: '+33 1 42 68 53 00', company: { id: 21, name: 'Martin & Fils' } });
  index.add({ ownerType: 'person', ownerId: 12, name: 'Paul Martin', phone: '+33 (1) 42 68 53 00', company: { id: 21, name: 'Martin & Fils' } });
  index.add({ ownerType: 'company', ownerId: 22, name: 'Globex', phone: '+1 212 736 44xx', field: 'switchboard' });
  index.add({ ownerType: 'user', ownerId: ALICE, name: 'Alice Agent', phone: '1001', field: 'extension' });
  index.add({ ownerType: 'user', ownerId: BOB, name: 'Bob Agent', phone: '1002', field: 'extension' });
  index.add({ ownerType: 'user', ownerId: CAROL, name: 'Carol Agent', phone: '1003', field: 'extension' });
  const matcher = createCallerIdMatcher(() => location, index.lookup);
  const callLog = opts.callLog ?? new InMemoryCallLog();
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  }));
  // The hub needs the registry and the registry publishes to the hub: bind it late.
  const late: { hub?: AgentHub } = {};
  const registry = new CallRegistry({
    logger, matcher, numbers: plan, callLog, directory,
    sink: { publish: (s) => late.hub?.publish(s), providerStatus: (st) => late.hub?.providerStatus(st) },
  });
  const control = new CallControl({ provider: sim, registry, directory, numbers: plan });
  const hub = new AgentHub({ directory, calls: registry, logger, control, highWaterBytes: 1024 });
  late.hub = hub;
  registry.attach(sim);
  await sim.start();
  await registry.idle();

  /** Opens a browser socket for `userId`; `cti` opens its CTI window (R6.3). */
  const browser = async (userId: number, cti = true): Promise<FakeSocket> => {
    const s = new FakeSocket();
    hub.connect(s, userId);
    if (cti) await hub.receive(s, JSON.stringify({ type: 'cti', online: true }));
    return s;
  };

  /** Lets `ms` of phone-system time pass, then waits until the CTI core applied it all. */
  const passTime = async (ms: number): Promise<void> => {
    clock.advance(ms);
    await registry.idle();
  };

  const settled = () => registry.idle();

  const phone = simPhone(() => sim, registry);
  return { clock, sim, phone, plan, directory, index, callLog, logLines, registry, control, hub, browser, passTime, settled, close: () => sim.stop() };
};

export type CtiWorld = Awaited<ReturnType<typeof createCtiWorld>>;
