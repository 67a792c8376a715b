import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { ApiError, errorMessage } from '../../../lib/http.js';
import { changePassword } from '../api/auth-api.js';

/** My password: the current one and the new one (twice); my other sessions are logged out (issue 12). */
export const PasswordPage = () => {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError('');
    setDone(false);
    if (next !== again) {
      setError(t('passwordsDiffer'));
      return;
    }
    setBusy(true);
    try {
      await changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setError(code === 'weak-password' ? t('weakPassword') : code === 'invalid-credentials' ? t('currentPasswordWrong') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={t('myPassword')}>
      <h1>{t('myPassword')}</h1>
      <label>
        {t('currentPassword')}
        <input name="currentPassword" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      </label>
      <label>
        {t('newPassword')}
        <input name="newPassword" type="password" autoComplete="new-password" minLength={8} value={next} onChange={(e) => setNext(e.target.value)} required />
      </label>
      <label>
        {t('newPasswordAgain')}
        <input name="newPasswordAgain" type="password" autoComplete="new-password" minLength={8} value={again} onChange={(e) => setAgain(e.target.value)} required />
      </label>
      <p className="muted">{t('passwordHint')}</p>
      {error && <p role="alert" className="error">{error}</p>}
      {done && <p role="status">{t('passwordChanged')}</p>}
      <button type="submit" className="primary" disabled={busy}>{t('changePassword')}</button>
    </form>
  );
};
