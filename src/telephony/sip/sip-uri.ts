/**
 * SIP/SIPS/tel URIs (RFC 3261 §19.1, RFC 3966) and name-addr / addr-spec values
 * (RFC 3261 §20.10, §25.1). Hand-written scanners, linear in the input: no regex
 * backtracking on hostile input.
 */

export type UriScheme = 'sip' | 'sips' | 'tel';

export interface SipUri {
  scheme: UriScheme;
  /** sip/sips: the userinfo user part; tel: the telephone-subscriber number. */
  user: string | undefined;
  password: string | undefined;
  /** Host without brackets (IPv6 references are kept as the bare address). Empty for tel:. */
  host: string;
  port: number | undefined;
  /** uri-parameters; a parameter without value maps to ''. Keys lower-cased. */
  params: Map<string, string>;
  /** `?` headers part, kept raw. */
  headers: string | undefined;
}

export interface NameAddr {
  displayName: string | undefined;
  uri: SipUri;
  /** Header parameters (e.g. `tag`, `expires`, `q`); keys lower-cased. */
  params: Map<string, string>;
  /** True when the URI was written in angle brackets (name-addr form). */
  bracketed: boolean;
}

export class UriError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UriError';
  }
}

const isDigits = (s: string): boolean => {
  if (s.length === 0 || s.length > 5) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

const HOST_CHARS = /^[A-Za-z0-9.-]+$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]+$/;

/** Splits `a=b;c;d=e` into a map; keys lower-cased (RFC 3261 §19.1.4: params compare case-insensitively). */
export const parseParams = (s: string, into: Map<string, string> = new Map()): Map<string, string> => {
  let i = 0;
  while (i < s.length) {
    let end = s.indexOf(';', i);
    if (end < 0) end = s.length;
    const part = s.slice(i, end).trim();
    if (part.length > 0) {
      const eq = part.indexOf('=');
      if (eq < 0) into.set(part.toLowerCase(), '');
      else into.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    i = end + 1;
  }
  return into;
};

/** Parses host[:port] where host may be an IPv6 reference `[::1]` (RFC 3261 §25.1 hostport). */
export const parseHostPort = (s: string): { host: string; port: number | undefined } => {
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) throw new UriError('unterminated IPv6 reference');
    const host = s.slice(1, close);
    if (!IPV6_CHARS.test(host) || !host.includes(':')) throw new UriError('bad IPv6 reference');
    const rest = s.slice(close + 1);
    if (rest.length === 0) return { host, port: undefined };
    if (rest[0] !== ':' || !isDigits(rest.slice(1))) throw new UriError('bad port');
    return { host, port: checkPort(Number(rest.slice(1))) };
  }
  const colon = s.indexOf(':');
  const host = colon < 0 ? s : s.slice(0, colon);
  if (host.length === 0 || !HOST_CHARS.test(host)) throw new UriError('bad host');
  if (colon < 0) return { host, port: undefined };
  const p = s.slice(colon + 1);
  if (!isDigits(p)) throw new UriError('bad port');
  return { host, port: checkPort(Number(p)) };
};

const checkPort = (p: number): number => {
  if (p < 1 || p > 65535) throw new UriError('port out of range');
  return p;
};

export const parseUri = (input: string): SipUri => {
  const s = input.trim();
  const colon = s.indexOf(':');
  if (colon < 0) throw new UriError('no scheme');
  const scheme = s.slice(0, colon).toLowerCase();
  const rest = s.slice(colon + 1);
  if (scheme === 'tel') {
    // RFC 3966 §3: telephone-subscriber then ;params
    const semi = rest.indexOf(';');
    const num = semi < 0 ? rest : rest.slice(0, semi);
    if (num.length === 0) throw new UriError('empty tel number');
    const params = semi < 0 ? new Map<string, string>() : parseParams(rest.slice(semi + 1));
    return { scheme: 'tel', user: num, password: undefined, host: '', port: undefined, params, headers: undefined };
  }
  if (scheme !== 'sip' && scheme !== 'sips') throw new UriError(`unsupported scheme ${scheme}`);
  let body = rest;
  let headers: string | undefined;
  const q = body.indexOf('?');
  if (q >= 0) {
    headers = body.slice(q + 1);
    body = body.slice(0, q);
  }
  // userinfo ends at the LAST '@' before params: '@' cannot appear in hostport or params.
  let user: string | undefined;
  let password: string | undefined;
  const at = body.lastIndexOf('@');
  if (at >= 0) {
    const ui = body.slice(0, at);
    body = body.slice(at + 1);
    const pc = ui.indexOf(':');
    user = pc < 0 ? ui : ui.slice(0, pc);
    password = pc < 0 ? undefined : ui.slice(pc + 1);
    if (user.length === 0) throw new UriError('empty user');
  }
  // IPv6 references may contain ':' but never ';'
  const semi = body.indexOf(';');
  const hp = semi < 0 ? body : body.slice(0, semi);
  const { host, port } = parseHostPort(hp);
  const params = semi < 0 ? new Map<string, string>() : parseParams(body.slice(semi + 1));
  return { scheme, user, password, host, port, params, headers };
};

export const formatHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

