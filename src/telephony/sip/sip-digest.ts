/**
 * Digest access authentication for SIP (RFC 3261 §22.4, RFC 2617, RFC 7616, RFC 8760):
 * MD5 and SHA-256, qop=auth. Server side: stateless nonces (timestamp + random + HMAC,
 * so any nonce we did not issue, or issued too long ago, is recognised without a table)
 * and nonce-count replay checks. Client side: answers a challenge.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'SHA-256';

export interface DigestParams {
  scheme: string;
  params: Map<string, string>;
}

/** `Digest realm="x", nonce="y", qop=auth` → params (keys lower-cased, quotes removed). */
export const parseAuthHeader = (value: string): DigestParams | undefined => {
  const s = value.trim();
  const sp = s.indexOf(' ');
  if (sp <= 0) return undefined;
  const scheme = s.slice(0, sp);
  const params = new Map<string, string>();
  let i = sp + 1;
  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === ',' || s[i] === '\t')) i++;
    if (i >= s.length) break;
    const eq = s.indexOf('=', i);
    if (eq < 0) return undefined;
    const key = s.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (s[i] === ' ') i++;
    let val = '';
    if (s[i] === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\') i++;
        val += s[i] ?? '';
        i++;
      }
      if (i >= s.length) return undefined;
      i++;
    } else {
      const end = s.indexOf(',', i);
      val = s.slice(i, end < 0 ? s.length : end).trim();
      i = end < 0 ? s.length : end;
    }
    if (params.size > 30) return undefined;
    params.set(key, val);
  }
  return { scheme, params };
};

const hashName = (a: DigestAlgorithm): string => (a === 'MD5' ? 'md5' : 'sha256');

export const digestHash = (a: DigestAlgorithm, s: string): string => createHash(hashName(a)).update(s, 'utf8').digest('hex');

export interface ResponseInput {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  qop?: 'auth';
  nc?: string;
  cnonce?: string;
}

/** The HA1 of one algorithm: RFC 7616 §3.4.2, HA1 = H(username ":" realm ":" password). */
export const computeHa1 = (algorithm: DigestAlgorithm, username: string, realm: string, password: string): string =>
  digestHash(algorithm, `${username}:${realm}:${password}`);

/**
 * What a server keeps instead of a password: the HA1 of every algorithm it offers. The
 * realm and the user name are inside the hash, so a new realm (or a renamed device) makes
 * the stored HA1s useless: the password must be set again.
 */
export type DigestHa1s = Record<DigestAlgorithm, string>;

export const computeHa1s = (username: string, realm: string, password: string): DigestHa1s => ({
  'MD5': computeHa1('MD5', username, realm, password),
  'SHA-256': computeHa1('SHA-256', username, realm, password),
});

export type Ha1ResponseInput = Omit<ResponseInput, 'username' | 'realm' | 'password'> & { ha1: string };

/** RFC 7616 §3.4.1 (qop=auth) / RFC 2617 §3.2.2.1 (no qop), from a stored HA1. */
export const computeResponseFromHa1 = (x: Ha1ResponseInput): string => {
  const ha2 = digestHash(x.algorithm, `${x.method}:${x.uri}`);
  if (x.qop === 'auth') return digestHash(x.algorithm, `${x.ha1}:${x.nonce}:${x.nc}:${x.cnonce}:auth:${ha2}`);
  return digestHash(x.algorithm, `${x.ha1}:${x.nonce}:${ha2}`);
};

/** RFC 7616 §3.4.1 (qop=auth) / RFC 2617 §3.2.2.1 (no qop). */
export const computeDigestResponse = (x: ResponseInput): string =>
  computeResponseFromHa1({ ...x, ha1: computeHa1(x.algorithm, x.username, x.realm, x.password) });

const quote = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export type VerifyResult =
  | { ok: true; username: string }
  | { ok: false; reason: 'malformed' | 'wrong-realm' | 'bad-nonce' | 'stale' | 'replay' | 'wrong-password' | 'uri-mismatch' };

export interface DigestServerOptions {
  realm: string;
  /** HMAC key for nonces; random per process by default (nonces die with a restart). */
  secret?: Buffer;
  nonceTtlMs?: number;
  now?: () => number;
  /** Offered in this order (RFC 8760 §2.4: the preferred one first). */
  algorithms?: DigestAlgorithm[];
}

