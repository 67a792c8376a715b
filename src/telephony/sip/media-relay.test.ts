import { describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import path from 'node:path';
import { loadMoh } from './rtp-moh.js';
import { MediaRelay, mediaDestOf, throughRelay } from './media-relay.js';
import { parseSdp } from './sdp.js';
import { ulawToLinear } from './g711.js';

const sock = async (): Promise<{ s: dgram.Socket; port: number; next(): Promise<Buffer> }> => {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const queue: Buffer[] = [];
  const waiters: Array<(b: Buffer) => void> = [];
  s.on('message', (m) => { const w = waiters.shift(); if (w) w(m); else queue.push(m); });
  return { s, port: s.address().port, next: () => new Promise((r) => { const b = queue.shift(); if (b) r(b); else waiters.push(r); }) };
};

const offer = (port: number): string => `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 8 0\r\na=rtpmap:8 PCMA/8000\r\n`;

describe('the media relay anchoring the far party (RFC 3550 RTP)', () => {
  it('forwards both ways, plays music from the same port while held, and stops on resume', async () => {
    const far = await sock();
    const near = await sock();
    const relay = await new MediaRelay(loadMoh(path.resolve('assets/moh/moh.wav')), '127.0.0.1').open();
    relay.setFar(mediaDestOf(parseSdp(offer(far.port))));
    relay.setNear({ host: '127.0.0.1', port: near.port });
    far.s.send(Buffer.from('from-far'), relay.pPort, '127.0.0.1');
    expect((await near.next()).toString()).toBe('from-far');
    near.s.send(Buffer.from('from-near'), relay.aPort, '127.0.0.1');
    expect((await far.next()).toString()).toBe('from-near');
    relay.hold();
    const music = await far.next();
    expect((music[1] ?? 0) & 0x7f).toBe(8); // PCMA, the far party's first codec
    expect(music).toHaveLength(172);
    relay.close();
    far.s.close();
    near.s.close();
  });

  it('rewrites a description so the receiver sends to the relay', () => {
    const s = throughRelay(parseSdp(offer(4000)), '127.0.0.2', 5000);
    expect(mediaDestOf(s)).toEqual({ host: '127.0.0.2', port: 5000, codec: 'PCMA' });
  });

  it('the bundled music is not silence', () => {
    const moh = loadMoh(path.resolve('assets/moh/moh.wav'));
    const energy = Array.from(moh.pcmu.subarray(0, 8000)).reduce((a, b) => a + Math.abs(ulawToLinear(b)), 0) / 8000;
    expect(energy).toBeGreaterThan(500);
  });
});