export const formatHostPort = (host: string, port: number | undefined): string =>
  port === undefined ? formatHost(host) : `${formatHost(host)}:${port}`;

export const formatParams = (params: ReadonlyMap<string, string>): string => {
  let s = '';
  for (const [k, v] of params) s += v === '' ? `;${k}` : `;${k}=${v}`;
  return s;
};

export const formatUri = (u: SipUri): string => {
  if (u.scheme === 'tel') return `tel:${u.user ?? ''}${formatParams(u.params)}`;
  let s = `${u.scheme}:`;
  if (u.user !== undefined) s += u.password !== undefined ? `${u.user}:${u.password}@` : `${u.user}@`;
  s += formatHostPort(u.host, u.port);
  s += formatParams(u.params);
  if (u.headers !== undefined) s += `?${u.headers}`;
  return s;
};

/**
 * name-addr / addr-spec (RFC 3261 §20.10): `"Bob" <sip:bob@h>;tag=1`, `<sip:h>`, or
 * `sip:bob@h;tag=1` — without brackets, every `;param` is a header parameter.
 */
export const parseNameAddr = (input: string): NameAddr => {
  const s = input.trim();
  let displayName: string | undefined;
  let i = 0;
  if (s.startsWith('"')) {
    // quoted-string with quoted-pair escapes (RFC 3261 §25.1)
    let j = 1;
    let out = '';
    for (; j < s.length; j++) {
      const c = s[j];
      if (c === '\\') {
        j++;
        out += s[j] ?? '';
      } else if (c === '"') break;
      else out += c;
    }
    if (j >= s.length) throw new UriError('unterminated display name');
    displayName = out;
    i = j + 1;
  }
  const lt = s.indexOf('<', i);
  if (lt >= 0) {
    if (displayName === undefined) {
      const token = s.slice(0, lt).trim();
      if (token.length > 0) displayName = token;
    }
    const gt = s.indexOf('>', lt);
    if (gt < 0) throw new UriError('unterminated <');
    const uri = parseUri(s.slice(lt + 1, gt));
    const after = s.slice(gt + 1).trim();
    const params = new Map<string, string>();
    if (after.length > 0) {
      if (after[0] !== ';') throw new UriError('junk after >');
      parseParams(after.slice(1), params);
    }
    return { displayName, uri, params, bracketed: true };
  }
  if (displayName !== undefined) throw new UriError('display name without <uri>');
  // addr-spec: no params in the URI itself; all are header params.
  const semi = s.indexOf(';');
  const uriPart = semi < 0 ? s : s.slice(0, semi);
  if (uriPart.includes('?') || uriPart.includes(',')) throw new UriError('addr-spec with ? or , must use <>');
  const uri = parseUri(uriPart);
  const params = semi < 0 ? new Map<string, string>() : parseParams(s.slice(semi + 1));
  return { displayName: undefined, uri, params, bracketed: false };
};

const needsQuotes = (s: string): boolean => !/^[A-Za-z0-9\-.!%*_+`'~ ]*$/.test(s);

export const formatNameAddr = (n: NameAddr): string => {
  let s = '';
  if (n.displayName !== undefined && n.displayName.length > 0) {
    s += needsQuotes(n.displayName) ? `"${n.displayName.replace(/["\\]/g, (c) => `\\${c}`)}" ` : `${n.displayName} `;
  }
  s += `<${formatUri(n.uri)}>`;
  s += formatParams(n.params);
  return s;
};

/** Only the `tag` param of a From/To value, with a cheap scan for the hot path. */
export const tagOf = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const gt = value.lastIndexOf('>');
  const from = gt >= 0 ? gt : 0;
  const lower = value.toLowerCase();
  let i = lower.indexOf(';tag=', from);
  if (i < 0) {
    // tolerate whitespace around ';' and '=' (RFC 3261 §25.1 SEMI / EQUAL allow LWS)
    try {
      return parseNameAddr(value).params.get('tag');
    } catch {
      return undefined;
    }
  }
  i += 5;
  let end = i;
  while (end < value.length && value[end] !== ';' && value[end] !== ' ' && value[end] !== '\t') end++;
  return value.slice(i, end);
};

/**
 * URI equality (RFC 3261 §19.1.4), the parts a registrar and a dialog need: scheme,
 * user (case-sensitive), host (case-insensitive), port, and the transport/user/method/
 * maddr/ttl params when present on either side.
 */
export const uriEquals = (a: SipUri, b: SipUri): boolean => {
  if (a.scheme !== b.scheme || a.user !== b.user || a.password !== b.password) return false;
  if (a.host.toLowerCase() !== b.host.toLowerCase() || a.port !== b.port) return false;
  for (const k of ['transport', 'user', 'method', 'maddr', 'ttl']) {
    const va = a.params.get(k);
    const vb = b.params.get(k);
    if ((va === undefined) !== (vb === undefined)) return false;
    if (va !== undefined && vb !== undefined && va.toLowerCase() !== vb.toLowerCase()) return false;
  }
  for (const [k, v] of a.params) {
    const o = b.params.get(k);
    if (o !== undefined && o.toLowerCase() !== v.toLowerCase()) return false;
  }
  return true;
};
