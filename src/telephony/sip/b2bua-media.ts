/**
 * SDP the B2BUA offers between legs: a party's description relayed (RFC 3725 style), or
 * our own stream (the relay side a click-to-dial agent phone is first offered).
 */
import { withDirection, type SdpDirection, type SdpSession } from './sdp.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { throughRelay, type MediaRelay, type RelaySide } from './media-relay.js';

/** An offer to another leg made of `party`'s description, in `direction`. */
export const relayOffer = (party: SdpSession, direction: SdpDirection = 'sendrecv'): SdpSession => withDirection(party, direction);

/** Our own audio stream: G.711 µ-law and A-law on `port` of `host` (RFC 3551 static types 0 and 8). */
export const anchorOffer = (host: string, port: number, direction: SdpDirection): SdpSession => ({
  version: 0,
  origin: { username: '-', sessionId: '0', sessionVersion: 0, netType: 'IN', addrType: host.includes(':') ? 'IP6' : 'IP4', address: host },
  name: 'Switchboard', connection: host, direction: undefined, attributes: [], other: ['t=0 0'],
  media: [{
    type: 'audio', port, proto: 'RTP/AVP', formats: ['0', '8'], connection: undefined, direction,
    rtpmap: new Map([['0', 'PCMU/8000'], ['8', 'PCMA/8000']]), attributes: ['ptime:20'],
  }],
});

/**
 * Where one party's media is anchored: one side of one relay. Each leg owns its side: the
 * party that replaces it (transfer, REFER, completed consultation) takes the same side,
 * and whoever talks to it keeps its own, so no two phones ever send to one port.
 */
export interface Anchor {
  relay: MediaRelay;
  side: RelaySide;
}

/** `sdp` as the party anchored at `at` must see it (its audio sent to that side's port). */
export const via = (at: Anchor, host: string, sdp: SdpSession): SdpSession => throughRelay(relayOffer(sdp), host, at.relay.port(at.side));

/** A party's identity as a phone shows it: the user part and a display name. */
export interface Identity {
  user: string;
  name?: string;
}

/** How a party is named to the phone it talks to. */
export const identityOf = (p: { device: string }): Identity => ({ user: p.device, name: displayOf(p.device) });

/** A number written the way it is read (E.164 in international format); extensions as they are. */
export const displayOf = (n: string): string | undefined => {
  if (!n.startsWith('+')) return undefined;
  const parsed = parsePhoneNumberFromString(n);
  return parsed?.isValid() ? parsed.formatInternational() : undefined;
};
