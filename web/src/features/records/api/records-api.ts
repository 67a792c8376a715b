import { ApiError, del, get, patch, post, put, query } from '../../../lib/http.js';

/**
 * The CRM records as the server shapes them. Screens are rendered generically from the
 * server's screen definitions (R5.3), so nothing here names an entity's fields beyond
 * the few every page needs (id, name, phones for the context header).
 */
export type EntityPath = 'companies' | 'persons' | 'cases' | 'opportunities' | 'leads' | 'users';
/** Singular, as screen names use it (`company-summary`). */
export type EntityName = 'company' | 'person' | 'case' | 'opportunity' | 'lead' | 'user';
/** The entities with fields and screens (customisation, R5.2–R5.3). */
export type CustomisableEntity = Exclude<EntityPath, 'users'>;
export const CUSTOMISABLE: readonly CustomisableEntity[] = ['companies', 'persons', 'cases', 'opportunities', 'leads'];

export const ENTITY_NAME: Record<EntityPath, EntityName> = {
  companies: 'company',
  persons: 'person',
  cases: 'case',
  opportunities: 'opportunity',
  leads: 'lead',
  users: 'user',
};

export const ENTITY_PATHS = Object.keys(ENTITY_NAME) as EntityPath[];

export const isEntityPath = (s: string | undefined): s is EntityPath => s !== undefined && s in ENTITY_NAME;

export type FieldType = 'text' | 'phone' | 'email' | 'number' | 'date' | 'textarea' | 'select' | 'phone-list' | 'email-list' | 'reference';

export const FIELD_TYPES: readonly FieldType[] = ['text', 'phone', 'email', 'number', 'date', 'textarea', 'select', 'phone-list', 'email-list', 'reference'];

export type PhoneKind = 'business' | 'direct' | 'mobile' | 'home' | 'fax' | 'switchboard' | 'other';

export interface PhoneEntry {
  id?: number;
  kind: PhoneKind;
  value: string;
  e164?: string | null;
  canonical?: string | null;
}

export interface EmailEntry {
  kind: string;
  value: string;
}

/** Any record: known keys plus whatever the server adds. */
export interface CrmRecord {
  id: number;
  name?: string;
  phones?: PhoneEntry[];
  emails?: EmailEntry[];
  companyId?: number | null;
  companyName?: string | null;
  custom?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ListResult<T> {
  items: T[];
  total: number;
}

export interface ListQuery {
  q?: string;
  phone?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
  personId?: number;
  companyId?: number;
}

export interface FieldDef {
  name: string;
  caption: string;
  type: FieldType;
  builtIn: boolean;
  maxLength?: number | null;
  width?: number | null;
  default?: string | null;
  options?: string[];
}

export type ScreenKind = 'summary' | 'entry' | 'list';

export interface ScreenInfo {
  id: number | string;
  entity: string;
  name: string;
  caption: string;
  kind: ScreenKind;
}

export interface ScreenDef extends ScreenInfo {
  fields: string[];
}

export interface RenderedField {
  name: string;
  caption: string;
  type: FieldType;
  value: unknown;
  maxLength?: number | null;
  width?: number | null;
  readOnly?: boolean;
  options?: string[];
}

export interface RenderedScreen {
  screen: ScreenInfo;
  fields: RenderedField[];
  record: CrmRecord | null;
}

export interface Communication {
  id: number;
  direction: 'inbound' | 'outbound' | 'internal';
  number: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  outcome: string | null;
  /** The number as people read it (the log keeps `number` in E.164 where it can). */
  displayNumber?: string | null;
  /** The legs of one conversation (consult, transfer) share it. */
  conversationId?: string | null;
  personId: number | null;
  companyId: number | null;
  userId: number | null;
  notes: string | null;
  callback: boolean;
}

export const listRecords = (entity: EntityPath, q: ListQuery): Promise<ListResult<CrmRecord>> =>
  get(`/api/${entity}${query({ ...q })}`);
export const getRecord = (entity: EntityPath, id: number | string): Promise<CrmRecord> => get(`/api/${entity}/${id}`);
export const createRecord = (entity: EntityPath, body: Record<string, unknown>): Promise<CrmRecord> => post(`/api/${entity}`, body);
export const updateRecord = (entity: EntityPath, id: number | string, body: Record<string, unknown>): Promise<CrmRecord> =>
  patch(`/api/${entity}/${id}`, body);
export const deleteRecord = (entity: EntityPath, id: number | string): Promise<unknown> => del(`/api/${entity}/${id}`);

export const listCommunications = (q: Pick<ListQuery, 'personId' | 'companyId' | 'limit' | 'offset'>): Promise<ListResult<Communication>> =>
  get(`/api/communications${query({ ...q })}`);

export const listFields = (entity: CustomisableEntity): Promise<FieldDef[]> => get(`/api/fields/${entity}`);
export const addField = (entity: CustomisableEntity, body: Partial<FieldDef>): Promise<FieldDef> => post(`/api/fields/${entity}`, body);
export const updateField = (entity: CustomisableEntity, name: string, body: Partial<FieldDef>): Promise<FieldDef> =>
  patch(`/api/fields/${entity}/${encodeURIComponent(name)}`, body);

export const listScreens = (entity?: CustomisableEntity): Promise<ScreenInfo[]> => get(`/api/screens${query({ entity })}`);
export const getScreen = (id: number | string): Promise<ScreenDef> => get(`/api/screens/${id}`);
export const saveScreen = (id: number | string, fields: string[]): Promise<ScreenDef> => put(`/api/screens/${id}`, { fields });
export const renderScreen = (id: number | string, recordId?: number | string): Promise<RenderedScreen> =>
  get(`/api/screens/${id}/render${query({ recordId })}`);

/** Renders the first of `names` (e.g. `company-list`, `company-summary`) that exists. */
export const renderFirstScreen = async (names: readonly string[], recordId?: number | string): Promise<RenderedScreen | null> => {
  for (const name of names) {
    try {
      return await renderScreen(name, recordId);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
  }
  return null;
};

/** The name a page heads with: `name`, else first + last name, else `#id`. */
export const recordTitle = (r: CrmRecord): string => {
  if (typeof r.name === 'string' && r.name) return r.name;
  const parts = [r.firstName, r.lastName].filter((p): p is string => typeof p === 'string' && p.length > 0);
  if (parts.length) return parts.join(' ');
  if (typeof r.title === 'string' && r.title) return r.title;
  if (typeof r.subject === 'string' && r.subject) return r.subject;
  return `#${r.id}`;
};

/** A field's value on a record: top-level column or custom column. */
export const fieldValue = (r: CrmRecord, name: string): unknown => (name in r ? r[name] : r.custom?.[name]);
