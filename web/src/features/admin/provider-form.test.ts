import { describe, expect, it } from 'vitest';
import type { ProviderSettings } from './api/admin-api.js';
import { formProblems, KEPT_SECRET, switchKind, toForm, toProvider } from './provider-form.js';

const asterisk: ProviderSettings = {
  kind: 'asterisk', host: 'pbx.example.net', port: 5039, username: 'switchboard', secret: KEPT_SECRET, tls: true,
  originateContext: 'from-internal', holdContext: 'sb-hold', holdExten: 'moh',
};

describe('the provider form and the settings API (issue 7)', () => {
  it('round-trips an Asterisk provider, the redacted secret sent back as is so the server keeps it', () => {
    expect(toProvider(toForm(asterisk))).toEqual(asterisk);
  });

  it('turns the port into a number and leaves blank optional contexts out', () => {
    const f = { ...toForm(asterisk), port: ' 5038 ', holdContext: '  ', transferContext: 'sb-transfer', agentDevicePattern: 'PJSIP/{device}' };
    expect(toProvider(f)).toEqual({
      kind: 'asterisk', host: 'pbx.example.net', port: 5038, username: 'switchboard', secret: KEPT_SECRET, tls: true,
      originateContext: 'from-internal', holdExten: 'moh', transferContext: 'sb-transfer', agentDevicePattern: 'PJSIP/{device}',
    });
  });

  it('lists what is missing or wrong, and gives no provider then', () => {
    const f = { ...toForm(asterisk), host: ' ', port: '70000', username: '', originateContext: '' };
    expect(formProblems(f)).toEqual([
      { field: 'host', problem: 'required' }, { field: 'port', problem: 'port' },
      { field: 'username', problem: 'required' }, { field: 'originateContext', problem: 'required' },
    ]);
    expect(toProvider(f)).toBeNull();
    expect(formProblems({ ...f, port: '50.5', host: 'h', username: 'u', originateContext: 'c' })).toEqual([{ field: 'port', problem: 'port' }]);
  });

  it('maps the simulated phone system with its demo calls', () => {
    expect(toProvider(toForm({ kind: 'sim', demoCalls: true }))).toEqual({ kind: 'sim', demoCalls: true });
  });

  it('keeps what was typed for Asterisk when the admin switches to the simulator and back', () => {
    const typed = { ...toForm({ kind: 'sim', demoCalls: false }), kind: 'asterisk' as const, host: '10.0.0.5', username: 'sb' };
    const back = switchKind(switchKind(typed, 'sim'), 'asterisk');
    expect(toProvider(back)).toMatchObject({ kind: 'asterisk', host: '10.0.0.5', port: 5038, username: 'sb', originateContext: 'from-internal' });
    expect(toProvider(switchKind(typed, 'sim'))).toEqual({ kind: 'sim', demoCalls: false });
  });
});
