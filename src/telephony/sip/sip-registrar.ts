/**
 * Registrar (RFC 3261 §10.3) with digest authentication (§22, RFC 8760) against an
 * account store: each account is a CTI device name (R4.2) and its HA1s. Keeps
 * bindings with expiry; lists registrations for the admin, `checkDevice` (R4.6) and
 * `listDevices` (R2.6).
 *
 * Security: an unknown account and a wrong password look the same from outside (both
 * challenged, both 403), so `svwar` cannot enumerate accounts. Failed authentications
 * are counted per source address and user name: a pair that fails `maxFailures` times is
 * refused (403, whatever it sends) for `blockMs`, so a password guesser stops while the other phones behind the
 * same (NAT) address go on; a source failing for many user names (`maxSourceFailures`,
 * a guesser spraying extensions) is ignored altogether. Nothing is blocked on what a
 * request says about itself (a User-Agent is anyone's to write).
 */
import { getHeader, getHeaders } from './sip-message.js';
import { parseCSeq } from './sip-headers.js';
import { computeHa1s, DigestServer, type DigestAlgorithm, type DigestHa1s } from './sip-digest.js';
import { formatUri, parseNameAddr, parseUri } from './sip-uri.js';
import type { IncomingRequest, SipStack } from './sip-stack.js';
import type { SipAddress } from './sip-transport.js';

/**
 * A SIP account: the CTI device name (R4.2), used as the digest user name, and the HA1s
 * made from it, the realm and the password (RFC 7616 §3.4.2). A store never hands out the
 * password itself. The `password` form is only for test fixtures: its HA1s are computed here.
 */
export type SipAccount =
  | { device: string; realm: string; ha1: DigestHa1s }
  | { device: string; password: string };

/** The HA1s an account answers with in `realm`; none when they were made for another realm. */
export const accountHa1s = (account: SipAccount | undefined, realm: string): DigestHa1s | undefined => {
  if (account === undefined) return undefined;
  if ('password' in account) return computeHa1s(account.device, realm, account.password);
  return account.realm === realm ? account.ha1 : undefined;
};

export interface AccountStore {
  find(device: string): SipAccount | undefined | Promise<SipAccount | undefined>;
}

export interface Binding {
  device: string;
  /** Contact URI (no brackets). */
  contact: string;
  expiresAt: number;
  callId: string;
  cseq: number;
  source: SipAddress;
  userAgent: string | undefined;
}

export interface RegistrarOptions {
  realm: string;
  accounts: AccountStore;
  now?: () => number;
  minExpires?: number;
  maxExpires?: number;
  defaultExpires?: number;
  /** Failed authentications of one user name from one source within `failureWindowMs` before the pair is blocked. */
  maxFailures?: number;
  /** Failed authentications from one source, all user names together, before the whole source is blocked (default 4 × maxFailures). */
  maxSourceFailures?: number;
  failureWindowMs?: number;
  blockMs?: number;
  algorithms?: DigestAlgorithm[];
  /**
   * Which algorithms to challenge a given User-Agent with. Default: SHA-256 then MD5
   * (RFC 8760 §2.4), except MD5 alone for libre-based phones (baresip): they reject the
   * whole 401 with ENOSYS as soon as any challenge is not MD5 (seen with baresip 1.0.0).
   */
  algorithmsFor?(userAgent: string | undefined): DigestAlgorithm[];
  nonceTtlMs?: number;
  onChange?(device: string): void;
  /** Where a block is reported (warn) when no `onAuthFailure` does it: the operator sees who was shut out and why. */
  log?: { warn(details: object, message: string): void };
  /**
   * A refused authentication (wrong password, unknown account), before the 403 (issue 17,
   * operators' log). `blocked`: what it blocked, in words, when it did; `undefined` for a
   * request refused because its user name is already blocked (already logged once).
   */
  onAuthFailure?(inc: IncomingRequest, username: string | undefined, blocked: string | false | undefined): void;
}

export type AuthOutcome = { ok: true; device: string } | { ok: false };

export class Registrar {
  readonly digest: DigestServer;
  private readonly bindingsByDevice = new Map<string, Binding[]>();
  private readonly failures = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly now: () => number;
  private readonly o: Required<Pick<RegistrarOptions, 'minExpires' | 'maxExpires' | 'defaultExpires' | 'maxFailures' | 'maxSourceFailures' | 'failureWindowMs' | 'blockMs'>>;

  constructor(private readonly stack: SipStack, private readonly opts: RegistrarOptions) {
    this.now = opts.now ?? Date.now;
    this.digest = new DigestServer({ realm: opts.realm, now: this.now, algorithms: opts.algorithms, nonceTtlMs: opts.nonceTtlMs });
    this.o = {
      minExpires: opts.minExpires ?? 60,
      maxExpires: opts.maxExpires ?? 3600,
      defaultExpires: opts.defaultExpires ?? 3600,
      maxFailures: opts.maxFailures ?? 5,
      maxSourceFailures: opts.maxSourceFailures ?? 4 * (opts.maxFailures ?? 5),
      failureWindowMs: opts.failureWindowMs ?? 60_000,
      blockMs: opts.blockMs ?? 600_000,
    };
  }

