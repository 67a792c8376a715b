/**
 * What the call screen says when a command fails. An error the user can fix at their desk
 * gets words in their language; any other shows the server's message.
 */
import type { Messages } from '../../i18n/en.js';
import type { Translate } from '../../i18n/i18n.js';
import { ApiError, errorMessage } from '../../lib/http.js';
import { numberErrorText } from './number-error.js';

export const commandErrorText = (e: unknown, t: Translate, messages?: Messages): string => {
  // Issue 12 §5: the phone is switched off or logged out (not registered with the phone system).
  if (e instanceof ApiError && e.code === 'device-unavailable') return t('deviceUnavailable');
  // Issue 12 §3: a number that cannot be dialled says what to change, in the user's language.
  return messages !== undefined ? numberErrorText(e, messages) : errorMessage(e);
};
