/**
 * Agent sessions (R2.4, R6.2, R6.3): every browser socket of a user, and what it is sent.
 *
 * - A socket is "CTI online" once it says `{type:'cti', online:true}` (the CTI call screen
 *   is open) and until it says `online:false` or closes.
 * - A call is OFFERED to a device when the hub first sees it there and at least one
 *   socket of the device's user is CTI online (and the user is CTI enabled, read from the
 *   directory at that moment, R4.5). A call not offered stays hidden from that device's
 *   browsers for its whole life, even if a window opens later. The phone system is not
 *   told: the call still rings the phone, the agent may answer it with the handset, but
 *   the browser shows nothing and the call log still records it (R6.3).
 * - Every socket of the user gets the snapshots of offered calls (several tabs, one
 *   device: the same calls). On connect, once, a socket gets `{type:'calls', calls}` with
 *   the current offered calls: nothing missed (it is sent every snapshot after that).
 * - Slow sockets: while a socket's `bufferedAmount` is over the high-water mark, its
 *   messages are coalesced, keeping only the latest per call (full snapshots repair what a
 *   stalled client missed), then flushed in order once it drains (`pump()`). Past
 *   `maxPendingPerSocket` entries (calls that came and went while it was stalled) they are
 *   all replaced by one `{type:'calls'}` list, built when it is finally sent: memory per
 *   stalled socket stays bounded however long it stalls; healthy sockets never wait.
 */
import type { Logger } from 'pino';
import type { CallSnapshot } from '../domain/call.js';
import { AppError, isAppError } from '../domain/errors.js';
import type { CallControl } from './call-control.js';
import type { DeviceDirectory, ProviderStatus, SnapshotSink } from './ports.js';

/** The part of a WebSocket the hub uses (the `ws` package's WebSocket fits). */
export interface AgentSocket {
  send(text: string): void;
  readonly bufferedAmount: number;
  close(): void;
}

export interface AgentHubDeps {
  directory: DeviceDirectory;
  /** The current calls on a device (the registry). */
  calls: { snapshotsFor(device: string): CallSnapshot[] };
  logger: Logger;
  control?: CallControl;
  /** Bytes buffered above which a socket counts as stalled. */
  highWaterBytes?: number;
  /** Coalesced messages kept for a stalled socket before they become one `calls` list. */
  maxPendingPerSocket?: number;
}

interface Session {
  socket: AgentSocket;
  userId: number;
  online: boolean;
  /** Coalesced messages of a stalled socket, by key (call id, `calls`, `provider`); `null`: build when sent. */
  pending: Map<string, string | null>;
}

export interface HubStats {
  sessions: number;
  stalled: number;
  pendingMessages: number;
  coalesced: number;
  sent: number;
}

export class AgentHub implements SnapshotSink {
  private readonly byUser = new Map<number, Set<Session>>();
  private readonly bySocket = new Map<AgentSocket, Session>();
  /** device → call id → offered there? Decided once, at the call's first snapshot. */
  private readonly offered = new Map<string, Map<string, boolean>>();
  private readonly highWater: number;
  private readonly maxPending: number;
  private providerState: ProviderStatus | undefined;
  private coalesced = 0;
  private sent = 0;

  constructor(private readonly deps: AgentHubDeps) {
    this.highWater = deps.highWaterBytes ?? 256 * 1024;
    this.maxPending = deps.maxPendingPerSocket ?? 32;
  }

  connect(socket: AgentSocket, userId: number): void {
    const s: Session = { socket, userId, online: false, pending: new Map() };
    this.bySocket.set(socket, s);
    const set = this.byUser.get(userId) ?? new Set();
    set.add(s);
    this.byUser.set(userId, set);
    this.sendCalls(s);
    if (this.providerState !== undefined) this.deliver(s, 'provider', JSON.stringify({ type: 'provider', status: this.providerState }));
  }

  disconnect(socket: AgentSocket): void {
    const s = this.bySocket.get(socket);
    if (s === undefined) return;
    this.bySocket.delete(socket);
    const set = this.byUser.get(s.userId);
    set?.delete(s);
    if (set?.size === 0) this.byUser.delete(s.userId);
  }

  /** A message from the browser. Resolves when a command's result has been sent. */
  async receive(socket: AgentSocket, text: string): Promise<void> {
    const s = this.bySocket.get(socket);
    if (s === undefined) return;
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (!isRecord(msg)) return;
    if (msg.type === 'cti' && typeof msg.online === 'boolean') {
      // No second `calls` list here: the socket got it on connect, and every socket of the
      // user, online or not, is sent each offered call's snapshots since (issue 17).
      s.online = msg.online;
      return;
    }
    if (msg.type === 'command') await this.command(s, msg);
  }

  // ── SnapshotSink ───────────────────────────────────────────────────────────

