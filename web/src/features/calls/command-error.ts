/**
 * What the call screen says when a command fails. An error the user can fix at their desk
 * gets words in their language; any other shows the server's message.
 */
import type { Translate } from '../../i18n/i18n.js';
import { ApiError, errorMessage } from '../../lib/http.js';

export const commandErrorText = (e: unknown, t: Translate): string =>
  // Issue 12 §5: the phone is switched off or logged out (not registered with the phone system).
  e instanceof ApiError && e.code === 'device-unavailable' ? t('deviceUnavailable') : errorMessage(e);
