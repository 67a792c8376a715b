import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './sip-timers.js';
import { TransactionLayer } from './transaction-layer.js';
import { parseMessage } from '../sip-parser.js';
import type { SipRequest, SipResponse } from '../sip-message.js';
import type { SipAddress } from '../sip-transport.js';
import { createResponse } from '../sip-response.js';
import { newBranch } from '../sip-ids.js';

const PEER: SipAddress = { protocol: 'udp', host: '127.0.0.1', port: 5070 };

const parse = (text: string): SipRequest | SipResponse => {
  const r = parseMessage(Buffer.from(text.replace(/\n/g, '\r\n')));
  if (!r.ok) throw new Error(r.error.message);
  return r.message;
};

const request = (method: string, branch = newBranch()): SipRequest => parse(`${method} sip:bob@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5070;branch=${branch}
Max-Forwards: 70
From: <sip:alice@127.0.0.1>;tag=a1
To: <sip:bob@127.0.0.1>
Call-ID: c1
CSeq: 1 ${method}
Content-Length: 0

`) as SipRequest;

const setup = () => {
  const clock = new ManualClock();
  const sent: Array<{ at: number; text: string }> = [];
  const layer = new TransactionLayer({ clock, sendTo: (_d, data) => sent.push({ at: clock.now(), text: data.toString() }) });
  const firstLines = () => sent.map((s) => s.text.slice(0, s.text.indexOf('\r\n')));
  return { clock, sent, layer, firstLines };
};

describe('client INVITE transaction (RFC 3261 §17.1.1)', () => {
  it('Timer A retransmits at T1, 2T1, 4T1… (no T2 cap) and Timer B times out at 64*T1', () => {
    const { clock, sent, layer } = setup();
    const failures: string[] = [];
    const tx = layer.sendRequest(request('INVITE'), PEER, false, { onResponse: () => undefined, onFailure: (r) => failures.push(r) });
    clock.advance(64 * 500);
    expect(sent.map((s) => s.at)).toEqual([0, 500, 1500, 3500, 7500, 15500, 31500]);
    expect(tx.state).toBe('terminated');
    expect(failures).toEqual(['timeout']);
    expect(clock.activeTimers()).toBe(0);
  });

  it('a provisional response stops Timer A; a 486 is ACKed by the transaction and Timer D (32 s) absorbs retransmissions', () => {
    const { clock, sent, layer, firstLines } = setup();
    const got: number[] = [];
    const inv = request('INVITE');
    const tx = layer.sendRequest(inv, PEER, false, { onResponse: (r) => got.push(r.status) });
    layer.receiveResponse(createResponse(inv, 180, { toTag: 'b1' }));
    expect(tx.state).toBe('proceeding');
    clock.advance(10_000);
    expect(sent).toHaveLength(1);
    const busy = createResponse(inv, 486, { toTag: 'b1' });
    layer.receiveResponse(busy);
    expect(tx.state).toBe('completed');
    expect(firstLines()[1]).toBe('ACK sip:bob@127.0.0.1 SIP/2.0');
    expect(sent[1]?.text).toContain('CSeq: 1 ACK');
    expect(sent[1]?.text).toContain('tag=b1');
    layer.receiveResponse(busy); // retransmitted final → ACK again, not passed up
    expect(firstLines().filter((l) => l.startsWith('ACK'))).toHaveLength(2);
    expect(got).toEqual([180, 486]);
    clock.advance(31_999);
    expect(tx.state).toBe('completed');
    clock.advance(1);
    expect(tx.state).toBe('terminated');
  });

  it('a 2xx terminates the transaction at once (the TU ACKs it, §13.2.2.4)', () => {
    const { layer } = setup();
    const inv = request('INVITE');
    const tx = layer.sendRequest(inv, PEER, false, { onResponse: () => undefined });
    layer.receiveResponse(createResponse(inv, 200, { toTag: 'b1' }));
    expect(tx.state).toBe('terminated');
    expect(layer.receiveResponse(createResponse(inv, 200, { toTag: 'b1' }))).toBe(false);
  });

  it('over a reliable transport: no Timer A, and Timer D is zero', () => {
    const { clock, sent, layer } = setup();
    const inv = request('INVITE');
    const tx = layer.sendRequest(inv, { ...PEER, protocol: 'tcp' }, true, { onResponse: () => undefined });
    clock.advance(20_000);
    expect(sent).toHaveLength(1);
    layer.receiveResponse(createResponse(inv, 404));
    expect(tx.state).toBe('terminated');
  });
});

