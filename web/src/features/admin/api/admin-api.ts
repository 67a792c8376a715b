import { del, get, patch, post, put, query } from '../../../lib/http.js';
import type { TracedMessage } from '../sip-ladder.js';
import type { User } from '../../auth/api/auth-api.js';

/** An area-code rule of the dialling rules (TAPI dialling-rules model, R3.4). */
export interface AreaCodeRule {
  areaCode: string;
  dialAreaCode: boolean;
  dialNationalPrefix: boolean;
  localPrefixes?: string[];
}

export type ProviderSettings =
  | { kind: 'sim'; demoCalls: boolean }
  | SipProviderSettings
  | {
      kind: 'asterisk'; host: string; port: number; username: string;
      /** Write-only: the server answers `********` when one is set, and keeps it when `********` comes back. */
      secret: string; tls: boolean;
      originateContext: string; transferContext?: string; holdContext?: string; holdExten?: string;
      agentWaitExten?: string; agentDevicePattern?: string;
    };

export type SipAutoAnswer = 'none' | 'hint' | 'always';
export type SipTransport = 'udp' | 'tcp';

/** The built-in SIP server (docs/sip.md); the trunk password is write-only like the AMI secret. */
export interface SipProviderSettings {
  kind: 'sip';
  listenHost: string;
  listenPort: number;
  transports?: SipTransport[];
  mediaHost?: string;
  realm?: string;
  trunk: null | {
    host: string; port: number; prefix?: string; dids?: Record<string, string>; defaultDevice?: string;
    username?: string; password?: string;
  };
  autoAnswer?: Record<string, SipAutoAnswer>;
}

export type ProviderKind = ProviderSettings['kind'];

/** System behaviour (R3.2–R3.4) as `GET /api/settings` returns it. */
export interface Settings {
  setupDone: boolean;
  country: string;
  countryCallingCode: string;
  areaCode: string;
  outsidePrefix: string;
  outsidePrefixLongDistance: string;
  internalLength: number;
  nationalPrefix: string | null;
  internationalPrefix: string | null;
  areaCodeRules: AreaCodeRule[];
  provider: ProviderSettings;
  clientVersion: string;
}

/** What `PUT /api/settings` accepts (everything but the derived fields). */
export type SettingsPatch = Partial<Omit<Settings, 'setupDone' | 'countryCallingCode'>>;

export const getSettings = (): Promise<Settings> => get('/api/settings');
export const saveSettings = (s: SettingsPatch): Promise<Settings> => put('/api/settings', s);
export const getPublicSettings = (): Promise<{ clientVersion: string; provider: string; country: string; internalLength: number }> => get('/api/settings/public');

export const getSetup = (): Promise<{ done: boolean }> => get('/api/setup');
export const runSetup = (body: { country: string; areaCode: string; outsidePrefix: string }): Promise<unknown> => post('/api/setup', body);

export interface DeviceInfo {
  name: string;
  status: 'available' | 'unavailable' | 'unknown';
  description?: string;
}

export const listDevices = (): Promise<DeviceInfo[]> => get('/api/devices');
export const checkDevice = (name: string): Promise<{ ok: boolean; message: string }> => get(`/api/devices/${encodeURIComponent(name)}/check`);

export type UserInput = Partial<Omit<User, 'id'>> & { password?: string };

/** A user as the admin API shows it: with whether a SIP password is stored, never the password. */
export type AdminUser = User & { sipPasswordSet?: boolean; sipPasswordStale?: boolean };
export type SipPasswordStatus = { sipPasswordSet: boolean; sipPasswordStale: boolean };

export const setSipPassword = (id: number, password: string): Promise<SipPasswordStatus> => put(`/api/users/${id}/sip-password`, { password });
export const clearSipPassword = (id: number): Promise<SipPasswordStatus> => del(`/api/users/${id}/sip-password`);

export const listUsers = (q?: string): Promise<{ items: AdminUser[]; total: number }> => get(`/api/users${query({ q })}`);
export const createUser = (u: UserInput): Promise<AdminUser> => post('/api/users', u);
export const updateUser = (id: number, u: UserInput): Promise<AdminUser> => patch(`/api/users/${id}`, u);

/** The SIP trace (issue 17): admin only, built-in SIP server only. */
export interface SipTraceState {
  devices: string[];
  calls: string[];
  keep: number;
  recent: Array<{ id: string; startedAt: number; peers: string[]; messages: number }>;
}
export const getSipTrace = (): Promise<SipTraceState> => get('/api/telephony/sip-trace');
export const setSipTrace = (kind: 'device' | 'call', id: string, on: boolean): Promise<SipTraceState> =>
  put(`/api/telephony/sip-trace/${kind}s/${encodeURIComponent(id)}`, { on });
export const getSipTraceMessages = (id: string): Promise<{ id: string; messages: TracedMessage[] }> =>
  get(`/api/telephony/sip-trace/calls/${encodeURIComponent(id)}/messages`);
