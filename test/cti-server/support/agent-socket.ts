/**
 * A real WebSocket client (the `ws` package) on `GET /api/ws` with a session cookie, as
 * an agent's browser would hold it: it records every message in arrival order and lets a
 * test await one (`waitFor`) or await that everything the server sent so far has arrived
 * (`sync`: a ping whose pong travels behind the earlier frames on the same TCP stream).
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { CallSnapshot } from '../../../src/domain/call.js';

export type ServerMessage =
  | { type: 'call'; call: CallSnapshot }
  | { type: 'calls'; calls: CallSnapshot[] }
  | { type: 'provider'; status: 'up' | 'down' }
  | { type: 'result'; id: unknown; ok: boolean; call?: CallSnapshot; error?: { code: string; message: string; details?: Record<string, unknown> } }
  | { type: 'error'; error: { code: string; message: string } };

interface Waiter {
  from: number;
  match: (m: ServerMessage) => boolean;
  resolve: (m: ServerMessage) => void;
}

/** What an agent saw of one call: the words and the buttons offered, snapshot by snapshot. */
export interface Seen {
  label: string;
  actions: string[];
}

export class AgentSocket {
  readonly messages: ServerMessage[] = [];
  private waiters: Waiter[] = [];
  private nextCommand = 1;
  /** Resolves with the close code once the socket is closed (by either side). */
  readonly closed: Promise<number>;

  private constructor(private readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.once('close', (code: number) => resolve(code)));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      this.messages.push(m);
      const index = this.messages.length - 1;
      this.waiters = this.waiters.filter((w) => {
        if (index < w.from || !w.match(m)) return true;
        w.resolve(m);
        return false;
      });
    });
  }

  /** Connects with the session cookie; `cti` opens the CTI window (R6.3) and waits until the hub took it. */
  static async open(base: string, cookie: string, opts: { cti?: boolean } = {}): Promise<AgentSocket> {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/ws`, { headers: { cookie } });
    const socket = new AgentSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: ${res.statusCode ?? 0}`)));
    });
    // The hub greets every socket with its calls: wait for it so nothing is missed.
    await socket.waitFor((m) => m.type === 'calls');
    if (opts.cti !== false) await socket.setCti(true);
    return socket;
  }

  /** Opens or closes the CTI window; resolves once the hub has applied it. */
  async setCti(online: boolean): Promise<void> {
    this.send({ type: 'cti', online });
    // Neither is answered (the calls list came once, on connect): wait until the hub read it.
    await this.sync();
  }

  send(message: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Sends a call command over the socket (API.md, Live events) and awaits its result. */
  async command(command: string, fields: Record<string, unknown> = {}): Promise<Extract<ServerMessage, { type: 'result' }>> {
    const id = `c${this.nextCommand++}`;
    const from = this.messages.length;
    this.send({ type: 'command', id, command, ...fields });
    return await this.waitFor((m) => m.type === 'result' && m.id === id, from) as Extract<ServerMessage, { type: 'result' }>;
  }

  /** The first message from index `from` on that matches (already received or still to come). */
  waitFor(match: (m: ServerMessage) => boolean, from = 0): Promise<ServerMessage> {
    const found = this.messages.slice(from).find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ from, match, resolve }));
  }

  /** Resolves once every frame the server sent before now has been received. */
  sync(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('pong', () => resolve());
      this.ws.ping();
    });
  }

  /** Every snapshot pushed for `callId`, in order. */
  snapshots(callId: string): CallSnapshot[] {
    return this.messages.flatMap((m) => (m.type === 'call' && m.call.id === callId ? [m.call] : []));
  }

  /** The words and buttons of every snapshot pushed for `callId`, in order. */
  seen(callId: string): Seen[] {
    return this.snapshots(callId).map((s) => ({ label: s.label.en, actions: [...(s.actions ?? [])] }));
  }

  /**
   * What the agent saw change on `callId`, in order: consecutive snapshots with the same
   * words and buttons are folded (a far party's progress bumps the version but may not
   * change what this agent sees). Throws if the versions did not strictly increase.
   */
  changes(callId: string): Seen[] {
    const snaps = this.snapshots(callId);
    snaps.forEach((s, i) => {
      const before = snaps[i - 1];
      if (before !== undefined && s.version <= before.version) {
        throw new Error(`${callId}: version ${s.version} pushed after ${before.version}`);
      }
    });
    return this.seen(callId).filter((s, i, all) => {
      const before = all[i - 1];
      return before === undefined || before.label !== s.label || before.actions.join() !== s.actions.join();
    });
  }

  /** The ids of every call this socket was told about by a `call` message. */
  callIds(): string[] {
    return [...new Set(this.messages.flatMap((m) => (m.type === 'call' ? [m.call.id] : [])))];
  }

  /** Stops reading the socket, as a frozen browser tab would: TCP pushes back on the server. */
  stall(): void {
    this.tcp().pause();
  }

  /** Reads again. */
  resume(): void {
    this.tcp().resume();
  }

  private tcp(): Socket {
    return (this.ws as unknown as { _socket: Socket })._socket;
  }

  last(): ServerMessage | undefined {
    return this.messages.at(-1);
  }

  /** Whether the server has closed (or is closing) the socket. */
  isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
