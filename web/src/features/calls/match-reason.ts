/**
 * Why a caller matched, in plain words (R6.6): the reason the server gives
 * (`exact`, `variant`, `prefix`, `internal`) and the field the number was stored in
 * (`phone:mobile`, a custom column…). Pure, so the words are tested without a browser.
 */
import type { Messages } from '../../i18n/en.js';
import type { CallerMatch } from './call-types.js';

type PhoneKindWord = keyof Messages['phoneKinds'];

const isPhoneKind = (k: string, messages: Messages): k is PhoneKindWord => Object.hasOwn(messages.phoneKinds, k);

/** The field as a person reads it: a phone kind in the locale's words, else the column's name. */
export const fieldWords = (field: string | undefined, messages: Messages): string | null => {
  if (!field) return null;
  if (field.startsWith('phone:')) {
    const kind = field.slice('phone:'.length);
    return isPhoneKind(kind, messages) ? messages.phoneKinds[kind] : kind;
  }
  if (field === 'phones' || field === 'phone') return null;
  if (field === 'extension') return messages.phoneKinds.extension;
  return field;
};

export interface MatchWhy {
  /** "same number", "company switchboard / number block"… */
  reason: string;
  /** "mobile: (212) 736-4440": where the number was found. */
  where: string;
}

/** `format` shows the stored number the way its country writes it (usePhoneFormat); as stored without it. */
export const matchWhy = (m: Pick<CallerMatch, 'reason' | 'field' | 'phone'>, messages: Messages, format: (value: string) => string = (v) => v): MatchWhy => {
  const field = fieldWords(m.field, messages);
  const phone = format(m.phone);
  return { reason: messages.matchReasons[m.reason], where: field ? `${field}: ${phone}` : phone };
};