describe('client non-INVITE transaction (RFC 3261 §17.1.2)', () => {
  it('Timer E doubles up to T2 in Trying, then Timer F times out at 64*T1', () => {
    const { clock, sent, layer } = setup();
    const failures: string[] = [];
    layer.sendRequest(request('OPTIONS'), PEER, false, { onResponse: () => undefined, onFailure: (r) => failures.push(r) });
    clock.advance(32_000);
    expect(sent.map((s) => s.at)).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(failures).toEqual(['timeout']);
  });

  it('in Proceeding Timer E fires every T2; a final response starts Timer K (T4) which ends the transaction', () => {
    const { clock, sent, layer } = setup();
    const req = request('BYE');
    const tx = layer.sendRequest(req, PEER, false, { onResponse: () => undefined });
    clock.advance(100);
    layer.receiveResponse(createResponse(req, 100));
    clock.advance(400); // E fires at 500 in Proceeding: next in T2
    clock.advance(4000);
    expect(sent.map((s) => s.at)).toEqual([0, 500, 4500]);
    layer.receiveResponse(createResponse(req, 200));
    expect(tx.state).toBe('completed');
    clock.advance(4999);
    expect(tx.state).toBe('completed');
    clock.advance(1);
    expect(tx.state).toBe('terminated');
  });

  it('Timer K is zero over TCP', () => {
    const { layer } = setup();
    const req = request('BYE');
    const tx = layer.sendRequest(req, { ...PEER, protocol: 'tcp' }, true, { onResponse: () => undefined });
    layer.receiveResponse(createResponse(req, 200));
    expect(tx.state).toBe('terminated');
  });
});

describe('server INVITE transaction (RFC 3261 §17.2.1)', () => {
  it('sends 100 Trying by itself and answers a retransmitted INVITE with the latest response', () => {
    const { layer, firstLines } = setup();
    const inv = request('INVITE');
    const m = layer.receiveRequest(inv, PEER, false);
    expect(m.kind).toBe('new');
    expect(firstLines()).toEqual(['SIP/2.0 100 Trying']);
    if (m.kind !== 'new') return;
    m.tx.respond(createResponse(inv, 180, { toTag: 't' }));
    expect(layer.receiveRequest(request('INVITE', inv.headers.get('via')?.[0]?.split('branch=')[1]), PEER, false).kind).toBe('absorbed');
    expect(firstLines()).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing', 'SIP/2.0 180 Ringing']);
  });

  it('with a delay, the 100 Trying is sent only if the TU has not answered by then', () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const layer = new TransactionLayer({ clock, tryingDelayMs: 200, sendTo: (_d, b) => sent.push(b.toString().split('\r\n')[0] as string) });
    const a = layer.receiveRequest(request('INVITE'), PEER, false);
    const inv2 = request('INVITE');
    const b = layer.receiveRequest(inv2, PEER, false);
    if (b.kind === 'new') b.tx.respond(createResponse(inv2, 200, { toTag: 'x' }));
    clock.advance(200);
    expect(a.kind).toBe('new');
    expect(sent).toEqual(['SIP/2.0 200 OK', 'SIP/2.0 100 Trying']);
  });

  it('Timer G retransmits a non-2xx final at T1 doubling, capped at T2, until Timer H (64*T1)', () => {
    const { clock, sent, layer } = setup();
    const inv = request('INVITE');
    const m = layer.receiveRequest(inv, PEER, false);
    if (m.kind !== 'new') throw new Error('expected new');
    const failures: string[] = [];
    m.tx.events = { onFailure: (r) => failures.push(r) };
    m.tx.respond(createResponse(inv, 486, { toTag: 't' }));
    clock.advance(32_000);
    expect(sent.slice(1).map((s) => s.at)).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(m.tx.state).toBe('terminated');
    expect(failures).toEqual(['timeout']);
  });

  it('the ACK moves Completed to Confirmed; Timer I (T4) then ends it; a later ACK no longer matches', () => {
    const { clock, layer } = setup();
    const branch = newBranch();
    const inv = request('INVITE', branch);
    const m = layer.receiveRequest(inv, PEER, false);
    if (m.kind !== 'new') throw new Error('expected new');
    m.tx.respond(createResponse(inv, 603, { toTag: 't' }));
    expect(layer.receiveRequest(request('ACK', branch), PEER, false).kind).toBe('absorbed');
    expect(m.tx.state).toBe('confirmed');
    clock.advance(5000);
    expect(m.tx.state).toBe('terminated');
    expect(layer.receiveRequest(request('ACK', branch), PEER, false).kind).toBe('ack');
  });

  it('over TCP: no Timer G, and Timer I is zero', () => {
    const { clock, sent, layer } = setup();
    const branch = newBranch();
    const inv = request('INVITE', branch);
    const m = layer.receiveRequest(inv, { ...PEER, protocol: 'tcp' }, true);
    if (m.kind !== 'new') throw new Error('expected new');
    m.tx.respond(createResponse(inv, 486, { toTag: 't' }));
    clock.advance(10_000);
    expect(sent).toHaveLength(2);
    layer.receiveRequest(request('ACK', branch), PEER, true);
    expect(m.tx.state).toBe('terminated');
  });

  it('a 2xx moves to Accepted (RFC 6026): retransmitted INVITEs are absorbed, the ACK goes to the TU, Timer L ends it', () => {
    const { clock, sent, layer } = setup();
    const branch = newBranch();
    const inv = request('INVITE', branch);
    const m = layer.receiveRequest(inv, PEER, false);
    if (m.kind !== 'new') throw new Error('expected new');
    const ok = createResponse(inv, 200, { toTag: 't' });
    m.tx.respond(ok);
    expect(m.tx.state).toBe('accepted');
    expect(layer.receiveRequest(request('INVITE', branch), PEER, false).kind).toBe('absorbed');
    expect(sent).toHaveLength(2); // 100 + 200: the transaction does not retransmit the 2xx itself
    m.tx.respond(ok); // the TU's retransmission passes through
    expect(sent).toHaveLength(3);
    expect(layer.receiveRequest(request('ACK', newBranch()), PEER, false).kind).toBe('ack');
    clock.advance(32_000);
    expect(m.tx.state).toBe('terminated');
  });
});

