/**
 * The built-in SIP provider: Switchboard is the phone system. A SIP stack (UDP and TCP),
 * a registrar whose accounts are the CTI devices (R4.2), and a B2BUA (`b2bua-calls.ts`)
 * that places and bridges every call itself, behind the provider contract (R2.2).
 *
 * Security (phone systems are attacked within minutes of going online):
 * - only the configured trunk (by source host and port) may send INVITEs unauthenticated;
 *   every other INVITE is digest-challenged (407, RFC 3261 §22.3) and must come from an
 *   account, so no call reaches the trunk without an authenticated device (toll fraud);
 * - failed authentications are counted per source and user name; a pair failing too
 *   often is refused for `blockMs`, a source failing for many user names ignored (the
 *   registrar's `isBlocked`, checked before any parsing answer); never on a User-Agent,
 *   which anyone may write (one forged header would shut out every phone behind a NAT);
 * - in-dialog requests are taken only from the dialog's peer (the stack, 403 otherwise),
 *   and a REFER only from a phone, to what that phone may dial: the trunk side never makes
 *   the server dial (`b2bua-phone-requests.ts`);
 * - unanswered requests per source are capped by the stack (503), dialogs per source here;
 * - malformed messages are answered or dropped by the stack, never thrown up to here.
 */
import { ALL_CAPABILITIES, ProviderError, type Capability, type ConnectionRef, type DeviceCheck, type DeviceInfo, type ProviderEvent, type ProviderLink, type ProviderListener, type ProviderStatusEvent, type TelephonyProvider } from '../provider.js';
import { SipStack, type IncomingRequest } from './sip-stack.js';
import { createUdpTransport } from './sip-transport-udp.js';
import { createTcpTransport } from './sip-transport-tcp.js';
import { defaultAlgorithmsFor, Registrar } from './sip-registrar.js';
import { loadMoh } from './rtp-moh.js';
import { B2bua, type Party, type SipCall } from './b2bua-calls.js';
import { PhoneRequests } from './b2bua-phone-requests.js';
import { toCallState } from './sip-event-mapper.js';
import { unknownCall } from './sip-errors.js';
import type { SipProviderConfig } from './sip-config.js';
import { getHeader } from './sip-message.js';
import { SipMonitor } from './sip-monitor.js';
import { SipTrace, type TraceMessage, type TraceState } from './sip-trace.js';
import { MediaWatch } from './media-watch.js';
import { consoleRegistrationLog, TrunkRegistration, trunkLinks, wantsRegistration, type RegistrationLog, type TrunkStatus } from './trunk-registration.js';

/** Delay of the automatic 100 Trying for INVITEs (RFC 3261 §17.2.1 allows up to 200 ms). */
export const TRYING_DELAY_MS = 100;

/** What the provider offers a device: everything, but `answer` only when its phone can be answered from the page (R6.7, R6.9). */
export const sipCapabilities = (config: Pick<SipProviderConfig, 'autoAnswer'>, device: string): ReadonlySet<Capability> => {
  const mode = config.autoAnswer[device] ?? 'none';
  return new Set(ALL_CAPABILITIES.filter((c) => c !== 'answer' || mode !== 'none'));
};

export class SipProvider implements TelephonyProvider {
  readonly kind = 'sip';
  private readonly listeners = new Set<ProviderListener>();
  private up = false;
  private stackValue: SipStack | undefined;
  private registrarValue: Registrar | undefined;
  private b2bua: B2bua | undefined;
  private phones: PhoneRequests | undefined;
  private trunkRegistration: TrunkRegistration | undefined;
  /** The SIP trace (issue 17): kept across restarts of the stack, lost with the provider. */
  readonly trace: SipTrace;
  private readonly monitor: SipMonitor;
  private mediaWatch: MediaWatch | undefined;

