/**
 * Accounts are the CTI devices (R4.2): the provider lists them with their registration
 * state (R2.6), checks one in clear words (R4.6), and turns `answer` off for devices
 * whose phone cannot be answered remotely (R6.7, R6.9).
 */
import { afterEach, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { SipProvider } from '../../src/telephony/sip/sip-provider.js';
import { defaultSipConfig, InMemoryAccountStore } from '../../src/telephony/sip/sip-config.js';
import { DigestClient } from '../../src/telephony/sip/sip-digest.js';
import { parseMessage } from '../../src/telephony/sip/sip-parser.js';
import { getHeaders, type SipResponse } from '../../src/telephony/sip/sip-message.js';
import { ProviderError } from '../../src/telephony/provider.js';
import { freePort } from './support/peers.js';

const register = async (port: number, user: string, password: string): Promise<number> => {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const me = s.address().port;
  const next = (): Promise<SipResponse> => new Promise((resolve) => s.once('message', (m) => { const r = parseMessage(m); if (r.ok && r.message.kind === 'response') resolve(r.message); }));
  const uri = `sip:127.0.0.1:${port}`;
  const send = (cseq: number, auth?: string): void => {
    const lines = [`REGISTER ${uri} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${me};branch=z9hG4bKdev${cseq}${Date.now()}`, 'Max-Forwards: 70', `From: <sip:${user}@127.0.0.1>;tag=d${cseq}`,
      `To: <sip:${user}@127.0.0.1>`, `Call-ID: dev-${user}`, `CSeq: ${cseq} REGISTER`, `Contact: <sip:${user}@127.0.0.1:${me}>`, 'User-Agent: TestPhone/1.0', 'Expires: 120', ...(auth ? [`Authorization: ${auth}`] : []), 'Content-Length: 0', '', ''];
    s.send(Buffer.from(lines.join('\r\n')), port, '127.0.0.1');
  };
  send(1);
  const challenge = await next();
  send(2, new DigestClient(user, password).authorize(getHeaders(challenge, 'www-authenticate'), 'REGISTER', uri));
  const final = await next();
  s.close();
  return final.status;
};

describe('SIP accounts as CTI devices', () => {
  let provider: SipProvider | undefined;
  afterEach(async () => { await provider?.stop(); provider = undefined; });

  const start = async (): Promise<number> => {
    const port = await freePort();
    provider = new SipProvider(defaultSipConfig({ listenPort: port, accounts: new InMemoryAccountStore({ '1001': 'pw-1001', '1002': 'pw-1002' }), autoAnswer: { '1001': 'always' } }));
    await provider.start();
    return port;
  };

  it('lists every account, available once its phone registered (R2.6)', async () => {
    const port = await start();
    expect(await register(port, '1001', 'pw-1001')).toBe(200);
    const devices = await provider?.listDevices();
    expect(devices?.map((d) => [d.name, d.status])).toEqual([['1001', 'available'], ['1002', 'unavailable']]);
    expect(devices?.[0]?.description).toMatch(/registered from 127\.0\.0\.1:\d+ \(TestPhone\/1\.0\)/);
  });

  it('checks a device in clear words: unknown, not registered, registered (R4.6)', async () => {
    const port = await start();
    expect(await provider?.checkDevice('7777')).toMatchObject({ ok: false, message: expect.stringMatching(/no SIP account for device 7777/) });
    expect(await provider?.checkDevice('1002')).toMatchObject({ ok: false, message: expect.stringMatching(/not registered/) });
    await register(port, '1002', 'pw-1002');
    expect(await provider?.checkDevice('1002')).toMatchObject({ ok: true, message: expect.stringMatching(/is registered \(TestPhone\/1\.0/) });
  });

  it('offers answer only for devices whose phone can be answered remotely, and refuses it elsewhere (R6.7, R6.9)', async () => {
    await start();
    expect(provider?.capabilities('1001').has('answer')).toBe(true);
    expect(provider?.capabilities('1002').has('answer')).toBe(false);
    expect(provider?.capabilities('1002').has('hold')).toBe(true);
    await expect(provider?.answer({ callRef: 'x', device: '1002' })).rejects.toMatchObject({ reason: 'not-supported' });
  });

  it('refuses click-to-dial from a device whose phone is not registered, and every command when stopped', async () => {
    await start();
    await expect(provider?.makeCall('1002', '1001')).rejects.toBeInstanceOf(ProviderError);
    await provider?.stop();
    await expect(provider?.makeCall('1001', '1002')).rejects.toMatchObject({ reason: 'down' });
  });
});