  /**
   * True while `host` is blocked (its requests are dropped unanswered), or with `username`
   * while that user name from `host` is (refused with 403). The whole source is blocked
   * only after failures for many user names.
   */
  isBlocked(host: string, username?: string): boolean {
    return this.blockedNow(blockKey(host)) || (username !== undefined && this.blockedNow(blockKey(host, username)));
  }

  private blockedNow(key: string): boolean {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.blockedUntil.delete(key);
    return false;
  }

  /**
   * A failed digest authentication of `username` from `host`: counted for the pair and for
   * the source. What it blocked, in words, or false; the block is logged here unless the
   * `onAuthFailure` hook reports it.
   */
  private recordFailure(host: string, username: string): string | false {
    const t = this.now();
    const count = (key: string, max: number, what: string): string | false => {
      const list = (this.failures.get(key) ?? []).filter((x) => x > t - this.o.failureWindowMs);
      list.push(t);
      this.failures.set(key, list);
      if (list.length < max) return false;
      this.blockedUntil.set(key, t + this.o.blockMs);
      this.failures.delete(key);
      const words = `${what} blocked for ${Math.round(this.o.blockMs / 1000)} s after ${list.length} failed authentications within ${Math.round(this.o.failureWindowMs / 1000)} s`;
      if (this.opts.onAuthFailure === undefined) this.opts.log?.warn({ source: host, username, failures: list.length, blockedForMs: this.o.blockMs }, `SIP ${words}`);
      return words;
    };
    // user names are the guesser's to choose: past a bound, counts and blocks that ran out go
    if (this.failures.size + this.blockedUntil.size > MAX_TRACKED) this.sweep(t);
    const user = count(blockKey(host, username), this.o.maxFailures, `user "${username}" from ${host}`);
    const source = count(blockKey(host), this.o.maxSourceFailures, `source ${host} (every user name)`);
    return user || source;
  }

  private sweep(t: number): void {
    for (const [k, list] of this.failures) if (list.every((x) => x <= t - this.o.failureWindowMs)) this.failures.delete(k);
    for (const [k, until] of this.blockedUntil) if (until <= t) this.blockedUntil.delete(k);
  }

  /**
   * Digest-authenticates any request (REGISTER with 401/WWW-Authenticate, others with
   * 407/Proxy-Authenticate, RFC 3261 §22.1/§22.3). On failure the response is already sent.
   */
  async authenticate(inc: IncomingRequest, status: 401 | 407 = 401): Promise<AuthOutcome> {
    const req = inc.request;
    const host = inc.source.host;
    const challengeHeader = status === 401 ? 'www-authenticate' : 'proxy-authenticate';
    const credHeader = status === 401 ? 'authorization' : 'proxy-authorization';
    const creds = getHeaders(req, credHeader).find((h) => h.toLowerCase().includes(`realm="${this.opts.realm.toLowerCase()}"`)) ?? getHeader(req, credHeader);
    const algorithms = (this.opts.algorithmsFor ?? defaultAlgorithmsFor)(getHeader(req, 'user-agent'));
    const challenge = (stale: boolean): void => {
      this.stack.respond(inc, status, { headers: this.digest.challenge(stale, algorithms).map((c): [string, string] => [challengeHeader, c]) });
    };
    if (creds === undefined) {
      challenge(false);
      return { ok: false };
    }
    const username = DigestServer.usernameOf(creds);
    // A blocked pair gets the wrong password's answer whatever it sends, right password
    // included (it learns nothing, and an answered transaction holds no per-source slot).
    if (this.isBlocked(host, username ?? '')) {
      this.opts.onAuthFailure?.(inc, username, undefined);
      this.stack.respond(inc, 403);
      return { ok: false };
    }
    const account = username !== undefined ? await this.opts.accounts.find(username) : undefined;
    // RFC 3261 §22.4: the digest uri must be the Request-URI (a captured answer for another target is refused)
    const result = this.digest.verify(creds, req.method, accountHa1s(account, this.opts.realm), req.uri);
    if (result.ok && account) return { ok: true, device: account.device };
    if (!result.ok && (result.reason === 'stale' || result.reason === 'bad-nonce')) {
      // A nonce from before a restart, or expired: challenge again, not a failure (RFC 7616 §3.3)
      challenge(result.reason === 'stale');
      return { ok: false };
    }
    const blocked = this.recordFailure(host, username ?? '');
    this.opts.onAuthFailure?.(inc, username, blocked);
    this.stack.respond(inc, 403);
    return { ok: false };
  }

