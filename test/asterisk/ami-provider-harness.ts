/**
 * Test harness: an `AmiProvider` connected over real TCP to the replay server playing one
 * recorded session, with an event log the tests can await.
 */
import { AmiProvider } from '../../src/telephony/asterisk/ami-provider.js';
import { parseAmiConfig, type AmiConfig } from '../../src/telephony/asterisk/ami-config.js';
import type { ProviderEvent, ProviderStatusEvent } from '../../src/telephony/provider.js';
import { loadFixture, type Fixture, type FixtureId } from './ami-fixtures.js';
import { startReplayServer, type ReplayOptions, type ReplayServer } from './ami-replay-server.js';

export type AnyEvent = ProviderEvent | ProviderStatusEvent;

export class EventLog {
  readonly events: AnyEvent[] = [];
  private waiters: Array<{ test: (e: AnyEvent) => boolean; resolve: (e: AnyEvent) => void }> = [];

  push = (event: AnyEvent): void => {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(event)) return true;
      w.resolve(event);
      return false;
    });
  };

  /** Resolves with the first event (past or future) that passes `test`. */
  next<T extends AnyEvent>(test: (e: AnyEvent) => e is T): Promise<T>;
  next(test: (e: AnyEvent) => boolean): Promise<AnyEvent>;
  next(test: (e: AnyEvent) => boolean): Promise<AnyEvent> {
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** Events of one kind on one device: `await log.on('established', 'PJSIP/6002')`. */
  on(type: ProviderEvent['type'], device: string): Promise<AnyEvent> {
    return this.next((e) => e.type === type && 'device' in e && e.device === device);
  }

  callEvents(): ProviderEvent[] {
    return this.events.filter((e): e is ProviderEvent => 'callRef' in e);
  }
}

export const SECRET = 'replay-secret';

export const replayConfig = (port: number, overrides: Partial<AmiConfig> = {}): AmiConfig => parseAmiConfig({
  host: '127.0.0.1', port, username: 'crm', secret: SECRET,
  responseTimeoutMs: 2000, keepaliveMs: 60_000, reconnect: { initialMs: 20, maxMs: 200, factor: 2 },
  ...overrides,
});

export interface Harness {
  server: ReplayServer;
  provider: AmiProvider;
  log: EventLog;
  logs: string[];
  close(): Promise<void>;
}

/** `id` names a recording; a loaded `Fixture` (e.g. a synthetic session) is played as is. */
export const startHarness = async (id: FixtureId | Fixture, replay: ReplayOptions = {}, overrides: Partial<AmiConfig> = {}): Promise<Harness> => {
  const server = await startReplayServer(typeof id === 'string' ? loadFixture(id) : id, { speed: 20, secret: SECRET, ...replay });
  const logs: string[] = [];
  const provider = new AmiProvider({ config: replayConfig(server.port, overrides), idPrefix: 'sb', log: (level, m) => logs.push(`${level} ${m}`) });
  const log = new EventLog();
  provider.onEvent(log.push);
  return {
    server, provider, log, logs,
    close: async () => {
      await provider.stop();
      await server.close();
    },
  };
};

/** Per device: the event types in order (timing-free: `at` is the replay's clock). */
export const typesByDevice = (events: readonly ProviderEvent[]): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const e of events) (out[`${e.callRef} ${e.device}`] ??= []).push(e.type);
  return out;
};
