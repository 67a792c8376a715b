/**
 * An outbound INVITE to a trunk that wants credentials (RFC 3261 §22.2, §8.1.3.5): one
 * B2BUA leg on a real SIP stack over UDP, the trunk a raw peer on 127.0.0.1 that
 * challenges with 407 (a proxy) and checks the answer with the real digest server.
 * (sipp, in trunk-sipp.test.ts, covers 401 through the whole provider.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SipStack } from '../../src/telephony/sip/sip-stack.js';
import { createUdpTransport } from '../../src/telephony/sip/sip-transport-udp.js';
import { Leg, type LegEvents } from '../../src/telephony/sip/b2bua-leg.js';
import { DigestClient, DigestServer } from '../../src/telephony/sip/sip-digest.js';
import { createResponse } from '../../src/telephony/sip/sip-response.js';
import { serializeMessage } from '../../src/telephony/sip/sip-serializer.js';
import { getHeader, type SipMessage, type SipRequest } from '../../src/telephony/sip/sip-message.js';
import { failureCause, type InviteFailure } from '../../src/telephony/sip/sip-errors.js';
import { parseSdp } from '../../src/telephony/sip/sdp.js';
import { tagOf } from '../../src/telephony/sip/sip-uri.js';
import { startRawPeer, type RawPeer } from './support/raw-peer.js';

const OFFER = parseSdp('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n');
const ANSWER = Buffer.from('v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n');
const method = (m: string) => (x: SipMessage): x is SipRequest => x.kind === 'request' && x.method === m;

describe('an outbound INVITE the trunk challenges (RFC 3261 §22.2)', () => {
  let stack: SipStack;
  let trunk: RawPeer;
  afterEach(async () => {
    await stack.close();
    await trunk.close();
  });

  const start = async (password: string | undefined) => {
    stack = new SipStack({ transports: [createUdpTransport({ host: '127.0.0.1', port: 0 })] });
    await stack.listen();
    trunk = await startRawPeer();
    const seen: { answered: boolean; failed: InviteFailure[] } = { answered: false, failed: [] };
    const events: LegEvents = { onRinging: () => undefined, onAnswered: () => { seen.answered = true; }, onFailed: (_l, why) => { seen.failed.push(why); } };
    const leg = Leg.invite(stack, {
      uri: `sip:5550100@127.0.0.1:${trunk.port}`, dest: { protocol: 'udp', host: '127.0.0.1', port: trunk.port },
      fromUser: '1001', sdp: OFFER, credentials: password === undefined ? undefined : new DigestClient('acme', password),
    }, events);
    return { leg, seen };
  };
  const nextInvite = async (): Promise<SipRequest> => {
    const m = await trunk.next(method('INVITE'));
    if (!method('INVITE')(m)) throw new Error('not an INVITE');
    return m;
  };
  const reply = (req: SipRequest, status: number, headers: Array<[string, string]> = [], body?: Buffer): void =>
    trunk.sendBytes(serializeMessage(createResponse(req, status, { headers, body, toTag: 'trunk1' })), stack.local().port);
  const server = new DigestServer({ realm: 'carrier', algorithms: ['MD5'] });
  const challenge = (req: SipRequest): void => reply(req, 407, server.challenge().map((v): [string, string] => ['proxy-authenticate', v]));

  it('sends the INVITE again once with Proxy-Authorization: same Call-ID, From tag and offer, CSeq 2, a new branch; the trunk accepts it', async () => {
    const { seen } = await start('trunk-secret');
    const first = await nextInvite();
    challenge(first);
    await trunk.next(method('ACK')); // the transaction's ACK for the 407 (§17.1.1.3)
    const second = await nextInvite();
    expect(getHeader(second, 'call-id')).toBe(getHeader(first, 'call-id'));
    expect(tagOf(getHeader(second, 'from'))).toBe(tagOf(getHeader(first, 'from')));
    expect(getHeader(second, 'cseq')).toBe('2 INVITE');
    expect(getHeader(second, 'via')).not.toBe(getHeader(first, 'via'));
    expect(second.body.toString()).toBe(first.body.toString());
    expect(getHeader(second, 'authorization')).toBeUndefined();
    expect(server.verify(getHeader(second, 'proxy-authorization') ?? '', 'INVITE', 'trunk-secret', second.uri)).toEqual({ ok: true, username: 'acme' });
    reply(second, 200, [['contact', `<sip:127.0.0.1:${trunk.port}>`], ['content-type', 'application/sdp']], ANSWER);
    const ack = await trunk.next(method('ACK'));
    expect(getHeader(ack, 'cseq')).toBe('2 ACK');
    expect(seen).toEqual({ answered: true, failed: [] });
  });

  it('given a wrong password, the second challenge is not answered: the leg fails, as cause network', async () => {
    const { seen, leg } = await start('wrong');
    challenge(await nextInvite());
    const second = await nextInvite();
    expect(server.verify(getHeader(second, 'proxy-authorization') ?? '', 'INVITE', 'trunk-secret', second.uri)).toEqual({ ok: false, reason: 'wrong-password' });
    challenge(second);
    await trunk.next((m) => m.kind === 'request' && m.method === 'ACK' && getHeader(m, 'cseq') === '2 ACK');
    expect(seen.failed).toEqual([407]);
    expect(failureCause(407)).toBe('network');
    expect(leg.state).toBe('ended');
    expect(trunk.received.filter(method('INVITE'))).toHaveLength(2);
  });

  it('without credentials a challenge simply fails the leg', async () => {
    const { seen } = await start(undefined);
    challenge(await nextInvite());
    await trunk.next(method('ACK'));
    expect(seen.failed).toEqual([407]);
  });
});
