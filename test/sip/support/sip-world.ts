/**
 * A Switchboard SIP provider on free 127.0.0.1 ports with real baresip phones: the agent
 * and colleague phones registered with digest credentials, and a baresip "outside world"
 * on the trunk port (recognised by source address) that answers, rejects busy or lets
 * ring as a scenario asks, and rings our DIDs.
 */
import { SipProvider } from '../../../src/telephony/sip/sip-provider.js';
import { WorkerSipProvider } from '../../../src/telephony/sip/sip-worker-provider.js';
import { defaultSipConfig, InMemoryAccountStore, type AutoAnswerMode } from '../../../src/telephony/sip/sip-config.js';
import { BaresipPhone, reservePorts } from './baresip-phone.js';

/**
 * Outside numbers the world answers to (dialled with the trunk prefix 9): one answers,
 * one is busy (486), one rings forever; any other number gets baresip's 404.
 */
export const OUTSIDE = { answers: '5550100', busy: '5550111', noAnswer: '5550122', unknown: '5550199' } as const;

export interface SipWorldOptions {
  agentMode: 'auto' | 'manual';
  colleague?: boolean;
  tone?: { agent?: boolean; colleague?: boolean; world?: boolean };
  answerAfterMs?: number;
  noAnswerTimeoutMs?: number;
  /** Where the provider runs: on this thread (default) or in a worker thread behind a proxy. */
  host?: 'thread' | 'worker';
  /** The outside world's SIP user, its caller ID (default CALLER; `anonymous` for a withheld number). */
  caller?: string;
}

export const CALLER = '+12127364440';
export const DIDS: Record<string, string> = { '5551001': '1001', '5551002': '1002' };

export class SipWorld {
  private constructor(
    readonly provider: SipProvider | WorkerSipProvider,
    readonly agent: BaresipPhone,
    readonly colleague: BaresipPhone | undefined,
    readonly world: BaresipPhone,
    readonly serverPort: number,
    readonly caller: string = CALLER,
  ) {}

  static async start(o: SipWorldOptions): Promise<SipWorld> {
    const serverPort = await reservePorts(1);
    const trunkPort = await reservePorts(2); // the world phone's SIP port (and its TLS port + 1)
    const autoAnswer: Record<string, AutoAnswerMode> = { '1001': o.agentMode === 'auto' ? 'always' : 'none', '1002': 'always' };
    const config = defaultSipConfig({
      listenHost: '127.0.0.1', listenPort: serverPort,
      accounts: new InMemoryAccountStore({ '1001': 'agent-secret', '1002': 'colleague-secret' }),
      trunk: { host: '127.0.0.1', port: trunkPort, prefix: '9', dids: DIDS, defaultDevice: '1001' },
      autoAnswer, noAnswerTimeoutMs: o.noAnswerTimeoutMs ?? 3_000,
    });
    const provider = o.host === 'worker' ? new WorkerSipProvider(config) : new SipProvider(config);
    await provider.start();
    const started: BaresipPhone[] = [];
    const phone = async (opts: Parameters<typeof BaresipPhone.start>[0]): Promise<BaresipPhone> => {
      const p = await BaresipPhone.start(opts);
      started.push(p);
      return p;
    };
    let w: SipWorld;
    try {
      const agent = await phone({ user: '1001', password: 'agent-secret', registrar: serverPort, answermode: o.agentMode, tone: o.tone?.agent });
      const colleague = o.colleague === false ? undefined : await phone({ user: '1002', password: 'colleague-secret', registrar: serverPort, answermode: 'auto', tone: o.tone?.colleague });
      const world = await phone({ user: o.caller ?? CALLER, aliases: [OUTSIDE.answers, OUTSIDE.busy, OUTSIDE.noAnswer], answermode: 'manual', sipPort: trunkPort, tone: o.tone?.world });
      w = new SipWorld(provider, agent, colleague, world, serverPort, o.caller ?? CALLER);
      await w.registered('1001');
      if (colleague) await w.registered('1002');
    } catch (e) {
      // whatever started is stopped by PID before the failure is reported
      await Promise.all(started.map((p) => p.close()));
      await provider.stop();
      throw e;
    }
    const world = w.world;
    world.onEvent((e) => {
      if (e.type !== 'CALL_INCOMING') return;
      const aor = String(e.accountaor ?? '');
      if (aor.includes(OUTSIDE.busy)) void world.command('hangup');
      else if (aor.includes(OUTSIDE.answers)) setTimeout(() => void world.command('accept'), o.answerAfterMs ?? 300);
    });
    return w;
  }

  async registered(device: string): Promise<void> {
    const p = this.provider;
    const isRegistered = async (): Promise<boolean> => (p instanceof WorkerSipProvider ? p.isRegistered(device) : p.registrar?.isRegistered(device) ?? false);
    for (let i = 0; i < 200 && !(await isRegistered()); i++) await new Promise((r) => setTimeout(r, 50));
    if (!(await isRegistered())) throw new Error(`${device} did not register`);
  }

  /** The outside caller rings a device through its DID. */
  async incoming(device: string): Promise<void> {
    const did = Object.entries(DIDS).find(([, d]) => d === device)?.[0] ?? device;
    // the caller's account places the call (after an answered call baresip's current UA is the callee's)
    await this.world.command('uafind', `sip:${this.caller}@127.0.0.1:${this.world.sipPort}`);
    await this.world.command('dial', `sip:${did}@127.0.0.1:${this.serverPort}`);
  }

  async close(): Promise<void> {
    await this.provider.stop();
    await Promise.all([this.agent.close(), this.colleague?.close(), this.world.close()]);
  }
}
