/**
 * The B2BUA anchors each call's media on the far party's side: a relay of two UDP
 * sockets, one facing the far party (P: the trunk caller, the dialled number) and one
 * facing whoever is connected to it (A: the agent, later a colleague). RTP is forwarded
 * both ways as is. On hold the far party gets music from the SAME address it has been
 * receiving from, so hold, retrieve and transfers need no re-INVITE to the far party
 * (no stream change to get wrong; real phones, baresip among them, handle a mid-call
 * stream update poorly). Joining two calls (a completed consult transfer) chains two
 * relays' A sides, again without touching either far party.
 *
 * NAT latching (symmetric RTP, RFC 4961 §4, the "comedia" practice): a party behind a NAT
 * puts its private address in SDP but its RTP reaches us from the NAT's public mapping;
 * we send each side's media to where that side's RTP actually comes from. To stop media
 * hijacking, only a source on the SDP's host may be learnt (unless `latching: 'any'`),
 * only from RTP packets (never RTCP), the first one learnt sticks, and the SDP's exact
 * address always wins back.
 */
import { isWildcard, loopbackOf } from './sip-advertise.js';
import dgram from 'node:dgram';
import { MusicStream, type MohSource } from './rtp-moh.js';
import type { G711Codec } from './g711.js';
import type { SdpSession } from './sdp.js';

export interface MediaDest {
  host: string;
  port: number;
  codec: G711Codec;
}

/**
 * Which RTP sources may redirect a side's media: `same-host` (default) a source on the
 * SDP's host, any port (a NAT that keeps the address but maps the port, or a
 * gateway); `any` any source (a party behind a NAT whose public address the SDP does
 * not name: only where media hijacking is not a risk); `off` none (the SDP is trusted).
 */
export type LatchMode = 'same-host' | 'any' | 'off';

interface Address {
  host: string;
  port: number;
}

/** One side of the relay: the address its SDP named, and the one its RTP came from (RFC 4961). */
export class SymmetricPeer {
  private sdp: Address | undefined;
  private latched: Address | undefined;

  constructor(private readonly mode: LatchMode) {}

  /** The SDP's address; what was learnt is kept while the SDP names the same place (a re-INVITE for hold). */
  set(dest: Address): void {
    if (this.sdp?.host !== dest.host || this.sdp.port !== dest.port) this.latched = undefined;
    this.sdp = { host: dest.host, port: dest.port };
  }

  clear(): void {
    this.sdp = undefined;
    this.latched = undefined;
  }

  /** Where this side's media goes now. */
  get target(): Address | undefined {
    return this.latched ?? this.sdp;
  }

  /**
   * Whether a packet from `from` is this side's media. Only RTP teaches where the party is:
   * RTCP (a phone sends it from its RTP port + 1, often to our port + 1, which may be
   * another of our sockets) and junk never move the stream. The SDP's exact address is
   * learnt (and wins back) at its first RTP packet; otherwise the first allowed source is.
   */
  accept(from: { address: string; port: number }, packet: Buffer): boolean {
    const sdp = this.sdp;
    if (!sdp) return false;
    if (this.mode === 'off') return from.address === sdp.host;
    if (from.address === sdp.host && from.port === sdp.port) {
      if (isRtp(packet)) this.latched = { host: sdp.host, port: sdp.port };
      return true;
    }
    if (this.latched) return from.address === this.latched.host && from.port === this.latched.port;
    if (this.mode === 'same-host' && from.address !== sdp.host) return false;
    if (!isRtp(packet)) return false;
    this.latched = { host: from.address, port: from.port };
    return true;
  }
}

/** Where a party receives audio and in which G.711 codec, from its SDP. */
export const mediaDestOf = (sdp: SdpSession | undefined): MediaDest | undefined => {
  const m = sdp?.media.find((x) => x.type === 'audio' && x.port !== 0);
  const host = m?.connection ?? sdp?.connection;
  if (!m || !host || host === '0.0.0.0') return undefined;
  const codec: G711Codec = m.formats.find((f) => f === '0' || f === '8') === '8' ? 'PCMA' : 'PCMU';
  return { host, port: m.port, codec };
};

