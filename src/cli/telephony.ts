/**
 * Which telephony provider runs (R2.2, R3.3): built from the system settings — the
 * simulated PBX by default, the Asterisk connector, or (soon) the built-in SIP server.
 */
import type { SystemSettings } from '../crm/settings.js';
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

export function providerFor(s: SystemSettings, devices: readonly string[], log: (level: 'info' | 'warn', message: string) => void): TelephonyProvider {
  const p = s.provider;
  switch (p.kind) {
    case 'sim':
      return new SimProvider({ config: { extensions: simExtensions(devices, s.internalLength), outsideLinePrefix: s.outsidePrefix, demo: { ...DEFAULT_SIM_CONFIG.demo, enabled: p.demoCalls } } });
    case 'asterisk':
      return new AmiProvider({ config: amiConfigOf(p), log });
    case 'sip':
      throw new Error('the built-in SIP server is not available in this version yet');
  }
}

/** The live check made before new provider settings are saved (issue 7: validated on save). */
export async function testProviderSettings(p: SystemSettings['provider']): Promise<void> {
  if (p.kind === 'asterisk') {
    const result = await testAmiConnection(amiConfigOf(p));
    if (!result.ok) throw new Error(result.message);
  } else if (p.kind === 'sip') {
    throw new Error('the built-in SIP server is not available in this version yet');
  }
}
