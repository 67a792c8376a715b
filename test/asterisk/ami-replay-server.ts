/**
 * A TCP server on 127.0.0.1 that plays a recorded Asterisk session (fixtures' README) to a
 * real AMI client and checks what the client sends.
 *
 * - Each TCP connection plays the next recorded connection (a banner starts one; S13 has two).
 * - `recv` lines are written with their recorded timing, compressed `speed` times.
 * - At a `send` line the player waits for the client to send that action, compares the
 *   fields that matter (all recorded fields but ActionID, the redacted Secret and the
 *   cosmetic CallerID; for `Variable`, the variable's name), and from then on rewrites the
 *   recorded ActionID and `CTI_REQUEST_ID` value into the client's own in what it plays.
 * - Actions the recording does not hold are answered the way Asterisk does: `Ping` with
 *   Pong, `Logoff` with Goodbye (then close), a `CoreShowChannels` the recorder did not send
 *   with an empty list (every session starts with no channels: README step 5 of the previous
 *   one), anything else with `Response: Error` and is reported as unexpected.
 * - After a connection's last recorded line: a connection followed by another one in the
 *   recording is closed by the server (Asterisk restarting, S13); the last one stays open.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { AmiParser, type AmiMessage } from '../../src/telephony/asterisk/ami-parser.js';
import type { Fixture, FixtureLine } from './ami-fixtures.js';

export interface ReplayOptions {
  /** Time compression: 10 plays a 10 s session in 1 s. */
  speed?: number;
  /** The secret a Login must carry (the recording's is redacted). */
  secret?: string;
  /** Recorded actions the client is not expected to send; their answers are dropped too. */
  omitActions?: readonly string[];
  /** Pause before the first line recorded at or after this time until `release()` (the
   * world "acts": e.g. an incoming call starts when a test asks for it). */
  gateAt?: number;
}

export interface ActionCheck {
  action: string;
  recorded?: AmiMessage;
  sent: AmiMessage;
  problems: string[];
}

export interface ReplayServer {
  port: number;
  /** Every action the client sent, with the comparison against the recording. */
  checks: ActionCheck[];
  /** Resolves when every recorded connection has been played to its end. */
  done: Promise<void>;
  /** How many TCP connections the client opened. */
  connections(): number;
  /** Opens the gate set by `gateAt`. */
  release(): void;
  close(): Promise<void>;
}

const IGNORED_FIELDS = new Set(['ActionID', 'Secret', 'CallerID']);

const parseAction = (data: string): AmiMessage => {
  const frame = new AmiParser(undefined, false).push(data)[0];
  if (!frame || frame.kind !== 'message') throw new Error(`not an AMI action: ${JSON.stringify(data)}`);
  return frame.message;
};

/** Splits the recording into connections; drops Logoff (answered live) and omitted actions. */
const scriptOf = (fixture: Fixture, omit: ReadonlySet<string>): FixtureLine[][] => {
  const omittedIds = new Set<string>();
  for (const line of fixture.lines) {
    if (line.dir !== 'send') continue;
    const m = parseAction(line.data);
    if ((m.Action !== undefined && omit.has(m.Action)) || m.Action === 'Logoff') omittedIds.add(m.ActionID ?? '');
  }
  const connections: FixtureLine[][] = [];
  for (const line of fixture.lines) {
    if (line.dir === 'recv' && line.data.startsWith('Asterisk Call Manager/')) connections.push([]);
    const ids = /ActionID: ([^\r\n]*)/.exec(line.data);
    if (ids && omittedIds.has(ids[1] ?? '')) continue;
    connections[connections.length - 1]?.push(line);
  }
  return connections;
};

