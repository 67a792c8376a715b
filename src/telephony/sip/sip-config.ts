/**
 * Settings of the built-in SIP provider and the pure routing decisions made from them:
 * where a dialled string goes (a registered extension, the trunk, nowhere) and which
 * device an inbound trunk call rings (DID table with a default).
 */
import type { TimerValues } from './sip-transactions/sip-timers.js';
import type { AccountStore, SipAccount } from './sip-registrar.js';
import { computeHa1s, type DigestAlgorithm } from './sip-digest.js';
import type { LatchMode } from './media-relay.js';

/**
 * How a device's phone can be answered from the page (R6.7):
 * - `none`: it cannot; `answer` is off for the device and the user lifts the handset.
 * - `hint`: the phone honours `Call-Info: answer-after=0` / `Alert-Info: info=alert-autoanswer`
 *   on a re-offered INVITE: the ringing INVITE is cancelled and re-sent with the hints.
 * - `always`: the phone answers every INVITE by itself (intercom / headset mode, e.g.
 *   baresip `answermode=auto`): the call alerts on the page only, and the phone is invited
 *   when the user answers there.
 */
export type AutoAnswerMode = 'none' | 'hint' | 'always';

export interface SipTrunkConfig {
  host: string;
  port: number;
  /** Digits the dialling rules put before outside numbers; stripped before the trunk. */
  prefix: string;
  /** DID (dialled number as the trunk presents it) → device. */
  dids: Record<string, string>;
  /** Device that rings for an unknown DID; undefined: the call is refused (404). */
  defaultDevice?: string;
  /**
   * Credentials at the carrier. With both set, the server REGISTERs to the trunk
   * (RFC 3261 §10.2, `trunk-registration.ts`) and answers its 401/407 challenges on
   * REGISTER and on outbound INVITEs (§22.2); without them the trunk must accept us by IP.
   */
  username?: string;
  password?: string;
  /**
   * Registration interval asked of the trunk, in seconds (Expires, §10.2.1.1); default 3600.
   * 0: no registration, the credentials only answer challenges to our INVITEs.
   */
  registerExpires?: number;
}

export type SipTransportName = 'udp' | 'tcp';

export interface SipProviderConfig {
  listenHost: string;
  listenPort: number;
  /** Transports listening on listenHost:listenPort (RFC 3261 §18: UDP and TCP by default). */
  transports: SipTransportName[];
  /** Address put in SDP for media the server anchors (music on hold). */
  mediaHost: string;
  realm: string;
  trunk: SipTrunkConfig | null;
  /** device → its HA1s; `devices()` lists them for listDevices (R2.6). */
  accounts: AccountStore & { devices?(): string[] };
  autoAnswer: Record<string, AutoAnswerMode>;
  /** An unanswered outgoing leg is cancelled after this long (Timer C is proxy-only, §16.6). */
  noAnswerTimeoutMs: number;
  mohFile: string;
  /**
   * Failed authentications of one user name from one source within a minute before that
   * pair is refused for `blockMs` (a source failing for 4× as many, all names together, is
   * ignored altogether). Never a block on the User-Agent: it is anyone's to write.
   */
  maxAuthFailures: number;
  blockMs: number;
  maxTransactionsPerSource: number;
  maxDialogsPerSource: number;
  /**
   * Digest algorithms offered (RFC 8760 §2.4, preferred first). Libre-based phones get MD5
   * alone whatever this says (see the registrar). MD5-only clients that take the first
   * challenge (sipp, many desk phones) need `['MD5']` here.
   */
  digestAlgorithms: DigestAlgorithm[];
  /**
   * Symmetric RTP for phones behind NAT (media-relay.ts): send a party's media where its
   * RTP comes from — `same-host` (from the SDP's address, other port), `any`, or `off`.
   */
  mediaLatching: LatchMode;
  /** A connected call's side sending no RTP this long is logged as "no audio from …" (issue 17). */
  mediaStallMs: number;
  /** SIP trace: the last this many traced calls are kept (issue 17). */
  traceCalls: number;
  /** RFC 3261 timer values (T1, T2, T4); default those of §17. Tests shorten them. */
  timers?: TimerValues;
}

export const defaultSipConfig = (over: Partial<SipProviderConfig> & Pick<SipProviderConfig, 'accounts'>): SipProviderConfig => ({
  listenHost: '127.0.0.1',
  listenPort: 5060,
  transports: ['udp', 'tcp'],
  mediaHost: over.listenHost ?? '127.0.0.1',
  realm: DEFAULT_SIP_REALM,
  trunk: null,
  autoAnswer: {},
  noAnswerTimeoutMs: 30_000,
  mohFile: 'assets/moh/moh.wav',
  maxAuthFailures: 5,
  blockMs: 600_000,
  maxTransactionsPerSource: 200,
  maxDialogsPerSource: 50,
  mediaLatching: 'same-host',
  mediaStallMs: 5000,
  traceCalls: 50,
  digestAlgorithms: ['SHA-256', 'MD5'],
  ...over,
});

/** The realm when the settings name none: part of every stored HA1. */
export const DEFAULT_SIP_REALM = 'switchboard';

/**
 * The simple account store for tests and small setups: it keeps the HA1s it computes from
 * the passwords it is given, like the product's store (`src/crm/sip-accounts.ts`), never
 * the passwords.
 */
export class InMemoryAccountStore implements AccountStore {
  private readonly accounts = new Map<string, SipAccount>();

  constructor(entries: Record<string, string> = {}, readonly realm = DEFAULT_SIP_REALM) {
    for (const [device, password] of Object.entries(entries)) this.set(device, password);
  }

  set(device: string, password: string): void {
    this.accounts.set(device, { device, realm: this.realm, ha1: computeHa1s(device, this.realm, password) });
  }

  delete(device: string): void {
    this.accounts.delete(device);
  }

  find(device: string): SipAccount | undefined {
    return this.accounts.get(device);
  }

  devices(): string[] {
    return [...this.accounts.keys()];
  }
}

export type Route =
  | { kind: 'device'; device: string }
  | { kind: 'trunk'; number: string }
  | { kind: 'invalid'; reason: string };

/** Where a dialled string goes: a known device first, then the trunk by its prefix. */
export const routeDialled = (dialled: string, isDevice: (d: string) => boolean, trunk: SipTrunkConfig | null): Route => {
  const s = dialled.trim();
  if (isDevice(s)) return { kind: 'device', device: s };
  if (trunk !== null && s.startsWith(trunk.prefix)) {
    const number = s.slice(trunk.prefix.length);
    if (/^\+?[0-9*#]{3,32}$/.test(number)) return { kind: 'trunk', number };
  }
  return { kind: 'invalid', reason: trunk === null ? 'no trunk configured' : 'not an extension nor an outside number' };
};

/** Which device an inbound trunk call for `did` rings. */
export const deviceForDid = (trunk: SipTrunkConfig, did: string): string | undefined =>
  trunk.dids[did] ?? trunk.dids[did.replace(/^\+/, '')] ?? trunk.defaultDevice;

/**
 * The dialled number of an inbound trunk call. A carrier we register to (RFC 3261 §10)
 * may send its INVITEs to the Contact we registered, `sip:<username>@…`, with the DID
 * only in the To header (the practice of most registration-based trunks).
 */
export const didOf = (trunk: SipTrunkConfig, requestUser: string, toUser: string): string =>
  trunk.username !== undefined && requestUser === trunk.username && toUser !== '' ? toUser : requestUser;
