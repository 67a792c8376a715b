/**
 * Where the active call's link goes (R6.8): the user's CTI call screen (R4.3),
 * pre-filled with the call's company and person. Pure, so it is tested without a browser.
 */
import type { CtiCallScreen } from '../auth/api/auth-api.js';
import type { CallView } from './call-types.js';

export interface CallContext {
  companyId?: number;
  personId?: number;
}

/** The first person match gives the person and its company; else the first company match. */
export const callContext = (call: Pick<CallView, 'matches'>): CallContext => {
  const person = call.matches.find((m) => m.type === 'person');
  const company = call.matches.find((m) => m.type === 'company');
  const ctx: CallContext = {};
  if (person) ctx.personId = person.id;
  const companyId = person?.company?.id ?? company?.id;
  if (companyId !== undefined) ctx.companyId = companyId;
  return ctx;
};

const NEW_SCREEN_PATH: Partial<Record<CtiCallScreen, string>> = {
  'new-case': 'cases',
  'new-opportunity': 'opportunities',
  'new-lead': 'leads',
};

/** The hash route of the call screen for this call, or null when it needs a record the call did not match. */
export const callScreenHash = (screen: CtiCallScreen, call: Pick<CallView, 'matches'>): string | null => {
  const ctx = callContext(call);
  const path = NEW_SCREEN_PATH[screen];
  if (path) {
    const q = new URLSearchParams();
    if (ctx.companyId !== undefined) q.set('companyId', String(ctx.companyId));
    if (ctx.personId !== undefined) q.set('personId', String(ctx.personId));
    const s = q.toString();
    return `#/${path}/new${s ? '?' + s : ''}`;
  }
  if (screen === 'company-summary') return ctx.companyId === undefined ? null : `#/companies/${ctx.companyId}`;
  if (screen === 'person-summary') {
    if (ctx.personId !== undefined) return `#/persons/${ctx.personId}`;
    return ctx.companyId === undefined ? null : `#/companies/${ctx.companyId}`;
  }
  return null;
};

/** The hash route of one matched record (R6.1: jump to the company or person during the call). */
export const matchHash = (m: CallView['matches'][number]): string | null =>
  m.type === 'person' ? `#/persons/${m.id}` : m.type === 'company' ? `#/companies/${m.id}` : null;

/**
 * The number as the call screen shows it (R6.4, issue 12 §3): a colleague's extension as
 * is; any other number through `format` (the way its country writes it, usePhoneFormat),
 * from its E.164 form when the server read one; a withheld number in `format`'s words.
 */
export const displayNumber = (call: Pick<CallView, 'number' | 'internal'>, format: (value: string) => string): string =>
  call.internal && !call.number.withheld ? call.number.raw : format(call.number.withheld ? '' : call.number.e164 ?? call.number.raw);