describe('server non-INVITE transaction (RFC 3261 §17.2.2)', () => {
  it('Timer J keeps the final response for retransmissions for 64*T1 over UDP', () => {
    const { clock, sent, layer } = setup();
    const branch = newBranch();
    const req = request('OPTIONS', branch);
    const m = layer.receiveRequest(req, PEER, false);
    if (m.kind !== 'new') throw new Error('expected new');
    expect(sent).toHaveLength(0); // no automatic 100 for non-INVITE
    m.tx.respond(createResponse(req, 200));
    layer.receiveRequest(request('OPTIONS', branch), PEER, false);
    expect(sent).toHaveLength(2);
    clock.advance(31_999);
    expect(m.tx.state).toBe('completed');
    clock.advance(1);
    expect(m.tx.state).toBe('terminated');
  });

  it('Timer J is zero over TCP', () => {
    const { layer } = setup();
    const req = request('OPTIONS');
    const m = layer.receiveRequest(req, { ...PEER, protocol: 'tcp' }, true);
    if (m.kind !== 'new') throw new Error('expected new');
    m.tx.respond(createResponse(req, 200));
    expect(m.tx.state).toBe('terminated');
  });
});

describe('matching and Via stamping (§17.2.3, §18.2.1, RFC 3581)', () => {
  it('adds received and fills rport, and answers to the source port', () => {
    const { layer } = setup();
    const req = request('OPTIONS');
    req.headers.set('via', ['SIP/2.0/UDP 10.0.0.9:5090;branch=z9hG4bKabc;rport']);
    const m = layer.receiveRequest(req, { protocol: 'udp', host: '127.0.0.1', port: 40000 }, false);
    if (m.kind !== 'new') throw new Error('expected new');
    expect(req.headers.get('via')?.[0]).toBe('SIP/2.0/UDP 10.0.0.9:5090;branch=z9hG4bKabc;rport=40000;received=127.0.0.1');
    expect(m.responseTo).toEqual({ protocol: 'udp', host: '127.0.0.1', port: 40000 });
  });

  it('branch ids are unique and carry the magic cookie', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newBranch()));
    expect(ids.size).toBe(10_000);
    for (const id of [...ids].slice(0, 10)) expect(id).toMatch(/^z9hG4bK[A-Za-z0-9_-]{16}$/);
  });
});

describe('what a completed transaction keeps (issue 6: memory per call at 200 calls/s)', () => {
  // A collectable-or-not check needs a real GC: V8 lets a running isolate turn on `gc()`.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const collected = async (ref: WeakRef<object>): Promise<boolean> => {
    // WeakRefs are kept until the current job ends (ECMA-262 §9.10 KeepDuringJob)
    await new Promise((r) => setTimeout(r, 0));
    gc();
    return ref.deref() === undefined;
  };

  it('a client transaction in Completed (Timers D and K) no longer holds its TU', async () => {
    const { clock, layer } = setup();
    const refs: Array<WeakRef<object>> = [];
    const start = (method: string, status: number): SipRequest => {
      const req = request(method);
      const user = { onResponse: () => undefined };
      refs.push(new WeakRef(user));
      layer.sendRequest(req, PEER, false, user);
      layer.receiveResponse(createResponse(req, status, { toTag: 'b1' }));
      return req;
    };
    start('BYE', 200);
    start('INVITE', 486);
    expect(layer.counts.clients).toBe(2); // both linger, absorbing retransmitted finals
    expect(await collected(refs[0] as WeakRef<object>)).toBe(true);
    expect(await collected(refs[1] as WeakRef<object>)).toBe(true);
    clock.advance(32_000);
    expect(layer.counts.clients).toBe(0);
  });
});
