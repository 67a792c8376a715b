import { describe, expect, it } from 'vitest';
import { parseMessage } from './sip-parser.js';
import type { SipMessage } from './sip-message.js';
import { SipTrace } from './sip-trace.js';

const peer = (port: number) => ({ protocol: 'udp' as const, host: '127.0.0.1', port });
const invite = (callId: string, from: string, to: string, extra = ''): SipMessage => {
  const r = parseMessage(Buffer.from(`INVITE sip:${to}@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK${callId}\r\nFrom: <sip:${from}@127.0.0.1>;tag=a\r\nTo: <sip:${to}@127.0.0.1>\r\nCall-ID: ${callId}\r\nCSeq: 1 INVITE\r\n${extra}Content-Length: 0\r\n\r\n`));
  if (!r.ok) throw new Error('bad test message');
  return r.message;
};

describe('the SIP trace store (issue 17)', () => {
  it('records only traced devices and calls, groups a call\'s dialogs under its CTI call, and masks digests', () => {
    const calls = new Map<string, string>();
    const trace = new SipTrace(10, (id) => calls.get(id));
    trace.record('in', invite('x1', '1003', '1004'), peer(5073), '');
    expect(trace.active).toBe(false);
    trace.set('device', '1001', true);
    trace.record('in', invite('leg-a', '1001', '1002', 'Proxy-Authorization: Digest username="1001", nonce="N0NCE", response="RESP0NSE"\r\n'), peer(5071), '');
    calls.set('leg-a', 'call-1');
    calls.set('leg-b', 'call-1');
    trace.record('out', invite('leg-b', '1001', '1002'), peer(5072), '');
    trace.record('in', invite('x2', '1003', '1004'), peer(5073), '');
    expect(trace.state().recent.map((c) => c.id)).toEqual(['call-1']);
    const messages = trace.messages('call-1') ?? [];
    expect(messages.map((m) => [m.callId, m.direction, m.peer])).toEqual([['leg-a', 'in', '127.0.0.1:5071'], ['leg-b', 'out', '127.0.0.1:5072']]);
    expect(messages[0]?.text).not.toMatch(/N0NCE|RESP0NSE/);
    expect(messages[0]?.firstLine).toBe('INVITE sip:1002@127.0.0.1 SIP/2.0');
    // a call traced by id
    trace.set('call', 'call-2', true);
    calls.set('y1', 'call-2');
    trace.record('in', invite('y1', '1005', '1006'), peer(5075), '');
    expect(trace.messages('call-2')?.length).toBe(1);
  });

  it('keeps the last N calls only', () => {
    const trace = new SipTrace(3, (id) => `call-${id}`);
    trace.set('device', '1001', true);
    for (let i = 1; i <= 5; i += 1) trace.record('in', invite(String(i), '1001', '1002'), peer(5071), '');
    expect(trace.state().recent.map((c) => c.id)).toEqual(['call-5', 'call-4', 'call-3']);
    expect(trace.messages('call-1')).toBeUndefined();
  });
});
