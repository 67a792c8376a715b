/**
 * A small UAS on the SIP stack: answers every INVITE with 200 + an SDP answer, BYE with
 * 200. Used by the real-peer tests (sipp UAC against it) and by bench/sip-core.ts.
 */
import { SipStack, type IncomingRequest } from '../../../src/telephony/sip/sip-stack.js';
import { createUdpTransport } from '../../../src/telephony/sip/sip-transport-udp.js';
import { createTcpTransport } from '../../../src/telephony/sip/sip-transport-tcp.js';
import { createResponse } from '../../../src/telephony/sip/sip-response.js';
import { Dialog } from '../../../src/telephony/sip/sip-dialog.js';
import { newTag } from '../../../src/telephony/sip/sip-ids.js';
import { answerTo, parseSdp, serializeSdp } from '../../../src/telephony/sip/sdp.js';
import type { SipAddress } from '../../../src/telephony/sip/sip-transport.js';

export interface SimpleUas {
  stack: SipStack;
  udp: SipAddress;
  tcp: SipAddress;
  stats: { invites: number; byes: number; acks: number };
  close(): Promise<void>;
}

const FALLBACK_SDP = Buffer.from('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n');

export const startSimpleUas = async (opts: { host?: string; udpPort?: number; tcpPort?: number; ringFirst?: boolean } = {}): Promise<SimpleUas> => {
  const host = opts.host ?? '127.0.0.1';
  const stack = new SipStack({
    transports: [createUdpTransport({ host, port: opts.udpPort ?? 0 }), createTcpTransport({ host, port: opts.tcpPort ?? 0, maxConnectionsPerSource: 100 })],
    maxTransactionsPerSource: 100_000,
  });
  const stats = { invites: 0, byes: 0, acks: 0 };
  stack.events.onAckTimeout = (d) => stack.forgetDialog(d);
  stack.onRequest((inc: IncomingRequest) => {
    const req = inc.request;
    switch (req.method) {
      case 'INVITE': {
        stats.invites++;
        let body = FALLBACK_SDP;
        try {
          // RFC 3264 §6: the answer mirrors the offer's direction (a sendonly hold offer gets recvonly)
          if (req.body.length > 0) body = Buffer.from(serializeSdp(answerTo(parseSdp(req.body.toString()), { address: host, port: 40000, codecs: [{ pt: '0', encoding: 'PCMU/8000' }, { pt: '8', encoding: 'PCMA/8000' }] })));
        } catch {
          body = FALLBACK_SDP;
        }
        if (inc.dialog) {
          // re-INVITE: a target refresh (§12.2.2)
          inc.dialog.refreshTarget(req);
          stack.respond(inc, 200, { headers: [['contact', stack.contact(inc.source.protocol)], ['content-type', 'application/sdp']], body }, inc.dialog);
          return;
        }
        const toTag = newTag();
        if (opts.ringFirst) stack.respond(inc, 180, { toTag });
        const res = createResponse(req, 200, { toTag, headers: [['contact', stack.contact(inc.source.protocol)], ['content-type', 'application/sdp']], body });
        const dialog = Dialog.asUas(req, res);
        dialog.protocol = inc.source.protocol;
        stack.registerDialog(dialog, inc.source);
        stack.respondWith(inc, res, dialog);
        return;
      }
      case 'ACK':
        stats.acks++;
        return;
      case 'BYE':
        stats.byes++;
        stack.respond(inc, 200);
        if (inc.dialog) {
          inc.dialog.terminate();
          stack.forgetDialog(inc.dialog);
        }
        return;
      default:
        stack.respond(inc, inc.dialog ? 200 : 501);
    }
  });
  const [udp, tcp] = await stack.listen();
  return { stack, udp: udp as SipAddress, tcp: tcp as SipAddress, stats, close: () => stack.close() };
};
