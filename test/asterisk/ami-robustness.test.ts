/**
 * Failure modes of the link (issue 7): a truncated or garbled stream, an unknown event, a
 * failed login, a slow or silent server. Each must give a clear error or a reconnect —
 * never a crash, never a call left stuck. The servers here are real TCP servers on
 * 127.0.0.1 that misbehave on purpose; well-behaved turns replay recorded bytes (S05).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AmiProvider } from '../../src/telephony/asterisk/ami-provider.js';
import { AmiLinkError } from '../../src/telephony/asterisk/ami-errors.js';
import { AmiParser, type AmiMessage } from '../../src/telephony/asterisk/ami-parser.js';
import { ProviderError } from '../../src/telephony/provider.js';
import { loadFixture } from './ami-fixtures.js';
import { replayMapper } from './ami-mapper-timeline.js';
import { EventLog, replayConfig, startHarness, typesByDevice, type Harness } from './ami-provider-harness.js';

const BANNER = 'Asterisk Call Manager/11.0.0\r\n';

interface Misbehaviour {
  /** Per connection index: what to do once logged in and resynced. */
  afterResync?: (socket: Socket, index: number) => void;
  /** Per connection index: skip the banner (a silent server). */
  silent?: (index: number) => boolean;
  /** Answer to an action other than Login/CoreShowChannels/Ping/Logoff. */
  answer?: (m: AmiMessage, socket: Socket) => void;
  /** Stop answering Ping on this connection. */
  deaf?: (index: number) => boolean;
  /** Refuse CoreShowChannels, as an account without write `reporting` sees it. */
  refuseList?: boolean;
}