  constructor(readonly config: SipProviderConfig, private readonly log: RegistrationLog = consoleRegistrationLog) {
    this.trace = new SipTrace(config.traceCalls, (callId) => this.callOfSipCallId(callId));
    this.monitor = new SipMonitor((fields, message) => this.log.warn(fields, message), this.trace, (a) => this.deviceByAddress.get(`${a.host}|${a.port}`));
  }

  /** Registered phones by source address, for the operators' log and the trace. */
  private readonly deviceByAddress = new Map<string, string>();

  private registered(device: string): void {
    for (const b of this.registrarValue?.bindings(device) ?? []) this.deviceByAddress.set(`${b.source.host}|${b.source.port}`, device);
  }

  /** The CTI call a SIP dialog belongs to (the B2BUA call with a leg on that Call-ID). */
  private callOfSipCallId(sipCallId: string): string | undefined {
    for (const call of this.b2bua?.calls.values() ?? []) {
      for (const p of call.parties) if (p.leg?.dialog?.id.callId === sipCallId) return call.ref;
    }
    return undefined;
  }

  traceSet(kind: 'device' | 'call', id: string, on: boolean): void {
    this.trace.set(kind, id, on);
  }

  traceState(): TraceState {
    return this.trace.state();
  }

  traceMessages(id: string): TraceMessage[] | undefined {
    return this.trace.messages(id);
  }

  get stack(): SipStack | undefined {
    return this.stackValue;
  }

  get registrar(): Registrar | undefined {
    return this.registrarValue;
  }

  capabilities(device: string): ReadonlySet<Capability> {
    return sipCapabilities(this.config, device);
  }

  async start(): Promise<void> {
    if (this.up) return;
    const c = this.config;
    const stack = new SipStack({
      transports: (c.transports ?? ['udp', 'tcp']).map((t) => (t === 'udp' ? createUdpTransport : createTcpTransport)({ host: c.listenHost, port: c.listenPort })),
      maxTransactionsPerSource: c.maxTransactionsPerSource,
      userAgent: 'Switchboard',
      // §17.2.1: 100 Trying is owed only when the TU may not answer within 200 ms. The 407,
      // the relayed 180 and most refusals go out well before 100 ms, so waiting that long
      // spares two datagrams per authenticated call; a slow answer still gets its 100.
      tryingDelayMs: TRYING_DELAY_MS,
      isBlocked: (host) => !this.isTrunkHost(host) && (this.registrarValue?.isBlocked(host) ?? false),
      tap: this.monitor,
      ...(c.timers ? { timers: c.timers } : {}),
    });
    const registrar = new Registrar(stack, {
      realm: c.realm, accounts: c.accounts, maxFailures: c.maxAuthFailures, blockMs: c.blockMs, log: this.log,
      algorithmsFor: (ua) => {
        const wanted = defaultAlgorithmsFor(ua).filter((a) => c.digestAlgorithms.includes(a));
        return wanted.length > 0 ? wanted : c.digestAlgorithms;
      },
      onChange: (device) => this.registered(device),
      onAuthFailure: (inc, username, blocked) => this.monitor.authFailed(inc.request, inc.source, username, blocked),
    });
    const b2bua = new B2bua({
      stack, config: c, moh: loadMoh(c.mohFile), emit: (e) => this.send(e),
      binding: (d) => registrar.bindings(d).at(-1), isDevice: (d) => registrar.isRegistered(d),
    });
    const phones = new PhoneRequests(b2bua, this.log);
    stack.onRequest((inc) => this.dispatch(inc));
    stack.events = {
      onCancel: (invite) => phones.cancelled(invite),
      onAckTimeout: (dialog) => { const leg = b2bua.legsByDialog.get(dialog.key); if (leg) void leg.bye(); },
      onForeignRequest: (req, source, peer) => this.log.warn(
        { source: `${source.protocol}:${source.host}:${source.port}`, method: req.method, callId: getHeader(req, 'call-id'), peer: peer && `${peer.protocol}:${peer.host}:${peer.port}` },
        `SIP ${req.method} ${req.method === 'CANCEL' ? 'of a call' : 'in a dialog'} refused (403): it came from ${source.host}:${source.port} over ${source.protocol}, not from the ${req.method === 'CANCEL' ? 'caller' : 'dialog\'s peer'}`,
      ),
    };
    this.stackValue = stack;
    this.registrarValue = registrar;
    this.b2bua = b2bua;
    this.phones = phones;
    await stack.listen();
    this.mediaWatch = new MediaWatch({
      calls: () => b2bua.calls.values(), stallMs: c.mediaStallMs,
      onStall: (s) => {
        this.monitor.mediaStalled(s.device, s.address, s.callRef, s.seconds);
        this.send({ type: 'media', call: s.callRef, at: Date.now(), noAudioFrom: s.device });
      },
      onResumed: (s) => this.send({ type: 'media', call: s.callRef, at: Date.now(), noAudioFrom: null }),
    });
    this.mediaWatch.start();
    if (wantsRegistration(c.trunk)) {
      this.trunkRegistration = new TrunkRegistration({ stack, clock: stack.clock, trunk: c.trunk, log: this.log });
      this.trunkRegistration.start();
    }
    this.up = true;
    const at = Date.now();
    this.send({ type: 'provider-up', at });
    this.send({ type: 'synced', at, calls: [] });
  }

