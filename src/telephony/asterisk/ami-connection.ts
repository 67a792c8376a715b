/**
 * One AMI session over TCP or TLS: connect, read the banner, log in, keep the link alive with
 * `Ping`, correlate answers to actions by ActionID, collect list answers (`EventList: start`
 * … `EventList: Complete`), and hand every other message to the provider. One connection
 * object per TCP connection; reconnecting is the provider's job (ami-provider.ts).
 *
 * Only the small part of node:net / node:tls used here is declared (`AmiSocket`), the way
 * kysely declares its drivers' surface instead of importing their types.
 */
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { AmiParser, AmiProtocolError, type AmiMessage, type AmiParserLimits } from './ami-parser.js';
import { loginAction, logoffAction, pingAction, serializeAction, type AmiAction } from './ami-actions.js';
import { AmiLinkError, describeLinkFailure, translateAmiError } from './ami-errors.js';
import type { AmiConfig } from './ami-config.js';

export interface AmiSocket {
  write(data: string): boolean;
  end(): void;
  destroy(): void;
  setNoDelay?(noDelay: boolean): unknown;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface AmiEndpoint {
  host: string;
  port: number;
  tls: boolean;
  tlsVerify: boolean;
}

/** Opens a socket; the connection waits for the banner, so no connect event is needed. */
export type AmiDialer = (endpoint: AmiEndpoint) => AmiSocket;

export const dialAmi: AmiDialer = (e) => (e.tls
  ? tlsConnect({ host: e.host, port: e.port, rejectUnauthorized: e.tlsVerify, servername: e.host })
  : netConnect({ host: e.host, port: e.port }));

export interface AmiConnectionOptions extends AmiEndpoint {
  username: string;
  secret: string;
  responseTimeoutMs: number;
  keepaliveMs: number;
  limits: AmiParserLimits;
  /** ActionIDs are `<prefix>-<n>`: deterministic, so replays can compare them. */
  actionIdPrefix: string;
  dial?: AmiDialer;
}

export interface AmiConnectionHandlers {
  /** Every message that is not the answer to an action of ours (events, OriginateResponse…). */
  onMessage(message: AmiMessage, receivedAt: number): void;
  /** The link is gone (socket closed, protocol error, keepalive lost). Called once. */
  onClose(reason: AmiLinkError): void;
}

interface Pending {
  action: string;
  resolve(value: AmiMessage[]): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
  /** A list action collects its events until `EventList: Complete`. */
  list: AmiMessage[] | undefined;
  answered: boolean;
}

export class AmiConnection {
  private readonly parser: AmiParser;
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private closed: AmiLinkError | undefined;
  private keepalive: ReturnType<typeof setInterval> | undefined;
  private bannerWaiter: { resolve(): void; reject(e: Error): void } | undefined;
  banner = '';

