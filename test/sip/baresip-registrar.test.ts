/**
 * A real SIP phone (baresip) registers to the registrar on our stack with digest
 * credentials (RFC 3261 §10, §22; RFC 8760); a wrong password is refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { SipStack } from '../../src/telephony/sip/sip-stack.js';
import { createUdpTransport } from '../../src/telephony/sip/sip-transport-udp.js';
import { Registrar } from '../../src/telephony/sip/sip-registrar.js';
import { getHeader } from '../../src/telephony/sip/sip-message.js';
import { freePort, startProcess, stop } from './support/peers.js';
import { describeWith } from '../support/peers.js';
import { reserveRtpRange } from './support/rtp-ranges.js';


const writePhone = async (user: string, password: string, registrarPort: number): Promise<string> => {
  const dir = mkdtempSync(path.join(tmpdir(), `baresip-${user}-`));
  const port = await freePort();
  const rtp = await reserveRtpRange(20);
  writeFileSync(path.join(dir, 'config'), [
    'module_path /usr/lib/baresip/modules', `sip_listen 127.0.0.1:${port}`, 'net_interface 127.0.0.1', 'dns_server 127.0.0.1:53', 'audio_player alsa,null',
    `rtp_ports ${rtp}-${rtp + 19}`, 'module g711.so', 'module_app account.so', 'module_app menu.so', '',
  ].join('\n'));
  writeFileSync(path.join(dir, 'accounts'), `<sip:${user}@127.0.0.1:${registrarPort}>;auth_pass=${password};regint=60;answermode=manual\n`);
  return dir;
};

describeWith(['baresip'])('baresip registering with digest credentials (real peer)', () => {
  let stack: SipStack;
  let registrar: Registrar;
  let port = 0;
  const phones: ChildProcess[] = [];
  const outcomes: Array<{ user: string | undefined; authorized: boolean; hasCreds: boolean; algorithm: string | undefined }> = [];
  const waiters: Array<() => void> = [];

  beforeAll(async () => {
    stack = new SipStack({ transports: [createUdpTransport({ host: '127.0.0.1', port: 0 })] });
    registrar = new Registrar(stack, { realm: 'switchboard', accounts: { find: (d) => (d === '1001' ? { device: '1001', password: 'right-pass' } : d === '1002' ? { device: '1002', password: 'right-pass' } : undefined) } });
    stack.onRequest((inc) => {
      if (inc.request.method !== 'REGISTER') return void stack.respond(inc, 405);
      void registrar.handle(inc).then(() => {
        const auth = getHeader(inc.request, 'authorization');
        let user: string | undefined;
        try {
          user = /username="([^"]+)"/.exec(auth ?? '')?.[1];
        } catch {
          user = undefined;
        }
        outcomes.push({ user, authorized: user !== undefined && registrar.isRegistered(user), hasCreds: auth !== undefined, algorithm: /algorithm=([A-Z0-9-]+)/.exec(auth ?? '')?.[1] });
        for (const w of waiters.splice(0)) w();
      });
    });
    port = (await stack.listen())[0]?.port ?? 0;
  });

  afterAll(async () => {
    for (const p of phones) await stop(p);
    await stack.close();
  });

  const until = async (cond: () => boolean, ms = 15_000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 200); });
    }
  };

  it('a phone with the right password is challenged, then registered (visible in the registration list)', async () => {
    const dir = await writePhone('1001', 'right-pass', port);
    phones.push(startProcess('baresip', ['-f', dir]));
    await until(() => registrar.isRegistered('1001'));
    const first = outcomes.find((o) => !o.hasCreds);
    expect(first).toBeDefined();
    const regs = registrar.registrations();
    expect(regs.map((r) => r.device)).toContain('1001');
    expect(regs.find((r) => r.device === '1001')?.bindings[0]?.contact).toMatch(/^sip:1001[^@]*@127\.0\.0\.1:\d+/);
    // baresip (libre) only does MD5; it omits algorithm=, which means MD5 (RFC 2617 §3.2.2)
    const ok = outcomes.find((o) => o.user === '1001' && o.authorized);
    expect(ok?.algorithm ?? 'MD5').toBe('MD5');
  });

  it('a phone with a wrong password is refused and never registered', async () => {
    const dir = await writePhone('1002', 'wrong-pass', port);
    phones.push(startProcess('baresip', ['-f', dir]));
    await until(() => outcomes.some((o) => o.user === '1002'));
    expect(registrar.isRegistered('1002')).toBe(false);
    expect(outcomes.filter((o) => o.user === '1002').every((o) => o.hasCreds && !o.authorized)).toBe(true);
  });
});
