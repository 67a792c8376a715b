/**
 * Registration of the server to its SIP trunk, as a UAC (RFC 3261 §10.2), when the trunk
 * has credentials: REGISTER with From/To `sip:username@host` and our Contact, the digest
 * challenge answered (§22.2, 401 and 407; MD5 or SHA-256 with qop=auth and counted
 * nonce-counts, by `DigestClient`), refreshed before it expires, retried with backoff
 * when the trunk fails, given up on a refusal, and removed (Expires: 0, §10.2.2) on stop.
 *
 *   idle → registering → registered → registering (refresh) …
 *               ↓   ↑                      (any) → stopped
 *          retrying (503, timeout, other failures: after a backoff)
 *               ↓
 *          rejected (403, credentials refused twice: stays there until restarted)
 *
 * `transition()` is the only place the state changes; each move is logged
 * `from -[event]-> to`, and failures at warn level.
 */
import { getHeader, getHeaders, newRequest, type SipResponse } from './sip-message.js';
import { DigestClient, parseAuthHeader } from './sip-digest.js';
import { newCallId, newTag } from './sip-ids.js';
import { formatHostPort, parseNameAddr } from './sip-uri.js';
import type { SipStack } from './sip-stack.js';
import type { SipAddress } from './sip-transport.js';
import type { SipClock, TimerHandle } from './sip-transactions/sip-timers.js';
import type { SipTrunkConfig } from './sip-config.js';
import type { ProviderLink } from '../provider.js';

export type RegistrationState = 'idle' | 'registering' | 'registered' | 'retrying' | 'rejected' | 'stopped';

/** What the admin sees (`SipProvider.trunkStatus()`). Times are the clock's milliseconds. */
export type TrunkStatus =
  | { state: 'not-configured' }
  | { state: 'registering' }
  | { state: 'registered'; expiresAt: number }
  | { state: 'failed'; reason: string; retryAt?: number }
  | { state: 'unregistered' };

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** The trunk's registration as the provider contract's link for the admin; none when it does not register. */
export function trunkLinkOf(status: TrunkStatus, trunk: { host: string; port: number }): ProviderLink | null {
  const name = `SIP trunk ${formatHostPort(trunk.host, trunk.port)}`;
  switch (status.state) {
    case 'not-configured': return null;
    case 'registering': return { name, state: 'pending', detail: 'registering' };
    case 'registered': return { name, state: 'up', detail: `registered until ${clock(status.expiresAt)} UTC` };
    case 'failed': return { name, state: 'down', detail: status.retryAt === undefined ? `${status.reason}; not retrying (check the credentials)` : `${status.reason}; retrying at ${clock(status.retryAt)} UTC` };
    case 'unregistered': return { name, state: 'down', detail: 'not registered' };
  }
}

/** The provider's links (`TelephonyProvider.links`): the trunk's registration, when it registers. */
export const trunkLinks = (status: TrunkStatus, trunk: { host: string; port: number } | null): ProviderLink[] => {
  const link = trunk ? trunkLinkOf(status, trunk) : null;
  return link ? [link] : [];
};

/** The part of a pino-like logger used here. */
export interface RegistrationLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface TrunkRegistrationOptions {
  stack: Pick<SipStack, 'sendRequest' | 'contact'>;
  clock: SipClock;
  trunk: SipTrunkConfig & { username: string; password: string };
  log?: RegistrationLog;
  /** First retry delay after a failure; doubles up to `maxRetryMs` (RFC 5626 §4.5 uses 30 s … 1800 s). */
  retryBaseMs?: number;
  maxRetryMs?: number;
  /** How long `stop()` waits for the answer to the un-REGISTER. */
  unregisterTimeoutMs?: number;
}

type RegEvent = 'start' | 'ok' | 'refresh' | 'retry-wait' | 'retry' | 'refused' | 'stop';

const ALLOWED: Readonly<Record<RegistrationState, readonly RegistrationState[]>> = {
  idle: ['registering', 'stopped'],
  registering: ['registered', 'retrying', 'rejected', 'stopped'],
  registered: ['registering', 'stopped'],
  retrying: ['registering', 'stopped'],
  rejected: ['stopped'],
  stopped: [],
};

const DEFAULT_EXPIRES = 3600;

/** When to refresh a binding granted for `expires` s: at 90 %, but at least 30 s early, and not before half (short grants). */
export const refreshDelayMs = (expires: number): number => Math.round(Math.max(Math.min(expires * 0.9, expires - 30), expires / 2) * 1000);

/** Backoff before retry number `attempt` (1, 2, …): base · 2^(attempt−1), capped. */
export const retryDelayMs = (attempt: number, baseMs: number, maxMs: number): number => Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 20));

/**
 * The expiry the registrar granted (§10.2.4): the `expires` parameter of our Contact in the
 * 2xx, else its Expires header, else what we asked.
 */
