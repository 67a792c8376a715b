/**
 * A scripted phone on a raw UDP socket (127.0.0.1): it REGISTERs with digest credentials
 * like a desk phone, then answers INVITEs as a test says — 503, never, or 200 with an SDP
 * and RTP sent or not. For the behaviours real phones show rarely and on no command
 * (a phone out of service, a phone whose media stops), where baresip cannot be told to.
 */
import dgram from 'node:dgram';
import { DigestClient } from '../../../src/telephony/sip/sip-digest.js';
import { getHeader, getHeaders, type SipRequest } from '../../../src/telephony/sip/sip-message.js';
import { createResponse } from '../../../src/telephony/sip/sip-response.js';
import { serializeMessage } from '../../../src/telephony/sip/sip-serializer.js';
import { parseSdp } from '../../../src/telephony/sip/sdp.js';
import { mediaDestOf } from '../../../src/telephony/sip/media-relay.js';
import { requestText, startRawPeer, type RawPeer } from './raw-peer.js';

export type InviteAnswer = { kind: 'status'; status: number; times?: number } | { kind: 'silent' } | { kind: 'answer'; rtp: boolean };

export class RawPhone {
  private rtp: dgram.Socket | undefined;
  private rtpTimer: NodeJS.Timeout | undefined;
  readonly invites: SipRequest[] = [];

  private constructor(readonly peer: RawPeer, readonly device: string, private readonly serverPort: number) {}

  static async start(device: string, serverPort: number): Promise<RawPhone> {
    return new RawPhone(await startRawPeer(), device, serverPort);
  }

  get address(): string {
    return `127.0.0.1:${this.peer.port}`;
  }

  private register(extra: Record<string, string>): string {
    const p = this.peer.port;
    return requestText('REGISTER', p, this.serverPort, {
      From: `<sip:${this.device}@127.0.0.1>;tag=r${this.device}`, To: `<sip:${this.device}@127.0.0.1>`,
      Contact: `<sip:${this.device}@127.0.0.1:${p}>`, Expires: '600', 'Call-ID': `reg-${this.device}-${p}`, ...extra,
    }).replace(/^REGISTER sip:bob@/, 'REGISTER sip:');
  }

  /** REGISTER, answer the 401, and resolve with the final status (200, or 403 for a wrong password). */
  async registerWith(password: string): Promise<{ status: number; request: string }> {
    this.peer.send(this.register({ CSeq: '1 REGISTER' }), this.serverPort);
    const challenge = await this.peer.next((m) => m.kind === 'response' && m.status === 401);
    const uri = `sip:127.0.0.1:${this.serverPort}`;
    const auth = new DigestClient(this.device, password).authorize(getHeaders(challenge, 'www-authenticate'), 'REGISTER', uri) ?? '';
    const request = this.register({ CSeq: '2 REGISTER', Authorization: auth });
    this.peer.send(request, this.serverPort);
    const final = await this.peer.next((m) => m.kind === 'response' && m.status !== 401 && getHeader(m, 'cseq') === '2 REGISTER');
    return { status: final.kind === 'response' ? final.status : 0, request };
  }

  /** Answers the next INVITE as told; resolves once it did. */
  async answerInvite(how: InviteAnswer): Promise<SipRequest> {
    const m = await this.peer.next((x) => x.kind === 'request' && x.method === 'INVITE', 10_000);
    if (m.kind !== 'request') throw new Error('not a request');
    this.invites.push(m);
    const reply = (status: number, body?: Buffer): void => {
      const headers: Array<[string, string]> = [['contact', `<sip:${this.device}@127.0.0.1:${this.peer.port}>`]];
      if (body) headers.push(['content-type', 'application/sdp']);
      this.peer.sendBytes(serializeMessage(createResponse(m, status, { headers, toTag: `t${this.device}`, ...(body ? { body } : {}) })), this.serverPort);
    };
    if (how.kind === 'status') for (let i = 0; i < (how.times ?? 1); i += 1) reply(how.status);
    if (how.kind === 'answer') {
      this.rtp = dgram.createSocket('udp4');
      const rtp = this.rtp;
      await new Promise<void>((r) => rtp.bind(0, '127.0.0.1', () => r()));
      const port = rtp.address().port;
      reply(200, Buffer.from(`v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n`));
      const to = mediaDestOf(parseSdp(m.body.toString('utf8')));
      if (how.rtp && to) {
        let seq = 0;
        this.rtpTimer = setInterval(() => {
          seq += 1;
          const packet = Buffer.alloc(172, 0xff);
          packet[0] = 0x80;
          packet[1] = 0;
          packet.writeUInt16BE(seq & 0xffff, 2);
          packet.writeUInt32BE(seq * 160, 4);
          packet.writeUInt32BE(0x1234, 8);
          rtp.send(packet, to.port, to.host);
        }, 20);
      }
    }
    return m;
  }

  async close(): Promise<void> {
    if (this.rtpTimer) clearInterval(this.rtpTimer);
    this.rtp?.close();
    await this.peer.close();
  }
}