export class DigestServer {
  readonly realm: string;
  private readonly secret: Buffer;
  private readonly ttl: number;
  private readonly now: () => number;
  readonly algorithms: DigestAlgorithm[];
  /** Highest nonce-count seen per nonce (RFC 7616 §3.4: replay protection). Bounded by nonce life. */
  private readonly counts = new Map<string, { nc: number; expires: number }>();
  /** Size at which expired counts are swept next (amortised: see `prune`). */
  private pruneAt = 10_000;

  constructor(opts: DigestServerOptions) {
    this.realm = opts.realm;
    this.secret = opts.secret ?? randomBytes(32);
    this.ttl = opts.nonceTtlMs ?? 300_000;
    this.now = opts.now ?? Date.now;
    this.algorithms = opts.algorithms ?? ['SHA-256', 'MD5'];
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(body).update(this.realm).digest().subarray(0, 16);
  }

  /** nonce = base64url(issued-at ms (8 bytes) ‖ 8 random bytes ‖ HMAC-SHA256 truncated to 16). */
  newNonce(): string {
    const body = Buffer.alloc(16);
    body.writeBigUInt64BE(BigInt(Math.floor(this.now())), 0);
    randomBytes(8).copy(body, 8);
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  /** 'ok' | 'stale' (ours but expired) | 'bad' (not ours). */
  checkNonce(nonce: string): 'ok' | 'stale' | 'bad' {
    const raw = Buffer.from(nonce, 'base64url');
    if (raw.length !== 32) return 'bad';
    const body = raw.subarray(0, 16);
    if (!timingSafeEqual(raw.subarray(16), this.mac(body))) return 'bad';
    const issued = Number(body.readBigUInt64BE(0));
    const age = this.now() - issued;
    if (age < -1000) return 'bad';
    return age > this.ttl ? 'stale' : 'ok';
  }

  /** WWW-Authenticate / Proxy-Authenticate values, one per algorithm (RFC 8760 §2.4). */
  challenge(stale = false, algorithms: readonly DigestAlgorithm[] = this.algorithms): string[] {
    const nonce = this.newNonce();
    // An MD5-only challenge omits algorithm= (MD5 is the default, RFC 2617 §3.2.1): some
    // clients (sipvicious svcrack) only recognise a lowercase `md5` and crash on `MD5`.
    const alg = (a: DigestAlgorithm): string => (algorithms.length === 1 && a === 'MD5' ? '' : `, algorithm=${a}`);
    return algorithms.map((a) => `Digest realm=${quote(this.realm)}, nonce=${quote(nonce)}${alg(a)}, qop="auth"${stale ? ', stale=true' : ''}`);
  }

  /** The username an Authorization header claims (before looking the account up). */
  static usernameOf(header: string): string | undefined {
    const p = parseAuthHeader(header);
    return p && p.scheme.toLowerCase() === 'digest' ? p.params.get('username') : undefined;
  }

  /**
   * RFC 3261 §22.4 / RFC 7616 §3.4: checks realm, nonce (ours, fresh), nonce-count
   * (strictly increasing per nonce), and the response. The registrar passes the account's
   * stored HA1s (RFC 7616 §3.4.2), which must have been made for this realm; a plain
   * password string is accepted for test servers (e.g. a fake carrier) and hashed here.
   */
  verify(header: string, method: string, secret: DigestHa1s | string | undefined, requestUri?: string): VerifyResult {
    const p = parseAuthHeader(header);
    if (!p || p.scheme.toLowerCase() !== 'digest') return { ok: false, reason: 'malformed' };
    const g = (k: string): string | undefined => p.params.get(k);
    const username = g('username');
    const nonce = g('nonce');
    const uri = g('uri');
    const response = g('response');
    const algName = (g('algorithm') ?? 'MD5').toUpperCase();
    if (!username || !nonce || !uri || !response || g('realm') === undefined) return { ok: false, reason: 'malformed' };
    if (algName !== 'MD5' && algName !== 'SHA-256') return { ok: false, reason: 'malformed' };
    const algorithm = algName as DigestAlgorithm;
    if (g('realm') !== this.realm) return { ok: false, reason: 'wrong-realm' };
    const n = this.checkNonce(nonce);
    if (n === 'bad') return { ok: false, reason: 'bad-nonce' };
    if (requestUri !== undefined && uri !== requestUri) return { ok: false, reason: 'uri-mismatch' };
    const qop = g('qop');
    const nc = g('nc');
    const cnonce = g('cnonce');
    if (qop !== undefined && (qop !== 'auth' || !nc || !/^[0-9a-fA-F]{8}$/.test(nc) || !cnonce)) return { ok: false, reason: 'malformed' };
    if (secret === undefined) return { ok: false, reason: 'wrong-password' };
    const ha1 = typeof secret === 'string' ? computeHa1(algorithm, username, this.realm, secret) : secret[algorithm];
    const expected = computeResponseFromHa1({ algorithm, ha1, method, uri, nonce, qop: qop === 'auth' ? 'auth' : undefined, nc, cnonce });
    const a = Buffer.from(expected);
    const b = Buffer.from(response.toLowerCase());
    if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'wrong-password' };
    // Right password with an expired nonce: ask again with stale=true (RFC 7616 §3.3)
    if (n === 'stale') return { ok: false, reason: 'stale' };
    if (nc !== undefined) {
      const value = parseInt(nc, 16);
      const seen = this.counts.get(nonce);
      if (seen && value <= seen.nc) return { ok: false, reason: 'replay' };
      this.counts.set(nonce, { nc: value, expires: this.now() + this.ttl });
      if (this.counts.size > this.pruneAt) this.prune();
    }
    return { ok: true, username };
  }

