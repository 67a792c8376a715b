/**
 * SIP accounts of the built-in SIP server: one per CTI-enabled user, named by the user's
 * device (R4.2), with a secret stored as digest HA1s and never as the password
 * (RFC 7616 §3.4.2: HA1 = H(username ":" realm ":" password), MD5 and SHA-256).
 *
 * The HA1s are bound to the device name and the realm they were made with: after either
 * changes they can no longer verify, so the account is left out of the SIP server and the
 * admin sees "SIP password must be set again" (`stale`).
 *
 * This layer may not import the SIP adapter (eslint layers): the account shape below is
 * the small part of `SipAccount` / `AccountStore` (src/telephony/sip/sip-registrar.ts)
 * the SIP server reads, declared here.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import type { Db } from '../db/database.js';
import { nowIso } from './clock.js';
import { MIN_PASSWORD_LENGTH, assertAcceptablePassword } from './password-policy.js';

export const MIN_SIP_PASSWORD_LENGTH = MIN_PASSWORD_LENGTH;

export type SipPasswordState = 'not-set' | 'set' | 'stale';

/** What the SIP registrar reads for one device: the HA1 per digest algorithm. */
export interface SipAccountRecord {
  device: string;
  realm: string;
  ha1: { 'MD5': string; 'SHA-256': string };
}

const ha1 = (algorithm: 'md5' | 'sha256', username: string, realm: string, password: string): string =>
  createHash(algorithm).update(`${username}:${realm}:${password}`, 'utf8').digest('hex');

/** RFC 7616 §3.4.2, for both algorithms the SIP server offers (RFC 8760). */
export const sipHa1s = (username: string, realm: string, password: string): SipAccountRecord['ha1'] => ({
  'MD5': ha1('md5', username, realm, password),
  'SHA-256': ha1('sha256', username, realm, password),
});

interface CredentialRow { user_id: number; username: string; realm: string; cti_device: string | null; cti_enabled: number }

/** Whether a stored credential still verifies for the user's device and the realm. */
export const credentialState = (row: Pick<CredentialRow, 'username' | 'realm' | 'cti_device'> | undefined, realm: string): SipPasswordState => {
  if (!row) return 'not-set';
  return row.username === row.cti_device && row.realm === realm ? 'set' : 'stale';
};

/**
 * The accounts as the SIP server reads them, for one realm. `find` asks the database each
 * time, so a password the admin sets works for the very next REGISTER; `devices()` (sync,
 * for listDevices R2.6) is kept in memory and refreshed by every write.
 */
export class DbAccountStore {
  constructor(private readonly accounts: SipAccounts, readonly realm: string) {}

  async find(device: string): Promise<SipAccountRecord | undefined> {
    return this.accounts.find(device, this.realm);
  }

  devices(): string[] {
    return this.accounts.cachedDevices(this.realm);
  }
}

export class SipAccounts {
  /** device → realm of its usable credential (CTI enabled, HA1s made for that device). */
  private cache = new Map<string, string>();

  /** `realm` reads the realm the SIP settings name now (the settings are the truth). */
  constructor(private readonly db: Db, private readonly realm: () => Promise<string>) {}

  /** A read-only view for the SIP server running with `realm`. */
  store(realm: string): DbAccountStore {
    return new DbAccountStore(this, realm);
  }

  async find(device: string, realm: string): Promise<SipAccountRecord | undefined> {
    const row = await this.db.kysely.selectFrom('sip_credentials as c').innerJoin('users as u', 'u.id', 'c.user_id')
      .select(['c.username', 'c.realm', 'c.ha1_md5', 'c.ha1_sha256'])
      .where('u.cti_device', '=', device).where('u.cti_enabled', '=', 1).where('c.username', '=', device).where('c.realm', '=', realm)
      .executeTakeFirst();
    return row ? { device, realm: row.realm, ha1: { 'MD5': row.ha1_md5, 'SHA-256': row.ha1_sha256 } } : undefined;
  }

  cachedDevices(realm: string): string[] {
    return [...this.cache].filter(([, r]) => r === realm).map(([d]) => d).sort();
  }

  /** Reloads the in-memory device list; called after every user or credential write. */
  async refresh(): Promise<void> {
    const rows = await this.rows();
    this.cache = new Map(rows.filter((r) => r.cti_enabled === 1 && r.cti_device !== null && r.username === r.cti_device).map((r) => [r.username, r.realm]));
  }

  /** The state of every user's SIP password (users without a row are `not-set`). */
  async states(): Promise<Map<number, SipPasswordState>> {
    const realm = await this.realm();
    return new Map((await this.rows()).map((r) => [r.user_id, credentialState(r, realm)]));
  }

  async stateOf(userId: number): Promise<SipPasswordState> {
    return (await this.states()).get(userId) ?? 'not-set';
  }

  /** Stores the HA1s of `password` for the user's device in the configured realm. */
  async setPassword(userId: number, password: string): Promise<void> {
    if (password.length < MIN_SIP_PASSWORD_LENGTH) {
      throw new AppError('validation-failed', `A SIP password needs at least ${MIN_SIP_PASSWORD_LENGTH} characters`, { field: 'password', minLength: MIN_SIP_PASSWORD_LENGTH });
    }
    const user = await this.db.kysely.selectFrom('users').select(['id', 'cti_device', 'login', 'name']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw new AppError('not-found', `No user with id ${userId}`, { id: userId });
    // The same policy as logins (issue 12); the device name is the SIP user name.
    assertAcceptablePassword(password, { login: user.login, name: `${user.name} ${user.cti_device ?? ''}` });
    if (!user.cti_device) throw new AppError('unprocessable', 'Give the user a CTI device name first: it is the SIP user name', { field: 'ctiDevice' });
    const realm = await this.realm();
    const h = sipHa1s(user.cti_device, realm, password);
    const values = { username: user.cti_device, realm, ha1_md5: h['MD5'], ha1_sha256: h['SHA-256'], updated_at: nowIso() };
    await this.db.kysely.insertInto('sip_credentials').values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values)).execute();
    await this.refresh();
  }

  async clearPassword(userId: number): Promise<void> {
    await this.db.kysely.deleteFrom('sip_credentials').where('user_id', '=', userId).execute();
    await this.refresh();
  }

  private rows(): Promise<CredentialRow[]> {
    return this.db.kysely.selectFrom('sip_credentials as c').innerJoin('users as u', 'u.id', 'c.user_id')
      .select(['c.user_id', 'c.username', 'c.realm', 'u.cti_device', 'u.cti_enabled']).execute();
  }
}
