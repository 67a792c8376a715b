/**
 * The CTI core (registry, call control, agent hub) attached to the REAL Asterisk provider,
 * which talks over TCP on 127.0.0.1 to the replay server playing one recorded or synthetic
 * AMI session (ami-provider-harness.ts). Ports are the in-memory ones of the CTI suites;
 * number plan and caller-ID matching are the real src/phone ones, for the London site of
 * the recordings (country GB, area 20, outside line 9, 4-digit extensions: README topology).
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { AgentHub } from '../../src/cti/agent-hub.js';
import { CallControl } from '../../src/cti/call-control.js';
import { CallRegistry } from '../../src/cti/call-registry.js';
import { createCallerIdMatcher, createPhoneNumberPlan } from '../../src/cti/phone-ports.js';
import { contextOfLocation, defaultLocation, type Location } from '../../src/phone/index.js';
import { FakeSocket } from '../cti/support/cti-world.js';
import { InMemoryCallLog, InMemoryDirectory, InMemoryPhoneIndex } from '../cti/support/in-memory-ports.js';
import { loadFixture, type Fixture, type FixtureId } from './ami-fixtures.js';
import { replayMapper } from './ami-mapper-timeline.js';
import { startHarness, type Harness } from './ami-provider-harness.js';

export const ALICE = 1;
export const BOB = 2;

export interface AmiCtiWorldOptions {
  /** The site's dialling settings (R3.1); the recordings' London site by default. */
  location?: Location;
}

export const createAmiCtiWorld = async (fixture: FixtureId | Fixture, opts: AmiCtiWorldOptions = {}) => {
  const played = typeof fixture === 'string' ? loadFixture(fixture) : fixture;
  const harness: Harness = await startHarness(played);
  const location = opts.location ?? defaultLocation('GB', '20', '9', 4);
  const plan = createPhoneNumberPlan(() => location);
  const directory = new InMemoryDirectory([
    { userId: ALICE, device: 'PJSIP/6001', extension: '6001', ctiEnabled: true },
    { userId: BOB, device: 'PJSIP/6002', extension: '6002', ctiEnabled: true },
  ]);
  const index = new InMemoryPhoneIndex(contextOfLocation(location));
  index.add({ ownerType: 'user', ownerId: ALICE, name: 'Alice Agent', phone: '6001', field: 'extension' });
  index.add({ ownerType: 'user', ownerId: BOB, name: 'Bob Agent', phone: '6002', field: 'extension' });
  const callLog = new InMemoryCallLog();
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  }));
  const late: { hub?: AgentHub } = {};
  const registry = new CallRegistry({
    logger, matcher: createCallerIdMatcher(() => location, index.lookup), numbers: plan, callLog, directory,
    sink: { publish: (s) => late.hub?.publish(s), providerStatus: (st) => late.hub?.providerStatus(st) },
  });
  const control = new CallControl({ provider: harness.provider, registry, directory, numbers: plan });
  const hub = new AgentHub({ directory, calls: registry, logger, control, highWaterBytes: 1 << 20 });
  late.hub = hub;
  registry.attach(harness.provider);

  /** A browser with its CTI window open for `userId` (R6.3). */
  const browser = async (userId: number): Promise<FakeSocket> => {
    const s = new FakeSocket();
    hub.connect(s, userId);
    await hub.receive(s, JSON.stringify({ type: 'cti', online: true }));
    return s;
  };

  /** Plays the session to its end and waits until the CTI core applied every event. */
  const playedOut = async (): Promise<void> => {
    await harness.server.done;
    // The last bytes may still be on the socket: wait for the last event the mapper draws from them.
    const last = replayMapper(played).events.at(-1);
    if (last) await harness.log.next((e) => e.type === last.type && 'device' in e && e.device === last.device && e.callRef === last.callRef);
    await registry.idle();
  };

  return { harness, provider: harness.provider, log: harness.log, plan, directory, index, callLog, logLines, registry, control, hub, browser, playedOut, close: () => harness.close() };
};

export type AmiCtiWorld = Awaited<ReturnType<typeof createAmiCtiWorld>>;
