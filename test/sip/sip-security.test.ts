/**
 * Security of the built-in SIP provider (phone systems are attacked within minutes of
 * going online): nothing is accepted from an unauthenticated source but the trunk; no
 * call reaches the trunk without an authenticated device (toll fraud); the attackers'
 * own tools (sipvicious svwar, svcrack) find no account and get blocked; 100,000 mutated
 * messages, and sipp's malformed-input scenario (scenarios/malformed.xml), leave the
 * server serving a following real call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SipProvider } from '../../src/telephony/sip/sip-provider.js';
import { defaultSipConfig, InMemoryAccountStore, type SipProviderConfig } from '../../src/telephony/sip/sip-config.js';
import { DigestClient } from '../../src/telephony/sip/sip-digest.js';
import { parseMessage } from '../../src/telephony/sip/sip-parser.js';
import { getHeaders, type SipResponse } from '../../src/telephony/sip/sip-message.js';
import { EventRecorder } from '../../src/telephony/provider.contract.js';
import { mutate, prng } from './support/fuzz.js';
import { freePort, run } from './support/peers.js';
import { describeWith, itWith } from '../support/peers.js';
import { OUTSIDE, SipWorld } from './support/sip-world.js';
import { BaresipPhone } from './support/baresip-phone.js';

const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';

/** An attacker's UDP socket on `host`, speaking raw SIP. */
const attacker = async (host: string) => {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, host, () => r()));
  const got: SipResponse[] = [];
  s.on('message', (m) => { const r = parseMessage(m); if (r.ok && r.message.kind === 'response' && r.message.status >= 200) got.push(r.message); });
  let n = 0;
  const request = (method: string, uri: string, to: number, extra: string[] = [], body = ''): void => {
    n++;
    const lines = [`${method} ${uri} SIP/2.0`, `Via: SIP/2.0/UDP ${host}:${s.address().port};branch=z9hG4bKatk${n}x${Date.now()}`, 'Max-Forwards: 70',
      `From: <sip:1001@${host}>;tag=a${n}`, `To: <${uri}>`, `Call-ID: atk-${n}-${Date.now()}`, `CSeq: ${n} ${method}`, `Contact: <sip:x@${host}:${s.address().port}>`,
      ...extra, ...(body ? ['Content-Type: application/sdp'] : []), `Content-Length: ${Buffer.byteLength(body)}`, '', body];
    s.send(Buffer.from(lines.join('\r\n')), to, '127.0.0.1');
  };
  const next = async (): Promise<SipResponse> => {
    for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const r = got.shift();
    if (!r) throw new Error('no response');
    return r;
  };
  return { request, next, close: () => s.close(), socket: s };
};

