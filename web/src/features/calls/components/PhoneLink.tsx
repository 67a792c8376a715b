import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { commandErrorText } from '../command-error.js';
import { useUser } from '../../auth/hooks/useSession.js';
import { dial, type DialTarget } from '../api/calls-api.js';
import { openCallScreen, waitForCallScreen } from '../cti-window.js';
import { useProviderUp } from '../hooks/useProviderUp.js';

interface Props {
  /** The number as stored (typed) in the CRM; React escapes it. */
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
  const { t } = useI18n();
  const [error, setError] = useState('');
  const providerUp = useProviderUp();
  if (!value) return null;
  if (!user.ctiEnabled) return label ? null : <span className="phone">{value}</span>;

  const click = async (): Promise<void> => {
    setError('');
    openCallScreen();
    try {
      await waitForCallScreen();
      await dial(target);
    } catch (e) {
      setError(commandErrorText(e, t));
    }
  };

  return (
    <span className="phone">
      <button
        type="button"
        className={label ? 'small phone-action' : 'link phone-link'}
        title={t('call', { number: value })}
        aria-label={label ? `${label}: ${value}` : t('call', { number: value })}
        disabled={!providerUp}
        onClick={() => void click()}
      >
        <span aria-hidden="true">☎ </span>
        {label ?? value}
      </button>
      {error && <span role="alert" className="error small"> {error}</span>}
    </span>
  );
};
