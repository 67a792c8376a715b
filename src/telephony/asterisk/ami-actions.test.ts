import { describe, expect, it } from 'vitest';
import { atxferAction, holdAction, originateAction, retrieveAction, serializeAction } from './ami-actions.js';

describe('AMI actions as the fixtures README shows they work on Asterisk 22', () => {
  it('click-to-dial is an Originate of the agent device into the context, tagged with CTI_REQUEST_ID (S01)', () => {
    const wire = serializeAction(originateAction({ device: 'PJSIP/6001', number: '02075550123', context: 'from-internal', timeoutMs: 30000, requestId: 's01-req', callerId: '"Alice" <6001>' }), 's01-originate');
    expect(wire).toBe('Action: Originate\r\nChannel: PJSIP/6001\r\nContext: from-internal\r\nExten: 02075550123\r\nPriority: 1\r\nCallerID: "Alice" <6001>\r\nTimeout: 30000\r\nVariable: CTI_REQUEST_ID=s01-req\r\nAsync: true\r\nActionID: s01-originate\r\n\r\n');
  });

  it('hold is ONE dual Redirect: far leg to music, agent leg to a silent wait (S07b)', () => {
    const wire = serializeAction(holdAction({ farChannel: 'PJSIP/pstn-0000000e', agentChannel: 'PJSIP/6001-0000000f', holdContext: 'cti-hold', holdExten: 'hold', agentWaitExten: 'agent-wait' }), 's07b-hold');
    expect(wire).toBe('Action: Redirect\r\nChannel: PJSIP/pstn-0000000e\r\nContext: cti-hold\r\nExten: hold\r\nPriority: 1\r\nExtraChannel: PJSIP/6001-0000000f\r\nExtraContext: cti-hold\r\nExtraExten: agent-wait\r\nExtraPriority: 1\r\nActionID: s07b-hold\r\n\r\n');
    expect(serializeAction(retrieveAction('PJSIP/6001-0000000f', 'PJSIP/pstn-0000000e'), 'r')).toBe('Action: Bridge\r\nChannel1: PJSIP/6001-0000000f\r\nChannel2: PJSIP/pstn-0000000e\r\nTone: no\r\nActionID: r\r\n\r\n');
  });

  it('cannot be made to carry a second action through a value with a line break', () => {
    const wire = serializeAction(atxferAction('PJSIP/6001-00000014', 'from-internal', '6002\r\n\r\nAction: Originate'), 'x');
    expect(wire.split('\r\n\r\n')).toHaveLength(2);
    expect(wire).toContain('Exten: 6002Action: Originate\r\n');
  });
});