  private prune(): void {
    const t = this.now();
    for (const [k, v] of this.counts) if (v.expires < t) this.counts.delete(k);
    // The next sweep waits until the map has doubled: with more than 10,000 live nonces (a
    // nonce lives 5 min: 34 authentications/s suffice) a sweep on every verify made each
    // authentication O(live nonces) (issue 6: 23% of the SIP thread at 300 calls/s).
    this.pruneAt = Math.max(10_000, 2 * this.counts.size);
  }
}

/** Client side: answers challenges, keeping the nonce-count per nonce (RFC 7616 §3.4). */
export class DigestClient {
  private nc = new Map<string, number>();

  constructor(private readonly username: string, private readonly password: string) {}

  /** Picks the strongest offered challenge (SHA-256 over MD5, RFC 8760 §2.4) and answers it. */
  authorize(challenges: readonly string[], method: string, uri: string): string | undefined {
    const parsed = challenges.map(parseAuthHeader).filter((c): c is DigestParams => c !== undefined && c.scheme.toLowerCase() === 'digest');
    const pick = parsed.find((c) => c.params.get('algorithm')?.toUpperCase() === 'SHA-256') ?? parsed.find((c) => (c.params.get('algorithm') ?? 'MD5').toUpperCase() === 'MD5');
    if (!pick) return undefined;
    const realm = pick.params.get('realm') ?? '';
    const nonce = pick.params.get('nonce') ?? '';
    const algorithm = (pick.params.get('algorithm')?.toUpperCase() ?? 'MD5') as DigestAlgorithm;
    const qopOffered = (pick.params.get('qop') ?? '').split(',').map((q) => q.trim());
    const useQop = qopOffered.includes('auth');
    const count = (this.nc.get(nonce) ?? 0) + 1;
    this.nc.set(nonce, count);
    const nc = count.toString(16).padStart(8, '0');
    const cnonce = randomBytes(12).toString('base64url');
    const response = computeDigestResponse({ algorithm, username: this.username, realm, password: this.password, method, uri, nonce, qop: useQop ? 'auth' : undefined, nc, cnonce });
    let h = `Digest username=${quote(this.username)}, realm=${quote(realm)}, nonce=${quote(nonce)}, uri=${quote(uri)}, response=${quote(response)}, algorithm=${algorithm}`;
    if (useQop) h += `, qop=auth, nc=${nc}, cnonce=${quote(cnonce)}`;
    const opaque = pick.params.get('opaque');
    if (opaque !== undefined) h += `, opaque=${quote(opaque)}`;
    return h;
  }
}
