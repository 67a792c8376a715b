/**
 * Users (colleagues) with their CTI fields (R4.1–R4.4): CTI enabled, device name, call
 * screen, always show. Their phone and extension are indexed so a colleague's call is
 * recognised as internal (R4.4, R6.6).
 */
import { AppError } from '../domain/errors.js';
import type { Db } from '../db/database.js';
import type { UserRow } from '../db/schema.js';
import { nowIso } from './clock.js';
import { indexPhone, unindexField } from './contact-lists.js';
import type { Executor } from './db-types.js';
import { assertAcceptablePassword } from './password-policy.js';
import { hashPassword } from './passwords.js';
import { readSettings, sipRealmOf } from './settings.js';
import { SipAccounts } from './sip-accounts.js';
import type { PhoneKeyer } from './phone-keyer.js';
import { extensionKey } from '../phone/index.js';

export const CALL_SCREENS = ['new-case', 'new-opportunity', 'new-lead', 'company-summary', 'person-summary'] as const;
export type CallScreen = (typeof CALL_SCREENS)[number];

export interface User {
  id: number;
  login: string;
  name: string;
  email: string | null;
  role: 'admin' | 'agent';
  phone: string | null;
  extension: string | null;
  locale: 'en' | 'fr';
  ctiEnabled: boolean;
  ctiDevice: string | null;
  ctiCallScreen: CallScreen;
  alwaysShowCallScreen: boolean;
}

export interface UserInput {
  login?: string;
  name?: string;
  email?: string | null;
  password?: string;
  role?: 'admin' | 'agent';
  phone?: string | null;
  extension?: string | null;
  locale?: 'en' | 'fr';
  ctiEnabled?: boolean;
  ctiDevice?: string | null;
  ctiCallScreen?: CallScreen;
  alwaysShowCallScreen?: boolean;
}

export const toUser = (r: UserRow): User => ({
  id: r.id, login: r.login, name: r.name, email: r.email, role: r.role, phone: r.phone, extension: r.extension,
  locale: r.locale, ctiEnabled: r.cti_enabled === 1, ctiDevice: r.cti_device,
  ctiCallScreen: r.cti_call_screen as CallScreen, alwaysShowCallScreen: r.always_show_call_screen === 1,
});

/**
 * Re-writes a user's caller-ID index rows (R4.4): the phone by its E.164 keys, the
 * extension as itself. Used on every user write and by the reindex command.
 */
export async function indexUser(tx: Executor, keyer: PhoneKeyer, id: number, phone: string | null, extension: string | null): Promise<void> {
  await unindexField(tx, 'user', id, 'phone');
  await unindexField(tx, 'user', id, 'extension');
  if (phone) await indexPhone(tx, keyer.keys(phone).keys, 'user', id, 'phone', phone);
  if (extension) await indexPhone(tx, [{ key: extensionKey(extension), block: false }], 'user', id, 'extension', extension);
}

type Listener = (user: User) => void;

export class UserService {
  private listeners: Listener[] = [];
  /** The users' SIP accounts for the built-in SIP server (HA1s only, docs/sip.md). */
  readonly sip: SipAccounts;

  constructor(private readonly db: Db, private readonly keyer: () => PhoneKeyer) {
    this.sip = new SipAccounts(db, async () => sipRealmOf(await readSettings(db)));
  }

  /** Called after every change, so CTI settings take effect at once (R4.5). */
  onChange(listener: Listener): void { this.listeners.push(listener); }

  async list(q?: string): Promise<User[]> {
    let query = this.db.kysely.selectFrom('users').selectAll().orderBy('name');
    if (q) query = query.where((eb) => eb.or([eb('name', 'like', `%${q}%`), eb('login', 'like', `%${q}%`)]));
    return (await query.execute()).map(toUser);
  }

  async get(id: number, db: Executor = this.db.kysely): Promise<User> {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not-found', `No user with id ${id}`, { id });
    return toUser(row);
  }