  publish(snapshot: CallSnapshot): void {
    const du = this.deps.directory.byDevice(snapshot.device);
    const sessions = du === undefined ? undefined : this.byUser.get(du.userId);
    let calls = this.offered.get(snapshot.device);
    let offered = calls?.get(snapshot.id);
    if (offered === undefined) {
      offered = du !== undefined && du.ctiEnabled && sessions !== undefined && [...sessions].some((s) => s.online);
      if (!offered) this.deps.logger.info({ callId: snapshot.id, device: snapshot.device }, 'cti: no CTI window open on this device: call not offered');
      if (calls === undefined) {
        calls = new Map();
        this.offered.set(snapshot.device, calls);
      }
      calls.set(snapshot.id, offered);
    }
    if (snapshot.state === 'null') {
      calls?.delete(snapshot.id);
      if (calls?.size === 0) this.offered.delete(snapshot.device);
    }
    if (!offered || sessions === undefined) return;
    const text = JSON.stringify({ type: 'call', call: snapshot });
    for (const s of sessions) this.deliver(s, snapshot.id, text);
  }

  providerStatus(status: ProviderStatus): void {
    this.providerState = status;
    const text = JSON.stringify({ type: 'provider', status });
    for (const s of this.bySocket.values()) this.deliver(s, 'provider', text);
  }

  /** Flush what stalled sockets can now take; call it on a timer or on a socket's drain. */
  pump(): void {
    for (const s of this.bySocket.values()) if (s.pending.size > 0) this.drain(s);
  }

  stats(): HubStats {
    let stalled = 0;
    let pendingMessages = 0;
    for (const s of this.bySocket.values()) {
      if (s.pending.size > 0) stalled += 1;
      pendingMessages += s.pending.size;
    }
    return { sessions: this.bySocket.size, stalled, pendingMessages, coalesced: this.coalesced, sent: this.sent };
  }

  // ── internals ──────────────────────────────────────────────────────────────

  private sendCalls(s: Session): void {
    this.deliver(s, 'calls', this.callsText(s));
  }

  private callsText(s: Session): string {
    const device = this.deps.directory.byUser(s.userId);
    const offered = device === undefined ? undefined : this.offered.get(device.device);
    const calls = device === undefined || !device.ctiEnabled ? [] : this.deps.calls.snapshotsFor(device.device).filter((c) => offered?.get(c.id) === true);
    return JSON.stringify({ type: 'calls', calls });
  }

  private deliver(s: Session, key: string, text: string): void {
    if (s.pending.size > 0) this.drain(s);
    if (s.pending.size > 0 || s.socket.bufferedAmount > this.highWater) {
      if (s.pending.has(key)) this.coalesced += 1;
      // Re-insert so the map's order is the order of latest updates.
      s.pending.delete(key);
      s.pending.set(key, text);
      if (s.pending.size > this.maxPending) this.collapse(s);
      return;
    }
    this.write(s, text);
  }

  /** Too much missed: one full list of the current calls replaces it all. */
  private collapse(s: Session): void {
    const provider = s.pending.get('provider');
    this.coalesced += s.pending.size - 1;
    s.pending.clear();
    if (provider !== undefined) s.pending.set('provider', provider);
    s.pending.set('calls', null);
  }

  private drain(s: Session): void {
    for (const [key, text] of s.pending) {
      if (s.socket.bufferedAmount > this.highWater) return;
      s.pending.delete(key);
      this.write(s, text ?? this.callsText(s));
    }
  }

  private write(s: Session, text: string): void {
    try {
      s.socket.send(text);
      this.sent += 1;
    } catch (err) {
      this.deps.logger.warn({ err, userId: s.userId }, 'cti: socket send failed; closing it');
      this.disconnect(s.socket);
      s.socket.close();
    }
  }

  private async command(s: Session, msg: Record<string, unknown>): Promise<void> {
    const id = msg.id;
    const reply = (body: Record<string, unknown>): void => this.write(s, JSON.stringify({ type: 'result', id, ...body }));
    const control = this.deps.control;
    if (control === undefined) {
      reply({ ok: false, error: { code: 'not-supported', message: 'Commands are not available on this connection.' } });
      return;
    }
    try {
      const call = await runCommand(control, s.userId, msg);
      reply({ ok: true, ...(call === undefined ? {} : { call }) });
    } catch (e) {
      if (!isAppError(e)) this.deps.logger.error({ err: e }, 'cti: command failed');
      reply({
        ok: false,
        error: isAppError(e)
          ? { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) }
          : { code: 'internal-error', message: 'An unexpected error; it has been logged.' },
      });
    }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The WebSocket form of the REST call commands (API.md, Live events). */
const runCommand = async (c: CallControl, userId: number, m: Record<string, unknown>): Promise<CallSnapshot | undefined> => {
  const callId = str(m.callId);
  switch (m.command) {
    case 'dial': {
      const r = isRecord(m.record)
        ? await c.dial(userId, { record: { type: m.record.type as 'person' | 'company' | 'user', id: Number(m.record.id), field: str(m.record.field) } })
        : await c.dial(userId, { number: str(m.number) });
      return r.snapshot;
    }
    case 'answer': return c.answer(userId, callId);
    case 'hangup': return c.hangup(userId, callId);
    case 'hold': return c.hold(userId, callId);
    case 'retrieve': return c.retrieve(userId, callId);
    case 'transfer': return c.transfer(userId, callId, str(m.to));
    case 'consult': return (await c.consult(userId, callId, str(m.to))).snapshot;
    case 'complete': return c.complete(userId, callId);
    case 'reconnect': return c.reconnect(userId, callId);
    default: throw new AppError('validation-failed', `Unknown command ${String(m.command)}.`, { field: 'command' });
  }
};
