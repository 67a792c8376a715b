/**
 * The built-in SIP server's part of the provider form ↔ the `sip` provider of
 * `PUT /api/settings` (docs/sip.md). Inputs hold strings; the DID table and the
 * per-device auto-answer modes are edited as lines (`2125551001 1001`, `1001 always`).
 * Pure, so the mapping is tested without a browser.
 */
import type { SipAutoAnswer, SipProviderSettings, SipTransport } from './api/admin-api.js';

export interface SipForm {
  listenHost: string;
  listenPort: string;
  udp: boolean;
  tcp: boolean;
  mediaHost: string;
  realm: string;
  trunk: boolean;
  trunkHost: string;
  trunkPort: string;
  /** Blank: the outside-line prefix of the dialling settings (R3.3). */
  trunkPrefix: string;
  /** One `DID device` per line. */
  dids: string;
  defaultDevice: string;
  trunkUsername: string;
  /** Write-only: `********` when one is set; sent back as is, the server keeps it. */
  trunkPassword: string;
  /** One `device mode` per line; mode none | hint | always. */
  autoAnswer: string;
}

export type SipField = 'listenHost' | 'listenPort' | 'transports' | 'realm' | 'trunkHost' | 'trunkPort' | 'trunkPrefix' | 'dids' | 'autoAnswer';
export type SipProblem = { field: SipField; problem: 'required' | 'port' | 'invalid'; line?: number };

export const BLANK_SIP: SipForm = {
  listenHost: '0.0.0.0', listenPort: '5060', udp: true, tcp: true, mediaHost: '', realm: 'switchboard',
  trunk: false, trunkHost: '', trunkPort: '5060', trunkPrefix: '', dids: '', defaultDevice: '', trunkUsername: '', trunkPassword: '', autoAnswer: '',
};

const MODES: readonly SipAutoAnswer[] = ['none', 'hint', 'always'];

export const toSipForm = (p: SipProviderSettings): SipForm => {
  const transports = p.transports ?? ['udp', 'tcp'];
  const t = p.trunk;
  return {
    listenHost: p.listenHost, listenPort: String(p.listenPort), udp: transports.includes('udp'), tcp: transports.includes('tcp'),
    mediaHost: p.mediaHost ?? '', realm: p.realm ?? 'switchboard',
    trunk: t !== null, trunkHost: t?.host ?? '', trunkPort: String(t?.port ?? 5060), trunkPrefix: t?.prefix ?? '',
    dids: Object.entries(t?.dids ?? {}).map(([did, device]) => `${did} ${device}`).join('\n'),
    defaultDevice: t?.defaultDevice ?? '', trunkUsername: t?.username ?? '', trunkPassword: t?.password ?? '',
    autoAnswer: Object.entries(p.autoAnswer ?? {}).map(([device, mode]) => `${device} ${mode}`).join('\n'),
  };
};

const parsePort = (s: string): number | null => {
  const n = Number(s.trim());
  return /^\d+$/.test(s.trim()) && n >= 1 && n <= 65535 ? n : null;
};

/** `a b` lines (blank lines ignored) → pairs, or the 1-based number of the first bad line. */
const pairs = (text: string, ok: (a: string, b: string) => boolean): { pairs: Array<[string, string]> } | { bad: number } => {
  const out: Array<[string, string]> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const words = (lines[i] ?? '').trim().split(/[\s=→,;]+/).filter(Boolean);
    if (words.length === 0) continue;
    const [a, b] = words;
    if (words.length !== 2 || a === undefined || b === undefined || !ok(a, b)) return { bad: i + 1 };
    out.push([a, b]);
  }
  return { pairs: out };
};

const isDid = (s: string): boolean => /^\+?[0-9]{1,32}$/.test(s);
const isDevice = (s: string): boolean => /^[A-Za-z0-9._+-]{1,100}$/.test(s);

export const sipFormProblems = (f: SipForm): SipProblem[] => {
  const out: SipProblem[] = [];
  if (!f.listenHost.trim()) out.push({ field: 'listenHost', problem: 'required' });
  if (parsePort(f.listenPort) === null) out.push({ field: 'listenPort', problem: 'port' });
  if (!f.udp && !f.tcp) out.push({ field: 'transports', problem: 'required' });
  if (!/^[A-Za-z0-9._@-]{1,100}$/.test(f.realm.trim())) out.push({ field: 'realm', problem: 'invalid' });
  if (f.trunk) {
    if (!f.trunkHost.trim()) out.push({ field: 'trunkHost', problem: 'required' });
    if (parsePort(f.trunkPort) === null) out.push({ field: 'trunkPort', problem: 'port' });
    if (!/^[0-9*#]{0,4}$/.test(f.trunkPrefix.trim())) out.push({ field: 'trunkPrefix', problem: 'invalid' });
    const d = pairs(f.dids, (did, device) => isDid(did) && isDevice(device));
    if ('bad' in d) out.push({ field: 'dids', problem: 'invalid', line: d.bad });
  }
  const a = pairs(f.autoAnswer, (device, mode) => isDevice(device) && (MODES as readonly string[]).includes(mode));
  if ('bad' in a) out.push({ field: 'autoAnswer', problem: 'invalid', line: a.bad });
  return out;
};

/** The API's `sip` provider for a form without problems; null when there are some. */
export const toSipProvider = (f: SipForm): SipProviderSettings | null => {
  if (sipFormProblems(f).length > 0) return null;
  const transports: SipTransport[] = [...(f.udp ? ['udp' as const] : []), ...(f.tcp ? ['tcp' as const] : [])];
  const lines = (text: string): Record<string, string> => {
    const r = pairs(text, () => true);
    return 'pairs' in r ? Object.fromEntries(r.pairs) : {};
  };
  const p: SipProviderSettings = {
    kind: 'sip', listenHost: f.listenHost.trim(), listenPort: parsePort(f.listenPort) ?? 5060, transports, realm: f.realm.trim(),
    trunk: null, autoAnswer: lines(f.autoAnswer) as Record<string, SipAutoAnswer>,
  };
  if (f.mediaHost.trim()) p.mediaHost = f.mediaHost.trim();
  if (f.trunk) {
    p.trunk = { host: f.trunkHost.trim(), port: parsePort(f.trunkPort) ?? 5060, dids: lines(f.dids) };
    if (f.trunkPrefix.trim()) p.trunk.prefix = f.trunkPrefix.trim();
    if (f.defaultDevice.trim()) p.trunk.defaultDevice = f.defaultDevice.trim();
    if (f.trunkUsername.trim()) p.trunk.username = f.trunkUsername.trim();
    if (f.trunkPassword) p.trunk.password = f.trunkPassword;
  }
  return p;
};
