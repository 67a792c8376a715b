/**
 * Header names and the structured headers the core reads: Via (RFC 3261 §20.42,
 * RFC 3581 rport), CSeq (§20.16), and top-level comma splitting (§7.3.1).
 */
import { parseHostPort, parseParams, formatHostPort, formatParams, UriError } from './sip-uri.js';

/** RFC 3261 §7.3.3 compact forms (plus RFC 3515 r = Refer-To, RFC 3892 b, RFC 4028 x, RFC 3841 y...). */
export const COMPACT_FORMS: Readonly<Record<string, string>> = {
  i: 'call-id', m: 'contact', f: 'from', t: 'to', v: 'via', l: 'content-length', c: 'content-type',
  k: 'supported', s: 'subject', e: 'content-encoding', o: 'event', r: 'refer-to', b: 'referred-by',
  x: 'session-expires', u: 'allow-events', y: 'identity', a: 'accept-contact', j: 'reject-contact',
  d: 'request-disposition', n: 'identity-info',
};

/** How the serializer writes each name; names not listed are title-cased per word. */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID', cseq: 'CSeq', 'www-authenticate': 'WWW-Authenticate', 'mime-version': 'MIME-Version',
  'rack': 'RAck', 'rseq': 'RSeq', 'sip-etag': 'SIP-ETag', 'sip-if-match': 'SIP-If-Match',
};

const displayCache = new Map<string, string>();

export const displayName = (lower: string): string => {
  let d = displayCache.get(lower);
  if (d === undefined) {
    d = DISPLAY_NAMES[lower] ?? lower.replace(/(^|-)([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    if (displayCache.size < 1000) displayCache.set(lower, d);
  }
  return d;
};

/** Canonical lower-case long name of a header field name (RFC 3261 §7.3.1: case-insensitive). */
export const canonicalName = (raw: string): string => {
  const lower = raw.toLowerCase();
  if (lower.length === 1) return COMPACT_FORMS[lower] ?? lower;
  return lower;
};

/** Headers whose comma-separated values are split into separate entries (RFC 3261 §7.3.1). */
export const MULTI_VALUE = new Set(['via', 'route', 'record-route', 'contact']);

/**
 * Splits on commas that are not inside a quoted-string or <...> (RFC 3261 §7.3.1).
 * Returns undefined on an unterminated quote/bracket.
 */
export const splitTopLevel = (value: string): string[] | undefined => {
  if (value.indexOf(',') < 0) return [value.trim()];
  const out: string[] = [];
  let start = 0;
  let inQuote = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (inQuote) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inQuote = false;
    } else if (c === 34) inQuote = true;
    else if (c === 60 /* < */) inAngle = true;
    else if (c === 62 /* > */) inAngle = false;
    else if (c === 44 /* , */ && !inAngle) {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (inQuote || inAngle) return undefined;
  out.push(value.slice(start).trim());
  return out;
};

export type ViaTransport = 'UDP' | 'TCP' | 'TLS' | 'SCTP' | 'WS' | 'WSS' | (string & {});

export interface Via {
  transport: ViaTransport;
  host: string;
  port: number | undefined;
  /** Keys lower-cased: branch, received, rport ('' when present without value), maddr, ttl. */
  params: Map<string, string>;
}

export const parseVia = (value: string): Via => {
  // sent-protocol: SIP / 2.0 / transport  (LWS allowed around '/', §25.1 SLASH)
  const s = value.trim();
  let i = 0;
  const parts: string[] = [];
  for (let k = 0; k < 3; k++) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    let j = i;
    while (j < s.length && s[j] !== '/' && s[j] !== ' ' && s[j] !== '\t') j++;
    parts.push(s.slice(i, j));
    i = j;
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (k < 2) {
      if (s[i] !== '/') throw new UriError('bad Via sent-protocol');
      i++;
    }
  }
  if (parts[0]?.toUpperCase() !== 'SIP' || parts[1] !== '2.0' || !parts[2]) throw new UriError('bad Via sent-protocol');
  while (s[i] === ' ' || s[i] === '\t') i++;
  const rest = s.slice(i);
  const semi = rest.indexOf(';');
  const hp = (semi < 0 ? rest : rest.slice(0, semi)).trim();
  const { host, port } = parseHostPort(hp.includes(' ') || hp.includes('\t') ? hp.replace(/[ \t]+/g, '') : hp);
  const params = semi < 0 ? new Map<string, string>() : parseParams(rest.slice(semi + 1));
  return { transport: parts[2].toUpperCase(), host, port, params };
};

export const formatVia = (v: Via): string => `SIP/2.0/${v.transport} ${formatHostPort(v.host, v.port)}${formatParams(v.params)}`;

/** Branch of a Via value, with a fast path that avoids a full parse. */
export const branchOf = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const i = value.indexOf(';branch=');
  if (i < 0) {
    try {
      return parseVia(value).params.get('branch');
    } catch {
      return undefined;
    }
  }
  let end = i + 8;
  while (end < value.length && value[end] !== ';' && value[end] !== ' ' && value[end] !== ',') end++;
  return value.slice(i + 8, end);
};

export interface CSeq {
  seq: number;
  method: string;
}

/** CSeq (RFC 3261 §20.16): a 32-bit unsigned sequence number and a method token. */
export const parseCSeq = (value: string): CSeq | undefined => {
  const s = value.trim();
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === 0 || i > 10) return undefined;
  const seq = Number(s.slice(0, i));
  if (seq > 0xffffffff) return undefined;
  const method = s.slice(i).trim();
  if (method.length === 0 || !isToken(method)) return undefined;
  return { seq, method };
};

/** token (RFC 3261 §25.1). */
export const isToken = (s: string): boolean => {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ||
      c === 45 || c === 46 || c === 33 || c === 37 || c === 42 || c === 95 || c === 43 || c === 96 || c === 39 || c === 126;
    if (!ok) return false;
  }
  return true;
};
