import { describe, expect, it } from 'vitest';
import { computeHa1s } from './sip-digest.js';
import { deviceForDid, didOf, InMemoryAccountStore, routeDialled, type SipTrunkConfig } from './sip-config.js';

const trunk: SipTrunkConfig = { host: '127.0.0.1', port: 5070, prefix: '9', dids: { '5551001': '1001' }, defaultDevice: '1002' };
const devices = new Set(['1001', '1002']);

describe('routing a dialled string', () => {
  it('an extension goes to that registered phone', () => {
    expect(routeDialled('1002', (d) => devices.has(d), trunk)).toEqual({ kind: 'device', device: '1002' });
  });
  it('a number with the outside prefix goes to the trunk without the prefix', () => {
    expect(routeDialled('9011441615527789', (d) => devices.has(d), trunk)).toEqual({ kind: 'trunk', number: '011441615527789' });
  });
  it('anything else, or any number without a trunk, is invalid', () => {
    expect(routeDialled('77', (d) => devices.has(d), trunk).kind).toBe('invalid');
    expect(routeDialled('9011441615527789', (d) => devices.has(d), null).kind).toBe('invalid');
  });
});

describe('inbound trunk calls', () => {
  it('ring the device of their DID, else the default device', () => {
    expect(deviceForDid(trunk, '5551001')).toBe('1001');
    expect(deviceForDid(trunk, '+5551001')).toBe('1001');
    expect(deviceForDid(trunk, '5559999')).toBe('1002');
  });
});

describe('the in-memory account store', () => {
  it('finds a device by name with the HA1s of its password (never the password), and forgets deleted ones', () => {
    const store = new InMemoryAccountStore({ '1001': 's3cret' });
    expect(store.find('1001')).toEqual({ device: '1001', realm: 'switchboard', ha1: computeHa1s('1001', 'switchboard', 's3cret') });
    expect(JSON.stringify(store.find('1001'))).not.toContain('s3cret');
    store.delete('1001');
    expect(store.find('1001')).toBeUndefined();
  });
});

describe('the DID of an inbound trunk call', () => {
  const trunk: SipTrunkConfig = { host: '192.0.2.10', port: 5060, prefix: '9', dids: { '+4921155501': '1001' }, username: 'acme' };
  it('is the Request-URI user, or the To user when the carrier sent the INVITE to our registered Contact', () => {
    expect(didOf(trunk, '+4921155501', '+4921155501')).toBe('+4921155501');
    expect(didOf(trunk, 'acme', '+4921155501')).toBe('+4921155501');
    expect(deviceForDid(trunk, didOf(trunk, 'acme', '+4921155501'))).toBe('1001');
    expect(didOf({ ...trunk, username: undefined }, 'acme', '+4921155501')).toBe('acme');
  });
});
