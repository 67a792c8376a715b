/**
 * Real peers: sipp's built-in UAC against a small UAS on our stack (UDP and TCP), sipp's
 * UAS against our UAC, and sipsak's OPTIONS probe.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimpleUas, type SimpleUas } from './support/simple-uas.js';
import { placeCall } from './support/simple-uac.js';
import { freePort, run, startProcess, stop } from './support/peers.js';
import { describeWith } from '../support/peers.js';
import { SipStack } from '../../src/telephony/sip/sip-stack.js';
import { createUdpTransport } from '../../src/telephony/sip/sip-transport-udp.js';
import { createTcpTransport } from '../../src/telephony/sip/sip-transport-tcp.js';

const work = mkdtempSync(path.join(tmpdir(), 'sipp-'));

describeWith(['sipp'])('sipp UAC → our UAS (real peer)', () => {
  let uas: SimpleUas;
  beforeAll(async () => {
    uas = await startSimpleUas();
  });
  afterAll(async () => {
    await uas.close();
  });

  it.each(['udp', 'tcp'] as const)('all 200 calls succeed over %s', async (proto) => {
    const target = proto === 'udp' ? uas.udp : uas.tcp;
    const before = uas.stats.byes;
    const port = await freePort();
    const args = ['-sn', 'uac', `127.0.0.1:${target.port}`, '-i', '127.0.0.1', '-p', String(port), '-m', '200', '-r', '100', '-d', '50', '-nostdin', '-timeout', '30s'];
    if (proto === 'tcp') args.push('-t', 't1');
    const r = await run('sipp', args, 60_000, work);
    expect(r.stdout).toMatch(/Successful call\s+\|\s+\d+\s+\|\s+200\s/);
    expect(r.code).toBe(0);
    expect(uas.stats.byes - before).toBe(200);
    // the automatic 100 Trying (§17.2.1) reached sipp for every INVITE
    expect(r.stdout).toMatch(/100 <-+\s+200\s/);
  });
});

describeWith(['sipp'])('sipp in-dialog scenario → our UAS (real peer)', () => {
  it.each(['udp', 'tcp'] as const)('INVITE, re-INVITE to hold answered recvonly, INFO, BYE: 20 calls over %s', async (proto) => {
    const uas = await startSimpleUas();
    try {
      const target = proto === 'udp' ? uas.udp : uas.tcp;
      const port = await freePort();
      const scenario = path.join(import.meta.dirname, 'scenarios', 'uac-hold-info.xml');
      const args = ['-sf', scenario, `127.0.0.1:${target.port}`, '-i', '127.0.0.1', '-p', String(port), '-m', '20', '-r', '20', '-nostdin', '-timeout', '30s'];
      if (proto === 'tcp') args.push('-t', 't1');
      const r = await run('sipp', args, 60_000, work);
      expect(r.stdout).toMatch(/Successful call\s+\|\s+\d+\s+\|\s+20\s/);
      expect(r.code).toBe(0);
      expect(uas.stats.invites).toBe(40);
    } finally {
      await uas.close();
    }
  });
});

describeWith(['sipp'])('our UAC → sipp UAS (real peer)', () => {
  it.each(['udp', 'tcp'] as const)('20 calls over %s: INVITE, 180, 200, ACK, BYE, 200', async (proto) => {
    const sippPort = await freePort();
    const args = ['-sn', 'uas', '-i', '127.0.0.1', '-p', String(sippPort), '-m', '20', '-nostdin'];
    if (proto === 'tcp') args.push('-t', 't1');
    const sipp = startProcess('sipp', args, work);
    const stack = new SipStack({ transports: [proto === 'udp' ? createUdpTransport({ port: 0 }) : createTcpTransport({ port: 0 })] });
    try {
      await stack.listen();
      await new Promise((r) => setTimeout(r, 300)); // sipp binds its socket after start
      const results = [];
      for (let i = 0; i < 20; i++) results.push(await placeCall(stack, { protocol: proto, host: '127.0.0.1', port: sippPort }, 10));
      expect(results.every((c) => c.inviteStatus === 200 && c.byeStatus === 200)).toBe(true);
      expect(results[0]?.provisional).toContain(180);
      const exit = await new Promise<number | null>((resolve) => {
        if (sipp.exitCode !== null) resolve(sipp.exitCode);
        else sipp.once('exit', (code) => resolve(code));
        setTimeout(() => resolve(null), 5000);
      });
      expect(exit).toBe(0);
    } finally {
      await stop(sipp);
      await stack.close();
    }
  });
});

describeWith(['sipsak'])('sipsak OPTIONS probe (real peer)', () => {
  it('gets 200 OK from the stack (§11.2)', async () => {
    const uas = await startSimpleUas();
    try {
      const r = await run('sipsak', ['-s', `sip:127.0.0.1:${uas.udp.port}`, '-v'], 20_000);
      expect(r.stdout + r.stderr).toMatch(/200 OK/);
      expect(r.code).toBe(0);
    } finally {
      await uas.close();
    }
  });
});