export const grantedExpires = (res: SipResponse, ourContact: string, asked: number): number => {
  const ours = parseNameAddr(ourContact).uri;
  for (const c of getHeaders(res, 'contact')) {
    try {
      const n = parseNameAddr(c);
      const e = n.params.get('expires');
      if (e !== undefined && n.uri.host === ours.host && n.uri.port === ours.port && /^\d+$/.test(e)) return Number(e);
    } catch {
      // a Contact we cannot parse is not ours
    }
  }
  const h = getHeader(res, 'expires');
  return h !== undefined && /^\d+$/.test(h.trim()) ? Number(h.trim()) : asked;
};

const noLog: RegistrationLog = { info: () => undefined, warn: () => undefined };

/** Default for the provider until a logger is passed: failures to stderr, the rest not at all. */
export const consoleRegistrationLog: RegistrationLog = { info: () => undefined, warn: (details, message) => console.warn(message, details) };

export class TrunkRegistration {
  private stateValue: RegistrationState = 'idle';
  private reason = '';
  private expiresAt = 0;
  private retryAt: number | undefined;
  private attempts = 0;
  private timer: TimerHandle | undefined;
  private readonly callId = newCallId();
  private readonly fromTag = newTag();
  private cseq = 0;
  private readonly digest: DigestClient;
  /** The last challenge, answered again (next nonce-count) on refreshes without waiting for a 401. */
  private lastChallenge: { header: 'authorization' | 'proxy-authorization'; values: string[] } | undefined;
  private expires: number;
  private readonly dest: SipAddress;
  private readonly aor: string;
  private readonly requestUri: string;
  private readonly log: RegistrationLog;

  constructor(private readonly o: TrunkRegistrationOptions) {
    this.digest = new DigestClient(o.trunk.username, o.trunk.password);
    this.expires = o.trunk.registerExpires ?? DEFAULT_EXPIRES;
    this.dest = { protocol: 'udp', host: o.trunk.host, port: o.trunk.port };
    // §10.2: Request-URI names the registrar's domain, no user part; To/From the address of record
    this.requestUri = `sip:${formatHostPort(o.trunk.host, o.trunk.port === 5060 ? undefined : o.trunk.port)}`;
    this.aor = `sip:${o.trunk.username}@${formatHostPort(o.trunk.host, undefined)}`;
    this.log = o.log ?? noLog;
  }

  get state(): RegistrationState {
    return this.stateValue;
  }

  status(): TrunkStatus {
    switch (this.stateValue) {
      case 'idle': case 'registering': return this.expiresAt > this.o.clock.now() ? { state: 'registered', expiresAt: this.expiresAt } : { state: 'registering' };
      case 'registered': return { state: 'registered', expiresAt: this.expiresAt };
      case 'retrying': return { state: 'failed', reason: this.reason, retryAt: this.retryAt };
      case 'rejected': return { state: 'failed', reason: this.reason };
      case 'stopped': return { state: 'unregistered' };
    }
  }

  /** The one door for state changes. */
  private transition(event: RegEvent, to: RegistrationState): boolean {
    const from = this.stateValue;
    if (!ALLOWED[from].includes(to)) return false;
    this.stateValue = to;
    const details = { trunk: `${this.o.trunk.host}:${this.o.trunk.port}`, event, from, to, ...(this.reason && (to === 'retrying' || to === 'rejected') ? { reason: this.reason } : {}) };
    if (to === 'retrying' || to === 'rejected') this.log.warn(details, `trunk registration ${from} -[${event}]-> ${to}: ${this.reason}`);
    else this.log.info(details, `trunk registration ${from} -[${event}]-> ${to}`);
    return true;
  }

  start(): void {
    if (this.transition('start', 'registering')) this.send(this.expires);
  }

  private contact(): string {
    return this.o.stack.contact('udp', this.o.trunk.username, this.o.trunk.host);
  }

  /**
   * One REGISTER (§10.2.1): same Call-ID and From tag for every registration of this run,
   * CSeq one higher each time (§10.2.4 refreshes, §22.2 answers to challenges).
   */
  private register(expires: number, onFinal: (res: SipResponse | undefined, why?: string) => void, challenge = this.lastChallenge, answered = 0): void {
    this.cseq++;
    const headers: Array<[string, string]> = [
      ['from', `<${this.aor}>;tag=${this.fromTag}`],
      ['to', `<${this.aor}>`],
      ['call-id', this.callId],
      ['cseq', `${this.cseq} REGISTER`],
      ['contact', this.contact()],
      ['expires', String(expires)],
      ['allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY'],
      ['user-agent', 'Switchboard'],
    ];
    if (challenge) {
      const auth = this.digest.authorize(challenge.values, 'REGISTER', this.requestUri);
      if (auth) headers.push([challenge.header, auth]);
    }
    this.o.stack.sendRequest(newRequest('REGISTER', this.requestUri, headers), {
      onResponse: (res) => {
        if (res.status < 200) return;
        if (res.status === 401 || res.status === 407) {
          const values = [...getHeaders(res, res.status === 401 ? 'www-authenticate' : 'proxy-authenticate')];
          const stale = values.some((v) => parseAuthHeader(v)?.params.get('stale')?.toLowerCase() === 'true');
          // §22.2: answer a challenge once; a second one for fresh credentials means they are wrong
          // (unless the nonce was only stale, RFC 7616 §3.3: then once more, never in a loop)
          if (values.length === 0 || answered >= 2 || (answered === 1 && !stale)) return onFinal(res);
          this.lastChallenge = { header: res.status === 401 ? 'authorization' : 'proxy-authorization', values };
          return this.register(expires, onFinal, this.lastChallenge, answered + 1);
        }
        onFinal(res);
      },
      onFailure: (why) => onFinal(undefined, why),
    }, this.dest);
  }