  /** Handles a REGISTER (RFC 3261 §10.3). */
  async handle(inc: IncomingRequest): Promise<void> {
    const req = inc.request;
    if (this.isBlocked(inc.source.host)) return; // silently dropped
    const auth = await this.authenticate(inc, 401);
    if (!auth.ok) return;
    // §10.3 step 5: the authenticated user may only change its own AOR
    let aorUser: string | undefined;
    try {
      aorUser = parseNameAddr(getHeader(req, 'to') ?? '').uri.user;
    } catch {
      aorUser = undefined;
    }
    if (aorUser !== auth.device) {
      this.stack.respond(inc, 403, { reason: 'Forbidden (To does not match the account)' });
      return;
    }
    const device = auth.device;
    const callId = getHeader(req, 'call-id') ?? '';
    const cseq = parseCSeq(getHeader(req, 'cseq') ?? '')?.seq ?? 0;
    const contacts = getHeaders(req, 'contact');
    const expiresHeader = getHeader(req, 'expires');
    const headerExpires = expiresHeader !== undefined && /^\d{1,10}$/.test(expiresHeader) ? Number(expiresHeader) : undefined;
    const t = this.now();
    let list = (this.bindingsByDevice.get(device) ?? []).filter((b) => b.expiresAt > t);

    if (contacts.includes('*')) {
      // §10.3 step 6: '*' only alone and with Expires: 0
      if (contacts.length !== 1 || headerExpires !== 0) {
        this.stack.respond(inc, 400, { reason: 'Bad Request (wildcard Contact)' });
        return;
      }
      list = [];
    } else {
      const updates: Array<{ contact: string; expires: number }> = [];
      for (const c of contacts) {
        let parsed;
        try {
          parsed = parseNameAddr(c);
        } catch {
          this.stack.respond(inc, 400, { reason: 'Bad Request (Contact)' });
          return;
        }
        const pe = parsed.params.get('expires');
        let expires = pe !== undefined && /^\d{1,10}$/.test(pe) ? Number(pe) : headerExpires ?? this.o.defaultExpires;
        if (expires > 0 && expires < this.o.minExpires) {
          // §10.3 step 7: too brief → 423 with Min-Expires
          this.stack.respond(inc, 423, { headers: [['min-expires', String(this.o.minExpires)]] });
          return;
        }
        expires = Math.min(expires, this.o.maxExpires);
        updates.push({ contact: formatUri(parsed.uri), expires });
      }
      for (const u of updates) {
        const existing = list.find((b) => sameContact(b.contact, u.contact));
        if (existing && existing.callId === callId && cseq <= existing.cseq) {
          // §10.3 step 7: out-of-order REGISTER for the same Call-ID
          this.stack.respond(inc, 500, { reason: 'Out Of Order' });
          return;
        }
        list = list.filter((b) => b !== existing);
        if (u.expires > 0) {
          list.push({ device, contact: u.contact, expiresAt: t + u.expires * 1000, callId, cseq, source: inc.source, userAgent: getHeader(req, 'user-agent') });
        }
      }
    }
    if (list.length > 0) this.bindingsByDevice.set(device, list);
    else this.bindingsByDevice.delete(device);
    // §10.3 step 8: 200 lists all current bindings with their remaining time
    const headers: Array<[string, string]> = list.map((b) => ['contact', `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt - t) / 1000))}`]);
    headers.push(['date', new Date(t).toUTCString()]);
    this.stack.respond(inc, 200, { headers });
    this.opts.onChange?.(device);
  }

  /** Live bindings of a device. */
  bindings(device: string): Binding[] {
    const t = this.now();
    return (this.bindingsByDevice.get(device) ?? []).filter((b) => b.expiresAt > t);
  }

  isRegistered(device: string): boolean {
    return this.bindings(device).length > 0;
  }

  /** Every device with a live binding. */
  registrations(): Array<{ device: string; bindings: Binding[] }> {
    const out: Array<{ device: string; bindings: Binding[] }> = [];
    for (const device of this.bindingsByDevice.keys()) {
      const b = this.bindings(device);
      if (b.length > 0) out.push({ device, bindings: b });
    }
    return out;
  }
}

/** Failure counts and blocks kept before the ones that ran out are swept. */
const MAX_TRACKED = 10_000;

/** Key of a block or failure count: the source, or the source and the user name tried from it. */
const blockKey = (host: string, username?: string): string => (username === undefined ? host : `${host}\u0000${username}`);

const MD5_ONLY_AGENTS = /baresip|libre/i;

export const defaultAlgorithmsFor = (userAgent: string | undefined): DigestAlgorithm[] =>
  userAgent !== undefined && MD5_ONLY_AGENTS.test(userAgent) ? ['MD5'] : ['SHA-256', 'MD5'];

const sameContact = (a: string, b: string): boolean => {
  try {
    const x = parseUri(a);
    const y = parseUri(b);
    return x.scheme === y.scheme && x.user === y.user && x.host.toLowerCase() === y.host.toLowerCase() && x.port === y.port;
  } catch {
    return a === b;
  }
};
