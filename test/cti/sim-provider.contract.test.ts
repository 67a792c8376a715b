/**
 * The simulated phone system passes the whole provider contract (R2.2, R6.4–R6.10), on a
 * manual clock so the scripted outside world acts exactly when the suite lets time pass.
 */
import { describe, expect, it } from 'vitest';
import { CONTRACT_SCENARIOS, runProviderContract, type MakeHarness } from '../../src/telephony/provider.contract.js';
import { ManualClock } from '../../src/telephony/sim/sim-clock.js';
import { SimProvider } from '../../src/telephony/sim/sim-provider.js';

const makeSimHarness: MakeHarness = async () => {
  const clock = new ManualClock();
  const provider = new SimProvider({ clock });
  const answer = provider.config.defaultRemote;
  return {
    provider,
    devices: { agent: '1001', colleague: '1002' },
    numbers: {
      answers: '9011441615527789',
      busy: '9011441615520111',
      noAnswer: '9011441615520122',
      invalid: '9123',
    },
    caller: '+1 212 736-4440',
    timing: { remoteAnswersAfterMs: answer.kind === 'answer' ? answer.afterMs : 2_000, noAnswerAfterMs: provider.config.noAnswerTimeoutMs },
    world: {
      incoming: async (from, to) => { provider.world.injectIncoming(from, to); },
      passTime: async (ms) => clock.advance(ms),
      liftHandset: async (device) => provider.world.lift(device),
      remoteHangup: async (callRef) => provider.world.remoteHangup(callRef),
      linkDown: async () => provider.world.linkDown(),
      linkUp: async () => provider.world.linkUp(),
    },
    close: () => provider.stop(),
  };
};

runProviderContract('sim', makeSimHarness);

describe('the contract suite itself', () => {
  it('names every scenario of R6.4–R6.10 it plays', () => {
    expect(CONTRACT_SCENARIOS).toHaveLength(14);
  });
});

// How a replay-tested adapter (e.g. Asterisk, from recordings) declares what it covers:
// the others are skipped, the reason in the test title.
runProviderContract('sim as a replay-style subset', makeSimHarness, (s) =>
  s === 'dial-answered' || s === 'incoming-answer' ? true : 'no recording for this scenario');
