/**
 * A small UAC on the SIP stack: INVITE with an SDP offer, ACK the 2xx (§13.2.2.4),
 * hold for a while, BYE. Used against a sipp UAS.
 */
import type { SipStack } from '../../../src/telephony/sip/sip-stack.js';
import { Dialog } from '../../../src/telephony/sip/sip-dialog.js';
import { newRequest, type SipResponse } from '../../../src/telephony/sip/sip-message.js';
import { newCallId, newTag } from '../../../src/telephony/sip/sip-ids.js';
import { formatHostPort } from '../../../src/telephony/sip/sip-uri.js';
import type { SipAddress } from '../../../src/telephony/sip/sip-transport.js';

const OFFER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 41000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';

export interface CallResult {
  inviteStatus: number;
  byeStatus: number | undefined;
  provisional: number[];
}

export const placeCall = (stack: SipStack, target: SipAddress, holdMs = 50): Promise<CallResult> =>
  new Promise((resolve, reject) => {
    const hp = formatHostPort(target.host, target.port);
    const transport = target.protocol === 'tcp' ? ';transport=tcp' : '';
    const req = newRequest('INVITE', `sip:service@${hp}${transport}`, [
      ['from', `<sip:switchboard@${formatHostPort(stack.local(target.protocol).host, stack.local(target.protocol).port)}>;tag=${newTag()}`],
      ['to', `<sip:service@${hp}>`],
      ['call-id', newCallId()],
      ['cseq', '1 INVITE'],
      ['contact', stack.contact(target.protocol)],
      ['content-type', 'application/sdp'],
    ], Buffer.from(OFFER));
    const provisional: number[] = [];
    stack.sendRequest(req, {
      onResponse: (res: SipResponse) => {
        if (res.status < 200) {
          provisional.push(res.status);
          return;
        }
        if (res.status >= 300) {
          resolve({ inviteStatus: res.status, byeStatus: undefined, provisional });
          return;
        }
        const dialog = Dialog.asUac(req, res);
        dialog.protocol = target.protocol;
        stack.registerDialog(dialog, target);
        stack.sendAck(dialog);
        setTimeout(() => {
          const bye = dialog.createRequest('BYE');
          stack.sendRequest(bye, {
            onResponse: (r) => {
              if (r.status < 200) return;
              dialog.terminate();
              stack.forgetDialog(dialog);
              resolve({ inviteStatus: res.status, byeStatus: r.status, provisional });
            },
            onFailure: (why) => reject(new Error(`BYE ${why}`)),
          }, dialog.nextHop());
        }, holdMs);
      },
      onFailure: (why) => reject(new Error(`INVITE ${why}`)),
    }, target);
  });
