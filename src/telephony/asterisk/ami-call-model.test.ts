import { describe, expect, it } from 'vitest';
import { deviceOfChannel, extensionOfDevice, knownNumber } from './ami-call-model.js';
import { failureOfCause, failureOfDialStatus } from './ami-causes.js';

describe('Asterisk names and causes', () => {
  it('an agent leg is named after its endpoint (README: PJSIP/6001-0000001c is device PJSIP/6001)', () => {
    expect(deviceOfChannel('PJSIP/6001-0000001c')).toBe('PJSIP/6001');
    expect(deviceOfChannel('Local/6002@from-internal-00000000;1')).toBe('Local/6002@from-internal');
    expect(deviceOfChannel('PJSIP/pstn-00000001')).toBe('PJSIP/pstn');
    expect(extensionOfDevice('PJSIP/6001')).toBe('6001');
    expect(extensionOfDevice('Local/6002@from-internal')).toBe('6002');
    expect(knownNumber('<unknown>')).toBeUndefined();
  });

  it('hangup causes: 16 normal, 17 busy, 1 invalid number, 19 no answer; 127 and 26 are not failures', () => {
    expect([16, 17, 1, 19, 127, 26, 0, 21, 34].map(failureOfCause)).toEqual([undefined, 'busy', 'invalid-number', 'no-answer', undefined, undefined, undefined, 'rejected', 'network']);
    expect(['BUSY', 'NOANSWER', 'CHANUNAVAIL', 'CANCEL', 'ANSWER'].map(failureOfDialStatus)).toEqual(['busy', 'no-answer', 'network', undefined, undefined]);
  });
});
