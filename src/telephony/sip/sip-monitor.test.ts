import { describe, expect, it } from 'vitest';
import { parseMessage } from './sip-parser.js';
import { SipMonitor, type SipLogFields } from './sip-monitor.js';

const peer = { protocol: 'udp' as const, host: '127.0.0.1', port: 5071 };
const response = (status: number, reason: string, cseq = '1 INVITE'): Buffer => Buffer.from(
  `SIP/2.0 ${status} ${reason}\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx\r\nFrom: <sip:1002@127.0.0.1>;tag=a\r\nTo: <sip:1001@127.0.0.1>;tag=b\r\nCall-ID: c1\r\nCSeq: ${cseq}\r\nContent-Length: 0\r\n\r\n`);

describe('the SIP monitor (issue 17)', () => {
  const run = () => {
    const lines: Array<[SipLogFields, string]> = [];
    return { lines, monitor: new SipMonitor((f, m) => lines.push([f, m])) };
  };

  it('logs an error response once however often it is sent or received, and never a challenge, a 487 or a busy', () => {
    const { lines, monitor } = run();
    for (const status of [401, 407, 487, 486, 603, 180, 200]) monitor.sent(peer, response(status, 'X'));
    expect(lines).toEqual([]);
    for (let i = 0; i < 3; i += 1) monitor.sent(peer, response(480, 'Temporarily Unavailable'));
    const received = parseMessage(response(503, 'Service Unavailable'));
    if (!received.ok) throw new Error('bad test message');
    for (let i = 0; i < 3; i += 1) monitor.received(received.message, peer);
    expect(lines.map(([f]) => [f.cause, f.device, f.address, f.status])).toEqual([
      ['error-sent', '1002', '127.0.0.1:5071', 480],
      ['error-received', '1001', '127.0.0.1:5071', 503],
    ]);
  });

  it('names the device registered from the address before the user its headers name', () => {
    const lines: Array<[SipLogFields, string]> = [];
    const monitor = new SipMonitor((f, m) => lines.push([f, m]), undefined, (a) => (a.port === 5071 ? '1007' : undefined));
    monitor.sent(peer, response(500, 'Server Internal Error'));
    expect(lines[0]?.[0]).toMatchObject({ device: '1007', cause: 'error-sent' });
  });
});