describe('SIP provider security', () => {
  let provider: SipProvider | undefined;
  let trunkSock: dgram.Socket | undefined;
  const trunkHits: Buffer[] = [];
  afterEach(async () => { await provider?.stop(); trunkSock?.close(); provider = undefined; trunkSock = undefined; warnings.length = 0; });

  /** A provider whose trunk is a socket on 127.0.0.2 that records anything reaching it. */
  const warnings: string[] = [];
  const start = async (over: Partial<SipProviderConfig> = {}) => {
    trunkSock = dgram.createSocket('udp4');
    await new Promise<void>((r) => trunkSock?.bind(0, '127.0.0.2', () => r()));
    trunkSock.on('message', (m) => trunkHits.push(m));
    const port = await freePort();
    provider = new SipProvider(defaultSipConfig({
      listenPort: port, accounts: new InMemoryAccountStore({ '1001': 'agent-secret' }), maxAuthFailures: 5, blockMs: 60_000, ...over,
      trunk: { host: '127.0.0.2', port: trunkSock.address().port, prefix: '9', dids: { '5551001': '1001' } },
    }), { info: () => undefined, warn: (_d, m) => { warnings.push(m); } });
    await provider.start();
    return port;
  };

  it('an unauthenticated REGISTER is challenged and a wrong password refused: nothing is registered', async () => {
    const port = await start();
    const a = await attacker('127.0.0.1');
    a.request('REGISTER', `sip:1001@127.0.0.1:${port}`, port, ['Expires: 60']);
    const challenge = await a.next();
    expect(challenge.status).toBe(401);
    const auth = new DigestClient('1001', 'guess').authorize(getHeaders(challenge, 'www-authenticate'), 'REGISTER', `sip:1001@127.0.0.1:${port}`) as string;
    a.request('REGISTER', `sip:1001@127.0.0.1:${port}`, port, ['Expires: 60', `Authorization: ${auth}`]);
    expect((await a.next()).status).toBe(403);
    expect(provider?.registrar?.isRegistered('1001')).toBe(false);
    a.close();
  });

  it('an INVITE for an outside number from an unknown source is challenged, a wrong answer refused, and the trunk never sees it (toll fraud)', async () => {
    const port = await start();
    const a = await attacker('127.0.0.1');
    a.request('INVITE', `sip:9${OUTSIDE.answers}@127.0.0.1:${port}`, port, [], SDP);
    const challenge = await a.next();
    expect(challenge.status).toBe(407);
    const auth = new DigestClient('1001', 'guess').authorize(getHeaders(challenge, 'proxy-authenticate'), 'INVITE', `sip:9${OUTSIDE.answers}@127.0.0.1:${port}`) as string;
    a.request('INVITE', `sip:9${OUTSIDE.answers}@127.0.0.1:${port}`, port, [`Proxy-Authorization: ${auth}`], SDP);
    expect((await a.next()).status).toBe(403);
    expect(trunkHits).toHaveLength(0);
    a.close();
  });

  it('an INVITE to a DID from a source that is not the trunk is challenged like any other, never rung through', async () => {
    const port = await start();
    const a = await attacker('127.0.0.3');
    const events: string[] = [];
    provider?.onEvent((e) => events.push(e.type));
    a.request('INVITE', `sip:5551001@127.0.0.1:${port}`, port, [], SDP);
    expect((await a.next()).status).toBe(407);
    expect(events.filter((t) => t === 'delivered' || t === 'originated')).toEqual([]);
    a.close();
  });

  it('password guessing is rate-limited: after 5 wrong answers the user name is refused from that source, even with the right password (issue 12)', async () => {
    const port = await start();
    const a = await attacker('127.0.0.1');
    const uri = `sip:1001@127.0.0.1:${port}`;
    for (const guess of ['123456', 'password', 'admin', 'secret', '1001']) {
      a.request('REGISTER', uri, port, ['Expires: 60']);
      const challenge = await a.next();
      a.request('REGISTER', uri, port, ['Expires: 60', `Authorization: ${new DigestClient('1001', guess).authorize(getHeaders(challenge, 'www-authenticate'), 'REGISTER', uri) as string}`]);
      expect((await a.next()).status).toBe(403);
    }
    expect(provider?.registrar?.isBlocked('127.0.0.1', '1001')).toBe(true);
    a.request('REGISTER', uri, port, ['Expires: 60']);
    const challenge = await a.next();
    a.request('REGISTER', uri, port, ['Expires: 60', `Authorization: ${new DigestClient('1001', 'agent-secret').authorize(getHeaders(challenge, 'www-authenticate'), 'REGISTER', uri) as string}`]);
    expect((await a.next()).status).toBe(403);
    expect(provider?.registrar?.isRegistered('1001')).toBe(false);
    a.close();
  });

  itWith(['svwar'])('svwar cannot tell accounts from non-accounts (same challenge for both): it finds nothing', async () => {
    const port = await start();
    const war = await run('svwar', ['-e1000-1010', '-p', String(port), '127.0.0.1'], 60_000, mkdtempSync(path.join(tmpdir(), 'svwar-')));
    const out = `${war.stdout}${war.stderr}`;
    expect(out).toMatch(/found nothing/);
    expect(out).not.toMatch(/\|\s*1001\s*\|/);
  }, 90_000);

  itWith(['svcrack'])('svcrack finds no password: it is blocked after its first wrong ones (the right one, tenth, is refused too)', async () => {
    // MD5 alone: svcrack answers the first challenge only, and crashes on SHA-256 (it would test nothing)
    const port = await start({ digestAlgorithms: ['MD5'] });
    const cwd = mkdtempSync(path.join(tmpdir(), 'svcrack-'));
    const dict = path.join(cwd, 'words.txt');
    writeFileSync(dict, ['123456', 'password', '1001', 'admin', 'secret', 'letmein', 'qwerty', 'agent', 'switchboard', 'agent-secret'].join('\n'));
    const crack = await run('svcrack', ['-vv', '-u1001', '-d', dict, '-p', String(port), '127.0.0.1'], 90_000, cwd);
    expect(`${crack.stdout}${crack.stderr}`).not.toMatch(/\|\s*1001\s*\|\s*agent-secret/);
    expect(`${crack.stdout}${crack.stderr}`).toMatch(/found nothing/i);
    expect(`${crack.stdout}${crack.stderr}`).toMatch(/trying agent-secret/); // it did try the right one, last
    expect(provider?.registrar?.isBlocked('127.0.0.1', '1001')).toBe(true);
    expect(warnings).toContainEqual(expect.stringMatching(/user "1001" from 127\.0\.0\.1 blocked .* after 5 failed authentications/));
  }, 120_000);
});

