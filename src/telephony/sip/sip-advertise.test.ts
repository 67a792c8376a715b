import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { createAdvertiser, isWildcard } from './sip-advertise.js';
import { SipStack, type IncomingRequest } from './sip-stack.js';
import { createUdpTransport } from './sip-transport-udp.js';
import { Leg } from './b2bua-leg.js';
import { anchorOffer } from './b2bua-media.js';
import { getHeader, getHeaders, newRequest, type SipMessage } from './sip-message.js';
import { parseSdp } from './sdp.js';
import { startRawPeer, requestText, type RawPeer } from '../../../test/sip/support/raw-peer.js';

const v4 = (address: string, netmask: string, internal = false): NetworkInterfaceInfo =>
  ({ address, netmask, family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: null });
const v6 = (address: string, netmask: string, internal = false, scopeid = 0): NetworkInterfaceInfo =>
  ({ address, netmask, family: 'IPv6', mac: '00:00:00:00:00:00', internal, cidr: null, scopeid });

/** A two-armed server: loopback, an office LAN, a public NIC first in the list, and IPv6. */
const HOST = (): NodeJS.Dict<NetworkInterfaceInfo[]> => ({
  lo: [v4('127.0.0.1', '255.0.0.0', true), v6('::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', true)],
  eth0: [v4('203.0.113.10', '255.255.255.0'), v6('2001:db8::10', 'ffff:ffff:ffff:ffff::'), v6('fe80::1', 'ffff:ffff:ffff:ffff::', false, 2)],
  eth1: [v4('10.1.2.3', '255.255.0.0')],
});

describe('the address we advertise when listening on every interface (RFC 3261 §8.1.1.8, RFC 3264 §8.4)', () => {
  it('knows the wildcards', () => {
    expect(['0.0.0.0', '::', '[::]'].map(isWildcard)).toEqual([true, true, true]);
    expect(['127.0.0.1', '10.0.0.1', '::1'].map(isWildcard)).toEqual([false, false, false]);
  });

  it('answers a peer on a LAN with our address on that LAN, loopback with loopback, anything else with the first external address', () => {
    const a = createAdvertiser(HOST);
    expect(a.toward('10.1.200.7')).toBe('10.1.2.3'); // desk phone on the office LAN (eth1)
    expect(a.toward('203.0.113.77')).toBe('203.0.113.10');
    expect(a.toward('127.0.0.1')).toBe('127.0.0.1');
    expect(a.toward('127.0.0.53')).toBe('127.0.0.1');
    expect(a.toward('198.51.100.5')).toBe('203.0.113.10'); // a carrier far away: the default
    expect(a.toward('sip.carrier.example')).toBe('203.0.113.10'); // a host name: the default
    expect(a.toward('2001:db8::99')).toBe('2001:db8::10');
    expect(a.toward('[2001:db8::99]')).toBe('2001:db8::10');
    expect(a.toward('::1')).toBe('::1');
    expect(a.toward('2001:db8:ffff::1')).toBe('2001:db8::10'); // never the link-local fe80::1
  });

  it('falls back to loopback on a host with no external interface, and reads interfaces again after the refresh period', () => {
    let ifaces: NodeJS.Dict<NetworkInterfaceInfo[]> = { lo: [v4('127.0.0.1', '255.0.0.0', true)] };
    let now = 0;
    const a = createAdvertiser(() => ifaces, 30_000, () => now);
    expect(a.toward('198.51.100.5')).toBe('127.0.0.1');
    ifaces = HOST();
    now = 29_999;
    expect(a.toward('198.51.100.5')).toBe('127.0.0.1'); // cached: interfaces are read at most every 30 s
    now = 30_000;
    expect(a.toward('198.51.100.5')).toBe('203.0.113.10');
  });
});

describe('a stack listening on 0.0.0.0 puts a reachable address in what it sends (real UDP)', () => {
  let stack: SipStack;
  let peer: RawPeer;
  afterEach(async () => {
    await stack.close();
    await peer.close();
  });

  it('Via, Contact and the SDP of an answer carry 127.0.0.1 for a peer on loopback, never 0.0.0.0', async () => {
    stack = new SipStack({ transports: [createUdpTransport({ host: '0.0.0.0', port: 0 })] });
    const [bound] = await stack.listen();
    expect(bound?.host).toBe('0.0.0.0');
    const port = bound?.port ?? 0;
    peer = await startRawPeer();
    const got = new Promise<IncomingRequest>((resolve) => stack.onRequest((inc) => { if (inc.request.method === 'INVITE') resolve(inc); }));
    const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';
    peer.send(requestText('INVITE', peer.port, port, { 'Content-Type': 'application/sdp', Body: sdp }), port);
    const leg = Leg.fromInvite(stack, await got, { onRinging: () => undefined, onAnswered: () => undefined, onFailed: () => undefined });
    // the media relay listens on every interface too
    leg.accept(anchorOffer('0.0.0.0', 40000, 'sendrecv'));
    const ok = await peer.next((m: SipMessage) => m.kind === 'response' && m.status === 200);
    expect(getHeader(ok, 'contact')).toBe(`<sip:127.0.0.1:${port}>`);
    const answer = parseSdp(ok.body.toString());
    expect(answer.connection).toBe('127.0.0.1');
    expect(answer.origin.address).toBe('127.0.0.1');
    expect(ok.body.toString()).not.toContain('0.0.0.0');

    stack.sendRequest(newRequest('OPTIONS', `sip:bob@127.0.0.1:${peer.port}`, [['from', '<sip:sb@127.0.0.1>;tag=x'], ['to', `<sip:bob@127.0.0.1:${peer.port}>`], ['call-id', 'adv-1'], ['cseq', '1 OPTIONS']]), { onResponse: () => undefined });
    const options = await peer.next((m: SipMessage) => m.kind === 'request' && m.method === 'OPTIONS');
    expect(getHeaders(options, 'via')[0]).toMatch(new RegExp(`^SIP/2.0/UDP 127\\.0\\.0\\.1:${port};`));
  });
});
