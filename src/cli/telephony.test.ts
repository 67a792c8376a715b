import { createSocket, type Socket } from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.js';
import { freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { DEFAULT_SETTINGS, type SipProviderSettings, type SystemSettings } from '../crm/settings.js';
import { SipAccounts } from '../crm/sip-accounts.js';
import { computeHa1s } from '../telephony/sip/sip-digest.js';
import { WorkerSipProvider } from '../telephony/sip/sip-worker-provider.js';
import { checkSipAddress, providerFor, testProviderSettings } from './telephony.js';

const sip = (over: Partial<SipProviderSettings> = {}): SipProviderSettings => ({ kind: 'sip', listenHost: '127.0.0.1', listenPort: 5060, trunk: null, ...over });
const settings = (provider: SystemSettings['provider']): SystemSettings => ({ ...DEFAULT_SETTINGS, outsidePrefix: '0', provider });
const silent = () => undefined;

describe('providerFor with provider kind sip (R2.2, R3.3)', () => {
  let database: TestDatabase;
  let db: Db;
  let accounts: SipAccounts;
  beforeEach(async () => {
    database = await freshDatabase('sqlite');
    db = await openDatabase(database.url);
    await migrate(db);
    accounts = new SipAccounts(db, async () => 'pbx.example.org');
  });
  afterEach(async () => {
    await db.close();
    await database.drop();
  });

  it('builds the built-in SIP server from the settings, with the trunk prefix defaulting to the outside-line digit', () => {
    const p = providerFor(settings(sip({
      listenPort: 5090, transports: ['udp'], mediaHost: '192.0.2.10', realm: 'pbx.example.org',
      trunk: { host: '198.51.100.7', port: 5060, dids: { '2125551001': '1001' }, defaultDevice: '1002', username: 'acme', password: 'carrier-secret' },
      autoAnswer: { '1001': 'always', '1002': 'hint' },
    })), [], silent, { sipAccounts: accounts });
    expect(p).toBeInstanceOf(WorkerSipProvider);
    const c = (p as WorkerSipProvider).config;
    expect(c).toMatchObject({
      listenHost: '127.0.0.1', listenPort: 5090, transports: ['udp'], mediaHost: '192.0.2.10', realm: 'pbx.example.org',
      trunk: { host: '198.51.100.7', port: 5060, prefix: '0', dids: { '2125551001': '1001' }, defaultDevice: '1002', username: 'acme', password: 'carrier-secret' },
      autoAnswer: { '1001': 'always', '1002': 'hint' },
    });
    expect(p.capabilities('1001').has('answer')).toBe(true);
    expect(p.capabilities('1003').has('answer')).toBe(false);
  });

  it('defaults: both transports, media on the listen address, realm "switchboard", no trunk', () => {
    const c = (providerFor(settings(sip({ listenHost: '127.0.0.2' })), [], silent, { sipAccounts: accounts }) as WorkerSipProvider).config;
    expect(c).toMatchObject({ transports: ['udp', 'tcp'], mediaHost: '127.0.0.2', realm: 'switchboard', trunk: null, autoAnswer: {} });
  });

  it('gives the SIP server the users\' accounts for its realm: the HA1s of a password the admin set', async () => {
    const user = await db.kysely.insertInto('users').values({
      login: 'alice', name: 'Alice', email: null, password_hash: 'x', role: 'agent', phone: null, extension: null, locale: 'en',
      cti_enabled: 1, cti_device: '1001', cti_call_screen: 'person-summary', always_show_call_screen: 0, created_at: 'now', updated_at: 'now',
    }).returning('id').executeTakeFirstOrThrow();
    await accounts.setPassword(user.id, 'agent-secret');
    const c = (providerFor(settings(sip({ realm: 'pbx.example.org' })), [], silent, { sipAccounts: accounts }) as WorkerSipProvider).config;
    expect(await c.accounts.find('1001')).toEqual({ device: '1001', realm: 'pbx.example.org', ha1: computeHa1s('1001', 'pbx.example.org', 'agent-secret') });
    expect(c.accounts.devices?.()).toEqual(['1001']);
    const otherRealm = (providerFor(settings(sip({ realm: 'elsewhere' })), [], silent, { sipAccounts: accounts }) as WorkerSipProvider).config;
    expect(await otherRealm.accounts.find('1001')).toBeUndefined();
  });

  it('refuses to build a SIP server without the account store', () => {
    expect(() => providerFor(settings(sip()), [], silent)).toThrow(/SIP accounts/);
  });
});

describe('testing SIP settings before they are saved', () => {
  let holder: Socket | undefined;
  afterEach(() => {
    holder?.close();
    holder = undefined;
  });
  const occupy = async (): Promise<number> => {
    holder = createSocket('udp4');
    const s = holder;
    await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
    return s.address().port;
  };

  it('accepts a free address (the UDP socket is bound, then closed at once)', async () => {
    const port = await occupy();
    holder?.close();
    holder = undefined;
    await expect(testProviderSettings(sip({ listenPort: port }))).resolves.toBeUndefined();
    await expect(checkSipAddress('127.0.0.1', port)).resolves.toBeUndefined();
  });

  it('refuses a port another program uses, saying so', async () => {
    const port = await occupy();
    await expect(testProviderSettings(sip({ listenPort: port }), { kind: 'sim', demoCalls: false })).rejects.toThrow(`the SIP server cannot listen on 127.0.0.1:${port}: another program uses it`);
  });

  it('refuses an address this machine does not have', async () => {
    await expect(checkSipAddress('192.0.2.1', 5060)).rejects.toThrow('this machine has no such address');
  });

  it('accepts the address the running SIP server already has', async () => {
    const port = await occupy();
    await expect(testProviderSettings(sip({ listenPort: port, realm: 'new' }), sip({ listenPort: port }))).resolves.toBeUndefined();
  });
});
