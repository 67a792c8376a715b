import { useI18n, type Locale } from '../../../i18n/i18n.js';
import { useSession, useUser } from '../../auth/hooks/useSession.js';
import { openCallScreen } from '../../calls/cti-window.js';

const MENU = ['companies', 'persons', 'cases', 'opportunities', 'leads'] as const;

/** The main menu, with the phone icon that (re)opens the CTI call screen (R6.3). */
export const TopMenu = ({ current }: { current: string | undefined }) => {
  const { t, locale, setLocale } = useI18n();
  const user = useUser();
  const session = useSession();
  return (
    <nav className="topbar" aria-label="Main">
      <a className="brand" href="#/companies">☎ {t('appName')}</a>
      <ul className="menu">
        {MENU.map((m) => (
          <li key={m}><a href={`#/${m}`} aria-current={current === m ? 'page' : undefined}>{t(m)}</a></li>
        ))}
        {user.role === 'admin' && <li><a href="#/admin" aria-current={current === 'admin' ? 'page' : undefined}>{t('admin')}</a></li>}
        {user.role === 'admin' && <li><a href="#/demo" aria-current={current === 'demo' ? 'page' : undefined}>{t('demo')}</a></li>}
      </ul>
      <div className="topbar-right">
        {user.ctiEnabled && (
          <button type="button" className="icon phone-icon" aria-label={t('openCallScreen')} title={t('openCallScreen')} onClick={() => openCallScreen()}>
            ☎
          </button>
        )}
        <select aria-label={t('language')} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
          <option value="en">EN</option>
          <option value="fr">FR</option>
        </select>
        <a className="user-name" href="#/password" title={t('myPassword')}>{user.name}</a>
        <button type="button" className="link" onClick={() => void session.logout()}>{t('logout')}</button>
      </div>
    </nav>
  );
};
