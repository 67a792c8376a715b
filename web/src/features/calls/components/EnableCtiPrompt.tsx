import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { get } from '../../../lib/http.js';

const KEY = 'sb.ctiPromptVersion';

/**
 * The one-time "enable CTI in this browser" prompt (R6.2): asks for notification
 * permission once per browser and client version — the server's `clientVersion`
 * (System behaviour): when the admin bumps it, every browser is asked again.
 */
export const EnableCtiPrompt = () => {
  const { t } = useI18n();
  const [version, setVersion] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    get<{ clientVersion: string }>('/api/settings/public').then(
      (s) => {
        setVersion(s.clientVersion);
        setShown(window.localStorage.getItem(KEY) !== s.clientVersion);
      },
      () => undefined,
    );
  }, []);
  if (!shown || version === null) return null;
  const done = (): void => {
    window.localStorage.setItem(KEY, version);
    setShown(false);
  };
  const enable = async (): Promise<void> => {
    if ('Notification' in window && Notification.permission === 'default') {
      await Notification.requestPermission().catch(() => 'denied');
    }
    done();
  };
  return (
    <div className="banner" role="dialog" aria-label={t('enableCtiTitle')}>
      <div>
        <strong>{t('enableCtiTitle')}</strong>
        <p>{t('enableCtiText')}</p>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void enable()}>{t('enableCti')}</button>
        <button type="button" onClick={done}>{t('notNow')}</button>
      </div>
    </div>
  );
};
