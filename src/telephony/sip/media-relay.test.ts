import { describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import path from 'node:path';
import { loadMoh } from './rtp-moh.js';
import { MediaRelay, mediaDestOf, SymmetricPeer, throughRelay, type LatchMode } from './media-relay.js';
import { parseSdp } from './sdp.js';
import { ulawToLinear } from './g711.js';

const sock = async (host = '127.0.0.1'): Promise<{ s: dgram.Socket; port: number; next(): Promise<Buffer> }> => {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, host, () => r()));
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

  it('holds either side: the held party hears music and is heard by nobody; linked relays carry both directions (issue 17)', async () => {
    const moh = loadMoh(path.resolve('assets/moh/moh.wav'));
    const left = await sock();
    const right = await sock();
    const r1 = await new MediaRelay(moh, '127.0.0.1').open();
    const r2 = await new MediaRelay(moh, '127.0.0.1').open();
    // left ↔ r1.p … r1.a ↔ r2.a … r2.p ↔ right (a completed consultation)
    r1.setPeer('p', mediaDestOf(parseSdp(offer(left.port))));
    r2.setPeer('p', mediaDestOf(parseSdp(offer(right.port))));
    r1.link('a', r2, 'a');
    left.s.send(rtp('hello-right'), r1.pPort, '127.0.0.1');
    expect(payload(await right.next())).toBe('hello-right');
    right.s.send(rtp('hello-left'), r2.pPort, '127.0.0.1');
    expect(payload(await left.next())).toBe('hello-left');
    // right is held: it gets music; what it says reaches nobody (left's next packet is the later one)
    r2.hold('p');
    expect(await right.next()).toHaveLength(172);
    const before = r2.received.p;
    right.s.send(rtp('muted'), r2.pPort, '127.0.0.1');
    while (r2.received.p === before) await new Promise((r) => setImmediate(r));
    expect(r2.relayed.p).toBe(1);
    r2.resume('p');
    right.s.send(rtp('back'), r2.pPort, '127.0.0.1');
    expect(payload(await left.next())).toBe('back');
    for (const x of [r1, r2]) x.close();
    left.s.close();
    right.s.close();
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

/**
 * NAT latching (RFC 4961 symmetric RTP): each party is a real UDP socket on 127.0.0.x whose
 * SDP names another port (what a phone behind a NAT advertises: its private address).
 * "Not forwarded" is observed through order: a packet that must be dropped is sent before
 * one that must arrive, and the receiver's next packet must be the second.
 */
const rtp = (text: string): Buffer => Buffer.concat([Buffer.from([0x80, 0, 0, 1, 0, 0, 0, 160, 0, 0, 0, 7]), Buffer.from(text)]);
const payload = (b: Buffer): string => b.subarray(12).toString();
/** An RTCP receiver report header (RFC 3550 §6.4.2: PT 201). */
const rtcp = (): Buffer => Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 7]);

