/**
 * An incoming leg reports once that its INVITE is settled: answered (200), refused, or
 * cancelled by the caller (RFC 3261 §9.2). The B2BUA keeps an unanswered INVITE only until
 * then, to match a CANCEL: the INVITE's server transaction lingers 32 s after the answer
 * (RFC 6026 Timer L), and anything keyed on it lived as long (issue 6, memory per call).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SipStack, type IncomingRequest } from '../../src/telephony/sip/sip-stack.js';
import { createUdpTransport } from '../../src/telephony/sip/sip-transport-udp.js';
import { Leg } from '../../src/telephony/sip/b2bua-leg.js';
import { parseSdp } from '../../src/telephony/sip/sdp.js';
import type { SipMessage } from '../../src/telephony/sip/sip-message.js';
import { requestText, startRawPeer, type RawPeer } from './support/raw-peer.js';

const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';
const status = (n: number) => (m: SipMessage): boolean => m.kind === 'response' && m.status === n;

describe('an incoming leg is settled once (issue 6, RFC 3261 §9.2, §13.3)', () => {
  let stack: SipStack;
  let peer: RawPeer;
  afterEach(async () => {
    await stack.close();
    await peer.close();
  });

  /** A raw peer INVITEs the stack; resolves with the leg made from it and its settle count. */
  const offered = async (): Promise<{ leg: Leg; settled: () => number; invite: string }> => {
    stack = new SipStack({ transports: [createUdpTransport({ host: '127.0.0.1', port: 0 })] });
    const [local] = await stack.listen();
    peer = await startRawPeer();
    let count = 0;
    const got = new Promise<Leg>((resolve) => {
      stack.onRequest((inc: IncomingRequest) => {
        if (inc.request.method !== 'INVITE') return;
        resolve(Leg.fromInvite(stack, inc, { onRinging: () => undefined, onAnswered: () => undefined, onFailed: () => undefined, onSettled: () => { count++; } }));
      });
    });
    const invite = requestText('INVITE', peer.port, local?.port ?? 0, { 'Content-Type': 'application/sdp', Body: SDP });
    peer.send(invite, local?.port ?? 0);
    const leg = await got;
    stack.events = { onCancel: () => leg.markEnded() };
    return { leg, settled: () => count, invite };
  };

  it('answered: settled at the 200, not again when the call ends', async () => {
    const { leg, settled } = await offered();
    leg.ring();
    expect(settled()).toBe(0);
    leg.accept(parseSdp(SDP));
    await peer.next(status(200));
    expect(settled()).toBe(1);
    leg.markEnded();
    expect(settled()).toBe(1);
  });

  it('refused: settled at the final response', async () => {
    const { leg, settled } = await offered();
    leg.reject(486);
    await peer.next(status(486));
    expect(settled()).toBe(1);
  });

  it('cancelled by the caller: settled when the stack matches the CANCEL', async () => {
    const { settled, invite } = await offered();
    // §9.1: the CANCEL has the INVITE's Request-URI, Call-ID, From, To, CSeq number and top Via
    const cancel = invite.replace(/^INVITE /, 'CANCEL ').replace('CSeq: 1 INVITE', 'CSeq: 1 CANCEL').replace(/Content-Type: .*\n/, '').replace(/\n\nv=0[\s\S]*$/, '\n\n').replace(/Content-Length: \d+/, 'Content-Length: 0');
    peer.send(cancel, stack.local().port);
    await peer.next(status(487));
    expect(settled()).toBe(1);
  });
});
