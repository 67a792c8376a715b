/**
 * The Asterisk provider: the `TelephonyProvider` contract over AMI (issue 7).
 *
 * Link states: `down` → connecting → (login, resync) → `up`; a drop goes back to `down`
 * (provider-down) and a reconnect with exponential backoff; every (re)connect ends with
 * provider-up then `synced` carrying the calls rebuilt from `CoreShowChannels`, so a restart
 * of either side loses no call and invents none (README S13).
 *
 * Call state lives in one table of immutable `AmiCall` values keyed by Linkedid; `apply` is
 * its only writer and only stores what the pure mapper returns.
 */
import type {
  Capability, ConnectionRef, DeviceCheck, DeviceInfo, ProviderEvent, ProviderListener,
  ProviderStatusEvent, TelephonyProvider,
} from '../provider.js';
import { ProviderError } from '../provider.js';
import type { AmiMessage } from './ami-parser.js';
import { type AmiCall, type AmiMapperContext, extensionOfDevice } from './ami-call-model.js';
import { Waiters } from './ami-waiters.js';
import { callKeyOf, reduceAmiCall } from './ami-event-mapper.js';
import { resyncFromChannels } from './ami-resync.js';
import { reconnectDelayMs, type AmiConfig } from './ami-config.js';
import { AmiConnection, connectionOptionsOf, type AmiDialer } from './ami-connection.js';
import { AmiLinkError, linkErrorToProviderError } from './ami-errors.js';
import { checkDeviceIn, devicesFromStateList } from './ami-devices.js';
import { EMPTY_REGISTRATIONS, applyRegistration, registrationOf, type RegistrationState } from './ami-registrations.js';
import { farLegOf, findLeg, legOf } from './ami-call-lookup.js';
import {
  atxferAction, blindTransferAction, cancelAtxferAction, coreShowChannelsAction, deviceStateListAction,
  hangupAction, holdAction, originateAction, retrieveAction, type AmiAction,
} from './ami-actions.js';

/**
 * What works on Asterisk 22 through AMI (fixtures' README). No `answer`: AMI has no action that
 * answers a ringing SIP phone (only some phone models accept a vendor-specific NOTIFY), so it
 * is not offered rather than faked (R6.9).
 */
export const AMI_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'makeCall', 'clear', 'hold', 'retrieve', 'singleStepTransfer', 'consult', 'completeTransfer',
  'reconnect', 'listDevices', 'checkDevice',
]);

export interface AmiProviderOptions {
  config: AmiConfig;
  dial?: AmiDialer;
  now?: () => number;
  /** Prefix of ActionIDs and click-to-dial request ids (deterministic for replays). */
  idPrefix?: string;
  log?: (level: 'info' | 'warn', message: string) => void;
}

export class AmiProvider implements TelephonyProvider {
  readonly kind = 'asterisk';
  private readonly listeners = new Set<ProviderListener>();
  private readonly calls = new Map<string, AmiCall>();
  /** Click-to-dial request id → the dialled number and the Originate's ActionID. */
  private readonly originates = new Waiters<{ callRef: string }, { number: string; actionId: string; device: string }>();
  /** Which agent phones are registered, from the events Asterisk sends on its own (issue 12 §5). */
  private registrations: RegistrationState = EMPTY_REGISTRATIONS;
  /** Agent leg Uniqueid → the far leg it was redirected away from (to Bridge it back). */
  private readonly holdPeers = new Map<string, string>();
  /** Agent device → its pending `consult()`, settled by the consultation's `originated`. */
  private readonly consults = new Waiters<{ callRef: string }, { held: string }>();
  private readonly ctx: AmiMapperContext;
  private readonly now: () => number;
  private connection: AmiConnection | undefined;
  private up = false;
  private stopped = true;
  private attempt = 0;
  private requestSeq = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Callers of `start()` waiting for the first successful connect. */
  private startWaiters: Array<{ resolve(): void; reject(e: Error): void }> = [];
  /** Live messages that arrive while the channel list is being read, applied after it. */
  private resyncBuffer: Array<[AmiMessage, number]> | undefined;
  private lastDownReason = '';

  constructor(private readonly options: AmiProviderOptions) {
    const agent = new RegExp(options.config.agentDevicePattern);
    this.now = options.now ?? Date.now;
    this.ctx = {
      isAgentDevice: (device) => agent.test(device),
      holdContext: options.config.holdContext,
      originateNumber: (requestId) => this.originates.meta(requestId)?.number,
    };
  }

  capabilities(device: string): ReadonlySet<Capability> {
    return this.ctx.isAgentDevice(device) ? AMI_CAPABILITIES : new Set();
  }

