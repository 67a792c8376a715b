import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SipStack, type IncomingRequest } from './sip-stack.js';
import { createUdpTransport } from './sip-transport-udp.js';
import { ManualClock } from './sip-transactions/sip-timers.js';
import { Dialog, isDialogPeer } from './sip-dialog.js';
import { createResponse } from './sip-response.js';
import { getHeader, newRequest, type SipMessage } from './sip-message.js';
import { startRawPeer, requestText, type RawPeer } from '../../../test/sip/support/raw-peer.js';

const isResponse = (status: number) => (m: SipMessage) => m.kind === 'response' && m.status === status;

describe('the dialog peer check (issue 12)', () => {
  it('a source is the dialog\'s peer exactly when transport, host and port all match (IPv4-mapped IPv6 as IPv4)', () => {
    const addr = fc.record({ protocol: fc.constantFrom('udp' as const, 'tcp' as const), host: fc.constantFrom('127.0.0.1', '127.0.0.2', '::1', '10.0.0.7'), port: fc.constantFrom(5060, 5062, 40000) });
    const invite = newRequest('INVITE', 'sip:x@127.0.0.1', [['from', '<sip:a@h>;tag=f'], ['call-id', 'c'], ['cseq', '1 INVITE']]);
    fc.assert(fc.property(addr, addr, fc.boolean(), (peerAddr, source, mapped) => {
      const d = Dialog.asUas(invite, createResponse(invite, 200, { toTag: 't' }));
      expect(isDialogPeer(d, source)).toBe(false); // no peer registered: nobody
      d.peer = peerAddr;
      const seen = mapped && source.host.includes('.') ? { ...source, host: `::ffff:${source.host}` } : source;
      expect(isDialogPeer(d, seen)).toBe(peerAddr.protocol === source.protocol && peerAddr.host === source.host && peerAddr.port === source.port);
    }));
  });
});

