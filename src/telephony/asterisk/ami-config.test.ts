import { describe, expect, it } from 'vitest';
import { AmiConfigError, parseAmiConfig, publicAmiConfig, reconnectDelayMs } from './ami-config.js';

const minimal = { host: 'pbx.example.org', username: 'crm', secret: 's3cret!' };

describe('Asterisk connection settings', () => {
  it('fill every default from host, username and secret', () => {
    const config = parseAmiConfig(minimal);
    expect(config).toMatchObject({
      port: 5038, tls: false, tlsVerify: true, originateContext: 'from-internal', transferContext: 'from-internal',
      holdContext: 'cti-hold', holdExten: 'hold', agentWaitExten: 'agent-wait', reconnect: { initialMs: 500, maxMs: 30_000, factor: 2 },
    });
  });

  it('name every bad field and never echo the secret', () => {
    const bad = { ...minimal, port: 70_000, secret: 'line\r\nAction: Originate', agentDevicePattern: '([' };
    const error = (() => { try { parseAmiConfig(bad); } catch (e) { return e; } return undefined; })();
    expect(error).toBeInstanceOf(AmiConfigError);
    const problems = (error as AmiConfigError).problems.map((p) => p.path);
    expect(problems).toEqual(expect.arrayContaining(['/port', '/secret']));
    expect((error as AmiConfigError).message).not.toContain('Originate');
  });

  it('refuse an agent device pattern that is not a regular expression', () => {
    expect(() => parseAmiConfig({ ...minimal, agentDevicePattern: '([' })).toThrowError(/agentDevicePattern is not a valid regular expression/);
  });

  it('show everything but the secret to logs and the API', () => {
    const shown = publicAmiConfig(parseAmiConfig(minimal));
    expect(shown).not.toHaveProperty('secret');
    expect(JSON.stringify(shown)).not.toContain('s3cret');
    expect(shown.secretSet).toBe(true);
  });

  it('back off exponentially between reconnects, up to the cap', () => {
    const config = parseAmiConfig({ ...minimal, reconnect: { initialMs: 500, maxMs: 5000, factor: 2 } });
    expect([0, 1, 2, 3, 4, 10].map((n) => reconnectDelayMs(config, n))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });
});