  onEvent(listener: ProviderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isUp(): boolean {
    return this.up;
  }

  /** Resolves once logged in and resynced; a wrong login or a non-AMI port rejects and stops. */
  start(): Promise<void> {
    if (this.up) return Promise.resolve();
    const started = new Promise<void>((resolve, reject) => { this.startWaiters.push({ resolve, reject }); });
    if (this.stopped) {
      this.stopped = false;
      this.attempt = 0;
      void this.connect();
    }
    return started;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.startWaiters.splice(0)) w.reject(new ProviderError('down', 'the Asterisk provider stopped before it connected'));
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.connection = undefined;
    const stopped = new ProviderError('down', 'the Asterisk provider stopped');
    this.originates.settleAll(stopped);
    this.consults.settleAll(stopped);
    if (connection) await connection.close();
    if (this.up) this.markDown('stopped');
  }

  // --- link --------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    const c = this.options.config;
    // The handlers may fire while `open` is still logging in: `opened` is set only after it.
    let opened: AmiConnection | undefined;
    try {
      const connection = await AmiConnection.open(connectionOptionsOf(c, this.options.idPrefix ?? 'sb', this.options.dial), {
        onMessage: (m, at) => this.onMessage(opened, m, at),
        // A close during login is reported by `open` rejecting, handled below.
        onClose: (reason) => { if (opened) this.onClose(opened, reason); },
      });
      opened = connection;
      if (this.stopped) return void (await connection.close());
      this.connection = connection;
      await this.resync(connection);
    } catch (error) {
      if (opened) return this.onResyncFailed(opened, error);
      const link = error instanceof AmiLinkError ? error : new AmiLinkError('connect-failed', String(error));
      this.log('warn', `Asterisk AMI ${c.host}:${c.port}: ${link.message}`);
      if (this.startWaiters.length > 0 && (link.failure === 'login-failed' || link.failure === 'protocol-error')) {
        // Settings that cannot work: say so at once instead of retrying forever.
        this.stopped = true;
        for (const w of this.startWaiters.splice(0)) w.reject(link);
        return;
      }
      this.scheduleReconnect(link.message);
    }
  }

  private async resync(connection: AmiConnection): Promise<void> {
    this.resyncBuffer = [];
    // What was heard of the phones before the link dropped may be stale: start from "not known".
    this.registrations = EMPTY_REGISTRATIONS;
    const list = await connection.sendList(coreShowChannelsAction());
    const rebuilt = resyncFromChannels(list.filter((m) => m.Event === 'CoreShowChannel'), this.now(), this.ctx);
    this.calls.clear();
    for (const [key, call] of rebuilt.state.calls) this.calls.set(key, call);
    const buffered = this.resyncBuffer;
    this.resyncBuffer = undefined;
    this.up = true;
    this.attempt = 0;
    this.log('info', `Asterisk AMI up (${connection.banner}), ${rebuilt.calls.length} live call(s)`);
    this.publish({ type: 'provider-up', at: this.now() });
    this.publish({ type: 'synced', at: this.now(), calls: rebuilt.calls });
    // Events that raced the list: the mapper drops what the list already showed.
    for (const [m, at] of buffered) this.apply(m, at);
    for (const w of this.startWaiters.splice(0)) w.resolve();
  }

  /** Logged in, but the channel list failed: drop the link (its close schedules the retry). */
  private onResyncFailed(connection: AmiConnection, error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.log('warn', `Asterisk AMI resync failed: ${text}`);
    if (error instanceof ProviderError && this.startWaiters.length > 0) {
      // Asterisk refused CoreShowChannels: a manager.conf problem (write = reporting), not a glitch.
      this.stopped = true;
      for (const w of this.startWaiters.splice(0)) w.reject(error);
    }
    connection.abort(`resync failed: ${text}`);
  }

  private onClose(connection: AmiConnection, reason: AmiLinkError): void {
    if (connection !== this.connection) return;
    this.connection = undefined;
    this.resyncBuffer = undefined;
    this.originates.settleAll(linkErrorToProviderError(reason));
    this.consults.settleAll(linkErrorToProviderError(reason));
    if (this.up) this.markDown(this.lastDownReason || reason.message);
    this.lastDownReason = '';
    if (!this.stopped) this.scheduleReconnect(reason.message);
  }

  private markDown(reason: string): void {
    this.up = false;
    this.log('warn', `Asterisk AMI down: ${reason}`);
    this.publish({ type: 'provider-down', at: this.now(), reason });
  }

  private scheduleReconnect(reason: string): void {
    if (this.stopped) return;
    const delay = reconnectDelayMs(this.options.config, this.attempt);
    this.attempt += 1;
    this.log('info', `Asterisk AMI reconnect in ${delay} ms (${reason})`);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  // --- events ------------------------------------------------------------------------------

  private onMessage(connection: AmiConnection | undefined, m: AmiMessage, at: number): void {
    if (connection !== undefined && connection !== this.connection) return;
    if (m.Event === 'Shutdown') this.lastDownReason = `Asterisk shut down (${m.Shutdown ?? '?'}${m.Restart === 'True' ? ', restarting' : ''})`;
    if (m.Event === 'PeerStatus' || m.Event === 'ContactStatus' || m.Event === 'DeviceStateChange') this.registrations = applyRegistration(this.registrations, m);
    if (m.Event === 'OriginateResponse') this.onOriginateResponse(m);
    if (this.resyncBuffer) this.resyncBuffer.push([m, at]);
    else this.apply(m, at);
  }

  /** The one door to the call table: store what the pure mapper answers, publish its events. */
  private apply(m: AmiMessage, at: number): void {
    const key = callKeyOf(m);
    if (key === undefined) return;
    const before = this.calls.get(key);
    const { call, events } = reduceAmiCall(before, m, at, this.ctx);
    if (call) this.calls.set(key, call);
    else this.calls.delete(key);
    if (m.Event === 'VarSet' && m.Variable === 'CTI_REQUEST_ID') {
      this.originates.settle(m.Value ?? '', { callRef: m.Linkedid ?? key });
    }
    if (m.Event === 'Hangup' && m.Uniqueid) this.holdPeers.delete(m.Uniqueid);
    for (const e of events) {
      const held = e.type === 'originated' ? this.consults.meta(e.device)?.held : undefined;
      if (held !== undefined && e.callRef !== held) this.consults.settle(e.device, { callRef: e.callRef });
      this.publish(e);
    }
  }

  private publish(event: ProviderEvent | ProviderStatusEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log('warn', `a provider listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  // --- commands ----------------------------------------------------------------------------

  async makeCall(device: string, number: string): Promise<{ callRef: string }> {
    const connection = this.requireUp();
    this.requireAgent(device);
    if (!/^[0-9+*#]+$/.test(number)) throw new ProviderError('refused', `not a dialable number: ${JSON.stringify(number)}`);
    this.requestSeq += 1;
    const requestId = `${this.options.idPrefix ?? 'sb'}-req-${this.requestSeq}`;
    const c = this.options.config;
    const ext = extensionOfDevice(device);
    const placed = this.originates.wait(requestId, { number, actionId: connection.nextActionId(), device }, c.originateTimeoutMs + c.responseTimeoutMs,
      () => new ProviderError('refused', `${device} did not start the call within ${c.originateTimeoutMs} ms`));
    try {
      await this.run(connection, originateAction({ device, number, context: c.originateContext, timeoutMs: c.originateTimeoutMs, requestId, callerId: `"${ext}" <${ext}>` }));
    } catch (error) {
      this.originates.settle(requestId, error instanceof Error ? error : new Error(String(error)));
    }
    return placed;
  }

  answer(conn: ConnectionRef): Promise<void> {
    return Promise.reject(new ProviderError('not-supported', `Asterisk cannot answer ${conn.device} remotely: answer at the phone`));
  }

  async clear(conn: ConnectionRef): Promise<void> {
    const connection = this.requireUp();
    const { leg, consultOwner } = findLeg(this.calls, conn);
    // Hanging up the agent's own leg during a consultation would COMPLETE the transfer (S09):
    // dropping the consultation is CancelAtxfer.
    await this.run(connection, consultOwner ? cancelAtxferAction(leg.name) : hangupAction(leg.name));
  }

  async hold(conn: ConnectionRef): Promise<void> {
    const connection = this.requireUp();
    const agent = legOf(this.calls, conn, ['connected']);
    const far = farLegOf(this.calls, conn.callRef, agent);
    const c = this.options.config;
    await this.run(connection, holdAction({ farChannel: far.name, agentChannel: agent.name, holdContext: c.holdContext, holdExten: c.holdExten, agentWaitExten: c.agentWaitExten }));
    this.holdPeers.set(agent.uniqueid, far.name);
  }

  async retrieve(conn: ConnectionRef): Promise<void> {
    const connection = this.requireUp();
    const agent = legOf(this.calls, conn, ['hold']);
    const far = this.holdPeers.get(agent.uniqueid);
    if (!agent.heldByRedirect || !far) throw new ProviderError('invalid-state', `${conn.device} put this call on hold at the phone: take it off hold there`);
    await this.run(connection, retrieveAction(agent.name, far));
    this.holdPeers.delete(agent.uniqueid);
  }

  async singleStepTransfer(conn: ConnectionRef, to: string): Promise<void> {
    const connection = this.requireUp();
    await this.run(connection, blindTransferAction(legOf(this.calls, conn, ['connected']).name, this.options.config.transferContext, to));
  }

  /**
   * Atxfer (S09): resolves with the consultation's callRef once Asterisk has created its
   * Local pair (≈ 0.4 s after the answer: the feature code and prompt are played first).
   */
  async consult(conn: ConnectionRef, to: string): Promise<{ callRef: string }> {
    const connection = this.requireUp();
    const leg = legOf(this.calls, conn, ['connected']);
    const limit = this.options.config.originateTimeoutMs;
    const started = this.consults.wait(conn.device, { held: conn.callRef }, limit,
      () => new ProviderError('refused', `the consultation to ${to} did not start within ${limit} ms: is the atxfer feature code configured (docs/asterisk.md)?`));
    try {
      await this.run(connection, atxferAction(leg.name, this.options.config.transferContext, to));
    } catch (error) {
      this.consults.settle(conn.device, error instanceof Error ? error : new Error(String(error)));
    }
    return started;
  }

  /** Completes the Atxfer by hanging up the transferring leg (S09). */
  async completeTransfer(held: ConnectionRef, _consult: ConnectionRef): Promise<void> {
    const connection = this.requireUp();
    await this.run(connection, hangupAction(legOf(this.calls, held, ['hold', 'connected']).name));
  }

  async reconnect(held: ConnectionRef, _consult: ConnectionRef): Promise<void> {
    const connection = this.requireUp();
    await this.run(connection, cancelAtxferAction(legOf(this.calls, held, ['hold', 'connected']).name));
  }

  async listDevices(): Promise<DeviceInfo[]> {
    const connection = this.requireUp();
    const answer = await this.runList(connection, deviceStateListAction());
    for (const m of answer) this.registrations = applyRegistration(this.registrations, m);
    return devicesFromStateList(answer, this.ctx.isAgentDevice);
  }

  async checkDevice(device: string): Promise<DeviceCheck> {
    return checkDeviceIn(await this.listDevices(), device);
  }

  // --- helpers -----------------------------------------------------------------------------

  private requireUp(): AmiConnection {
    if (!this.up || !this.connection) throw new ProviderError('down', 'Asterisk is not connected');
    return this.connection;
  }

  private requireAgent(device: string): void {
    if (!this.ctx.isAgentDevice(device)) throw new ProviderError('unknown-device', `${device} is not an agent device on this Asterisk`);
  }

  private async run(connection: AmiConnection, action: AmiAction): Promise<void> {
    try {
      await connection.send(action);
    } catch (error) {
      throw error instanceof AmiLinkError ? linkErrorToProviderError(error) : error;
    }
  }

  private async runList(connection: AmiConnection, action: AmiAction): Promise<AmiMessage[]> {
    try {
      return await connection.sendList(action);
    } catch (error) {
      throw error instanceof AmiLinkError ? linkErrorToProviderError(error) : error;
    }
  }

  /**
   * `OriginateResponse` echoes the Originate's ActionID. Failure: the agent's device never
   * answered. Success: normally the `CTI_REQUEST_ID` VarSet settled the request already; on an
   * account without the `dialplan` read class it never comes, and the answered leg's Uniqueid
   * (the call's first channel, so its Linkedid) names the call.
   */
  private onOriginateResponse(m: AmiMessage): void {
    const requestId = this.originates.find((meta) => meta.actionId === m.ActionID);
    if (requestId === undefined) return;
    if (m.Response === 'Success' && m.Uniqueid) return this.originates.settle(requestId, { callRef: m.Uniqueid });
    const device = this.originates.meta(requestId)?.device ?? m.Channel ?? '';
    void this.originateFailure(device, m).then((error) => this.originates.settle(requestId, error));
  }

  /**
   * Why the agent's own phone did not take a click-to-dial: `unavailable` when Asterisk said
   * the phone is not registered (PeerStatus, ContactStatus, DeviceStateChange, tracked as
   * they come); when no such event named it yet, the device list is asked once. Only
   * `Reason: 0` (no channel could be created, main/pbx.c `pbx_dial_reason`) can mean that: a
   * phone that rang and did not answer, or was busy, is registered.
   */
  private async originateFailure(device: string, m: AmiMessage): Promise<ProviderError> {
    const refused = new ProviderError('refused', `${m.Channel ?? 'the device'} did not take the click-to-dial call (Reason ${m.Reason ?? '?'})`);
    if (m.Reason !== '0') return refused;
    if (registrationOf(this.registrations, device) === undefined && this.connection) {
      await this.runList(this.connection, deviceStateListAction()).then((answer) => {
        for (const e of answer) this.registrations = applyRegistration(this.registrations, e);
      }, () => undefined);
    }
    if (registrationOf(this.registrations, device) !== 'unregistered') return refused;
    return new ProviderError('unavailable', `${device} is not registered with Asterisk: check that the phone is switched on and logged in`);
  }

  private log(level: 'info' | 'warn', message: string): void {
    this.options.log?.(level, message);
  }
}
