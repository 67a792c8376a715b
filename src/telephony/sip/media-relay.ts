/**
 * The B2BUA anchors each call's media on the far party's side: a relay of two UDP
 * sockets, one facing the far party (P: the trunk caller, the dialled number) and one
 * facing whoever is connected to it (A: the agent, later a colleague). RTP is forwarded
 * both ways as is. On hold the far party gets music from the SAME address it has been
 * receiving from, so hold, retrieve and transfers need no re-INVITE to the far party
 * (no stream change to get wrong; real phones, baresip among them, handle a mid-call
 * stream update poorly). Joining two calls (a completed consult transfer) chains two
 * relays' A sides, again without touching either far party.
 */
import dgram from 'node:dgram';
import { MusicStream, type MohSource } from './rtp-moh.js';
import type { G711Codec } from './g711.js';
import type { SdpSession } from './sdp.js';

export interface MediaDest {
  host: string;
  port: number;
  codec: G711Codec;
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

export class MediaRelay {
  private readonly p = dgram.createSocket('udp4');
  private readonly a = dgram.createSocket('udp4');
  private pDest: MediaDest | undefined;
  private aDest: { host: string; port: number } | undefined;
  private music: NodeJS.Timeout | undefined;
  private readonly stream: MusicStream;
  private closed = false;

  constructor(source: MohSource, readonly host: string) {
    this.stream = new MusicStream(source);
    // Only the parties' own hosts are relayed (no RTP injection from elsewhere; a reused relay
    // ignores a previous call's stragglers from other hosts).
    this.p.on('message', (m, from) => { if (this.aDest && from.address === this.pDest?.host) this.a.send(m, this.aDest.port, this.aDest.host); });
    this.a.on('message', (m, from) => { if (this.pDest && !this.music && from.address === this.aDest?.host) this.p.send(m, this.pDest.port, this.pDest.host); });
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
    if (dest) this.pDest = dest;
  }

  setNear(dest: { host: string; port: number } | undefined): void {
    if (dest) this.aDest = dest;
  }

  /** The far party hears the music instead of the connected party. */
  hold(): void {
    if (this.music || this.closed) return;
    this.stream.restart();
    this.music = setInterval(() => {
      if (this.pDest) this.p.send(this.stream.next(this.pDest.codec), this.pDest.port, this.pDest.host);
    }, 20);
  }

  resume(): void {
    if (this.music) clearInterval(this.music);
    this.music = undefined;
  }

  /** Joins this relay's connected side to another relay's: the two far parties talk. */
  chain(other: MediaRelay): void {
    this.setNear({ host: other.host, port: other.aPort });
    other.setNear({ host: this.host, port: this.aPort });
  }

  /** Forgets the call (for reuse from a pool: binding sockets per call costs more than the call's SIP). */
  reset(): void {
    this.resume();
    this.pDest = undefined;
    this.aDest = undefined;
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
