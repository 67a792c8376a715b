/**
 * Operators see what the SIP layer does (issue 17): the SIP provider as the product runs
 * it (in a worker thread), its log lines crossing to the main thread's pino logger, and
 * scripted phones on raw UDP sockets. A wrong password, a phone answering 503, a
 * transaction that times out and a media stall each leave exactly one `warn` line with
 * `{ device, address, cause }`, however often the messages are retransmitted.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerSipProvider } from '../../src/telephony/sip/sip-worker-provider.js';
import { defaultSipConfig, InMemoryAccountStore } from '../../src/telephony/sip/sip-config.js';
import type { ProviderEvent, ProviderStatusEvent } from '../../src/telephony/provider.js';
import { reservePorts } from './support/baresip-phone.js';
import { RawPhone } from './support/raw-phone.js';

interface Line { level: number; msg: string; device?: string; address?: string; cause?: string; status?: number }

/** A pino logger writing to memory, as the product's (create-cti hands the provider `log[level](details, message)`). */
const capture = () => {
  const lines: Line[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(JSON.parse(chunk.toString('utf8')) as Line); done(); } });
  const logger = pino({ level: 'info' }, stream);
  return { lines, log: { info: (d: object, m: string) => logger.info(d, m), warn: (d: object, m: string) => logger.warn(d, m) } };
};

const WARN = 40;

describe('the SIP layer\'s warn lines (issue 17)', () => {
  let provider: WorkerSipProvider | undefined;
  const phones: RawPhone[] = [];
  afterEach(async () => {
    await provider?.stop();
    provider = undefined;
    for (const p of phones.splice(0)) await p.close();
  });

  const start = async () => {
    const { lines, log } = capture();
    const port = await reservePorts(1);
    const accounts = new InMemoryAccountStore({ '1001': 'secret-1001', '1002': 'secret-1002' });
    provider = new WorkerSipProvider(defaultSipConfig({
      listenPort: port, transports: ['udp'], accounts, digestAlgorithms: ['MD5'],
      // Short RFC 3261 timers: Timer B (64·T1) fires in 1.3 s, not 32 s.
      timers: { T1: 20, T2: 160, T4: 200 }, mediaStallMs: 1000,
    }), log);
    const events: Array<ProviderEvent | ProviderStatusEvent> = [];
    provider.onEvent((e) => events.push(e));
    await provider.start();
    const phone = async (device: string, password = `secret-${device}`) => {
      const p = await RawPhone.start(device, port);
      phones.push(p);
      expect((await p.registerWith(password)).status).toBe(200);
      return p;
    };
    /** Every log line the worker posted so far has reached the main thread (a command's answer comes after them). */
    const flushed = async (): Promise<Line[]> => {
      await provider?.snapshot();
      return lines.filter((l) => l.level === WARN);
    };
    const waitForWarn = async (cause: string): Promise<void> => {
      while (!lines.some((l) => l.level === WARN && l.cause === cause)) await new Promise((r) => setTimeout(r, 20));
    };
    const waitForEvent = async (match: (e: ProviderEvent | ProviderStatusEvent) => boolean): Promise<void> => {
      while (!events.some(match)) await new Promise((r) => setTimeout(r, 20));
    };
    return { port, lines, phone, flushed, waitForWarn, waitForEvent };
  };

  it('a wrong password: one warn line, auth-failed, naming the device and its address, even when the REGISTER is sent again', async () => {
    const w = await start();
    const p = await RawPhone.start('1001', w.port);
    phones.push(p);
    const { status, request } = await p.registerWith('not-the-password');
    expect(status).toBe(403);
    p.peer.send(request, w.port); // a retransmission: the transaction sends its 403 again
    await p.peer.next((m) => m.kind === 'response' && m.status === 403);
    const warns = await w.flushed();
    expect(warns).toEqual([expect.objectContaining({ device: '1001', address: p.address, cause: 'auth-failed', msg: expect.stringContaining('authentication failed for 1001') })]);
  });

  it('a phone answering 503: one warn line, error-received, with the status, though the phone sends it twice', async () => {
    const w = await start();
    const agent = await w.phone('1001');
    await w.phone('1002');
    await provider?.makeCall('1001', '1002');
    await agent.answerInvite({ kind: 'status', status: 503, times: 2 });
    await w.waitForEvent((e) => e.type === 'failed' || e.type === 'connection-cleared');
    await w.waitForWarn('error-received');
    const warns = await w.flushed();
    expect(warns).toEqual([expect.objectContaining({ device: '1001', address: agent.address, cause: 'error-received', status: 503, msg: expect.stringContaining('503') })]);
  });

  it('a phone that never answers: one warn line, timeout, when Timer B fires (no line per retransmission)', async () => {
    const w = await start();
    const agent = await w.phone('1001');
    await w.phone('1002');
    await provider?.makeCall('1001', '1002');
    await agent.answerInvite({ kind: 'silent' });
    await w.waitForWarn('timeout');
    await w.waitForEvent((e) => e.type === 'failed' || e.type === 'connection-cleared');
    const warns = await w.flushed();
    expect(warns).toEqual([expect.objectContaining({ device: '1001', address: agent.address, cause: 'timeout', msg: expect.stringContaining('timed out') })]);
    expect(agent.peer.received.filter((m) => m.kind === 'request' && m.method === 'INVITE').length).toBeGreaterThan(1);
  });

  it('media that stops: one warn line, media-stall, naming the silent side only, and a media event for the snapshot', async () => {
    const w = await start();
    const agent = await w.phone('1001');
    const colleague = await w.phone('1002');
    const { callRef } = await provider!.makeCall('1001', '1002');
    await agent.answerInvite({ kind: 'answer', rtp: false });
    await colleague.answerInvite({ kind: 'answer', rtp: true });
    await w.waitForEvent((e) => e.type === 'established' && 'device' in e && e.device === '1002');
    await w.waitForWarn('media-stall');
    // ...and the CTI hears it, for the snapshot's "no audio from 1001".
    await w.waitForEvent((e) => e.type === 'media' && e.call === callRef && e.noAudioFrom === '1001');
    await provider!.clear({ callRef, device: '1001' });
    await w.waitForEvent((e) => e.type === 'connection-cleared');
    const warns = await w.flushed();
    expect(warns).toEqual([expect.objectContaining({ device: '1001', cause: 'media-stall', msg: expect.stringContaining('no audio from 1001') })]);
  });
});
