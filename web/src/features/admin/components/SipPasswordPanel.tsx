import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage } from '../../../lib/http.js';
import { useAsync } from '../../../lib/useAsync.js';
import { checkDevice, clearSipPassword, setSipPassword, type AdminUser } from '../api/admin-api.js';
import { sipPasswordProblem, sipPasswordState } from '../sip-password.js';

interface Props {
  user: AdminUser;
}

/**
 * For a CTI user while the built-in SIP server runs: whether the SIP password is set
 * (or must be set again after a realm or device change), a write-only field to set it,
 * and the phone's registration as the device check reports it (R4.6).
 */
export const SipPasswordPanel = ({ user }: Props) => {
  const { t } = useI18n();
  const [state, setState] = useState(() => sipPasswordState(user));
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const device = user.ctiDevice;
  const registration = useAsync(() => (device ? checkDevice(device) : Promise.resolve(null)), [device, state]);
  const problem = shown ? sipPasswordProblem(password, device) : null;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setShown(true);
    setMessage('');
    setError('');
    if (sipPasswordProblem(password, device)) return;
    try {
      setState(sipPasswordState(await setSipPassword(user.id, password)));
      setPassword('');
      setShown(false);
      setMessage(t('sipPasswordSaved', { device: device ?? '' }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const clear = async (): Promise<void> => {
    setMessage('');
    setError('');
    try {
      setState(sipPasswordState(await clearSipPassword(user.id)));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const words = { 'set': t('sipPasswordSet'), 'not-set': t('sipPasswordNotSet'), 'stale': t('sipPasswordStale') } as const;
  return (
    // A form of its own (not nested in the user form): the password goes to its own write-only route.
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={t('sipPassword')} noValidate>
      <p data-testid="sip-password-state" className={state === 'set' ? 'ok' : 'error'}>{t('sipPassword')}: {words[state]}</p>
      <label>
        {t('sipPasswordNew')}
        <input name="sipPassword" type="password" autoComplete="new-password" value={password} aria-invalid={problem ? true : undefined} onChange={(e) => setPassword(e.target.value)} />
        {problem && <span className="field-error">{problem === 'too-short' ? t('sipPasswordTooShort') : t('sipPasswordNeedsDevice')}</span>}
      </label>
      <div className="actions">
        <button type="submit" className="primary">{t('sipPasswordSave')}</button>
        {state !== 'not-set' && <button type="button" onClick={() => void clear()}>{t('sipPasswordClear')}</button>}
      </div>
      {registration.data && (
        <p role="status" data-testid="sip-registration" className={registration.data.ok ? 'ok' : 'muted'}>
          {t('sipRegistration')}: {registration.data.ok ? '✓ ' : '✗ '}{registration.data.message}
        </p>
      )}
      {message && <p role="status" className="ok">{message}</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
};
