/**
 * Why a typed number cannot be dialled, in the user's language (R6.5, issue 12 §3): the
 * server's 422 `invalid-phone-number` carries `details.reason` (and, for a character
 * that is not allowed, `char` and `position`); the words for each reason are in the
 * dictionaries. Anything else falls back to the server's message. Pure.
 */
import type { Messages } from '../../i18n/en.js';
import { format } from '../../i18n/i18n.js';
import { ApiError, errorMessage } from '../../lib/http.js';

type Reason = keyof Messages['numberErrors'];

const isReason = (r: unknown, messages: Messages): r is Reason => typeof r === 'string' && Object.hasOwn(messages.numberErrors, r);

export const numberErrorText = (e: unknown, messages: Messages): string => {
  if (e instanceof ApiError && e.code === 'invalid-phone-number' && isReason(e.details.reason, messages)) {
    const { char, position } = e.details;
    return format(messages.numberErrors[e.details.reason], {
      ...(typeof char === 'string' ? { char } : {}),
      ...(typeof position === 'number' ? { position } : {}),
    });
  }
  return errorMessage(e) || (e instanceof ApiError ? e.code : 'invalid');
};