  private send(expires: number): void {
    this.register(expires, (res, why) => this.onResult(res, why));
  }

  private onResult(res: SipResponse | undefined, why?: string): void {
    if (this.stateValue !== 'registering') return; // stopped meanwhile
    if (res && res.status >= 200 && res.status < 300) {
      const granted = grantedExpires(res, this.contact(), this.expires);
      this.attempts = 0;
      this.reason = '';
      this.expiresAt = this.o.clock.now() + granted * 1000;
      this.transition('ok', 'registered');
      this.arm(refreshDelayMs(granted), () => {
        if (this.transition('refresh', 'registering')) this.send(this.expires);
      });
      return;
    }
    if (res?.status === 423) {
      // §10.2.8: Interval Too Brief: ask again at once with the registrar's Min-Expires
      const min = Number(getHeader(res, 'min-expires'));
      if (Number.isFinite(min) && min > this.expires) {
        this.expires = min;
        return this.send(this.expires);
      }
    }
    if (res && (res.status === 403 || res.status === 401 || res.status === 407 || res.status === 404)) {
      // A refusal: the same request again would be refused again (and count as an attack)
      this.reason = res.status === 403 || res.status === 404 ? `refused by the trunk: ${res.status} ${res.reason}` : `credentials refused by the trunk: ${res.status} ${res.reason}`;
      this.expiresAt = 0;
      this.transition('refused', 'rejected');
      return;
    }
    this.attempts++;
    this.reason = res ? `${res.status} ${res.reason}` : `no answer from the trunk (${why ?? 'timeout'})`;
    let delay = retryDelayMs(this.attempts, this.o.retryBaseMs ?? 30_000, this.o.maxRetryMs ?? 1_800_000);
    const after = res?.status === 503 ? Number(getHeader(res, 'retry-after')?.trim().split(/[\s;(]/)[0]) : NaN;
    if (Number.isFinite(after) && after > 0) delay = Math.max(delay, after * 1000); // RFC 3261 §20.33
    this.retryAt = this.o.clock.now() + delay;
    this.transition('retry-wait', 'retrying');
    this.arm(delay, () => {
      if (this.transition('retry', 'registering')) this.send(this.expires);
    });
  }

  private arm(ms: number, fn: () => void): void {
    this.timer?.cancel();
    this.timer = this.o.clock.setTimer(ms, fn);
  }

  /**
   * Removes our binding (§10.2.2: Expires 0 for our Contact) when one may exist, and stops.
   * Resolves when the trunk answered, or after `unregisterTimeoutMs`.
   */
  async stop(): Promise<void> {
    const wasBound = this.stateValue === 'registered' || (this.stateValue === 'registering' && this.expiresAt > this.o.clock.now());
    this.timer?.cancel();
    this.timer = undefined;
    if (!this.transition('stop', 'stopped') || !wasBound) return;
    this.expiresAt = 0;
    await new Promise<void>((resolve) => {
      const guard = this.o.clock.setTimer(this.o.unregisterTimeoutMs ?? 2000, () => resolve());
      this.register(0, (res, why) => {
        guard.cancel();
        if (!res || res.status >= 300) this.log.warn({ trunk: `${this.o.trunk.host}:${this.o.trunk.port}`, status: res?.status, why }, 'trunk un-REGISTER failed');
        resolve();
      });
    });
  }
}

/** Whether the trunk has credentials (both set): challenges from it are answered. */
export const hasCredentials = (t: SipTrunkConfig | null): t is SipTrunkConfig & { username: string; password: string } =>
  t !== null && typeof t.username === 'string' && t.username !== '' && typeof t.password === 'string';

/**
 * Whether we REGISTER to the trunk: it has credentials, and `registerExpires` is not 0
 * (0: a carrier that takes us by IP but challenges our INVITEs; nothing to register).
 */
export const wantsRegistration = (t: SipTrunkConfig | null): t is SipTrunkConfig & { username: string; password: string } =>
  hasCredentials(t) && t.registerExpires !== 0;