describe('SIP stack over real UDP on 127.0.0.1', () => {
  let stack: SipStack;
  let peer: RawPeer;
  let port = 0;
  const incoming: IncomingRequest[] = [];
  const start = async (opts: { clock?: ManualClock; maxTransactionsPerSource?: number; isBlocked?: (host: string) => boolean } = {}) => {
    stack = new SipStack({ transports: [createUdpTransport({ port: 0 })], ...opts });
    stack.onRequest((inc) => incoming.push(inc));
    port = (await stack.listen())[0]?.port ?? 0;
    peer = await startRawPeer();
  };
  afterEach(async () => {
    incoming.length = 0;
    await stack.close();
    await peer.close();
  });

  it('answers OPTIONS with 200 and the Allow list (§11.2)', async () => {
    await start();
    peer.send(requestText('OPTIONS', peer.port, port), port);
    const res = await peer.next(isResponse(200));
    expect(getHeader(res, 'allow')).toContain('INVITE');
  });

  it('answers a malformed request with 400 naming the error, and an unknown URI scheme with 416', async () => {
    await start();
    peer.send(requestText('OPTIONS', peer.port, port, { CSeq: '1 INVITE' }), port);
    const bad = await peer.next(isResponse(400));
    expect(bad.kind === 'response' && bad.reason).toContain('cseq-method-mismatch');
    peer.send(requestText('OPTIONS', peer.port, port).replace(/^OPTIONS sip:[^ ]+/, 'OPTIONS http://example.com'), port);
    await peer.next(isResponse(416));
  });

  it('answers an in-dialog request for an unknown dialog with 481 (§12.2.2)', async () => {
    await start();
    peer.send(requestText('BYE', peer.port, port, { To: `<sip:bob@127.0.0.1:${port}>;tag=nope` }), port);
    await peer.next(isResponse(481));
  });

  it('sends 100 Trying for an INVITE at once, and a CANCEL gets 200 while the INVITE gets 487 (§9.2)', async () => {
    await start();
    const text = requestText('INVITE', peer.port, port);
    peer.send(text, port);
    await peer.next(isResponse(100));
    let cancelled = false;
    stack.events.onCancel = () => { cancelled = true; };
    const cancel = text.replace(/^INVITE /, 'CANCEL ').replace('CSeq: 1 INVITE', 'CSeq: 1 CANCEL').replace(/\nContact:[^\n]*/, '');
    peer.send(cancel, port);
    const ok = await peer.next(isResponse(200));
    expect(getHeader(ok, 'cseq')).toBe('1 CANCEL');
    const terminated = await peer.next(isResponse(487));
    expect(getHeader(terminated, 'cseq')).toBe('1 INVITE');
    expect(cancelled).toBe(true);
  });

  it('our own CANCEL ends a pending INVITE at another stack: 200 to the CANCEL, 487 to the INVITE, ACKed (§9.1, §17.1.1.3)', async () => {
    await start();
    const caller = new SipStack({ transports: [createUdpTransport({ port: 0 })] });
    await caller.listen();
    try {
      const dest = { protocol: 'udp' as const, host: '127.0.0.1', port };
      const invite = newRequest('INVITE', `sip:bob@127.0.0.1:${port}`, [
        ['from', '<sip:alice@127.0.0.1>;tag=c1'], ['to', '<sip:bob@127.0.0.1>'], ['call-id', 'cancel-test'], ['cseq', '5 INVITE'], ['contact', caller.contact()],
      ]);
      const statuses: number[] = [];
      let done: () => void = () => undefined;
      const finished = new Promise<void>((r) => { done = r; });
      const tx = caller.sendRequest(invite, { onResponse: (r) => { statuses.push(r.status); if (r.status >= 200) done(); } }, dest);
      for (let i = 0; i < 100 && !statuses.includes(100); i++) await new Promise((r) => setTimeout(r, 10));
      let cancelStatus = 0;
      caller.cancel(tx, { onResponse: (r) => { cancelStatus = r.status; } }, dest);
      await finished;
      expect(statuses).toEqual([100, 487]);
      expect(cancelStatus).toBe(200);
      expect(tx.state).toBe('completed'); // ACKed, Timer D running
      await new Promise((r) => setTimeout(r, 50));
      expect(incoming.filter((i) => i.request.method === 'ACK')).toHaveLength(0); // the 487's ACK stays in the transaction
    } finally {
      await caller.close();
    }
  });

  it('retransmits a 2xx to INVITE at T1, 2T1, 4T1 until the ACK arrives (§13.3.1.4)', async () => {
    const clock = new ManualClock();
    await start({ clock });
    peer.send(requestText('INVITE', peer.port, port), port);
    await peer.next(isResponse(100));
    const inc = incoming[0] as IncomingRequest;
    const res = createResponse(inc.request, 200, { toTag: 'uas1', headers: [['contact', stack.contact()]] });
    const dialog = Dialog.asUas(inc.request, res);
    stack.registerDialog(dialog, inc.source);
    stack.respondWith(inc, res, dialog);
    await peer.next(isResponse(200));
    clock.advance(500);
    await peer.next(isResponse(200));
    clock.advance(1000);
    await peer.next(isResponse(200));
    // ACK for the 2xx: a new transaction, in the dialog
    const ack = requestText('ACK', peer.port, port, {
      From: getHeader(inc.request, 'from') as string, To: getHeader(res, 'to') as string, 'Call-ID': getHeader(inc.request, 'call-id') as string, CSeq: '1 ACK',
    });
    peer.send(ack, port);
    for (let i = 0; i < 300 && !incoming.some((x) => x.request.method === 'ACK'); i++) await new Promise((r) => setTimeout(r, 10));
    const count = peer.received.filter((m) => m.kind === 'response' && m.status === 200).length;
    clock.advance(10_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(peer.received.filter((m) => m.kind === 'response' && m.status === 200).length).toBe(count);
    expect(incoming.some((i) => i.request.method === 'ACK' && i.dialog === dialog)).toBe(true);
  });

  it('issue 12: a CANCEL from another source than its INVITE\'s gets 403 and leaves the call ringing (§9.2)', async () => {
    await start();
    const other = await startRawPeer();
    try {
      const foreign: string[] = [];
      stack.events.onForeignRequest = (req, source, from) => foreign.push(`${req.method} ${source.port} ${from?.port}`);
      let cancelled = 0;
      stack.events.onCancel = () => { cancelled++; };
      const text = requestText('INVITE', peer.port, port);
      peer.send(text, port);
      await peer.next(isResponse(100));
      const cancel = text.replace(/^INVITE /, 'CANCEL ').replace('CSeq: 1 INVITE', 'CSeq: 1 CANCEL').replace(/\nContact:[^\n]*/, '');
      other.send(cancel.replace(/(\nVia: [^\n]*)/, '$1;rport'), port); // same Via branch, Call-ID and tags: only the source differs (rport: answered there)
      expect(await other.next((m) => m.kind === 'response')).toMatchObject({ status: 403 });
      expect(foreign).toEqual([`CANCEL ${other.port} ${peer.port}`]);
      expect(cancelled).toBe(0);
      expect(peer.received.some((m) => m.kind === 'response' && m.status === 487)).toBe(false);
      // the call is still the TU's to answer (the caller's own CANCEL: the test above)
      stack.respond(incoming[0] as IncomingRequest, 486);
      await peer.next(isResponse(486));
    } finally {
      await other.close();
    }
  });

  it('issue 12: takes in-dialog requests of every method only from the dialog\'s peer; from another port they get 403, are reported and leave the dialog untouched (§12.2.2)', async () => {
    await start();
    const other = await startRawPeer();
    try {
      const foreign: string[] = [];
      stack.events.onForeignRequest = (req, source) => foreign.push(`${req.method} ${source.host}:${source.port}`);
      peer.send(requestText('INVITE', peer.port, port, { 'Call-ID': 'peer-check', From: `<sip:alice@127.0.0.1:${peer.port}>;tag=pc1`, CSeq: '1 INVITE' }), port);
      await peer.next(isResponse(100));
      const inc = incoming[0] as IncomingRequest;
      const res = createResponse(inc.request, 200, { toTag: 'pc2', headers: [['contact', stack.contact()]] });
      const dialog = Dialog.asUas(inc.request, res);
      stack.registerDialog(dialog, inc.source);
      stack.respondWith(inc, res, dialog);
      await peer.next(isResponse(200));
      const inDialog = (method: string, seq: number, from: RawPeer): string => requestText(method, from.port, port, {
        'Call-ID': 'peer-check', From: `<sip:alice@127.0.0.1:${peer.port}>;tag=pc1`, To: `<sip:bob@127.0.0.1:${port}>;tag=pc2`, CSeq: `${seq} ${method}`,
      });
      const methods = ['BYE', 'INVITE', 'REFER', 'INFO', 'NOTIFY', 'UPDATE', 'OPTIONS', 'MESSAGE', 'SUBSCRIBE', 'PRACK'];
      for (const [i, m] of methods.entries()) {
        other.send(inDialog(m, 1000 + i, other), port);
        const r = await other.next((x) => x.kind === 'response' && x.status >= 200);
        expect(r.kind === 'response' && r.status, m).toBe(403);
      }
      other.send(inDialog('ACK', 1, other), port);
      for (let i = 0; i < 300 && foreign.length < methods.length + 1; i++) await new Promise((r) => setTimeout(r, 10));
      expect(foreign).toEqual([...methods, 'ACK'].map((m) => `${m} 127.0.0.1:${other.port}`));
      expect(incoming.filter((x) => x.dialog === dialog)).toEqual([]); // nothing reached the TU
      expect(dialog.remoteSeq).toBe(1); // the spoofed CSeqs did not advance the peer's
      // the peer itself, with its next CSeq, is still heard
      peer.send(inDialog('INFO', 2, peer), port);
      for (let i = 0; i < 300 && !incoming.some((x) => x.dialog === dialog); i++) await new Promise((r) => setTimeout(r, 10));
      expect(incoming.filter((x) => x.dialog === dialog).map((x) => x.request.method)).toEqual(['INFO']);
    } finally {
      await other.close();
    }
  });

  it('ignores a blocked source entirely, even its malformed messages', async () => {
    await start({ isBlocked: (host) => host === '127.0.0.1' });
    peer.send(requestText('OPTIONS', peer.port, port), port);
    peer.send(requestText('OPTIONS', peer.port, port, { CSeq: 'x' }), port);
    await expect(peer.next(() => true, 300)).rejects.toThrow();
  });

  it('refuses requests from a source beyond its limit of unanswered ones with 503', async () => {
    await start({ maxTransactionsPerSource: 2 });
    for (let i = 0; i < 3; i++) peer.send(requestText('INVITE', peer.port, port), port);
    await peer.next(isResponse(503));
    expect(incoming).toHaveLength(2);
    // once the TU answers one of them, the source may start another
    stack.respond(incoming[0] as IncomingRequest, 486);
    peer.send(requestText('INVITE', peer.port, port), port);
    await peer.next(isResponse(486));
    for (let i = 0; i < 300 && incoming.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(incoming).toHaveLength(3);
    expect(peer.received.filter((m) => m.kind === 'response' && m.status === 503)).toHaveLength(1);
  });
});
