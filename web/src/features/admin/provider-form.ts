/**
 * The telephony provider form (issue 7) ↔ the `provider` of `PUT /api/settings`.
 * Inputs hold strings; this turns them into the API's shape (numbers, optional
 * contexts omitted when blank) and says what is missing before the server is asked.
 * Pure, so the mapping is tested without a browser.
 */
import type { ProviderKind, ProviderSettings } from './api/admin-api.js';
import { BLANK_SIP, sipFormProblems, toSipForm, toSipProvider, type SipForm, type SipProblem } from './sip-form.js';

/** What the server sends back for a secret that is set; sending it back keeps the secret. */
export const KEPT_SECRET = '********';

export interface ProviderForm {
  kind: ProviderKind;
  demoCalls: boolean;
  host: string;
  port: string;
  username: string;
  secret: string;
  tls: boolean;
  originateContext: string;
  transferContext: string;
  holdContext: string;
  agentDevicePattern: string;
  /** Settings the form does not edit, carried through unchanged (holdExten, agentWaitExten). */
  untouched: Partial<Record<'holdExten' | 'agentWaitExten', string>>;
  /** The built-in SIP server's fields (sip-form.ts). */
  sip: SipForm;
}

export type ProviderField = 'host' | 'port' | 'username' | 'originateContext';

export type ProviderProblem = { field: ProviderField; problem: 'required' | 'port' } | SipProblem;

const BLANK: ProviderForm = {
  kind: 'sim', demoCalls: false, host: '127.0.0.1', port: '5038', username: '', secret: '', tls: false,
  originateContext: 'from-internal', transferContext: '', holdContext: '', agentDevicePattern: '', untouched: {}, sip: BLANK_SIP,
};

export const toForm = (p: ProviderSettings): ProviderForm => {
  if (p.kind === 'sim') return { ...BLANK, kind: 'sim', demoCalls: p.demoCalls };
  if (p.kind === 'sip') return { ...BLANK, kind: 'sip', sip: toSipForm(p) };
  const untouched: ProviderForm['untouched'] = {};
  if (p.holdExten !== undefined) untouched.holdExten = p.holdExten;
  if (p.agentWaitExten !== undefined) untouched.agentWaitExten = p.agentWaitExten;
  return {
    ...BLANK, kind: 'asterisk', host: p.host, port: String(p.port), username: p.username, secret: p.secret, tls: p.tls,
    originateContext: p.originateContext, transferContext: p.transferContext ?? '', holdContext: p.holdContext ?? '',
    agentDevicePattern: p.agentDevicePattern ?? '', untouched,
  };
};

const parsePort = (s: string): number | null => {
  const n = Number(s.trim());
  return /^\d+$/.test(s.trim()) && n >= 1 && n <= 65535 ? n : null;
};

/** What is wrong with the form before it goes to the server (which also tests the connection live). */
export const formProblems = (f: ProviderForm): ProviderProblem[] => {
  if (f.kind === 'sip') return sipFormProblems(f.sip);
  if (f.kind !== 'asterisk') return [];
  const out: ProviderProblem[] = [];
  if (!f.host.trim()) out.push({ field: 'host', problem: 'required' });
  if (parsePort(f.port) === null) out.push({ field: 'port', problem: 'port' });
  if (!f.username.trim()) out.push({ field: 'username', problem: 'required' });
  if (!f.originateContext.trim()) out.push({ field: 'originateContext', problem: 'required' });
  return out;
};

/** The API's provider for a form without problems (call `formProblems` first); null when there are some. */
export const toProvider = (f: ProviderForm): ProviderSettings | null => {
  if (formProblems(f).length > 0) return null;
  if (f.kind === 'sim') return { kind: 'sim', demoCalls: f.demoCalls };
  if (f.kind === 'sip') return toSipProvider(f.sip);
  const p: ProviderSettings = {
    kind: 'asterisk', host: f.host.trim(), port: parsePort(f.port) ?? 5038, username: f.username.trim(), secret: f.secret, tls: f.tls,
    originateContext: f.originateContext.trim(), ...f.untouched,
  };
  // Optional contexts: blank means "the default of docs/asterisk.md", so they are left out.
  if (f.transferContext.trim()) p.transferContext = f.transferContext.trim();
  if (f.holdContext.trim()) p.holdContext = f.holdContext.trim();
  if (f.agentDevicePattern.trim()) p.agentDevicePattern = f.agentDevicePattern.trim();
  return p;
};

/** Switching provider starts from that provider's defaults, keeping what was typed for it before. */
export const switchKind = (f: ProviderForm, kind: ProviderKind): ProviderForm => ({ ...f, kind });
