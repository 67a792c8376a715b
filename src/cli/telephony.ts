/**
 * Which telephony provider runs (R2.2, R3.3): built from the system settings — the
 * simulated PBX by default, the Asterisk connector, or the built-in SIP server.
 */
import { createSocket } from 'node:dgram';
import { DEFAULT_SIP_REALM, type SipProviderSettings, type SystemSettings } from '../crm/settings.js';
import type { SipAccounts } from '../crm/sip-accounts.js';
import { defaultSipConfig, type SipProviderConfig } from '../telephony/sip/sip-config.js';
import { WorkerSipProvider } from '../telephony/sip/sip-worker-provider.js';
import { parseAmiConfig, type AmiConfig } from '../telephony/asterisk/ami-config.js';
import { testAmiConnection } from '../telephony/asterisk/ami-connection.js';
import { AmiProvider } from '../telephony/asterisk/ami-provider.js';
import type { TelephonyProvider } from '../telephony/provider.js';
import { DEFAULT_SIM_CONFIG } from '../telephony/sim/sim-config.js';
import { SimProvider } from '../telephony/sim/sim-provider.js';

/** Extensions the simulated PBX has: the CTI users' devices and a block of spare ones. */
export function simExtensions(devices: readonly string[], internalLength: number): string[] {
  const spare = Array.from({ length: 50 }, (_, i) => String(10 ** (internalLength - 1) + 1 + i));
  return [...new Set([...devices, ...spare])];
}

export function amiConfigOf(p: Extract<SystemSettings['provider'], { kind: 'asterisk' }>): AmiConfig {
  const { kind: _kind, ...rest } = p;
  return parseAmiConfig(rest);
}

/** What a provider needs beyond the settings: the SIP server's accounts (the users' HA1s). */
export interface ProviderDeps {
  sipAccounts?: SipAccounts;
  /** The provider being replaced: a simulated PBX is taken over, with its live calls. */
  previous?: TelephonyProvider;
}

/** The SIP server's configuration from the settings (docs/sip.md); the trunk prefix defaults to the outside-line digit (R3.3). */
export function sipConfigOf(p: SipProviderSettings, s: Pick<SystemSettings, 'outsidePrefix'>, accounts: SipAccounts): SipProviderConfig {
  const realm = p.realm ?? DEFAULT_SIP_REALM;
  const t = p.trunk;
  return defaultSipConfig({
    listenHost: p.listenHost, listenPort: p.listenPort, realm,
    ...(p.transports && p.transports.length > 0 ? { transports: [...new Set(p.transports)] } : {}),
    ...(p.mediaHost ? { mediaHost: p.mediaHost } : {}),
    ...(p.traceCalls !== undefined ? { traceCalls: p.traceCalls } : {}),
    ...(p.mediaStallSeconds !== undefined ? { mediaStallMs: p.mediaStallSeconds * 1000 } : {}),
    accounts: accounts.store(realm),
    autoAnswer: { ...(p.autoAnswer ?? {}) },
    trunk: t === null ? null : {
      host: t.host, port: t.port, prefix: t.prefix ?? s.outsidePrefix, dids: { ...(t.dids ?? {}) },
      ...(t.defaultDevice ? { defaultDevice: t.defaultDevice } : {}),
      ...(t.username ? { username: t.username } : {}), ...(t.password ? { password: t.password } : {}),
    },
  });
}

export function providerFor(s: SystemSettings, devices: readonly string[], log: (level: 'info' | 'warn', message: string, details?: object) => void, deps: ProviderDeps = {}): TelephonyProvider {
  const p = s.provider;
  switch (p.kind) {
    case 'sim':
      return new SimProvider({
        config: { extensions: simExtensions(devices, s.internalLength), outsideLinePrefix: s.outsidePrefix, demo: { ...DEFAULT_SIM_CONFIG.demo, enabled: p.demoCalls } },
        ...(deps.previous instanceof SimProvider ? { takeOver: deps.previous } : {}),
      });
    case 'asterisk':
      return new AmiProvider({ config: amiConfigOf(p), log });
    case 'sip':
      if (!deps.sipAccounts) throw new Error('the built-in SIP server needs the users\' SIP accounts (ProviderDeps.sipAccounts)');
      // In a worker thread: the SIP server answers on its own thread while this one writes
      // the call log and serves the web app (docs/sip.md, bench:sip).
      return new WorkerSipProvider(sipConfigOf(p, s, deps.sipAccounts), {
        // structured: the SIP layer's lines carry { device, address, cause } (issue 17)
        info: (details, message) => log('info', message, details),
        warn: (details, message) => log('warn', message, details),
      });
  }
}

/**
 * Can the SIP server have this address? A UDP bind, closed at once (TCP uses the same
 * port). The SIP server already running there is no conflict.
 */
export async function checkSipAddress(host: string, port: number): Promise<void> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', (err: NodeJS.ErrnoException) => {
      socket.close();
      const why = err.code === 'EADDRINUSE' ? 'another program uses it' : err.code === 'EADDRNOTAVAIL' ? 'this machine has no such address' : err.code === 'EACCES' ? 'ports below 1024 need privileges' : err.message;
      reject(new Error(`the SIP server cannot listen on ${host}:${port}: ${why}`));
    });
    socket.bind({ address: host, port, exclusive: true }, () => socket.close(() => resolve()));
  });
}

/**
 * The live check made before new provider settings are saved (issue 7: validated on save).
 * `current` is the provider configured now: a SIP server already on the same address is fine.
 */
export async function testProviderSettings(p: SystemSettings['provider'], current?: SystemSettings['provider']): Promise<void> {
  if (p.kind === 'asterisk') {
    const result = await testAmiConnection(amiConfigOf(p));
    if (!result.ok) throw new Error(result.message);
  } else if (p.kind === 'sip') {
    const same = current?.kind === 'sip' && current.listenHost === p.listenHost && current.listenPort === p.listenPort;
    if (!same) await checkSipAddress(p.listenHost, p.listenPort);
  }
}