const servers: Server[] = [];
const providers: AmiProvider[] = [];
let harness: Harness | undefined;
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.stop()));
  await harness?.close();
  harness = undefined;
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A TCP server that speaks just enough AMI (login, empty channel list, pong), then misbehaves. */
const misbehavingServer = async (how: Misbehaviour): Promise<{ port: number; connections: () => number }> => {
  let count = 0;
  const server = createServer((socket) => {
    const index = count;
    count += 1;
    socket.on('error', () => undefined);
    if (how.silent?.(index)) return;
    socket.write(BANNER);
    const parser = new AmiParser(undefined, false);
    socket.on('data', (chunk) => {
      for (const frame of parser.push(chunk)) {
        if (frame.kind !== 'message') continue;
        const m = frame.message;
        const id = m.ActionID ?? '';
        if (m.Action === 'Login') socket.write(`Response: Success\r\nActionID: ${id}\r\nMessage: Authentication accepted\r\n\r\n`);
        else if (m.Action === 'Ping') { if (!how.deaf?.(index)) socket.write(`Response: Success\r\nActionID: ${id}\r\nPing: Pong\r\n\r\n`); }
        else if (m.Action === 'Logoff') socket.end(`Response: Goodbye\r\nActionID: ${id}\r\n\r\n`);
        else if (m.Action === 'CoreShowChannels' && how.refuseList) socket.write(`Response: Error\r\nActionID: ${id}\r\nMessage: Permission denied\r\n\r\n`);
        else if (m.Action === 'CoreShowChannels') {
          socket.write(`Response: Success\r\nActionID: ${id}\r\nEventList: start\r\n\r\nEvent: CoreShowChannelsComplete\r\nActionID: ${id}\r\nEventList: Complete\r\nListItems: 0\r\n\r\n`);
          how.afterResync?.(socket, index);
        } else how.answer?.(m, socket);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, connections: () => count };
};

const watch = (port: number, overrides: Parameters<typeof replayConfig>[1] = {}) => {
  const provider = new AmiProvider({ config: replayConfig(port, overrides), idPrefix: 'sb' });
  providers.push(provider);
  const log = new EventLog();
  provider.onEvent(log.push);
  return { provider, log };
};

/** The recorded bytes of S05 (an inbound call answered by Alice), from the first event on. */
const s05Events = (): string => loadFixture('S05').lines
  .filter((l) => l.dir === 'recv' && l.data.startsWith('Event:') && !l.data.startsWith('Event: FullyBooted') && !l.data.startsWith('Event: SuccessfulAuth'))
  .map((l) => l.data).join('');

const statusTrail = (log: EventLog) => log.events.filter((e) => !('callRef' in e)).map((e) => e.type);

describe('the AMI link under failure', () => {
  it('a failed login rejects start() with a clear error and does not retry with the same wrong secret', async () => {
    harness = await startHarness('S01', {}, { secret: 'not-the-secret' });
    const failure = await harness.provider.start().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AmiLinkError);
    expect(failure).toMatchObject({ failure: 'login-failed', message: expect.stringMatching(/Authentication failed/) });
    expect(harness.provider.isUp()).toBe(false);
    await expect(harness.provider.makeCall('PJSIP/6001', '02075550123')).rejects.toMatchObject({ reason: 'down' });
    expect(harness.server.connections()).toBe(1);
  });

  it('a port that does not speak AMI rejects start() as a protocol error', async () => {
    const server = createServer((s) => { s.on('error', () => undefined); s.end('HTTP/1.1 400 Bad Request\r\n\r\n'); });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const { provider } = watch(typeof address === 'object' && address ? address.port : 0);
    await expect(provider.start()).rejects.toMatchObject({ failure: 'protocol-error', message: expect.stringMatching(/unexpected banner/) });
  });

  it('an account that may not list channels rejects start() pointing at manager.conf, instead of looping', async () => {
    const fake = await misbehavingServer({ refuseList: true });
    const { provider } = watch(fake.port);
    await expect(provider.start()).rejects.toMatchObject({ reason: 'refused', message: expect.stringMatching(/CoreShowChannels: Permission denied.*manager\.conf/) });
    expect(provider.isUp()).toBe(false);
    expect(fake.connections()).toBe(1);
  });

  it('a garbled stream drops the link with the reason, reconnects and resyncs', async () => {
    const fake = await misbehavingServer({ afterResync: (s, i) => { if (i === 0) s.write('Event: Newchannel\r\nthis line has no colon\r\n\r\n'); } });
    const { provider, log } = watch(fake.port);
    await provider.start();
    expect(await log.next((e) => e.type === 'provider-down')).toMatchObject({ reason: expect.stringMatching(/garbled AMI line/) });
    await log.next((e) => e.type === 'synced' && log.events.filter((x) => x.type === 'synced').length === 2);
    expect(statusTrail(log)).toEqual(['provider-up', 'synced', 'provider-down', 'provider-up', 'synced']);
    expect(fake.connections()).toBe(2);
    expect(provider.isUp()).toBe(true);
  });

  it('a stream truncated mid-message invents nothing, and the resync after reconnecting is the truth', async () => {
    const bytes = s05Events();
    const cut = bytes.indexOf('Event: HangupRequest');
    const fake = await misbehavingServer({ afterResync: (s, i) => { if (i === 0) { s.write(bytes.slice(0, cut + 30)); s.destroy(); } } });
    const { provider, log } = watch(fake.port);
    await provider.start();
    await log.next((e) => e.type === 'synced' && log.events.filter((x) => x.type === 'synced').length === 2);
    const before = replayMapper(loadFixture('S05'), 5549).events;
    expect(typesByDevice(log.callEvents())).toEqual(typesByDevice(before));
    expect(statusTrail(log)).toEqual(['provider-up', 'synced', 'provider-down', 'provider-up', 'synced']);
    const last = log.events[log.events.length - 1];
    expect(last).toMatchObject({ type: 'synced', calls: [] });
  });

  it('an unknown event is ignored and the call around it is followed as recorded', async () => {
    const bytes = s05Events();
    const middle = bytes.indexOf('Event: BridgeCreate');
    const unknown = 'Event: SomethingAsterisk23Adds\r\nPrivilege: call,all\r\nChannel: PJSIP/6001-00000009\r\nUniqueid: 1795666735.9\r\nLinkedid: 1795666735.8\r\n\r\n';
    const fake = await misbehavingServer({ afterResync: (s) => s.write(bytes.slice(0, middle) + unknown + bytes.slice(middle)) });
    const { provider, log } = watch(fake.port);
    await provider.start();
    await log.on('connection-cleared', 'PJSIP/6001');
    expect(typesByDevice(log.callEvents())).toEqual(typesByDevice(replayMapper(loadFixture('S05')).events));
  });

  it('a silent server (no banner) times out and the provider tries again until one answers', async () => {
    const fake = await misbehavingServer({ silent: (i) => i === 0 });
    const { provider, log } = watch(fake.port, { responseTimeoutMs: 400 });
    await provider.start();
    expect(fake.connections()).toBeGreaterThanOrEqual(2);
    expect(statusTrail(log)).toEqual(['provider-up', 'synced']);
  });

  it('a server that stops answering keepalive Pings is dropped and reconnected', async () => {
    const fake = await misbehavingServer({ deaf: (i) => i === 0 });
    const { provider, log } = watch(fake.port, { keepaliveMs: 1000, responseTimeoutMs: 400 });
    await provider.start();
    expect(await log.next((e) => e.type === 'provider-down')).toMatchObject({ reason: expect.stringMatching(/keepalive Ping unanswered/) });
    await log.next((e) => e.type === 'synced' && log.events.filter((x) => x.type === 'synced').length === 2);
    expect(fake.connections()).toBeGreaterThanOrEqual(2);
  });

  it('an action Asterisk refuses becomes a ProviderError with its words; a command while down is "down"', async () => {
    const fake = await misbehavingServer({
      afterResync: (s) => s.write(s05Events().slice(0, s05Events().indexOf('Event: HangupRequest'))),
      answer: (m, s) => s.write(`Response: Error\r\nActionID: ${m.ActionID ?? ''}\r\nMessage: No such channel\r\n\r\n`),
    });
    const { provider, log } = watch(fake.port);
    await provider.start();
    const up = await log.on('established', '+442075550123');
    const conn = { callRef: 'callRef' in up ? up.callRef : '', device: 'PJSIP/6001' };
    const refused = await provider.clear(conn).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ reason: 'unknown-call', message: 'Asterisk refused Hangup: No such channel' });
    await expect(provider.hold({ callRef: 'nope', device: 'PJSIP/6001' })).rejects.toMatchObject({ reason: 'unknown-call' });
    await expect(provider.answer(conn)).rejects.toMatchObject({ reason: 'not-supported' });
    await provider.stop();
    await expect(provider.clear(conn)).rejects.toMatchObject({ reason: 'down' });
    expect(statusTrail(log)).toEqual(['provider-up', 'synced', 'provider-down']);
  });
});
