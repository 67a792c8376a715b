/**
 * The same provider contract (R2.2, R6.4–R6.10) with the SIP provider hosted in a worker
 * thread (`WorkerSipProvider`, issue 6): every command crosses the MessagePort, every
 * event comes back over it, and the accounts are read from the main thread. Real baresip
 * phones, as in sip-provider.contract.test.ts.
 */
import { runProviderContract, type MakeHarness } from '../../src/telephony/provider.contract.js';
import { hasBinary } from './support/peers.js';
import { CALLER, OUTSIDE, SipWorld } from './support/sip-world.js';

const HAVE = hasBinary('baresip');
const ANSWER_AFTER_MS = 300;
const NO_ANSWER_MS = 3_000;

const makeWorkerHarness: MakeHarness = async (scenario) => {
  const w = await SipWorld.start({ host: 'worker', agentMode: scenario === 'incoming-lift-handset' ? 'manual' : 'auto', answerAfterMs: ANSWER_AFTER_MS, noAnswerTimeoutMs: NO_ANSWER_MS });
  return {
    provider: w.provider,
    devices: { agent: '1001', colleague: '1002' },
    numbers: { answers: `9${OUTSIDE.answers}`, busy: `9${OUTSIDE.busy}`, noAnswer: `9${OUTSIDE.noAnswer}`, invalid: `9${OUTSIDE.unknown}` },
    caller: CALLER,
    timing: { remoteAnswersAfterMs: ANSWER_AFTER_MS, noAnswerAfterMs: NO_ANSWER_MS },
    world: {
      incoming: async (_from, to) => w.incoming(to),
      passTime: async (ms) => { await new Promise((r) => setTimeout(r, ms)); },
      liftHandset: async (device) => {
        const phone = device === '1001' ? w.agent : w.colleague;
        await phone?.waitEvent('CALL_INCOMING');
        await phone?.command('accept');
      },
      remoteHangup: async () => { await w.world.command('hangup'); },
    },
    patienceMs: 8_000,
    close: () => w.close(),
  };
};

if (HAVE) {
  runProviderContract('sip in a worker thread (real baresip phones)', makeWorkerHarness, (s) =>
    s === 'provider-down-up' ? 'the SIP provider is the phone system itself: there is no CTI link to lose (a restart is a new server)' : true);
}
