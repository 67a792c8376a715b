/**
 * A withheld caller ID from Asterisk (issue 12 §3, R6.6): the recorded inbound call S05
 * with the caller's number replaced by what Asterisk sends for a withheld number
 * (`CallerIDNum: <unknown>`, or `anonymous` from a SIP trunk honouring RFC 3323). The
 * pure mapper must carry it through as an ordinary call whose caller ID the CTI's
 * number plan reads as withheld (no number, never matched), and leak no number.
 */
import { describe, expect, it } from 'vitest';
import { createPhoneNumberPlan } from '../../src/cti/phone-ports.js';
import { defaultLocation } from '../../src/phone/index.js';
import { loadFixture } from './ami-fixtures.js';
import { outcomeOf, replayMapper } from './ami-mapper-timeline.js';

const CALLER = '+442075550123';
const plan = createPhoneNumberPlan(() => defaultLocation('GB', '20', '9', 4));

describe.each(['<unknown>', 'anonymous'])('Asterisk presents a withheld caller as CallerIDNum: %s', (withheld) => {
  const fixture = loadFixture('S05');
  const lines = fixture.lines.map((l) => ({ ...l, data: l.data.split(CALLER).join(withheld) }));
  const { events } = replayMapper({ ...fixture, lines });

  it('rings the agent as an ordinary inbound call, answered as recorded', () => {
    expect(events.some((e) => e.type === 'delivered' && e.device === 'PJSIP/6001')).toBe(true);
    expect(outcomeOf(events)).toBe('answered');
    expect(JSON.stringify(events)).not.toContain(CALLER);
  });

  it('gives a caller ID the number plan reads as withheld', () => {
    const delivered = events.find((e) => e.type === 'delivered' && e.device === 'PJSIP/6001');
    const callingNumber = delivered?.type === 'delivered' ? delivered.callingNumber : undefined;
    expect(callingNumber).toBeDefined();
    const read = plan.fromNetwork(callingNumber ?? 'x');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(['withheld', 'empty']).toContain(read.reason);
  });
});
