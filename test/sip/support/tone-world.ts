/**
 * A Switchboard SIP provider with three agent phones (1001, 1002, 1003) and an outside
 * caller on the trunk, all real baresip phones answering by themselves, each playing its
 * own tone as its microphone: what a phone recorded says whom it was talking to.
 */
import { SipProvider } from '../../../src/telephony/sip/sip-provider.js';
import { defaultSipConfig, InMemoryAccountStore } from '../../../src/telephony/sip/sip-config.js';
import { EventRecorder } from '../../../src/telephony/provider.contract.js';
import { BaresipPhone, reservePorts } from './baresip-phone.js';
import { blocksOf, endsWith, type Heard } from './tones.js';

export const CALLER = '+12127364440';
export const DEVICES = ['1001', '1002', '1003'] as const;
/** Each phone's tone (Hz): far from each other and from their harmonics. */
export const TONES: Readonly<Record<string, number>> = { [CALLER]: 500, '1001': 800, '1002': 1250, '1003': 1900 };
const DIDS: Record<string, string> = { '5551001': '1001' };

export class ToneWorld {
  readonly rec = new EventRecorder(20_000);

  private constructor(readonly provider: SipProvider, readonly phones: ReadonlyMap<string, BaresipPhone>, readonly serverPort: number) {
    provider.onEvent(this.rec.listener);
  }

  static async start(transport: 'udp' | 'tcp'): Promise<ToneWorld> {
    const serverPort = await reservePorts(1);
    const trunkPort = await reservePorts(2);
    const config = defaultSipConfig({
      listenHost: '127.0.0.1', listenPort: serverPort,
      accounts: new InMemoryAccountStore(Object.fromEntries(DEVICES.map((d) => [d, `secret-${d}`]))),
      trunk: { host: '127.0.0.1', port: trunkPort, prefix: '9', dids: DIDS, defaultDevice: '1001' },
      autoAnswer: {}, noAnswerTimeoutMs: 10_000,
    });
    const provider = new SipProvider(config);
    await provider.start();
    const phones = new Map<string, BaresipPhone>();
    try {
      for (const d of DEVICES) {
        phones.set(d, await BaresipPhone.start({ user: d, password: `secret-${d}`, registrar: serverPort, answermode: 'auto', toneHz: TONES[d], transport }));
      }
      phones.set(CALLER, await BaresipPhone.start({ user: CALLER, answermode: 'auto', sipPort: trunkPort, toneHz: TONES[CALLER] }));
      for (const d of DEVICES) {
        for (let i = 0; i < 200 && !provider.registrar?.isRegistered(d); i++) await new Promise((r) => setTimeout(r, 50));
        if (!provider.registrar?.isRegistered(d)) throw new Error(`${d} did not register`);
      }
    } catch (e) {
      await Promise.all([...phones.values()].map((p) => p.close()));
      await provider.stop();
      throw e;
    }
    return new ToneWorld(provider, phones, serverPort);
  }

  phone(name: string): BaresipPhone {
    const p = this.phones.get(name);
    if (!p) throw new Error(`no phone ${name}`);
    return p;
  }

  /** The outside caller dials 1001's DID. */
  async callIn(): Promise<void> {
    const world = this.phone(CALLER);
    await world.command('uafind', `sip:${CALLER}@127.0.0.1:${world.sipPort}`);
    await world.command('dial', `sip:5551001@127.0.0.1:${this.serverPort}`);
  }

  /**
   * Waits until `who` has heard `what` (a phone's name, 'music' or 'silence') for the last
   * half second of its recordings since now. Fails with what it heard instead.
   */
  async hears(who: string, what: Heard, patienceMs = 15_000): Promise<void> {
    const phone = this.phone(who);
    const mark = phone.mark();
    if (what === 'silence') {
      // no RTP, no recording: listen for a measured second and a half, and nothing may be heard
      await new Promise((r) => setTimeout(r, 1_500));
      const heard = blocksOf(phone.heardSince(mark), TONES);
      if (heard.every((b) => b === 'silence')) return;
      throw new Error(`${who} should hear silence; heard ${heard.join(' ')}`);
    }
    const until = Date.now() + patienceMs;
    let blocks: Heard[] = [];
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      blocks = blocksOf(phone.heardSince(mark), TONES);
      if (endsWith(blocks, what, 5)) return;
    }
    throw new Error(`${who} should hear ${what}; heard ${blocks.slice(-20).join(' ')} (recordings: ${[...phone.mark()].map(([f, n]) => `${f} ${n}`).join(', ')}; events: ${phone.events.map((e) => e.type).join(',')})`);
  }

  async close(): Promise<void> {
    await this.provider.stop();
    await Promise.all([...this.phones.values()].map((p) => p.close()));
  }
}
