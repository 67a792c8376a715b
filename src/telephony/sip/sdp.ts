/**
 * SDP (RFC 4566), the part a telephony B2BUA needs: session c=/o=, audio m-lines with
 * their c=, a=rtpmap and direction attributes; and the RFC 3264 offer/answer helpers,
 * including hold (RFC 3264 §8.4: sendonly / inactive).
 */

export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface SdpMedia {
  type: string;
  port: number;
  proto: string;
  /** Payload type numbers as written on the m-line. */
  formats: string[];
  connection: string | undefined;
  direction: SdpDirection | undefined;
  rtpmap: Map<string, string>;
  /** Other a= lines, kept verbatim (without the `a=`). */
  attributes: string[];
}

export interface SdpSession {
  version: number;
  origin: { username: string; sessionId: string; sessionVersion: number; netType: string; addrType: string; address: string };
  name: string;
  /** Session-level c= address (IN IP4/IP6 <address>). */
  connection: string | undefined;
  direction: SdpDirection | undefined;
  attributes: string[];
  /** Lines we keep but do not interpret (t=, b=, ...), in order. */
  other: string[];
  media: SdpMedia[];
}

export class SdpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SdpError';
  }
}

const DIRECTIONS: ReadonlySet<string> = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

export const parseSdp = (text: string): SdpSession => {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines[0] !== 'v=0') throw new SdpError('SDP must start with v=0 (RFC 4566 §5.1)');
  const session: SdpSession = {
    version: 0,
    origin: { username: '-', sessionId: '0', sessionVersion: 0, netType: 'IN', addrType: 'IP4', address: '0.0.0.0' },
    name: '-', connection: undefined, direction: undefined, attributes: [], other: [], media: [],
  };
  let current: SdpMedia | undefined;
  for (const line of lines.slice(1)) {
    if (line.length < 2 || line[1] !== '=') throw new SdpError(`bad SDP line: ${line.slice(0, 40)}`);
    const type = line[0];
    const value = line.slice(2);
    switch (type) {
      case 'o': {
        const p = value.split(' ');
        if (p.length !== 6) throw new SdpError('bad o= line');
        session.origin = { username: p[0] as string, sessionId: p[1] as string, sessionVersion: Number(p[2]), netType: p[3] as string, addrType: p[4] as string, address: p[5] as string };
        break;
      }
      case 's': session.name = value; break;
      case 'c': {
        const p = value.split(' ');
        if (p.length < 3 || p[0] !== 'IN') throw new SdpError('bad c= line');
        if (current) current.connection = p[2];
        else session.connection = p[2];
        break;
      }
      case 'm': {
        const p = value.split(' ');
        const port = Number(p[1]?.split('/')[0]);
        if (p.length < 4 || !Number.isInteger(port) || port < 0 || port > 65535) throw new SdpError('bad m= line');
        current = { type: p[0] as string, port, proto: p[2] as string, formats: p.slice(3), connection: undefined, direction: undefined, rtpmap: new Map(), attributes: [] };
        session.media.push(current);
        break;
      }
      case 'a': {
        if (DIRECTIONS.has(value)) {
          if (current) current.direction = value as SdpDirection;
          else session.direction = value as SdpDirection;
        } else if (value.startsWith('rtpmap:') && current) {
          const sp = value.indexOf(' ');
          current.rtpmap.set(value.slice(7, sp < 0 ? undefined : sp), sp < 0 ? '' : value.slice(sp + 1));
        } else if (current) current.attributes.push(value);
        else session.attributes.push(value);
        break;
      }
      default:
        if (current) current.attributes.push(`${type}=${value}`); // rare media-level lines (i=, b=, k=) kept raw
        else session.other.push(line);
    }
  }
  return session;
};

export const serializeSdp = (s: SdpSession): string => {
  const o = s.origin;
  const out = ['v=0', `o=${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}`, `s=${s.name}`];
  const ipType = (addr: string): string => (addr.includes(':') ? 'IP6' : 'IP4');
  if (s.connection) out.push(`c=IN ${ipType(s.connection)} ${s.connection}`);
  const other = s.other.some((l) => l.startsWith('t=')) ? s.other : ['t=0 0', ...s.other];
  out.push(...other);
  if (s.direction) out.push(`a=${s.direction}`);
  for (const a of s.attributes) out.push(`a=${a}`);
  for (const m of s.media) {
    out.push(`m=${m.type} ${m.port} ${m.proto} ${m.formats.join(' ')}`);
    if (m.connection) out.push(`c=IN ${ipType(m.connection)} ${m.connection}`);
    for (const [pt, enc] of m.rtpmap) out.push(`a=rtpmap:${pt} ${enc}`);
    for (const a of m.attributes) out.push(a.length > 1 && a[1] === '=' ? a : `a=${a}`);
    if (m.direction) out.push(`a=${m.direction}`);
  }
  return `${out.join('\r\n')}\r\n`;
};

