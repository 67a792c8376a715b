/**
 * Every recorded Asterisk 22 session (S01–S14) through the pure mapper: the per-party
 * connection states must be the README's "CTI conclusion" tables, at the README's times.
 *
 * Reading of the README used throughout (it says `hold` for the caller in S07b/S09/S10 but
 * "connected throughout (held while Alice holds)" in S07a for the same events): hold is a
 * state of the HOLDING device (ECMA-269 Held event; provider.ts `held`: "`device` put the
 * call on hold"); the held far party's connection stays `connected`, listening to music.
 * The far party of a call is named by its number, as the phone system presents it.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture, type FixtureId } from './ami-fixtures.js';
import { outcomeOf, replayMapper, timeline } from './ami-mapper-timeline.js';

interface Expected {
  /** README section quoted in the test name. */
  readme: string;
  parties: Record<string, string[]>;
  /** The outcome of the first call, or of each call. */
  outcome: string | Record<string, string>;
  /** Distinct callRefs (a consultation is a call of its own). */
  calls?: number;
}

const EXPECTED: Record<Exclude<FixtureId, 'S13'>, Expected> = {
  S01: {
    readme: 'Alice initiated → connected at 541 → cleared at 4558; 02075550123 alerting at 648 → connected at 2551 → cleared; outbound, answered',
    parties: {
      Alice: ['initiated@507', 'connected@541', 'cleared@4558'],
      '02075550123': ['alerting@648', 'connected@2551', 'cleared@4558'],
    },
    outcome: 'answered',
  },
  S02: {
    readme: 'Alice initiated → connected (to Asterisk) → cleared; far end fail / busy at 1144; outcome busy',
    parties: {
      Alice: ['initiated@506', 'connected@536', 'cleared@4146'],
      // The failed connection stays `fail` while Alice hears the busy tone; it is cleared with the call.
      '02075550111': ['fail(busy)@1144', 'cleared@4146'],
    },
    outcome: 'busy',
  },
  S03: {
    readme: 'Alice initiated → connected → cleared; far end alerting → cleared without ever connecting; no answer',
    parties: {
      Alice: ['initiated@507', 'connected@537', 'cleared@4541'],
      '02075550122': ['alerting@645', 'cleared@4541'],
    },
    outcome: 'no-answer',
  },
  S04: {
    readme: 'Alice initiated → connected → cleared; far end fail, invalid number (Hangup Cause 1, not DialEnd NOANSWER)',
    parties: {
      Alice: ['initiated@506', 'connected@534', 'cleared@2546'],
      '0207555012': ['fail(invalid-number)@541', 'cleared@2546'],
    },
    outcome: 'invalid-number',
  },
  S05: {
    readme: 'Caller initiated; Alice alerting at 513 → connected at 2538 → cleared at 5565; inbound, answered',
    parties: {
      // The caller is connected once Alice answers (as S07a says: "connected throughout").
      '+442075550123': ['initiated@509', 'connected@2539', 'cleared@5553'],
      Alice: ['alerting@513', 'connected@2538', 'cleared@5565'],
    },
    outcome: 'answered',
  },
  S06: {
    readme: 'Alice alerting → cleared without connecting; missed (abandoned by the caller, cause 127 + DialStatus CANCEL)',
    parties: {
      '02075550123': ['initiated@509', 'cleared@5520'],
      Alice: ['alerting@514', 'cleared@5520'],
    },
    outcome: 'missed',
  },
  S07a: {
    readme: 'Alice connected → hold (4041) → connected (7043) → cleared; caller connected throughout',
    parties: {
      '+442075550123': ['initiated@509', 'connected@2037', 'cleared@9050'],
      Alice: ['alerting@513', 'connected@2035', 'hold@4041', 'connected@7043', 'cleared@9050'],
    },
    outcome: 'answered',
  },
  S07b: {
    readme: 'Alice connected → hold (4039) → connected (7042) → cleared; hold inferred from the Redirect + MusicOnHoldStart, retrieve from the new bridge',
    parties: {
      '+442075550123': ['initiated@506', 'connected@2034', 'cleared@9553'],
      Alice: ['alerting@509', 'connected@2034', 'hold@4039', 'connected@7042', 'cleared@9553'],
    },
    outcome: 'answered',
  },
  S08: {
    readme: 'Alice connected → cleared (transferred away); Bob alerting at 4043 → connected at 6066 → cleared; caller stays on the call',
    parties: {
      '0044 20 7555 0123': ['initiated@510', 'connected@2035', 'cleared@8572'],
      // Reported when the caller starts ringing Bob (4043), so it names the device reached.
      Alice: ['alerting@513', 'connected@2035', 'transferred(PJSIP/6002)@4043'],
      Bob: ['alerting@4043', 'connected@6066', 'cleared@8572'],
    },
    outcome: 'transferred',
  },
  S09: {
    readme: 'Alice connected → hold (4273, consulting) → cleared (8512, transferred); Bob alerting (consultation) → connected → keeps the call',
    parties: {
      '+442075550123': ['initiated@508', 'connected@2025', 'cleared@11518'],
      // `transferred` names the consultation as secondaryCallRef: the core clears Alice there too.
      Alice: ['alerting@510', 'connected@2024', 'hold@4273', 'transferred(PJSIP/6002)@8512'],
      // The consultation (#2) is the Local pair's call: Alice consults Bob on it.
      'Alice #2': ['initiated@4455', 'connected@6003'],
      'Bob #2': ['alerting@4462', 'connected@6003', 'cleared@8512'],
      // "keeps the call": Bob moves onto the caller's call when the transfer completes.
      Bob: ['connected@8512', 'cleared@11519'],
    },
    outcome: 'transferred',
    calls: 2,
  },
  S10: {
    readme: 'Alice connected → hold (consulting) → connected → cleared; Bob alerting → connected → cleared; transfer aborted',
    parties: {
      '+442075550123': ['initiated@508', 'connected@2031', 'cleared@11519'],
      Alice: ['alerting@513', 'connected@2031', 'hold@4283', 'connected@8508', 'cleared@11519'],
      'Alice #2': ['initiated@4467', 'connected@6003', 'cleared@8508'],
      'Bob #2': ['alerting@4473', 'connected@6002', 'cleared@8508'],
    },
    outcome: 'answered',
    calls: 2,
  },
  S11: {
    readme: 'Alice (outbound internal) initiated → connected → cleared by the remote party; Bob (inbound internal) alerting → connected → cleared',
    parties: {
      Alice: ['initiated@506', 'connected@2546', 'cleared@5076'],
      Bob: ['alerting@510', 'connected@2546', 'cleared@5076'],
    },
    outcome: 'answered',
  },
  S12: {
    readme: 'Call 1 alerting → connected → hold (6566) → connected (9596) → cleared; call 2 alerting (4047, while call 1 is connected) → connected (6587) → cleared',
    parties: {
      '+442075550123': ['initiated@508', 'connected@2040', 'cleared@12102'],
      Alice: ['alerting@512', 'connected@2040', 'hold@6566', 'connected@9596', 'cleared@12115'],
      '02075550199 #2': ['initiated@4047', 'connected@6587', 'cleared@9592'],
      'Alice #2': ['alerting@4050', 'connected@6586', 'cleared@9593'],
    },
    outcome: { call1: 'answered', call2: 'answered' },
    calls: 2,
  },
  S14: {
    readme: 'Caller queued (533) → connected to Bob (3069) → cleared; Alice alerting → cleared, answered elsewhere (not missed); Bob alerting → connected → cleared',
    parties: {
      '02075550123': ['queued@533', 'connected@3069', 'cleared@6085'],
      Alice: ['alerting@536', 'cleared@3070'],
      Bob: ['alerting@541', 'connected@3069', 'cleared@6075'],
    },
    outcome: 'answered',
  },
};

