import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { phoneContextOf, phoneKeyer } from './phone-settings.js';
import { SettingsService } from './settings.js';
import { sipHa1s } from './sip-accounts.js';
import { UserService } from './users.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('SIP password hashes (RFC 7616 §3.4.2)', () => {
  it('HA1 is H(username:realm:password): the RFC 2617 §3.5 example gives 939e7578…bce9', () => {
    expect(sipHa1s('Mufasa', 'testrealm@host.com', 'Circle Of Life')['MD5']).toBe('939e7578ed9e3c518a452acee763bce9');
    expect(sipHa1s('1001', 'switchboard', 'pw')['SHA-256']).toBe(sha256('1001:switchboard:pw'));
  });
});

describe.each(DIALECTS)('the SIP account store on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let users: UserService;
  let settings: SettingsService;
  let agentId: number;

  beforeEach(async () => {
    database = await freshDatabase(dialect);
    db = await openDatabase(database.url);
    await migrate(db);
    settings = new SettingsService(db);
    await settings.load();
    users = new UserService(db, () => phoneKeyer(phoneContextOf(settings.get())));
    agentId = (await users.create({ login: 'alice', name: 'Alice', password: 'login-password', ctiEnabled: true, ctiDevice: '1001' })).id;
  });
  afterEach(async () => {
    await db.close();
    await database.drop();
  });

  it('given a SIP password set for a CTI user, the store finds the device with the HA1s of device:realm:password and never the password', async () => {
    await users.sip.setPassword(agentId, 'agent-secret');
    const account = await users.sip.store('switchboard').find('1001');
    expect(account).toEqual({ device: '1001', realm: 'switchboard', ha1: { 'MD5': md5('1001:switchboard:agent-secret'), 'SHA-256': sha256('1001:switchboard:agent-secret') } });
    const stored = await db.kysely.selectFrom('sip_credentials').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain('agent-secret');
    expect(users.sip.store('switchboard').devices()).toEqual(['1001']);
    expect(await users.sip.stateOf(agentId)).toBe('set');
  });

  it('a password set by the admin is found at once, and a cleared one is gone at once (no restart)', async () => {
    const store = users.sip.store('switchboard');
    expect(await store.find('1001')).toBeUndefined();
    await users.sip.setPassword(agentId, 'first-secret');
    expect((await store.find('1001'))?.ha1['MD5']).toBe(md5('1001:switchboard:first-secret'));
    await users.sip.setPassword(agentId, 'second-secret');
    expect((await store.find('1001'))?.ha1['MD5']).toBe(md5('1001:switchboard:second-secret'));
    await users.sip.clearPassword(agentId);
    expect(await store.find('1001')).toBeUndefined();
    expect(store.devices()).toEqual([]);
    expect(await users.sip.stateOf(agentId)).toBe('not-set');
  });

  it('when the realm changes, the stored hashes no longer serve and the user shows "must be set again"', async () => {
    await users.sip.setPassword(agentId, 'agent-secret');
    await settings.save({ provider: { kind: 'sip', listenHost: '127.0.0.1', listenPort: 5060, realm: 'pbx.example.org', trunk: null } });
    expect(await users.sip.stateOf(agentId)).toBe('stale');
    expect(await users.sip.store('pbx.example.org').find('1001')).toBeUndefined();
    expect(users.sip.store('pbx.example.org').devices()).toEqual([]);
    await users.sip.setPassword(agentId, 'agent-secret');
    expect(await users.sip.stateOf(agentId)).toBe('set');
    expect((await users.sip.store('pbx.example.org').find('1001'))?.ha1['MD5']).toBe(md5('1001:pbx.example.org:agent-secret'));
  });

  it('when the user\'s device is renamed, the old hashes (made with the old name) are stale and serve neither name', async () => {
    await users.sip.setPassword(agentId, 'agent-secret');
    await users.update(agentId, { ctiDevice: '1005' });
    expect(await users.sip.stateOf(agentId)).toBe('stale');
    expect(await users.sip.store('switchboard').find('1005')).toBeUndefined();
    expect(await users.sip.store('switchboard').find('1001')).toBeUndefined();
    expect(users.sip.store('switchboard').devices()).toEqual([]);
  });

  it('a user whose CTI is turned off has no SIP account until it is turned on again', async () => {
    await users.sip.setPassword(agentId, 'agent-secret');
    await users.update(agentId, { ctiEnabled: false });
    expect(await users.sip.store('switchboard').find('1001')).toBeUndefined();
    expect(users.sip.store('switchboard').devices()).toEqual([]);
    await users.update(agentId, { ctiEnabled: true });
    expect(await users.sip.store('switchboard').find('1001')).toBeDefined();
  });

  it('refuses a password shorter than 8 characters and a user without a device, saving nothing', async () => {
    await expect(users.sip.setPassword(agentId, 'short')).rejects.toMatchObject({ code: 'validation-failed', details: { field: 'password' } });
    const other = await users.create({ login: 'bob', name: 'Bob', password: 'login-password' });
    await expect(users.sip.setPassword(other.id, 'long-enough')).rejects.toMatchObject({ code: 'unprocessable', details: { field: 'ctiDevice' } });
    await expect(users.sip.setPassword(9999, 'long-enough')).rejects.toMatchObject({ code: 'not-found' });
    expect(await db.kysely.selectFrom('sip_credentials').selectAll().execute()).toEqual([]);
  });

  it('deleting the user deletes the credential', async () => {
    await users.sip.setPassword(agentId, 'agent-secret');
    await users.remove(agentId);
    expect(await db.kysely.selectFrom('sip_credentials').selectAll().execute()).toEqual([]);
  });
});