  async stop(): Promise<void> {
    if (!this.stackValue) return;
    this.mediaWatch?.stop();
    this.b2bua?.stopAll();
    const wasUp = this.up;
    this.up = false;
    await this.trunkRegistration?.stop(); // Expires: 0 before the socket closes (RFC 3261 §10.2.2)
    this.trunkRegistration = undefined;
    await this.stackValue.close();
    this.stackValue = undefined;
    if (wasUp) this.send({ type: 'provider-down', at: Date.now(), reason: 'stopped' });
  }

  /** The trunk registration for the admin: registered, failed (with the reason), or not configured. */
  trunkStatus(): TrunkStatus {
    if (!wantsRegistration(this.config.trunk)) return { state: 'not-configured' };
    return this.trunkRegistration?.status() ?? { state: 'unregistered' };
  }

  async links(): Promise<ProviderLink[]> {
    return trunkLinks(this.trunkStatus(), this.config.trunk);
  }

  onEvent(listener: ProviderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isUp(): boolean {
    return this.up;
  }

  private send(e: ProviderEvent | ProviderStatusEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  private isTrunkHost(host: string): boolean {
    return this.config.trunk !== null && this.config.trunk.host === host;
  }

  private isTrunk(inc: IncomingRequest): boolean {
    const t = this.config.trunk;
    return t !== null && inc.source.host === t.host && inc.source.port === t.port;
  }

  private dispatch(inc: IncomingRequest): void {
    const stack = this.stackValue;
    const b2bua = this.b2bua;
    const phones = this.phones;
    if (!stack || !b2bua || !phones) return;
    const m = inc.request.method;
    if (inc.dialog || (m !== 'INVITE' && m !== 'REGISTER' && m !== 'ACK' && inc.request.headers.get('to')?.[0]?.includes('tag='))) return phones.inDialog(inc);
    if (m === 'ACK') return;
    if (m === 'REGISTER') {
      if (this.isTrunk(inc)) return void stack.respond(inc, 403);
      return void this.registrarValue?.handle(inc);
    }
    if (m !== 'INVITE') return void stack.respond(inc, 405, { headers: [['allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, REFER, NOTIFY']] });
    const host = inc.source.host;
    if (!this.isTrunk(inc) && b2bua.legsFrom(host) >= this.config.maxDialogsPerSource) return void stack.respond(inc, 503, { headers: [['retry-after', '30']] });
    if (this.isTrunk(inc)) return void phones.inbound(inc, { kind: 'trunk' }, stack);
    void this.registrarValue?.authenticate(inc, 407).then((auth) => {
      if (auth.ok) return phones.inbound(inc, { kind: 'device', device: auth.device }, stack);
      return undefined;
    });
  }

  // --- commands (R6.4–R6.10) ---

  private engine(): B2bua {
    if (!this.up || !this.b2bua) throw new ProviderError('down', 'The SIP server is not running');
    return this.b2bua;
  }

  private find(conn: ConnectionRef): { call: SipCall; party: Party } {
    const call = this.engine().calls.get(conn.callRef);
    const party = call?.party(conn.device);
    if (!call || !party) throw unknownCall(conn.callRef, conn.device);
    return { call, party };
  }

  async makeCall(device: string, number: string): Promise<{ callRef: string }> {
    const call = await this.engine().makeCall(device, number);
    return { callRef: call.ref };
  }

  async answer(conn: ConnectionRef): Promise<void> {
    if (!this.capabilities(conn.device).has('answer')) throw new ProviderError('not-supported', `Answer the call on the phone of ${conn.device}`);
    const { call, party } = this.find(conn);
    this.engine().answer(call, party);
  }

  async clear(conn: ConnectionRef): Promise<void> {
    const { call } = this.find(conn);
    this.engine().endCall(call);
  }

  async hold(conn: ConnectionRef): Promise<void> {
    const { call, party } = this.find(conn);
    await this.engine().hold(call, party);
  }

  async retrieve(conn: ConnectionRef): Promise<void> {
    const { call, party } = this.find(conn);
    await this.engine().retrieve(call, party);
  }

  async singleStepTransfer(conn: ConnectionRef, to: string): Promise<void> {
    const { call, party } = this.find(conn);
    if (party.state !== 'connected') throw new ProviderError('invalid-state', 'only a connected call can be transferred');
    await this.engine().transfers.blind(call, party, to);
  }

  async consult(conn: ConnectionRef, to: string): Promise<{ callRef: string }> {
    const { call, party } = this.find(conn);
    const c = await this.engine().transfers.consult(call, party, to);
    return { callRef: c.ref };
  }

  async completeTransfer(held: ConnectionRef, consult: ConnectionRef): Promise<void> {
    const h = this.find(held);
    const c = this.find(consult);
    await this.engine().transfers.complete(h.call, c.call, held.device);
  }

  async reconnect(held: ConnectionRef, consult: ConnectionRef): Promise<void> {
    const h = this.find(held);
    const c = this.find(consult);
    this.engine().endCall(c.call);
    await this.engine().retrieve(h.call, h.party);
  }

  /** R2.6: every account, available when its phone is registered. */
  async listDevices(): Promise<DeviceInfo[]> {
    const reg = this.registrarValue;
    const names = new Set<string>([...(this.config.accounts.devices?.() ?? []), ...(reg?.registrations().map((r) => r.device) ?? [])]);
    return [...names].sort().map((name) => {
      const b = reg?.bindings(name).at(-1);
      return b ? { name, status: 'available', description: `registered from ${b.source.host}:${b.source.port}${b.userAgent ? ` (${b.userAgent})` : ''}` } : { name, status: 'unavailable', description: 'not registered' };
    });
  }

  /** R4.6: does the device exist, and is its phone registered right now? */
  async checkDevice(device: string): Promise<DeviceCheck> {
    const account = await this.config.accounts.find(device);
    if (!account) return { ok: false, message: `There is no SIP account for device ${device}: set a SIP password for the user first.` };
    const b = this.registrarValue?.bindings(device).at(-1);
    if (!b) return { ok: false, message: `The phone for device ${device} is not registered: point it at this server with user ${device} and its SIP password.` };
    return { ok: true, message: `The phone for device ${device} is registered (${b.userAgent ?? 'unknown phone'} at ${b.source.host}:${b.source.port}).` };
  }

  /** Live calls, for a resync (R2.2). */
  snapshot(): ReturnType<typeof toCallState>[] {
    return [...(this.b2bua?.calls.values() ?? [])].map(toCallState);
  }
}
