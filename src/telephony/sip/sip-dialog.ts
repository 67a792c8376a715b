/**
 * Dialogs (RFC 3261 §12): created from a dialog-creating request and its 2xx or
 * 1xx-with-tag response; carry the route set, the remote target, both CSeq spaces;
 * build in-dialog requests (§12.2.1.1) and the ACK for a 2xx (§13.2.2.4).
 *
 *   early → confirmed → terminated      (early → terminated on a non-2xx final)
 *
 * Pure bookkeeping: no sockets, no timers. `transition()` is the one door.
 */
import { getHeader, getHeaders, newRequest, type SipRequest, type SipResponse } from './sip-message.js';
import { parseCSeq } from './sip-headers.js';
import { formatUri, parseNameAddr, parseUri, tagOf, type SipUri } from './sip-uri.js';
import { normalizeHost, type SipAddress, type SipProtocol } from './sip-transport.js';

export type DialogState = 'early' | 'confirmed' | 'terminated';

export interface DialogId {
  callId: string;
  localTag: string;
  remoteTag: string;
}

export const dialogKey = (id: DialogId): string => `${id.callId}|${id.localTag}|${id.remoteTag}`;

const ALLOWED: Readonly<Record<DialogState, readonly DialogState[]>> = {
  early: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

/** Contact URI of a message (first Contact), bracket-stripped; undefined if absent or `*`. */
const contactUri = (m: SipRequest | SipResponse): string | undefined => {
  const c = getHeaders(m, 'contact')[0];
  if (c === undefined || c === '*') return undefined;
  try {
    return formatUri(parseNameAddr(c).uri);
  } catch {
    return undefined;
  }
};

export interface DialogRequestOptions {
  /** Our Contact header value (a target refresh carries it, §12.2.1.1). */
  contact?: string;
  headers?: Array<[string, string]>;
  body?: Buffer;
  contentType?: string;
}

export class Dialog {
  readonly id: DialogId;
  private stateValue: DialogState;
  /** Local CSeq; undefined until we send a request (UAS side, §12.1.1). */
  localSeq: number | undefined;
  /** Remote CSeq; undefined until the peer sends one (UAC side, §12.1.2). */
  remoteSeq: number | undefined;
  /** Our From/To header value in requests we send (with our tag). */
  readonly localHeader: string;
  /** Their header value (with their tag). */
  readonly remoteHeader: string;
  remoteTarget: string;
  /** Route set: URIs in the order they go into Route headers. */
  readonly routeSet: readonly string[];
  readonly secure: boolean;
  /** CSeq of the INVITE that created (or last refreshed) the session, for the ACK. */
  inviteSeq: number | undefined;
  /** Transport for in-dialog requests when the target URI names none (the one the dialog was made on). */
  protocol: SipProtocol = 'udp';
  /** The peer's transport address (set by `SipStack.registerDialog`): the only source of in-dialog requests. */
  peer: SipAddress | undefined;

  private constructor(init: {
    id: DialogId; state: DialogState; localSeq: number | undefined; remoteSeq: number | undefined;
    localHeader: string; remoteHeader: string; remoteTarget: string; routeSet: string[]; secure: boolean; inviteSeq: number | undefined;
  }) {
    this.id = init.id;
    this.stateValue = init.state;
    this.localSeq = init.localSeq;
    this.remoteSeq = init.remoteSeq;
    this.localHeader = init.localHeader;
    this.remoteHeader = init.remoteHeader;
    this.remoteTarget = init.remoteTarget;
    this.routeSet = init.routeSet;
    this.secure = init.secure;
    this.inviteSeq = init.inviteSeq;
  }

  get state(): DialogState {
    return this.stateValue;
  }

  get key(): string {
    return dialogKey(this.id);
  }

  /**
   * UAS side (§12.1.1): route set = Record-Route in order; remote target = the request's
   * Contact; remote CSeq = the request's; local CSeq empty; local tag = the To tag we answer with.
   */
  static asUas(req: SipRequest, response: SipResponse): Dialog {
    const localTag = tagOf(getHeader(response, 'to'));
    const remoteTag = tagOf(getHeader(req, 'from')) ?? '';
    if (!localTag) throw new Error('a dialog-creating response needs a To tag (§12.1.1)');
    const cseq = parseCSeq(getHeader(req, 'cseq') ?? '');
    return new Dialog({
      id: { callId: getHeader(req, 'call-id') ?? '', localTag, remoteTag },
      state: response.status >= 200 ? 'confirmed' : 'early',
      localSeq: undefined,
      remoteSeq: cseq?.seq,
      localHeader: getHeader(response, 'to') ?? '',
      remoteHeader: getHeader(req, 'from') ?? '',
      remoteTarget: contactUri(req) ?? req.uri,
      routeSet: routeUris(getHeaders(req, 'record-route')),
      secure: req.uri.toLowerCase().startsWith('sips:'),
      inviteSeq: req.method === 'INVITE' ? cseq?.seq : undefined,
    });
  }

  /**
   * UAC side (§12.1.2): route set = Record-Route of the response in REVERSE order;
   * remote target = the response's Contact; local CSeq = the request's; remote empty.
   */
  static asUac(req: SipRequest, response: SipResponse): Dialog {
    const remoteTag = tagOf(getHeader(response, 'to'));
    const localTag = tagOf(getHeader(req, 'from'));
    if (!remoteTag || !localTag) throw new Error('a dialog needs both tags (§12.1.2)');
    const cseq = parseCSeq(getHeader(req, 'cseq') ?? '');
    return new Dialog({
      id: { callId: getHeader(req, 'call-id') ?? '', localTag, remoteTag },
      state: response.status >= 200 ? 'confirmed' : 'early',
      localSeq: cseq?.seq,
      remoteSeq: undefined,
      localHeader: getHeader(req, 'from') ?? '',
      remoteHeader: getHeader(response, 'to') ?? '',
      remoteTarget: contactUri(response) ?? req.uri,
      routeSet: routeUris(getHeaders(response, 'record-route')).reverse(),
      secure: req.uri.toLowerCase().startsWith('sips:'),
      inviteSeq: req.method === 'INVITE' ? cseq?.seq : undefined,
    });
  }

  /** The one door for state changes. */
  transition(to: DialogState): void {
    if (this.stateValue === to) return;
    if (!ALLOWED[this.stateValue].includes(to)) throw new Error(`dialog: illegal ${this.stateValue} -> ${to}`);
    this.stateValue = to;
  }

  /** A 2xx to the dialog-creating INVITE arrived for an early dialog (§12.1.2, §13.2.2.4). */
  confirm(response?: SipResponse): void {
    if (response) this.refreshTarget(response);
    this.transition('confirmed');
  }

  terminate(): void {
    this.transition('terminated');
  }

  /**
   * §12.2.2: an in-dialog request with a CSeq lower than the remote CSeq is out of
   * order (answer 500); otherwise the remote CSeq advances. ACK and CANCEL reuse the
   * INVITE's number and are not checked.
   */
  acceptRemoteSeq(req: SipRequest): boolean {
    if (req.method === 'ACK' || req.method === 'CANCEL') return true;
    const cseq = parseCSeq(getHeader(req, 'cseq') ?? '');
    if (!cseq) return false;
    if (this.remoteSeq !== undefined && cseq.seq <= this.remoteSeq) return false;
    this.remoteSeq = cseq.seq;
    return true;
  }

  /** Target refresh (§12.2.1.2 / §12.2.2): re-INVITE, UPDATE and their 2xx carry a new Contact. */
  refreshTarget(m: SipRequest | SipResponse): void {
    const c = contactUri(m);
    if (c) this.remoteTarget = c;
  }

  /** Builds an in-dialog request (§12.2.1.1). Via is added by the stack. */
  createRequest(method: string, opts: DialogRequestOptions = {}): SipRequest {
    // §12.2.1.1: local CSeq incremented by one; chosen at random if empty (UAS side), here 1-based
    this.localSeq = this.localSeq === undefined ? 1 + Math.floor(Math.random() * 10_000) : this.localSeq + 1;
    if (method === 'INVITE') this.inviteSeq = this.localSeq;
    return this.build(method, this.localSeq, opts);
  }

  /** ACK for a 2xx (§13.2.2.4): CSeq number of the INVITE, method ACK; same route logic. */
  createAck(inviteSeq: number = this.inviteSeq ?? 1, opts: DialogRequestOptions = {}): SipRequest {
    return this.build('ACK', inviteSeq, opts);
  }

  private build(method: string, seq: number, opts: DialogRequestOptions): SipRequest {
    const { uri, routes } = this.requestTarget();
    const headers: Array<[string, string]> = [['max-forwards', '70']];
    for (const r of routes) headers.push(['route', r]);
    headers.push(['from', this.localHeader], ['to', this.remoteHeader], ['call-id', this.id.callId], ['cseq', `${seq} ${method}`]);
    if (opts.contact) headers.push(['contact', opts.contact]);
    if (opts.contentType && opts.body && opts.body.length > 0) headers.push(['content-type', opts.contentType]);
    if (opts.headers) headers.push(...opts.headers);
    return newRequest(method, uri, headers, opts.body);
  }

  /**
   * §12.2.1.1: with an empty route set, the Request-URI is the remote target. With a
   * loose router first (`;lr`), Request-URI = remote target and Route = the route set.
   * With a strict router first, Request-URI = the first route (params not allowed there
   * stripped) and Route = the rest plus the remote target.
   */
  requestTarget(): { uri: string; routes: string[] } {
    const first = this.routeSet[0];
    if (first === undefined) return { uri: this.remoteTarget, routes: [] };
    const firstUri = parseNameAddr(first).uri;
    if (firstUri.params.has('lr')) return { uri: this.remoteTarget, routes: [...this.routeSet] };
    const stripped: SipUri = { ...firstUri, params: new Map([...firstUri.params].filter(([k]) => k !== 'method' && k !== 'ttl')), headers: undefined };
    return { uri: formatUri(stripped), routes: [...this.routeSet.slice(1), `<${this.remoteTarget}>`] };
  }

  /** Next hop for requests in this dialog: first Route, else the Request-URI (§8.1.2). */
  nextHop(defaultProtocol: SipProtocol = this.protocol): SipAddress {
    const { uri, routes } = this.requestTarget();
    const target = routes[0] !== undefined ? parseNameAddr(routes[0]).uri : parseUri(uri);
    return uriDestination(target, defaultProtocol);
  }
}

/** `source` is `peer`: same transport, host and port (no peer known: nobody is). */
export const isPeer = (peer: SipAddress | undefined, source: SipAddress): boolean =>
  peer !== undefined && peer.protocol === source.protocol && peer.port === source.port && normalizeHost(peer.host) === normalizeHost(source.host);

/** The request came from the dialog's peer: same transport, host and port as when the dialog was set up. */
export const isDialogPeer = (dialog: Dialog, source: SipAddress): boolean => isPeer(dialog.peer, source);

const routeUris = (values: readonly string[]): string[] => values.map((v) => v.trim());

/** Where a URI points (RFC 3263 without DNS: numeric host, port default 5060/5061, transport param). */
export const uriDestination = (uri: SipUri, defaultProtocol: SipProtocol = 'udp'): SipAddress => {
  const t = uri.params.get('transport')?.toLowerCase();
  const protocol: SipProtocol = t === 'tcp' ? 'tcp' : t === 'udp' ? 'udp' : defaultProtocol;
  const host = uri.params.get('maddr') ?? uri.host;
  return { protocol, host, port: uri.port ?? (uri.scheme === 'sips' ? 5061 : 5060) };
};