describe('the media relay latching onto where RTP really comes from (RFC 4961 §4, comedia)', () => {
  const moh = loadMoh(path.resolve('assets/moh/moh.wav'));
  const sdpDest = (port: number, host = '127.0.0.1') => ({ host, port, codec: 'PCMU' as const });
  const world = async (mode?: LatchMode) => {
    const relay = await new MediaRelay(moh, '127.0.0.1', mode).open();
    const far = await sock(); // the far party's real socket (the NAT's mapping)
    const advertised = await sock(); // the port its SDP names (nothing is ever sent from here)
    const near = await sock();
    relay.setFar(sdpDest(advertised.port));
    relay.setNear({ host: '127.0.0.1', port: near.port });
    const close = () => { relay.close(); for (const x of [far, advertised, near]) x.s.close(); };
    return { relay, far, advertised, near, close };
  };

  it('given a far party whose RTP comes from another port than its SDP, the near party\'s media and the music go to that port', async () => {
    const w = await world();
    w.far.s.send(rtp('rtp-1'), w.relay.pPort, '127.0.0.1');
    expect(payload(await w.near.next())).toBe('rtp-1');
    expect(w.relay.farTarget).toEqual({ host: '127.0.0.1', port: w.far.port });
    w.near.s.send(rtp('answer'), w.relay.aPort, '127.0.0.1');
    expect(payload(await w.far.next())).toBe('answer');
    w.relay.hold();
    expect(await w.far.next()).toHaveLength(172); // music, at the latched address too
    w.close();
  });

  it('a second source on the same host cannot take the stream over once one is latched (no hijacking)', async () => {
    const w = await world();
    const intruder = await sock();
    w.far.s.send(rtp('rtp-1'), w.relay.pPort, '127.0.0.1');
    expect(payload(await w.near.next())).toBe('rtp-1');
    intruder.s.send(rtp('injected'), w.relay.pPort, '127.0.0.1');
    w.far.s.send(rtp('rtp-2'), w.relay.pPort, '127.0.0.1');
    expect(payload(await w.near.next())).toBe('rtp-2');
    expect(w.relay.farTarget).toEqual({ host: '127.0.0.1', port: w.far.port });
    intruder.s.close();
    w.close();
  });

  it('by default a source on another host than the SDP names is neither relayed nor latched; with latching "any" it is', async () => {
    for (const mode of ['same-host', 'any'] as const) {
      const w = await world(mode);
      const elsewhere = await sock('127.0.0.2');
      elsewhere.s.send(rtp('from-127.0.0.2'), w.relay.pPort, '127.0.0.1');
      w.far.s.send(rtp('from-127.0.0.1'), w.relay.pPort, '127.0.0.1');
      const first = payload(await w.near.next());
      if (mode === 'same-host') {
        expect(first).toBe('from-127.0.0.1');
        expect(w.relay.farTarget).toEqual({ host: '127.0.0.1', port: w.far.port });
      } else {
        expect(first).toBe('from-127.0.0.2');
        expect(w.relay.farTarget).toEqual({ host: '127.0.0.2', port: elsewhere.port });
      }
      elsewhere.s.close();
      w.close();
    }
  });

  it('RTCP from another port of the same host (a phone\'s RTP port + 1) never moves the stream', async () => {
    const w = await world();
    const rtcpSock = await sock();
    rtcpSock.s.send(rtcp(), w.relay.pPort, '127.0.0.1');
    w.far.s.send(rtp('rtp-1'), w.relay.pPort, '127.0.0.1');
    expect(payload(await w.near.next())).toBe('rtp-1'); // the RTCP was not relayed
    expect(w.relay.farTarget).toEqual({ host: '127.0.0.1', port: w.far.port });
    rtcpSock.s.close();
    w.close();
  });

  it('once RTP came from the SDP\'s own address, no other source is learnt', async () => {
    const w = await world();
    const intruder = await sock();
    w.advertised.s.send(rtp('from-sdp-address'), w.relay.pPort, '127.0.0.1');
    expect(payload(await w.near.next())).toBe('from-sdp-address');
    intruder.s.send(rtp('injected'), w.relay.pPort, '127.0.0.1');
    w.advertised.s.send(rtp('again'), w.relay.pPort, '127.0.0.1');
    expect(payload(await w.near.next())).toBe('again');
    expect(w.relay.farTarget).toEqual({ host: '127.0.0.1', port: w.advertised.port });
    intruder.s.close();
    w.close();
  });

  it('latches the near side too (an agent phone behind a NAT)', async () => {
    const w = await world();
    const agentReal = await sock();
    w.far.s.send(rtp('before'), w.relay.pPort, '127.0.0.1');
    expect(payload(await w.near.next())).toBe('before'); // still the SDP's port
    agentReal.s.send(rtp('agent'), w.relay.aPort, '127.0.0.1');
    expect(payload(await w.far.next())).toBe('agent');
    w.far.s.send(rtp('after'), w.relay.pPort, '127.0.0.1');
    expect(payload(await agentReal.next())).toBe('after');
    agentReal.s.close();
    w.close();
  });

  it('with latching off, media goes where the SDP says whatever the RTP source', async () => {
    const w = await world('off');
    w.far.s.send(rtp('rtp'), w.relay.pPort, '127.0.0.1');
    expect(payload(await w.near.next())).toBe('rtp');
    expect(w.relay.farTarget).toEqual({ host: '127.0.0.1', port: w.advertised.port });
    w.near.s.send(rtp('answer'), w.relay.aPort, '127.0.0.1');
    expect(payload(await w.advertised.next())).toBe('answer');
    w.close();
  });
});

describe('one side of the relay (SymmetricPeer)', () => {
  const from = (address: string, port: number) => ({ address, port });
  const RTP = rtp('x');
  const RTCP = rtcp();
  it('learns from RTP only, keeps it across a re-INVITE naming the same address, lets the SDP address win back, and forgets it for a new address', () => {
    const peer = new SymmetricPeer('same-host');
    peer.set({ host: '10.0.0.5', port: 4000 });
    expect(peer.accept(from('10.0.0.5', 61000), RTCP)).toBe(false); // RTCP teaches nothing
    expect(peer.accept(from('10.0.0.5', 61000), RTP)).toBe(true);
    peer.set({ host: '10.0.0.5', port: 4000 }); // hold re-INVITE, same address
    expect(peer.target).toEqual({ host: '10.0.0.5', port: 61000 });
    expect(peer.accept(from('10.0.0.5', 4000), RTP)).toBe(true);
    expect(peer.target).toEqual({ host: '10.0.0.5', port: 4000 });
    expect(peer.accept(from('10.0.0.5', 62000), RTP)).toBe(false); // the SDP's own address sticks
    peer.set({ host: '10.0.0.9', port: 5000 }); // moved (a transfer)
    expect(peer.target).toEqual({ host: '10.0.0.9', port: 5000 });
    peer.clear();
    expect(peer.accept(from('10.0.0.9', 5000), RTP)).toBe(false); // nothing expected: nothing relayed
  });
});