export const startReplayServer = async (fixture: Fixture, options: ReplayOptions = {}): Promise<ReplayServer> => {
  const speed = options.speed ?? 1;
  const script = scriptOf(fixture, new Set(options.omitActions ?? []));
  const checks: ActionCheck[] = [];
  const sockets = new Set<Socket>();
  let connectionCount = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => { finish = resolve; });
  let release: () => void = () => undefined;
  const gate = options.gateAt === undefined ? Promise.resolve() : new Promise<void>((resolve) => { release = resolve; });

  const play = (socket: Socket, index: number): void => {
    const lines = script[index] ?? [];
    const rewrite = new Map<string, string>();
    const parser = new AmiParser(undefined, false);
    let waiting: ((m: AmiMessage) => boolean) | undefined;
    let closed = false;
    let position = -1;
    const inbox: AmiMessage[] = [];
    const write = (data: string) => {
      if (closed) return;
      let out = data;
      for (const [from, to] of rewrite) out = out.split(from).join(to);
      socket.write(out);
    };
    const answerLive = (m: AmiMessage): void => {
      const id = m.ActionID ?? '';
      if (m.Action === 'Ping') return write(`Response: Success\r\nActionID: ${id}\r\nPing: Pong\r\nTimestamp: 0.000000\r\n\r\n`);
      if (m.Action === 'Logoff') {
        write(`Response: Goodbye\r\nActionID: ${id}\r\nMessage: Thanks for all the fish.\r\n\r\n`);
        socket.end();
        return;
      }
      if (m.Action === 'CoreShowChannels') {
        checks.push({ action: 'CoreShowChannels', sent: m, problems: [] });
        return write(`Response: Success\r\nActionID: ${id}\r\nEventList: start\r\nMessage: Channels will follow\r\n\r\nEvent: CoreShowChannelsComplete\r\nActionID: ${id}\r\nEventList: Complete\r\nListItems: 0\r\n\r\n`);
      }
      checks.push({ action: m.Action ?? '?', sent: m, problems: ['not in the recording'] });
      write(`Response: Error\r\nActionID: ${id}\r\nMessage: Invalid/unknown command\r\n\r\n`);
    };
    socket.on('data', (chunk) => {
      for (const frame of parser.push(chunk)) {
        if (frame.kind !== 'message') continue;
        if (waiting && waiting(frame.message)) continue;
        // An action the recording holds further on waits for the player to reach it.
        if (lines.some((l, i) => i > position && l.dir === 'send' && parseAction(l.data).Action === frame.message.Action)) inbox.push(frame.message);
        else answerLive(frame.message);
      }
    });
    socket.on('close', () => { closed = true; });

    const compare = (recorded: AmiMessage, sent: AmiMessage): string[] => {
      const problems: string[] = [];
      for (const [key, value] of Object.entries(recorded)) {
        if (IGNORED_FIELDS.has(key)) continue;
        const got = sent[key];
        if (key === 'Variable') {
          if ((got ?? '').split('=')[0] !== value.split('=')[0]) problems.push(`Variable: expected ${value.split('=')[0]}=…, got ${String(got)}`);
        } else if (got !== value) {
          problems.push(`${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got)}`);
        }
      }
      if (recorded.Action === 'Login' && options.secret !== undefined && sent.Secret !== options.secret) problems.push('Secret: wrong secret');
      return problems;
    };

    const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
    const run = async () => {
      let base = Date.now();
      let baseT = lines[0]?.t ?? 0;
      let gated = options.gateAt !== undefined && index === 0;
      for (const [i, line] of lines.entries()) {
        position = i;
        if (gated && line.t >= (options.gateAt ?? 0)) {
          gated = false;
          await gate;
          base = Date.now();
          baseT = line.t;
        }
        if (closed) return;
        if (line.dir === 'recv') {
          await sleep(base + (line.t - baseT) / speed - Date.now());
          write(line.data);
          continue;
        }
        const recorded = parseAction(line.data);
        const sent = await new Promise<AmiMessage>((resolve) => {
          const matches = (m: AmiMessage) => m.Action === recorded.Action;
          const early = inbox.findIndex(matches);
          if (early >= 0) return resolve(inbox.splice(early, 1)[0] as AmiMessage);
          waiting = (m) => {
            if (!matches(m)) return false;
            waiting = undefined;
            resolve(m);
            return true;
          };
        });
        const problems = compare(recorded, sent);
        checks.push({ action: recorded.Action ?? '?', recorded, sent, problems });
        if (recorded.ActionID && sent.ActionID) rewrite.set(`ActionID: ${recorded.ActionID}\r\n`, `ActionID: ${sent.ActionID}\r\n`);
        const tag = /^CTI_REQUEST_ID=(.*)$/;
        const recordedTag = tag.exec(recorded.Variable ?? '')?.[1];
        const sentTag = tag.exec(sent.Variable ?? '')?.[1];
        if (recordedTag && sentTag) rewrite.set(`Value: ${recordedTag}\r\n`, `Value: ${sentTag}\r\n`);
        if (recorded.Action === 'Login' && problems.includes('Secret: wrong secret')) {
          write(`Response: Error\r\nActionID: ${sent.ActionID ?? ''}\r\nMessage: Authentication failed\r\n\r\n`);
          socket.end();
          return;
        }
        base = Date.now();
        baseT = line.t;
      }
      if (index < script.length - 1) socket.destroy();
      if (index === script.length - 1) finish();
    };
    void run();
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const index = connectionCount;
    connectionCount += 1;
    if (index >= script.length) {
      socket.destroy();
      return;
    }
    play(socket, index);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('replay server has no port');
  return {
    port: address.port,
    checks,
    done,
    connections: () => connectionCount,
    release: () => release(),
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
};