  async findByLogin(login: string): Promise<UserRow | undefined> {
    return this.db.kysely.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
  }

  async findByDevice(device: string): Promise<User | undefined> {
    const row = await this.db.kysely.selectFrom('users').selectAll().where('cti_device', '=', device).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async create(input: UserInput & { login: string; name: string; password: string }): Promise<User> {
    if (await this.findByLogin(input.login)) throw new AppError('conflict', `Login ${input.login} is taken`, { field: 'login' });
    assertAcceptablePassword(input.password, { login: input.login, name: input.name });
    const hash = await hashPassword(input.password);
    const user = await this.db.kysely.transaction().execute(async (tx) => {
      const now = nowIso();
      const { id } = await tx.insertInto('users').values({
        login: input.login, name: input.name, email: input.email ?? null, password_hash: hash, role: input.role ?? 'agent',
        phone: input.phone ?? null, extension: input.extension ?? null, locale: input.locale ?? 'en',
        cti_enabled: input.ctiEnabled ? 1 : 0, cti_device: input.ctiDevice ?? null,
        cti_call_screen: input.ctiCallScreen ?? 'person-summary', always_show_call_screen: input.alwaysShowCallScreen ? 1 : 0,
        created_at: now, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await this.reindex(tx, id, input.phone ?? null, input.extension ?? null);
      return this.get(id, tx);
    });
    await this.emit(user);
    return user;
  }

  async update(id: number, input: UserInput): Promise<User> {
    if (input.login) {
      const other = await this.findByLogin(input.login);
      if (other && other.id !== id) throw new AppError('conflict', `Login ${input.login} is taken`, { field: 'login' });
    }
    if (input.password !== undefined) {
      const current = await this.get(id);
      assertAcceptablePassword(input.password, { login: input.login ?? current.login, name: input.name ?? current.name });
    }
    const hash = input.password ? await hashPassword(input.password) : undefined;
    const user = await this.db.kysely.transaction().execute(async (tx) => {
      const current = await this.get(id, tx);
      await tx.updateTable('users').set({
        ...(input.login !== undefined ? { login: input.login } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(hash ? { password_hash: hash } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.extension !== undefined ? { extension: input.extension } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.ctiEnabled !== undefined ? { cti_enabled: input.ctiEnabled ? 1 : 0 } : {}),
        ...(input.ctiDevice !== undefined ? { cti_device: input.ctiDevice } : {}),
        ...(input.ctiCallScreen !== undefined ? { cti_call_screen: input.ctiCallScreen } : {}),
        ...(input.alwaysShowCallScreen !== undefined ? { always_show_call_screen: input.alwaysShowCallScreen ? 1 : 0 } : {}),
        updated_at: nowIso(),
      }).where('id', '=', id).execute();
      const phone = input.phone !== undefined ? input.phone : current.phone;
      const extension = input.extension !== undefined ? input.extension : current.extension;
      await this.reindex(tx, id, phone, extension);
      return this.get(id, tx);
    });
    await this.emit(user);
    return user;
  }

  async remove(id: number): Promise<void> {
    const user = await this.get(id);
    await this.db.kysely.transaction().execute(async (tx) => {
      await tx.deleteFrom('phone_index').where('owner_type', '=', 'user').where('owner_id', '=', id).execute();
      await tx.deleteFrom('users').where('id', '=', id).execute();
    });
    await this.emit({ ...user, ctiEnabled: false });
  }

  private reindex(tx: Executor, id: number, phone: string | null, extension: string | null): Promise<void> {
    return indexUser(tx, this.keyer(), id, phone, extension);
  }

  /** A device renamed or CTI turned off changes which SIP accounts exist: before anyone hears of it. */
  private async emit(user: User): Promise<void> {
    await this.sip.refresh();
    for (const l of this.listeners) l(user);
  }
}
