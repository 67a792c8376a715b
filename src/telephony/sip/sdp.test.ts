import { describe, expect, it } from 'vitest';
import { answerDirection, answerTo, holdOffer, isHoldOffer, parseSdp, serializeSdp } from './sdp.js';

const OFFER = [
  'v=0', 'o=alice 2890844526 2890844526 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
  'm=audio 49170 RTP/AVP 0 8 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', 'a=sendrecv',
  'm=video 51372 RTP/AVP 31', 'a=rtpmap:31 H261/90000', '',
].join('\r\n');

describe('SDP (RFC 4566) and offer/answer (RFC 3264)', () => {
  it('parses audio m-lines with c=, rtpmap and direction, and serializes back to an equivalent session', () => {
    const s = parseSdp(OFFER);
    expect(s.connection).toBe('127.0.0.1');
    expect(s.media[0]).toMatchObject({ type: 'audio', port: 49170, formats: ['0', '8', '101'], direction: 'sendrecv' });
    expect(s.media[0]?.rtpmap.get('8')).toBe('PCMA/8000');
    expect(parseSdp(serializeSdp(s))).toEqual(s);
  });

  it('answers with the common codecs, the mirrored direction, and rejects the video stream with port 0 (§6)', () => {
    const a = answerTo(parseSdp(OFFER), { address: '127.0.0.1', port: 30000, codecs: [{ pt: '8', encoding: 'PCMA/8000' }] });
    expect(a.media).toHaveLength(2);
    expect(a.media[0]).toMatchObject({ port: 30000, formats: ['8', '101'], direction: 'sendrecv' });
    expect(a.media[1]?.port).toBe(0);
  });

  it('a hold offer is sendonly (we play music) or inactive, and is recognised as hold (§8.4)', () => {
    const s = parseSdp(OFFER);
    expect(isHoldOffer(s)).toBe(false);
    const hold = holdOffer(s, true);
    expect(hold.media[0]?.direction).toBe('sendonly');
    expect(hold.origin.sessionVersion).toBe(s.origin.sessionVersion + 1);
    expect(isHoldOffer(parseSdp(serializeSdp(hold)))).toBe(true);
    expect(holdOffer(s, false).media[0]?.direction).toBe('inactive');
    expect(answerDirection('sendonly')).toBe('recvonly');
    expect(answerDirection('inactive')).toBe('inactive');
    expect(answerDirection('recvonly')).toBe('sendonly');
  });

  it('rejects text that is not SDP', () => {
    expect(() => parseSdp('hello')).toThrow();
    expect(() => parseSdp('v=0\r\nm=audio x RTP/AVP 0')).toThrow();
  });
});
