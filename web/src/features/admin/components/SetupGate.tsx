import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage } from '../../../lib/http.js';
import { useAsync } from '../../../lib/useAsync.js';
import type { User } from '../../auth/api/auth-api.js';
import { getSetup, runSetup } from '../api/admin-api.js';

/** First run (R3.1): an admin answers country, area code and outside-line prefix before anything else. */
export const SetupGate = ({ user, children }: { user: User; children: ReactNode }) => {
  const setup = useAsync(() => (user.role === 'admin' ? getSetup() : Promise.resolve({ done: true })), [user.id]);
  if (setup.data && !setup.data.done) return <SetupPage onDone={setup.reload} />;
  return <>{children}</>;
};

const SetupPage = ({ onDone }: { onDone: () => void }) => {
  const { t } = useI18n();
  const [country, setCountry] = useState('US');
  const [areaCode, setAreaCode] = useState('');
  const [outsidePrefix, setOutsidePrefix] = useState('9');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      await runSetup({ country: country.trim().toUpperCase(), areaCode: areaCode.trim(), outsidePrefix: outsidePrefix.trim() });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <main className="login">
      <form className="card login-card" onSubmit={(e) => void submit(e)} aria-label={t('setup')}>
        <h1>{t('setup')}</h1>
        <p className="muted">{t('setupIntro')}</p>
        <label>{t('country')}<input name="country" value={country} onChange={(e) => setCountry(e.target.value)} maxLength={2} required /></label>
        <label>{t('areaCode')}<input name="areaCode" value={areaCode} onChange={(e) => setAreaCode(e.target.value)} inputMode="numeric" /></label>
        <label>{t('outsidePrefix')}<input name="outsidePrefix" value={outsidePrefix} onChange={(e) => setOutsidePrefix(e.target.value)} inputMode="numeric" /></label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="primary">{t('save')}</button>
      </form>
    </main>
  );
};