describeWith(['baresip'])('fuzzing the running provider', () => {
  /** Runs `attack` against a provider with a real registered phone, then a click-to-dial call must still connect. */
  const thenARealCall = async (attack: (w: SipWorld) => Promise<void>): Promise<void> => {
    const w = await SipWorld.start({ agentMode: 'auto', colleague: false });
    try {
      await attack(w);
      const rec = new EventRecorder(10_000);
      w.provider.onEvent(rec.listener);
      const { callRef } = await w.provider.makeCall('1001', `9${OUTSIDE.answers}`);
      await rec.waitFor('agent established', (e) => e.type === 'established' && 'callRef' in e && e.callRef === callRef && e.device === '1001');
      await w.provider.clear({ callRef, device: '1001' });
      await rec.waitFor('cleared', (e) => e.type === 'connection-cleared' && e.device === '1001');
    } finally {
      await w.close();
    }
  };

  it('issue 12: a REGISTER with User-Agent friendly-scanner from 127.0.0.1 does not stop a real baresip phone on 127.0.0.1 from registering and calling right after', async () => {
    const w = await SipWorld.start({ agentMode: 'auto', colleague: false });
    let phone: BaresipPhone | undefined;
    try {
      const a = await attacker('127.0.0.1');
      a.request('REGISTER', `sip:1002@127.0.0.1:${w.serverPort}`, w.serverPort, ['Expires: 60', 'User-Agent: friendly-scanner']);
      const answered = await a.next().then((r) => r.status, () => 'nothing');
      a.close();
      phone = await BaresipPhone.start({ user: '1002', password: 'colleague-secret', registrar: w.serverPort, answermode: 'auto' });
      await w.registered('1002');
      const rec = new EventRecorder(10_000);
      w.provider.onEvent(rec.listener);
      await phone.command('dial', `sip:9${OUTSIDE.answers}@127.0.0.1:${w.serverPort}`);
      const o = await rec.waitFor('originated', (e) => e.type === 'originated' && e.device === '1002');
      await rec.waitFor('far party established', (e) => e.type === 'established' && e.remote === true && 'callRef' in e && 'callRef' in o && e.callRef === o.callRef);
      expect(answered).toBe(401); // the "scanner" itself was challenged like anyone: the header proves nothing
    } finally {
      await phone?.close();
      await w.close();
    }
  }, 60_000);

  it('100,000 mutated datagrams, then a real click-to-dial call with baresip phones still connects', () => thenARealCall(async (w) => {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.3', () => r()));
    const rand = prng(0xbeef);
    for (let i = 0; i < 100_000; i += 500) {
      for (let j = 0; j < 500; j++) {
        const b = mutate(rand);
        if (b.length > 0 && b.length < 65_000) sock.send(b, w.serverPort, '127.0.0.1');
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    sock.close();
  }), 120_000);

  itWith(['sipp'])('sipp\'s malformed-input scenario gets its 416 and 481, the server answers the OPTIONS after it, and a real call still connects', () => thenARealCall(async (w) => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'sipp-malformed-'));
    const scenario = path.join(import.meta.dirname, 'scenarios', 'malformed.xml');
    const r = await run('sipp', ['-sf', scenario, `127.0.0.1:${w.serverPort}`, '-s', '1001', '-i', '127.0.0.1', '-p', String(await freePort()), '-m', '1', '-nostdin', '-timeout', '30s'], 60_000, cwd);
    expect(r.stdout, r.stdout + r.stderr).toMatch(/Successful call\s+\|\s+\d+\s+\|\s+1\s/);
    expect(r.code).toBe(0);
  }), 120_000);
});