/** Effective direction of a media line: media-level, then session-level, default sendrecv (RFC 4566 §6). */
export const directionOf = (s: SdpSession, m: SdpMedia): SdpDirection => m.direction ?? s.direction ?? 'sendrecv';

/** RFC 3264 §6.1: the answer's direction mirrors the offer's (sendonly ↔ recvonly). */
export const answerDirection = (offered: SdpDirection, local: SdpDirection = 'sendrecv'): SdpDirection => {
  const canSend = local === 'sendrecv' || local === 'sendonly';
  const canRecv = local === 'sendrecv' || local === 'recvonly';
  const peerSends = offered === 'sendrecv' || offered === 'sendonly';
  const peerRecvs = offered === 'sendrecv' || offered === 'recvonly';
  const send = canSend && peerRecvs;
  const recv = canRecv && peerSends;
  return send && recv ? 'sendrecv' : send ? 'sendonly' : recv ? 'recvonly' : 'inactive';
};

/** True when the offer puts us on hold (RFC 3264 §8.4: sendonly or inactive, or the old c=0.0.0.0 form of RFC 2543). */
export const isHoldOffer = (s: SdpSession): boolean =>
  s.media.some((m) => {
    const d = directionOf(s, m);
    const c = m.connection ?? s.connection;
    return m.port !== 0 && (d === 'sendonly' || d === 'inactive' || c === '0.0.0.0');
  });

/** New offer from a previous one with every audio stream set to `direction`; bumps o= version (RFC 3264 §8). */
export const withDirection = (s: SdpSession, direction: SdpDirection): SdpSession => ({
  ...s,
  origin: { ...s.origin, sessionVersion: s.origin.sessionVersion + 1 },
  direction: undefined,
  media: s.media.map((m) => (m.type === 'audio' ? { ...m, direction } : m)),
});

/** Hold offer (RFC 3264 §8.4): sendonly when we still send (music), inactive otherwise. */
export const holdOffer = (s: SdpSession, weSendMusic: boolean): SdpSession => withDirection(s, weSendMusic ? 'sendonly' : 'inactive');

export interface AnswerOptions {
  address: string;
  port: number;
  /** Payload types we accept, by encoding name (e.g. PCMU/8000), in preference order. */
  codecs: Array<{ pt: string; encoding: string }>;
  direction?: SdpDirection;
  sessionId?: string;
}

/**
 * Builds an answer to `offer` (RFC 3264 §6): same number of m-lines in the same order;
 * a rejected stream gets port 0; the formats are the intersection with ours.
 */
export const answerTo = (offer: SdpSession, opts: AnswerOptions): SdpSession => {
  const sessionId = opts.sessionId ?? String(Date.now());
  let used = false;
  const media = offer.media.map((m): SdpMedia => {
    const common: string[] = [];
    const rtpmap = new Map<string, string>();
    if (m.type === 'audio' && m.port !== 0 && !used) {
      for (const f of m.formats) {
        // static payload types may come without rtpmap (RFC 3551 table 4)
        const enc = m.rtpmap.get(f) ?? (f === '0' ? 'PCMU/8000' : f === '8' ? 'PCMA/8000' : undefined);
        const mine = opts.codecs.find((c) => c.encoding.toLowerCase() === enc?.toLowerCase() || c.pt === f && enc === undefined);
        if (mine && enc) {
          common.push(f);
          rtpmap.set(f, enc);
        }
        if (f === '101' && m.rtpmap.get(f)?.startsWith('telephone-event')) {
          if (!common.includes(f)) common.push(f);
          rtpmap.set(f, m.rtpmap.get(f) as string);
        }
      }
    }
    if (common.length === 0) return { type: m.type, port: 0, proto: m.proto, formats: m.formats.slice(0, 1), connection: undefined, direction: undefined, rtpmap: new Map(), attributes: [] };
    used = true;
    return {
      type: m.type, port: opts.port, proto: m.proto, formats: common, connection: undefined,
      direction: answerDirection(directionOf(offer, m), opts.direction), rtpmap, attributes: [],
    };
  });
  return {
    version: 0,
    origin: { username: '-', sessionId, sessionVersion: 1, netType: 'IN', addrType: opts.address.includes(':') ? 'IP6' : 'IP4', address: opts.address },
    name: '-', connection: opts.address, direction: undefined, attributes: [], other: ['t=0 0'], media,
  };
};
