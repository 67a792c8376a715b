import { describe, expect, it } from 'vitest';
import { anchorOffer, relayOffer } from './b2bua-media.js';
import { answerTo, directionOf, parseSdp, serializeSdp } from './sdp.js';

const phone = parseSdp('v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=recvonly\r\n');

describe('SDP the B2BUA offers between legs (RFC 3264)', () => {
  it('relays a party description as a fresh sendrecv offer, whatever direction it last answered with', () => {
    const offer = relayOffer(phone);
    expect(directionOf(offer, offer.media[0] as never)).toBe('sendrecv');
    expect(offer.media[0]?.port).toBe(4000);
    const held = relayOffer(phone, 'inactive');
    expect(directionOf(held, held.media[0] as never)).toBe('inactive');
  });

  it('offers its own stream as G.711 µ-law and A-law, and a phone can answer it', () => {
    const ours = parseSdp(serializeSdp(anchorOffer('127.0.0.1', 6000, 'sendonly')));
    expect(ours.media[0]?.formats).toEqual(['0', '8']);
    const answer = answerTo(ours, { address: '127.0.0.1', port: 4000, codecs: [{ pt: '8', encoding: 'PCMA/8000' }] });
    expect(answer.media[0]).toMatchObject({ port: 4000, formats: ['8'], direction: 'recvonly' });
  });
});
