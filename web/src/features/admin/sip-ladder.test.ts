import { describe, expect, it } from 'vitest';
import { arrowLabel, ladderOf, type TracedMessage } from './sip-ladder.js';

const msg = (seq: number, direction: 'in' | 'out', peer: string, firstLine: string, peerUser?: string): TracedMessage =>
  ({ seq, at: seq, direction, peer, callId: 'c', firstLine, text: firstLine, ...(peerUser ? { peerUser } : {}) });

describe('the SIP ladder (issue 17)', () => {
  it('puts the first peer left of Switchboard, the others right, and draws each message from sender to receiver in order', () => {
    const { columns, rows } = ladderOf([
      msg(3, 'out', '127.0.0.1:5072', 'INVITE sip:1002@127.0.0.1:5072 SIP/2.0', '1002'),
      msg(1, 'in', '127.0.0.1:5071', 'INVITE sip:1002@127.0.0.1 SIP/2.0', '1001'),
      msg(2, 'out', '127.0.0.1:5071', 'SIP/2.0 100 Trying', '1001'),
      msg(4, 'in', '127.0.0.1:5072', 'SIP/2.0 200 OK', '1002'),
    ], 'Switchboard');
    expect(columns.map((c) => c.label)).toEqual(['1001', 'Switchboard', '1002']);
    expect(rows.map((r) => [r.label, r.from, r.to])).toEqual([['INVITE', 0, 1], ['100 Trying', 1, 0], ['INVITE', 1, 2], ['200 OK', 2, 1]]);
  });

  it('labels arrows with the method or the status and reason', () => {
    expect(arrowLabel('BYE sip:1001@127.0.0.1:5071 SIP/2.0')).toBe('BYE');
    expect(arrowLabel('SIP/2.0 180 Ringing')).toBe('180 Ringing');
  });
});