describe('the AMI mapper on every recorded Asterisk 22 session (fixtures README, "CTI conclusion")', () => {
  for (const [id, expected] of Object.entries(EXPECTED)) {
    it(`${id}: ${expected.readme}`, () => {
      const { events, state } = replayMapper(loadFixture(id));
      expect(timeline(events)).toEqual(expected.parties);
      const calls = [...new Set(events.map((e) => e.callRef))];
      expect(calls).toHaveLength(expected.calls ?? 1);
      if (typeof expected.outcome === 'string') {
        expect(outcomeOf(events.filter((e) => e.callRef === calls[0]))).toBe(expected.outcome);
      } else {
        expect(calls.map((ref, i) => [`call${i + 1}`, outcomeOf(events.filter((e) => e.callRef === ref))]))
          .toEqual(Object.entries(expected.outcome));
      }
      // Every call ended in the recording: nothing is left behind in the mapper.
      expect(state.calls.size).toBe(0);
    });
  }

  it('S01: every event names the call by its Linkedid and the click-to-dial number from CTI_REQUEST_ID', () => {
    const { events } = replayMapper(loadFixture('S01'));
    expect(new Set(events.map((e) => e.callRef))).toEqual(new Set(['1795666706.0']));
    expect(events[0]).toMatchObject({ type: 'originated', device: 'PJSIP/6001', calledNumber: '02075550123' });
    expect(events.find((e) => e.type === 'delivered')).toMatchObject({ remote: true, callingNumber: '6001', calledNumber: '02075550123' });
  });

  it('S05: the incoming call is presented with the caller ID as sent and the DID that was dialled', () => {
    const { events } = replayMapper(loadFixture('S05'));
    expect(events.find((e) => e.type === 'delivered')).toMatchObject({ device: 'PJSIP/6001', callingNumber: '+442075550123', calledNumber: '+442079460001' });
  });

  it('S09: the consultation is the Local pair\'s call: Alice originates it, Bob rings on it with Alice as the caller', () => {
    const { events } = replayMapper(loadFixture('S09'));
    expect(events.find((e) => e.device === 'PJSIP/6001' && e.type === 'originated' && e.callRef === '1795666794.23')).toMatchObject({ calledNumber: '6002', at: 4455 });
    expect(events.find((e) => e.device === 'PJSIP/6002' && e.type === 'delivered')).toMatchObject({ callRef: '1795666794.23', callingNumber: '6001', calledNumber: '6002' });
    expect(events.find((e) => e.type === 'transferred')).toMatchObject({ callRef: '1795666790.21', transferredTo: 'PJSIP/6002', secondaryCallRef: '1795666794.23' });
    expect(events.some((e) => e.device.startsWith('Local/'))).toBe(false);
  });

  it('S14: the queue caller is reported only once an agent is rung, as queued on the queue', () => {
    const { events } = replayMapper(loadFixture('S14'));
    expect(events[0]).toMatchObject({ type: 'queued', device: '02075550123', calledNumber: 'support', at: 533 });
  });

  it('gives the same events whatever the state object it was handed last (it never mutates its input)', () => {
    const fixture = loadFixture('S09');
    const half = replayMapper(fixture, 6003);
    const frozen = JSON.stringify([...half.state.calls.values()]);
    const rest = replayMapper(fixture, Infinity, half.state, 6003);
    expect(rest.state.calls.size).toBe(0);
    expect(JSON.stringify([...half.state.calls.values()])).toBe(frozen);
  });
});
