/**
 * The provider-contract harness for the built-in SIP provider with real baresip phones
 * (R2.2, R6.4–R6.10), hosted on the test's thread or in a worker thread: the same
 * phones, numbers and timings either way.
 */
import type { MakeHarness } from '../../../src/telephony/provider.contract.js';
import { CALLER, OUTSIDE, SipWorld } from './sip-world.js';

const ANSWER_AFTER_MS = 300;
const NO_ANSWER_MS = 3_000;

export const sipHarness = (host: 'thread' | 'worker'): MakeHarness => async (scenario) => {
  const w = await SipWorld.start({ host, agentMode: scenario === 'incoming-lift-handset' ? 'manual' : 'auto', answerAfterMs: ANSWER_AFTER_MS, noAnswerTimeoutMs: NO_ANSWER_MS });
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

/** The one scenario that does not apply: the SIP provider is the phone system itself. */
export const sipScenarios = (s: string): true | string =>
  s === 'provider-down-up' ? 'the SIP provider is the phone system itself: there is no CTI link to lose (a restart is a new server)' : true;
