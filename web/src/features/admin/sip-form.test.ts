import { describe, expect, it } from 'vitest';
import type { SipProviderSettings } from './api/admin-api.js';
import { KEPT_SECRET, switchKind, toForm, toProvider } from './provider-form.js';
import { BLANK_SIP, sipFormProblems, toSipForm, toSipProvider } from './sip-form.js';

const full: SipProviderSettings = {
  kind: 'sip', listenHost: '0.0.0.0', listenPort: 5070, transports: ['udp'], mediaHost: '192.0.2.10', realm: 'pbx.example.org',
  trunk: { host: '198.51.100.7', port: 5060, prefix: '9', dids: { '2125551001': '1001', '+442071234567': '1002' }, defaultDevice: '1001', username: 'acme', password: KEPT_SECRET },
  autoAnswer: { '1001': 'always', '1002': 'hint' },
};

describe('the built-in SIP server in the provider form (issue 6)', () => {
  it('round-trips every SIP setting, the redacted trunk password sent back as is so the server keeps it', () => {
    expect(toSipProvider(toSipForm(full))).toEqual(full);
    expect(toProvider(toForm(full))).toEqual(full);
  });

  it('edits DIDs and auto-answer modes as lines, ignoring blank ones', () => {
    const f = { ...toSipForm(full), dids: '2125551001 1001\n\n  2125551002   1002 \n', autoAnswer: '1001 always\n1003 none' };
    expect(toSipProvider(f)).toMatchObject({ trunk: { dids: { '2125551001': '1001', '2125551002': '1002' } }, autoAnswer: { '1001': 'always', '1003': 'none' } });
  });

  it('starts from listening on every address, port 5060, UDP and TCP, realm switchboard, no trunk', () => {
    const f = switchKind(toForm({ kind: 'sim', demoCalls: false }), 'sip');
    expect(toProvider(f)).toEqual({ kind: 'sip', listenHost: '0.0.0.0', listenPort: 5060, transports: ['udp', 'tcp'], realm: 'switchboard', trunk: null, autoAnswer: {} });
  });

  it('leaves out a blank trunk prefix (the server then uses the outside-line prefix) and blank optional fields', () => {
    const f = { ...BLANK_SIP, trunk: true, trunkHost: 'sbc.example.net', trunkPort: '5080' };
    expect(toSipProvider(f)?.trunk).toEqual({ host: 'sbc.example.net', port: 5080, dids: {} });
  });

  it('says what is wrong, naming the bad line, and gives no provider then', () => {
    const f = { ...BLANK_SIP, listenHost: ' ', listenPort: '0', udp: false, tcp: false, realm: 'a"b', trunk: true, trunkHost: '', trunkPort: 'x', trunkPrefix: '12345', dids: '2125551001 1001\nabc 1002', autoAnswer: '1001 sometimes' };
    expect(sipFormProblems(f)).toEqual([
      { field: 'listenHost', problem: 'required' }, { field: 'listenPort', problem: 'port' }, { field: 'transports', problem: 'required' },
      { field: 'realm', problem: 'invalid' }, { field: 'trunkHost', problem: 'required' }, { field: 'trunkPort', problem: 'port' },
      { field: 'trunkPrefix', problem: 'invalid' }, { field: 'dids', problem: 'invalid', line: 2 }, { field: 'autoAnswer', problem: 'invalid', line: 1 },
    ]);
    expect(toSipProvider(f)).toBeNull();
  });
});
