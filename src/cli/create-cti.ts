/**
 * Wires the CTI core to the CRM and the phone system: the provider chosen by the
 * settings (behind one ProviderSwitch), the call registry (the one door), call control,
 * the agent hub, and their ports on the database (caller-ID index, call log, users).
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AgentHub } from '../cti/agent-hub.js';
import { CallControl } from '../cti/call-control.js';
import { CallRegistry } from '../cti/call-registry.js';
import { createCallerIdMatcher, createPhoneNumberPlan } from '../cti/phone-ports.js';
import { locationOf } from '../crm/phone-settings.js';
import type { SystemSettings } from '../crm/settings.js';
import { callRoutes } from '../server/cti/call-routes.js';
import { CrmCallLog } from '../server/cti/crm-call-log.js';
import { deviceRoutes } from '../server/cti/device-routes.js';
import { sipTraceRoutes } from '../server/cti/sip-trace-routes.js';
import { telephonyStatusRoutes } from '../server/cti/telephony-status-routes.js';
import { diallingRoutes } from '../server/cti/dialling-routes.js';
import { CrmRecordPhones } from '../server/cti/record-phones.js';
import { simRoutes } from '../server/cti/sim-routes.js';
import { UserDirectory } from '../server/cti/user-directory.js';
import { wsRoute } from '../server/cti/ws-route.js';
import type { Services } from '../server/services.js';
import { ProviderSwitch } from '../telephony/provider-switch.js';
import type { TelephonyProvider } from '../telephony/provider.js';
import { SimProvider } from '../telephony/sim/sim-provider.js';
import { providerFor } from './telephony.js';

/** How long the server waits for the phone system at start before serving without it. */
const START_WAIT_MS = 5_000;

export interface Cti {
  provider: ProviderSwitch;
  registry: CallRegistry;
  control: CallControl;
  hub: AgentHub;
  directory: UserDirectory;
  /** The simulated PBX when it is the active provider. */
  sim(): SimProvider | null;
  routes(app: FastifyInstance): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface CtiOptions {
  /** A provider to use instead of the one the settings name (tests, benchmarks). */
  provider?: TelephonyProvider;
}

export async function createCti(services: Services, logger: Logger, opts: CtiOptions = {}): Promise<Cti> {
  const log = logger.child({ layer: 'cti' });
  const directory = new UserDirectory(services.users);
  await directory.refresh();
  const location = () => locationOf(services.settings.get());
  const numbers = createPhoneNumberPlan(location);
  const matcher = createCallerIdMatcher(location, services.phones.lookup.async);
  const callLog = new CrmCallLog(services.db, services.communications);
  const late: { hub?: AgentHub } = {};
  const registry = new CallRegistry({
    logger: log, matcher, numbers, callLog, directory,
    sink: { publish: (s) => late.hub?.publish(s), providerStatus: (st) => late.hub?.providerStatus(st) },
  });
  const build = (s: SystemSettings, previous?: TelephonyProvider) => opts.provider
    ?? providerFor(s, directory.devices(), (level, message, details) => log[level](details ?? {}, message), { sipAccounts: services.users.sip, ...(previous ? { previous } : {}) });
  const provider = new ProviderSwitch(build(services.settings.get()));
  const control = new CallControl({ provider, registry, directory, numbers, records: new CrmRecordPhones(services.records, services.users) });
  const hub = new AgentHub({ directory, calls: registry, logger: log, control });
  late.hub = hub;
  registry.attach(provider);

  // A new provider or dialling prefix takes effect without a restart (R3.2).
  let applied = JSON.stringify([services.settings.get().provider, services.settings.get().outsidePrefix]);
  services.settings.onChange((s) => {
    const wanted = JSON.stringify([s.provider, s.outsidePrefix]);
    if (wanted === applied || opts.provider) return;
    applied = wanted;
    void provider.replace(build(s, provider.active)).catch((err: unknown) => log.error({ err }, 'cti: the new telephony provider did not start'));
  });
  // A CTI device the simulated PBX does not have yet: give it one (R4.5, at once).
  services.users.onChange((u) => {
    const sim = provider.active instanceof SimProvider ? provider.active : null;
    if (!sim || !u.ctiDevice || sim.config.extensions.includes(u.ctiDevice) || opts.provider) return;
    void directory.refresh().then(() => provider.replace(build(services.settings.get(), provider.active)));
  });

  let stopWs: () => void = () => {};
  return {
    provider, registry, control, hub, directory,
    sim: () => (provider.active instanceof SimProvider ? provider.active : null),
    routes(app) {
      callRoutes(app, control);
      stopWs = wsRoute(app, hub);
      deviceRoutes(app, provider);
      telephonyStatusRoutes(app, provider);
      sipTraceRoutes(app, provider, { idOf: (ref) => registry.idOf(ref), refOf: (id) => registry.call(id)?.ref });
      diallingRoutes(app, { settings: services.settings, provider });
      simRoutes(app, { sim: () => (provider.active instanceof SimProvider ? provider.active : null), registry });
    },
    async start() {
      // A phone system that is unreachable at boot must not keep the CRM from serving: wait
      // a little for it, then go on; the provider keeps reconnecting and the CTI shows "down".
      const started = provider.start().then(() => true, (err: unknown) => {
        log.error({ err }, 'cti: the telephony provider did not start; the CTI shows it as down');
        return true;
      });
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), START_WAIT_MS); });
      if (!(await Promise.race([started, waited]))) log.warn('cti: the telephony provider is not up yet; starting without it');
      clearTimeout(timer);
      await registry.idle();
    },
    async stop() {
      stopWs();
      await provider.stop();
      await registry.idle();
    },
  };
}
