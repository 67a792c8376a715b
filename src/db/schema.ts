/**
 * Table types for Kysely. Timestamps are ISO-8601 strings (text) on both dialects so
 * rows read the same on SQLite and PostgreSQL; booleans are 0/1 integers for the same
 * reason.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type OwnerType = 'company' | 'person' | 'user';

export interface UsersTable {
  id: Generated<number>;
  login: string;
  name: string;
  email: string | null;
  password_hash: string;
  role: 'admin' | 'agent';
  phone: string | null;
  extension: string | null;
  locale: 'en' | 'fr';
  cti_enabled: number;
  cti_device: string | null;
  cti_call_screen: string;
  always_show_call_screen: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  website: string | null;
  address: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonsTable {
  id: Generated<number>;
  first_name: string;
  last_name: string;
  name_key: string;
  first_key: string;
  company_id: number | null;
  title: string | null;
  address: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface PhonesTable {
  id: Generated<number>;
  owner_type: OwnerType;
  owner_id: number;
  kind: string;
  value: string;
  e164: string | null;
  /** The number's digits reversed: an index on it answers "ends with these digits". */
  rev_digits: string;
}

export interface EmailsTable {
  id: Generated<number>;
  owner_type: OwnerType;
  owner_id: number;
  kind: string;
  value: string;
}

/** Caller-ID index (R6.6): every phone value of every phone-type field, by key. */
export interface PhoneIndexTable {
  key: string;
  owner_type: OwnerType;
  owner_id: number;
  field: string;
  value: string;
  /** 1 when the value is a switchboard / number block that also matches longer numbers. */
  block: number;
  /**
   * The owner's label, so a caller-ID lookup reads no record (migration 005): a
   * database trigger fills these and `prefix` when a row is inserted without a name,
   * and keeps them on renames; only the bulk seeder writes them itself.
   */
  name: ColumnType<string | null, string | null | undefined, string | null>;
  company_id: ColumnType<number | null, number | null | undefined, number | null>;
  company_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 when a longer caller ID can start with this key (src/db/caller-id-labels.ts). */
  prefix: ColumnType<number, number | undefined, number>;
}

/** The numbering plans' longest national lengths per calling code (migration 005). */
export interface CallingCodeLengthsTable {
  calling_code: string;
  max_national_length: number;
}

export interface CasesTable {
  id: Generated<number>;
  subject: string;
  status: string;
  priority: string;
  description: string | null;
  company_id: number | null;
  person_id: number | null;
  assigned_user_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface OpportunitiesTable {
  id: Generated<number>;
  name: string;
  stage: string;
  amount: number | null;
  close_date: string | null;
  description: string | null;
  company_id: number | null;
  person_id: number | null;
  assigned_user_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface LeadsTable {
  id: Generated<number>;
  name: string;
  status: string;
  source: string | null;
  description: string | null;
  company_id: number | null;
  person_id: number | null;
  assigned_user_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface CommunicationsTable {
  id: Generated<number>;
  kind: string;
  direction: 'inbound' | 'outbound' | 'internal';
  number: string;
  e164: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  duration_s: number | null;
  outcome: string | null;
  transferred_to: string | null;
  /** Groups the legs of one conversation (consult and transfer). */
  conversation_id: string | null;
  /** Our call id + device: one record per call leg per agent (migration 006). */
  call_key: string | null;
  /** Our id of the call (UUIDv7); null on rows logged before migration 006. */
  call_id: string | null;
  /** The phone system's ref of the call: an attribute, never a key. */
  provider_ref: string | null;
  /** The number as people read it (national or international format). */
  display_number: string | null;
  person_id: number | null;
  company_id: number | null;
  user_id: number | null;
  notes: string | null;
  callback: number;
  created_at: string;
  updated_at: string;
}

/** Every record a communication is filed on, with the name shown then (migration 006). */
export interface CommunicationLinksTable {
  id: Generated<number>;
  communication_id: number;
  type: 'person' | 'company' | 'user';
  record_id: number;
  name: string;
}

export interface FieldsTable {
  id: Generated<number>;
  entity: string;
  name: string;
  caption: string;
  type: string;
  built_in: number;
  max_length: number | null;
  width: number | null;
  default_value: string | null;
  options: string | null;
  position: number;
}

export interface CustomValuesTable {
  entity: string;
  record_id: number;
  field: string;
  value: string | null;
}

export interface ScreensTable {
  id: Generated<number>;
  entity: string;
  name: string;
  caption: string;
  kind: string;
  fields: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string | null;
  at: string;
}

/** A CTI user's SIP secret as digest HA1s (migration 004); never the password. */
export interface SipCredentialsTable {
  user_id: number;
  /** The device name the HA1s were made with (the digest user name). */
  username: string;
  realm: string;
  ha1_md5: string;
  ha1_sha256: string;
  updated_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  companies: CompaniesTable;
  persons: PersonsTable;
  phones: PhonesTable;
  emails: EmailsTable;
  phone_index: PhoneIndexTable;
  calling_code_lengths: CallingCodeLengthsTable;
  cases: CasesTable;
  opportunities: OpportunitiesTable;
  leads: LeadsTable;
  communications: CommunicationsTable;
  communication_links: CommunicationLinksTable;
  fields: FieldsTable;
  custom_values: CustomValuesTable;
  screens: ScreensTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  sip_credentials: SipCredentialsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type CompanyRow = Selectable<CompaniesTable>;
export type PersonRow = Selectable<PersonsTable>;
export type PhoneRow = Selectable<PhonesTable>;
export type CommunicationRow = Selectable<CommunicationsTable>;
export type FieldRow = Selectable<FieldsTable>;
export type ScreenRow = Selectable<ScreensTable>;