  private constructor(private readonly socket: AmiSocket, private readonly options: AmiConnectionOptions, private readonly handlers: AmiConnectionHandlers) {
    this.parser = new AmiParser(options.limits);
    socket.setNoDelay?.(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', (error) => this.shutdown(new AmiLinkError(this.banner ? 'closed' : 'connect-failed', error.message)));
    socket.on('close', () => this.shutdown(new AmiLinkError('closed', this.banner ? 'Asterisk closed the connection' : 'closed before the AMI banner')));
  }

  /** Connects, waits for the banner and logs in; rejects with `AmiLinkError`. */
  static async open(options: AmiConnectionOptions, handlers: AmiConnectionHandlers): Promise<AmiConnection> {
    const socket = (options.dial ?? dialAmi)(options);
    const connection = new AmiConnection(socket, options, handlers);
    try {
      await connection.waitBanner();
      await connection.send(loginAction(options.username, options.secret)).catch((error: unknown) => {
        if (error instanceof AmiLinkError) throw error;
        throw new AmiLinkError('login-failed', error instanceof Error ? error.message : String(error));
      });
    } catch (error) {
      connection.shutdown(error instanceof AmiLinkError ? error : new AmiLinkError('connect-failed', String(error)));
      throw error;
    }
    connection.startKeepalive();
    return connection;
  }

  isOpen(): boolean {
    return this.closed === undefined;
  }

  /** Sends an action; resolves with its `Response: Success`, rejects with a `ProviderError` or `AmiLinkError`. */
  async send(action: AmiAction): Promise<AmiMessage> {
    const [response] = await this.request(action, false);
    if (!response) throw new AmiLinkError('protocol-error', `${action.action}: empty answer`);
    return response;
  }

  /** Sends a list action; resolves with the listed events (without the closing `…Complete`). */
  async sendList(action: AmiAction): Promise<AmiMessage[]> {
    return this.request(action, true);
  }

  /** Drops the link at once (reported through `onClose`). */
  abort(reason: string): void {
    this.shutdown(new AmiLinkError('protocol-error', reason));
  }

  /** Logs off politely, then closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.send(logoffAction()).catch(() => undefined);
    this.shutdown(new AmiLinkError('closed', 'closed by Switchboard'));
  }

  /** The ActionID the next action will carry (an OriginateResponse echoes its Originate's). */
  nextActionId(): string {
    return `${this.options.actionIdPrefix}-${this.seq + 1}`;
  }

  private request(action: AmiAction, list: boolean): Promise<AmiMessage[]> {
    if (this.closed) return Promise.reject(this.closed);
    this.seq += 1;
    const actionId = `${this.options.actionIdPrefix}-${this.seq}`;
    return new Promise<AmiMessage[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(actionId);
        reject(new AmiLinkError('timeout', `no answer to ${action.action} within ${this.options.responseTimeoutMs} ms`));
      }, this.options.responseTimeoutMs);
      this.pending.set(actionId, { action: action.action, resolve, reject, timer, list: list ? [] : undefined, answered: false });
      this.socket.write(serializeAction(action, actionId));
    });
  }

  private waitBanner(): Promise<void> {
    if (this.banner) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.shutdown(new AmiLinkError('timeout', `no AMI banner within ${this.options.responseTimeoutMs} ms`));
      }, this.options.responseTimeoutMs);
      this.bannerWaiter = {
        resolve: () => { clearTimeout(timer); resolve(); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
    });
  }

  private startKeepalive(): void {
    // A silent or stuck server is detected by an unanswered Ping: the link is dropped and
    // the provider reconnects, rather than waiting on a half-open TCP connection.
    this.keepalive = setInterval(() => {
      this.send(pingAction()).catch((error: unknown) => {
        if (error instanceof AmiLinkError && error.failure === 'timeout') this.shutdown(new AmiLinkError('timeout', `keepalive Ping unanswered for ${this.options.responseTimeoutMs} ms`));
      });
    }, this.options.keepaliveMs);
  }

  private onData(chunk: Uint8Array): void {
    if (this.closed) return;
    const receivedAt = Date.now();
    let frames;
    try {
      frames = this.parser.push(chunk);
    } catch (error) {
      const message = error instanceof AmiProtocolError ? error.message : String(error);
      this.shutdown(new AmiLinkError('protocol-error', message));
      return;
    }
    for (const frame of frames) {
      if (this.closed) return;
      if (frame.kind === 'banner') {
        this.banner = frame.text;
        this.bannerWaiter?.resolve();
      } else {
        this.route(frame.message, receivedAt);
      }
    }
  }

  private route(m: AmiMessage, receivedAt: number): void {
    const id = m.ActionID;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (p && id !== undefined) {
      if (m.Response !== undefined && !p.answered) {
        p.answered = true;
        if (m.Response === 'Error') return this.finish(id, p, translateAmiError(p.action, m));
        if (!p.list) return this.finish(id, p, [m]);
        if (m.EventList !== 'start') return this.finish(id, p, []);
        return;
      }
      if (p.list && m.Event !== undefined) {
        if (m.EventList === 'Complete') return this.finish(id, p, p.list);
        p.list.push(m);
        return;
      }
    }
    try {
      this.handlers.onMessage(m, receivedAt);
    } catch {
      // A failing consumer must not take the link down; the provider logs its own errors.
    }
  }

  private finish(id: string, p: Pending, outcome: AmiMessage[] | Error): void {
    clearTimeout(p.timer);
    this.pending.delete(id);
    if (outcome instanceof Error) p.reject(outcome);
    else p.resolve(outcome);
  }

  private shutdown(reason: AmiLinkError): void {
    if (this.closed) return;
    this.closed = reason;
    if (this.keepalive) clearInterval(this.keepalive);
    this.bannerWaiter?.reject(reason);
    for (const [id, p] of this.pending) this.finish(id, p, reason);
    this.socket.destroy();
    this.handlers.onClose(reason);
  }
}

/** The connection settings of a validated `AmiConfig`. */
export const connectionOptionsOf = (c: AmiConfig, actionIdPrefix: string, dial?: AmiDialer): AmiConnectionOptions => ({
  host: c.host, port: c.port, tls: c.tls, tlsVerify: c.tlsVerify, username: c.username, secret: c.secret,
  responseTimeoutMs: c.responseTimeoutMs, keepaliveMs: c.keepaliveMs,
  limits: { maxMessageBytes: c.maxMessageBytes, maxHeaders: c.maxHeaders },
  actionIdPrefix, dial,
});

/** The live test of new settings before they are saved (issue 7): log in, then log off. */
export const testAmiConnection = async (config: AmiConfig, dial?: AmiDialer): Promise<{ ok: boolean; message: string }> => {
  try {
    const connection = await AmiConnection.open(connectionOptionsOf(config, 'sb-test', dial), { onMessage: () => undefined, onClose: () => undefined });
    const banner = connection.banner;
    await connection.close();
    return { ok: true, message: `logged in to ${config.host}:${config.port} (${banner})` };
  } catch (error) {
    return { ok: false, message: error instanceof AmiLinkError ? describeLinkFailure(error) : String(error) };
  }
};
