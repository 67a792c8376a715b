import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { commandErrorText } from '../command-error.js';
import { isWithheld } from '../../../lib/phone-format.js';
import { usePhoneFormat } from '../../../lib/usePhoneFormat.js';
import { useUser } from '../../auth/hooks/useSession.js';
import { dial, type DialTarget } from '../api/calls-api.js';
import { openCallScreen, waitForCallScreen } from '../cti-window.js';
import { useProviderUp } from '../hooks/useProviderUp.js';

interface Props {
  /** The number as stored (typed) in the CRM, dialled as is and shown formatted; React escapes it. */
  value: string;
  target: DialTarget;
  /** Shown instead of the number (e.g. "Call back"); the accessible name still names the number. */
  label?: string;
}

/**
 * A phone value: a click-to-dial link for a CTI-enabled user (R5.1, R6.4), plain text
 * for everyone else; disabled while the phone system is disconnected. Clicking opens the call screen, waits until it is online, dials.
 */
export const PhoneLink = ({ value, target, label }: Props) => {
  const user = useUser();
  const { t, messages } = useI18n();
  const [error, setError] = useState('');
  const providerUp = useProviderUp();
  const format = usePhoneFormat();
  if (!value) return null;
  // Shown the way its country writes it (issue 12 §3); dialled as stored.
  const shown = format(value);
  if (!user.ctiEnabled || isWithheld(value)) return label ? null : <span className="phone">{shown}</span>;

  const click = async (): Promise<void> => {
    setError('');
    openCallScreen();
    try {
      await waitForCallScreen();
      await dial(target);
    } catch (e) {
      setError(commandErrorText(e, t, messages));
    }
  };

  return (
    <span className="phone">
      <button
        type="button"
        className={label ? 'small phone-action' : 'link phone-link'}
        title={t('call', { number: shown })}
        aria-label={label ? `${label}: ${shown}` : t('call', { number: shown })}
        disabled={!providerUp}
        onClick={() => void click()}
      >
        <span aria-hidden="true">☎ </span>
        {label ?? shown}
      </button>
      {error && <span role="alert" className="error small"> {error}</span>}
    </span>
  );
};
