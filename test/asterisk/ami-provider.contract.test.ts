/**
 * The provider contract suite (src/telephony/provider.contract.ts) on the Asterisk provider,
 * for the scenarios the recorded Asterisk 22 sessions cover, each replayed over real TCP.
 * A scenario without a recording, or needing what Asterisk cannot do over AMI, is skipped
 * with the reason in its title.
 */
import { runProviderContract, type ContractScenario, type ProviderHarness } from '../../src/telephony/provider.contract.js';
import { AmiProvider } from '../../src/telephony/asterisk/ami-provider.js';
import { loadFixture, type FixtureId } from './ami-fixtures.js';
import { startReplayServer } from './ami-replay-server.js';
import { SECRET, replayConfig } from './ami-provider-harness.js';

interface Recording {
  fixture: FixtureId;
  /** The number the recorded Originate dialled, for the scenario's `numbers` role. */
  numbers?: Partial<ProviderHarness['numbers']>;
  /** The recorded incoming call starts when the suite asks for it. */
  gateAt?: number;
}

const RECORDINGS: Partial<Record<ContractScenario, Recording>> = {
  'dial-answered': { fixture: 'S01', numbers: { answers: '02075550123' } },
  'dial-hangup-while-dialing': { fixture: 'S03', numbers: { answers: '02075550122' } },
  'dial-invalid-number': { fixture: 'S04', numbers: { invalid: '0207555012' } },
  'incoming-lift-handset': { fixture: 'S05', gateAt: 500 },
};

const NO_ANSWER = 'Asterisk has no AMI action to answer a ringing phone (capability absent)';
const WHY_NOT: Record<ContractScenario, string> = {
  'dial-answered': '', 'dial-hangup-while-dialing': '', 'dial-invalid-number': '', 'incoming-lift-handset': '',
  'dial-busy': 'S02 ends the agent leg by the dialplan after the busy tone; the recording holds no CTI Hangup to replay',
  'dial-no-answer': 'no recording of a Dial timeout (S03 is cancelled by the CTI while ringing)',
  'incoming-answer': NO_ANSWER,
  'hold-retrieve': 'the CTI hold recording (S07b) is of an inbound call, not of a click-to-dial call',
  'blind-transfer': NO_ANSWER,
  'consult-complete': `${NO_ANSWER} (S09 replays consult + complete in ami-provider-replay.test.ts)`,
  'consult-hangup-retrieve': `${NO_ANSWER} (S10 replays a consultation the colleague ends)`,
  'two-calls': NO_ANSWER,
  'remote-hangup': 'no recording of a click-to-dial call the far party hangs up (S01 is cleared by the CTI)',
  'provider-down-up': `${NO_ANSWER}; S13 covers the restart in ami-provider-replay.test.ts`,
};

const makeHarness = async (scenario: ContractScenario): Promise<ProviderHarness> => {
  const recording = RECORDINGS[scenario];
  if (!recording) throw new Error(`no recording for ${scenario}`);
  const server = await startReplayServer(loadFixture(recording.fixture), { speed: 20, secret: SECRET, gateAt: recording.gateAt });
  const provider = new AmiProvider({ config: replayConfig(server.port), idPrefix: 'sb' });
  return {
    provider,
    devices: { agent: 'PJSIP/6001', colleague: 'PJSIP/6002' },
    numbers: { answers: '02075550123', busy: '02075550111', noAnswer: '02075550122', invalid: '0207555012', ...recording.numbers },
    caller: '+442075550123',
    timing: { remoteAnswersAfterMs: 0, noAnswerAfterMs: 0 },
    world: {
      // The recording plays the caller and the phones; the suite only says when to start.
      incoming: async () => server.release(),
      passTime: async () => undefined,
      liftHandset: async () => undefined,
    },
    patienceMs: 5_000,
    close: async () => {
      await provider.stop();
      await server.close();
    },
  };
};

runProviderContract('asterisk (replayed AMI recordings)', makeHarness, (scenario) => (RECORDINGS[scenario] ? true : WHY_NOT[scenario]));
