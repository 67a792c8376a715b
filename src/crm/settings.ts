/**
 * System behaviour settings (R3.1–R3.4): the four CTI dialling fields, the dialling
 * location's rules, the telephony provider and its connection settings. Stored as one
 * JSON document; defaults fill what first-run setup did not ask.
 */
import { getCountryCallingCode, isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { AppError } from '../domain/errors.js';
import type { Db } from '../db/database.js';

export interface AreaCodeRuleSetting {
  areaCode: string;
  dialAreaCode: boolean;
  dialNationalPrefix: boolean;
  localPrefixes?: string[];
}

/** How a device's phone is answered from the page (R6.7); see `AutoAnswerMode` in sip-config.ts. */
export type SipAutoAnswer = 'none' | 'hint' | 'always';
export type SipTransport = 'udp' | 'tcp';

export interface SipTrunkSettings {
  host: string;
  port: number;
  /** Digits before outside numbers, stripped before the trunk; default: the outside-line prefix (R3.3). */
  prefix?: string;
  /** DID (as the trunk presents it) → device. */
  dids?: Record<string, string>;
  defaultDevice?: string;
  /** Registration at the carrier (done by the trunk registration when both are set). */
  username?: string;
  password?: string;
}

/** The built-in SIP server (docs/sip.md). Optional fields have the defaults of `defaultSipConfig`. */
export interface SipProviderSettings {
  kind: 'sip';
  listenHost: string;
  listenPort: number;
  transports?: SipTransport[];
  /** Address put in SDP for media the server anchors; default: listenHost. */
  mediaHost?: string;
  /** Digest realm; part of every stored SIP password hash: changing it means setting passwords again. */
  realm?: string;
  trunk: SipTrunkSettings | null;
  /** device → auto-answer mode; a device not listed is `none` (answer on the phone). */
  autoAnswer?: Record<string, SipAutoAnswer>;
  /** SIP trace: how many traced calls are kept (default 50, issue 17). */
  traceCalls?: number;
  /** Seconds without RTP from a side of a connected call before "no audio from …" (default 5, issue 17). */
  mediaStallSeconds?: number;
}

export const DEFAULT_SIP_REALM = 'switchboard';

export type ProviderSettings =
  | { kind: 'sim'; demoCalls: boolean }
  | SipProviderSettings
  | {
      kind: 'asterisk'; host: string; port: number; username: string; secret: string; tls: boolean;
      /** Dialplan context click-to-dial runs in; the rest default as docs/asterisk.md says. */
      originateContext: string; transferContext?: string; holdContext?: string; holdExten?: string;
      agentWaitExten?: string; agentDevicePattern?: string;
    };

export interface SystemSettings {
  setupDone: boolean;
  country: string;
  countryCallingCode: string;
  areaCode: string;
  outsidePrefix: string;
  outsidePrefixLongDistance: string;
  internalLength: number;
  nationalPrefix: string | null;
  internationalPrefix: string | null;
  areaCodeRules: AreaCodeRuleSetting[];
  provider: ProviderSettings;
  /** The CTI client version: when it changes, browsers are asked again to enable CTI (R6.2). */
  clientVersion: string;
}

export const DEFAULT_SETTINGS: SystemSettings = {
  setupDone: false,
  country: 'US',
  countryCallingCode: '1',
  areaCode: '',
  outsidePrefix: '9',
  outsidePrefixLongDistance: '9',
  internalLength: 4,
  nationalPrefix: null,
  internationalPrefix: null,
  areaCodeRules: [],
  provider: { kind: 'sim', demoCalls: false },
  clientVersion: '1',
};

export function callingCodeOf(country: string): string {
  if (!isSupportedCountry(country)) throw new AppError('validation-failed', `Unknown country ${country}`, { field: 'country' });
  return getCountryCallingCode(country as CountryCode);
}

/**
 * The digest realm the SIP passwords are hashed with: the SIP settings' realm, or the
 * default while another provider runs (passwords set beforehand then work as they are).
 */
export function sipRealmOf(s: SystemSettings): string {
  return s.provider.kind === 'sip' ? s.provider.realm ?? DEFAULT_SIP_REALM : DEFAULT_SIP_REALM;
}

/** The settings as stored, defaults filled; for services that are not handed the SettingsService. */
export async function readSettings(db: Db): Promise<SystemSettings> {
  const row = await db.kysely.selectFrom('settings').select('value').where('key', '=', 'system').executeTakeFirst();
  return row ? { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as Partial<SystemSettings>) } : DEFAULT_SETTINGS;
}

/** Secrets never leave the server (issue 7: the AMI secret is never returned). */
export function redactSettings(s: SystemSettings): SystemSettings {
  const p = s.provider;
  if (p.kind === 'asterisk') return { ...s, provider: { ...p, secret: p.secret ? '********' : '' } };
  if (p.kind === 'sip' && p.trunk?.password) return { ...s, provider: { ...p, trunk: { ...p.trunk, password: '********' } } };
  return s;
}

type Listener = (s: SystemSettings) => void;

export class SettingsService {
  private current: SystemSettings = DEFAULT_SETTINGS;
  private listeners: Listener[] = [];

  constructor(private readonly db: Db) {}

  async load(): Promise<SystemSettings> {
    this.current = await readSettings(this.db);
    return this.current;
  }

  get(): SystemSettings { return this.current; }

  onChange(listener: Listener): void { this.listeners.push(listener); }

  /** A provider setting as sent back by the admin page: a redacted secret means "unchanged". */
  withKeptSecrets(p: ProviderSettings): ProviderSettings {
    const cur = this.current.provider;
    if (p.kind === 'asterisk' && p.secret === '********' && cur.kind === 'asterisk') return { ...p, secret: cur.secret };
    if (p.kind === 'sip' && p.trunk?.password === '********' && cur.kind === 'sip' && cur.trunk) {
      return { ...p, trunk: { ...p.trunk, password: cur.trunk.password ?? '' } };
    }
    return p;
  }

  async save(patch: Partial<SystemSettings>): Promise<SystemSettings> {
    const next: SystemSettings = { ...this.current, ...patch };
    if (patch.provider) next.provider = this.withKeptSecrets(patch.provider);
    next.countryCallingCode = callingCodeOf(next.country);
    const value = JSON.stringify(next);
    await this.db.kysely.transaction().execute(async (tx) => {
      await tx.deleteFrom('settings').where('key', '=', 'system').execute();
      await tx.insertInto('settings').values({ key: 'system', value }).execute();
    });
    this.current = next;
    for (const l of this.listeners) l(next);
    return next;
  }

  /** First-run setup: the three R3.1 questions; defaults fill the rest. */
  async setup(answers: { country: string; areaCode: string; outsidePrefix: string }): Promise<SystemSettings> {
    return this.save({ ...answers, outsidePrefixLongDistance: answers.outsidePrefix, setupDone: true });
  }
}
