/**
 * The B2BUA anchors each call's media on a relay of two UDP sockets (sides P and A), one
 * per party: P first faces the far party (the trunk caller, the dialled number), A whoever
 * talks to it. RTP is forwarded both ways as is. Each party's leg owns its side: hold plays
 * music to a party from the SAME address it has been receiving from, and whoever replaces
 * a party takes over its side, so hold, retrieve and transfers never re-INVITE the party
 * that stays (no stream change to get wrong; real phones, baresip among them, handle a
 * mid-call stream update poorly). Joining two calls (a completed consult transfer) links
 * one side of each relay, both directions.
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
import { RtpContinuity } from './rtp-continuity.js';
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

/** A relay's two sockets: P (first the far party) and A (first whoever talks to it). */
export type RelaySide = 'p' | 'a';

const otherSide = (s: RelaySide): RelaySide => (s === 'p' ? 'a' : 'p');

/**
 * Symmetric: each side has one party (or a chained relay) and media received on one side
 * goes out of the other. A side on hold hears the music and is heard by nobody (CSTA hold:
 * the held party is cut off both ways), so a leg that moved to another call for a
 * consultation never gets its old partner's audio on top of the new one.
 */
export class MediaRelay {
  private readonly sock: Record<RelaySide, dgram.Socket> = { p: dgram.createSocket('udp4'), a: dgram.createSocket('udp4') };
  private readonly peer: Record<RelaySide, SymmetricPeer>;
  /** Each side's codec (for its music), from its SDP. */
  private readonly codec: Record<RelaySide, G711Codec | undefined> = { p: undefined, a: undefined };
  private readonly music: Record<RelaySide, NodeJS.Timeout | undefined> = { p: undefined, a: undefined };
  private readonly stream: Record<RelaySide, MusicStream>;
  /** What each side's party receives is one RTP stream, whoever it comes from (rtp-continuity.ts). */
  private out: Record<RelaySide, RtpContinuity> = { p: new RtpContinuity(), a: new RtpContinuity() };
  private closed = false;
  /** RTP accepted from each side, and relayed from it (witnesses for tests and traces). */
  readonly received: Record<RelaySide, number> = { p: 0, a: 0 };
  readonly relayed: Record<RelaySide, number> = { p: 0, a: 0 };

  constructor(source: MohSource, readonly host: string, latching: LatchMode = 'same-host') {
    this.stream = { p: new MusicStream(source), a: new MusicStream(source) };
    this.peer = { p: new SymmetricPeer(latching), a: new SymmetricPeer(latching) };
    // Only the parties' own sources are relayed (no RTP injection from elsewhere; a reused relay
    // ignores a previous call's stragglers until the new call's SDP is known).
    for (const side of ['p', 'a'] as const) {
      const out = otherSide(side);
      this.sock[side].on('message', (m, from) => {
        if (!this.peer[side].accept(from, m)) return;
        this.received[side]++;
        if (this.music[side] || this.music[out]) return;
        const to = this.peer[out].target;
        if (!to) return;
        this.relayed[side]++;
        this.sock[out].send(isRtp(m) ? this.out[out].rewrite(m) : m, to.port, to.host);
      });
      this.sock[side].on('error', () => undefined);
    }
  }

  async open(): Promise<this> {
    await Promise.all([this.sock.p, this.sock.a].map((s) => new Promise<void>((resolve) => s.bind(0, this.host, () => resolve()))));
    return this;
  }

  /** Port the party on `side` sends to. */
  port(side: RelaySide): number {
    return this.sock[side].address().port;
  }

  /** Port the far party sends to. */
  get pPort(): number {
    return this.port('p');
  }

  /** Port the connected party sends to. */
  get aPort(): number {
    return this.port('a');
  }

  get onHold(): boolean {
    return this.music.p !== undefined || this.music.a !== undefined;
  }

  isHeld(side: RelaySide): boolean {
    return this.music[side] !== undefined;
  }

  /** Where `side`'s media goes from now on (a party's SDP); undefined: nowhere until set again. */
  setPeer(side: RelaySide, dest: MediaDest | { host: string; port: number } | undefined): void {
    if (!dest) {
      this.peer[side].clear();
      return;
    }
    if ('codec' in dest) this.codec[side] = dest.codec;
    this.peer[side].set(dest);
  }

  setFar(dest: MediaDest | undefined): void {
    if (dest) this.setPeer('p', dest);
  }

  setNear(dest: { host: string; port: number } | undefined): void {
    if (dest) this.setPeer('a', dest);
  }

  /** Where a side's media goes now (its SDP address, or the one learnt from its RTP). */
  target(side: RelaySide): { host: string; port: number } | undefined {
    return this.peer[side].target;
  }

  get farTarget(): { host: string; port: number } | undefined {
    return this.target('p');
  }

  get nearTarget(): { host: string; port: number } | undefined {
    return this.target('a');
  }

  /** The party on `side` (default: the far party) hears the music, and nobody hears it. */
  hold(side: RelaySide = 'p'): void {
    if (this.music[side] || this.closed) return;
    const stream = this.stream[side];
    stream.restart();
    this.music[side] = setInterval(() => {
      const to = this.peer[side].target;
      const codec = this.codec[side];
      if (to && codec) this.sock[side].send(this.out[side].rewrite(stream.next(codec)), to.port, to.host);
    }, 20);
  }

  resume(side?: RelaySide): void {
    for (const s of side ? [side] : (['p', 'a'] as const)) {
      const t = this.music[s];
      if (t) clearInterval(t);
      this.music[s] = undefined;
    }
  }

  /** Joins `side` of this relay to `otherSide` of another relay, both directions. */
  link(side: RelaySide, other: MediaRelay, theirSide: RelaySide): void {
    // relays bound to every interface reach each other on loopback (the source their packets then carry)
    const at = (h: string): string => (isWildcard(h) ? loopbackOf(h) : h);
    this.resume(side);
    other.resume(theirSide);
    this.setPeer(side, { host: at(other.host), port: other.port(theirSide) });
    other.setPeer(theirSide, { host: at(this.host), port: this.port(side) });
  }

  /** Joins this relay's connected side to another relay's: the two far parties talk. */
  chain(other: MediaRelay): void {
    this.link('a', other, 'a');
  }

  /** Forgets the call (for reuse from a pool: binding sockets per call costs more than the call's SIP). */
  reset(): void {
    this.resume();
    this.out = { p: new RtpContinuity(), a: new RtpContinuity() };
    for (const s of ['p', 'a'] as const) {
      this.codec[s] = undefined;
      this.peer[s].clear();
      this.received[s] = 0;
      this.relayed[s] = 0;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.resume();
    for (const s of [this.sock.p, this.sock.a]) {
      try {
        s.close();
      } catch {
        // already closed
      }
    }
  }
}
