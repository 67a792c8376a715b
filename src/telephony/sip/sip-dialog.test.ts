import { describe, expect, it } from 'vitest';
import { Dialog } from './sip-dialog.js';
import { parseMessage } from './sip-parser.js';
import { createResponse } from './sip-response.js';
import { getHeader, getHeaders, type SipRequest } from './sip-message.js';

const parseReq = (text: string): SipRequest => {
  const r = parseMessage(Buffer.from(`${text.trim().replace(/\n/g, '\r\n')}\r\n\r\n`));
  if (!r.ok || r.message.kind !== 'request') throw new Error(r.ok ? 'not a request' : r.error.message);
  return r.message;
};

const INVITE = parseReq(`
INVITE sip:bob@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKaaa
Record-Route: <sip:p2.example.com;lr>
Record-Route: <sip:p1.example.com;lr>
From: "Alice" <sip:alice@127.0.0.1>;tag=al1
To: <sip:bob@127.0.0.1>
Call-ID: call-1
CSeq: 10 INVITE
Contact: <sip:alice@127.0.0.1:5070>
Content-Length: 0`);

describe('dialogs (RFC 3261 §12)', () => {
  it('as UAS: route set in Record-Route order, remote target from Contact, remote CSeq from the request (§12.1.1)', () => {
    const ok = createResponse(INVITE, 200, { toTag: 'bo1' });
    const d = Dialog.asUas(INVITE, ok);
    expect(d.id).toEqual({ callId: 'call-1', localTag: 'bo1', remoteTag: 'al1' });
    expect(d.state).toBe('confirmed');
    expect(d.routeSet).toEqual(['<sip:p2.example.com;lr>', '<sip:p1.example.com;lr>']);
    expect(d.remoteTarget).toBe('sip:alice@127.0.0.1:5070');
    expect(d.remoteSeq).toBe(10);
    const bye = d.createRequest('BYE');
    expect(bye.uri).toBe('sip:alice@127.0.0.1:5070');
    expect(getHeaders(bye, 'route')).toEqual(['<sip:p2.example.com;lr>', '<sip:p1.example.com;lr>']);
    expect(getHeader(bye, 'from')).toContain('tag=bo1');
    expect(getHeader(bye, 'to')).toContain('tag=al1');
    expect(d.nextHop()).toEqual({ protocol: 'udp', host: 'p2.example.com', port: 5060 });
  });

  it('as UAC: route set reversed, local CSeq continues from the INVITE, early on 1xx then confirmed (§12.1.2)', () => {
    const ringing = createResponse(INVITE, 180, { toTag: 'bo1', headers: [['contact', '<sip:bob@127.0.0.1:5080>']] });
    const d = Dialog.asUac(INVITE, ringing);
    expect(d.state).toBe('early');
    expect(d.routeSet).toEqual(['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
    d.confirm(createResponse(INVITE, 200, { toTag: 'bo1', headers: [['contact', '<sip:bob@127.0.0.1:5090>']] }));
    expect(d.state).toBe('confirmed');
    expect(d.remoteTarget).toBe('sip:bob@127.0.0.1:5090');
    const reinvite = d.createRequest('INVITE');
    expect(getHeader(reinvite, 'cseq')).toBe('11 INVITE');
    expect(getHeader(d.createRequest('UPDATE'), 'cseq')).toBe('12 UPDATE');
    // §13.2.2.4: the ACK carries the CSeq number of the INVITE it acknowledges
    expect(getHeader(d.createAck(), 'cseq')).toBe('11 ACK');
    expect(() => d.transition('early')).toThrow();
  });

  it('a strict router first: Request-URI is that route, the remote target goes last in Route (§12.2.1.1)', () => {
    const inv = parseReq(`
INVITE sip:bob@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKbbb
Record-Route: <sip:strict.example.com;method=INVITE>
From: <sip:alice@127.0.0.1>;tag=al1
To: <sip:bob@127.0.0.1>
Call-ID: call-2
CSeq: 1 INVITE
Contact: <sip:alice@127.0.0.1:5070>
Content-Length: 0`);
    const d = Dialog.asUas(inv, createResponse(inv, 200, { toTag: 'x' }));
    const info = d.createRequest('INFO');
    expect(info.uri).toBe('sip:strict.example.com');
    expect(getHeaders(info, 'route')).toEqual(['<sip:alice@127.0.0.1:5070>']);
  });

  it('refuses an in-dialog request whose CSeq is not higher (§12.2.2) and refreshes the target on re-INVITE', () => {
    const d = Dialog.asUas(INVITE, createResponse(INVITE, 200, { toTag: 'bo1' }));
    const again = parseReq(`
INVITE sip:bob@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKccc
From: <sip:alice@127.0.0.1>;tag=al1
To: <sip:bob@127.0.0.1>;tag=bo1
Call-ID: call-1
CSeq: 10 INVITE
Contact: <sip:alice@127.0.0.1:6000>
Content-Length: 0`);
    expect(d.acceptRemoteSeq(again)).toBe(false);
    again.headers.set('cseq', ['11 INVITE']);
    expect(d.acceptRemoteSeq(again)).toBe(true);
    d.refreshTarget(again);
    expect(d.remoteTarget).toBe('sip:alice@127.0.0.1:6000');
  });
});