/** `sdp` with its audio pointed at `host:port` (the relay side the receiver must send to). */
export const throughRelay = (sdp: SdpSession, host: string, port: number): SdpSession => ({
  ...sdp,
  connection: host,
  media: sdp.media.map((m) => (m.type === 'audio' && m.port !== 0 ? { ...m, port, connection: undefined } : m)),
});

/** RTP, not RTCP (RFC 3550 §5.1: version 2, 12-byte header; RFC 5761 §4: RTCP has 192–223 in byte 1). */
export const isRtp = (b: Buffer): boolean => b.length >= 12 && ((b[0] ?? 0) & 0xc0) === 0x80 && !((b[1] ?? 0) >= 192 && (b[1] ?? 0) <= 223);

export class MediaRelay {
  private readonly p = dgram.createSocket('udp4');
  private readonly a = dgram.createSocket('udp4');
  /** The far party (its codec for the music) and where its media goes. */
  private pCodec: G711Codec | undefined;
  private readonly pPeer: SymmetricPeer;
  private readonly aPeer: SymmetricPeer;
  private music: NodeJS.Timeout | undefined;
  private readonly stream: MusicStream;
  private closed = false;
  /** RTP/RTCP packets taken from each side: the media watch's "no audio from …" (issue 17). */
  readonly received = { p: 0, a: 0 };

  constructor(source: MohSource, readonly host: string, latching: LatchMode = 'same-host') {
    this.stream = new MusicStream(source);
    this.pPeer = new SymmetricPeer(latching);
    this.aPeer = new SymmetricPeer(latching);
    // Only the parties' own sources are relayed (no RTP injection from elsewhere; a reused relay
    // ignores a previous call's stragglers until the new call's SDP is known).
    this.p.on('message', (m, from) => {
      const to = this.aPeer.target;
      if (!this.pPeer.accept(from, m)) return;
      this.received.p += 1;
      if (to) this.a.send(m, to.port, to.host);
    });
    this.a.on('message', (m, from) => {
      const to = this.pPeer.target;
      if (!this.aPeer.accept(from, m)) return;
      this.received.a += 1;
      if (to && !this.music) this.p.send(m, to.port, to.host);
    });
    this.p.on('error', () => undefined);
    this.a.on('error', () => undefined);
  }

  async open(): Promise<this> {
    await Promise.all([this.p, this.a].map((s) => new Promise<void>((resolve) => s.bind(0, this.host, () => resolve()))));
    return this;
  }

  /** Port the far party sends to. */
  get pPort(): number {
    return this.p.address().port;
  }

  /** Port the connected party sends to. */
  get aPort(): number {
    return this.a.address().port;
  }

  get onHold(): boolean {
    return this.music !== undefined;
  }

  setFar(dest: MediaDest | undefined): void {
    if (!dest) return;
    this.pCodec = dest.codec;
    this.pPeer.set(dest);
  }

  setNear(dest: { host: string; port: number } | undefined): void {
    if (dest) this.aPeer.set(dest);
  }

  /** Where the far party's media goes now (its SDP address, or the one learnt from its RTP). */
  get farTarget(): { host: string; port: number } | undefined {
    return this.pPeer.target;
  }

  get nearTarget(): { host: string; port: number } | undefined {
    return this.aPeer.target;
  }

  /** The far party hears the music instead of the connected party. */
  hold(): void {
    if (this.music || this.closed) return;
    this.stream.restart();
    this.music = setInterval(() => {
      const to = this.pPeer.target;
      if (to && this.pCodec) this.p.send(this.stream.next(this.pCodec), to.port, to.host);
    }, 20);
  }

  resume(): void {
    if (this.music) clearInterval(this.music);
    this.music = undefined;
  }

  /** Joins this relay's connected side to another relay's: the two far parties talk. */
  chain(other: MediaRelay): void {
    // relays bound to every interface reach each other on loopback (the source their packets then carry)
    const at = (h: string): string => (isWildcard(h) ? loopbackOf(h) : h);
    this.setNear({ host: at(other.host), port: other.aPort });
    other.setNear({ host: at(this.host), port: this.aPort });
  }

  /** Forgets the call (for reuse from a pool: binding sockets per call costs more than the call's SIP). */
  reset(): void {
    this.resume();
    this.pCodec = undefined;
    this.pPeer.clear();
    this.aPeer.clear();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.resume();
    for (const s of [this.p, this.a]) {
      try {
        s.close();
      } catch {
        // already closed
      }
    }
  }
}
