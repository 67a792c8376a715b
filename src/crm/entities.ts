/**
 * The CRM entities the generic record service handles, described once: their table,
 * their built-in fields (API name → column, type, limits) and how they are searched.
 * Routes, validation schemas, field definitions and screens are derived from this.
 */
export type EntityName = 'companies' | 'persons' | 'cases' | 'opportunities' | 'leads';
export const ENTITY_NAMES: readonly EntityName[] = ['companies', 'persons', 'cases', 'opportunities', 'leads'];

export type FieldType =
  | 'text' | 'textarea' | 'phone' | 'email' | 'number' | 'date' | 'select'
  | 'phone-list' | 'email-list' | 'reference';
export const FIELD_TYPES: readonly FieldType[] = [
  'text', 'textarea', 'phone', 'email', 'number', 'date', 'select', 'phone-list', 'email-list', 'reference',
];

export interface BuiltInField {
  /** API name (camelCase); also the field name in screens. */
  name: string;
  /** Database column; absent for virtual fields (phones, emails). */
  column?: string;
  caption: string;
  type: FieldType;
  maxLength?: number;
  required?: boolean;
  options?: readonly string[];
  /** For references: the entity it points to. */
  references?: EntityName | 'users';
}

export interface EntitySpec {
  name: EntityName;
  /** Singular, as used in screen names (`company-summary`) and phone owners. */
  singular: 'company' | 'person' | 'case' | 'opportunity' | 'lead';
  fields: readonly BuiltInField[];
  /** Columns whose lower-cased key is searched by prefix. */
  nameKeys: readonly string[];
  /** The field shown as the record's title. */
  title: (row: Record<string, unknown>) => string;
  hasPhones: boolean;
  defaultSort: string;
}

const text = (name: string, column: string, caption: string, maxLength = 200, required = false): BuiltInField =>
  ({ name, column, caption, type: 'text', maxLength, required });
const address: BuiltInField[] = [
  text('address', 'address', 'Address', 300), text('city', 'city', 'City', 100),
  text('postcode', 'postcode', 'Postcode', 20), text('country', 'country', 'Country', 100),
  { name: 'notes', column: 'notes', caption: 'Notes', type: 'textarea', maxLength: 4000 },
];
const contactLists: BuiltInField[] = [
  { name: 'phones', caption: 'Phone numbers', type: 'phone-list' },
  { name: 'emails', caption: 'E-mail addresses', type: 'email-list' },
];
const links: BuiltInField[] = [
  { name: 'description', column: 'description', caption: 'Description', type: 'textarea', maxLength: 4000 },
  { name: 'companyId', column: 'company_id', caption: 'Company', type: 'reference', references: 'companies' },
  { name: 'personId', column: 'person_id', caption: 'Person', type: 'reference', references: 'persons' },
  { name: 'assignedUserId', column: 'assigned_user_id', caption: 'Assigned to', type: 'reference', references: 'users' },
];

export const ENTITIES: Record<EntityName, EntitySpec> = {
  companies: {
    name: 'companies', singular: 'company', hasPhones: true, defaultSort: 'name',
    nameKeys: ['name_key'],
    title: (r) => String(r.name ?? ''),
    fields: [text('name', 'name', 'Company name', 200, true), text('website', 'website', 'Website', 200), ...contactLists, ...address],
  },
  persons: {
    name: 'persons', singular: 'person', hasPhones: true, defaultSort: 'lastName',
    nameKeys: ['name_key', 'first_key'],
    title: (r) => `${String(r.firstName ?? '')} ${String(r.lastName ?? '')}`.trim(),
    fields: [
      text('firstName', 'first_name', 'First name', 100), text('lastName', 'last_name', 'Last name', 100, true),
      { name: 'companyId', column: 'company_id', caption: 'Company', type: 'reference', references: 'companies' },
      text('jobTitle', 'title', 'Job title', 100), ...contactLists, ...address,
    ],
  },
  cases: {
    name: 'cases', singular: 'case', hasPhones: false, defaultSort: 'createdAt', nameKeys: [],
    title: (r) => String(r.subject ?? ''),
    fields: [
      text('subject', 'subject', 'Subject', 200, true),
      { name: 'status', column: 'status', caption: 'Status', type: 'select', options: ['open', 'pending', 'closed'] },
      { name: 'priority', column: 'priority', caption: 'Priority', type: 'select', options: ['low', 'normal', 'high', 'urgent'] },
      ...links,
    ],
  },
  opportunities: {
    name: 'opportunities', singular: 'opportunity', hasPhones: false, defaultSort: 'createdAt', nameKeys: [],
    title: (r) => String(r.name ?? ''),
    fields: [
      text('name', 'name', 'Opportunity', 200, true),
      { name: 'stage', column: 'stage', caption: 'Stage', type: 'select', options: ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] },
      { name: 'amount', column: 'amount', caption: 'Amount', type: 'number' },
      { name: 'closeDate', column: 'close_date', caption: 'Expected close', type: 'date' },
      ...links,
    ],
  },
  leads: {
    name: 'leads', singular: 'lead', hasPhones: false, defaultSort: 'createdAt', nameKeys: [],
    title: (r) => String(r.name ?? ''),
    fields: [
      text('name', 'name', 'Lead', 200, true),
      { name: 'status', column: 'status', caption: 'Status', type: 'select', options: ['new', 'contacted', 'qualified', 'converted', 'lost'] },
      text('source', 'source', 'Source', 100),
      ...links,
    ],
  },
};

export const PHONE_KINDS = ['business', 'direct', 'mobile', 'home', 'fax', 'switchboard', 'other'] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];
export const EMAIL_KINDS = ['business', 'personal', 'other'] as const;

export const entityBySingular = (singular: string): EntitySpec | undefined =>
  Object.values(ENTITIES).find((e) => e.singular === singular);
