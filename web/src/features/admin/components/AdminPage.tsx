import { useI18n } from '../../../i18n/i18n.js';
import { CustomisationPage } from './CustomisationPage.js';
import { SipTracePage } from './SipTracePage.js';
import { SystemBehaviourPage } from './SystemBehaviourPage.js';
import { UsersPage } from './UsersPage.js';

const TABS = ['system', 'users', 'customisation', 'sipTrace'] as const;
type Tab = (typeof TABS)[number];

const isTab = (s: string | undefined): s is Tab => TABS.includes(s as Tab);

/** Administration: system behaviour (R3.2–R3.4), users (R4), customisation (R5.2, R5.3), the SIP trace (issue 17). */
export const AdminPage = ({ tab }: { tab: string | undefined }) => {
  const { t } = useI18n();
  const current: Tab = isTab(tab) ? tab : 'system';
  return (
    <section>
      <h1>{t('admin')}</h1>
      <nav className="tabs" aria-label={t('admin')}>
        {TABS.map((x) => (
          <a key={x} href={`#/admin/${x}`} aria-current={x === current ? 'page' : undefined}>{x === 'users' ? t('users') : t(x)}</a>
        ))}
      </nav>
      {current === 'system' && <SystemBehaviourPage />}
      {current === 'users' && <UsersPage />}
      {current === 'customisation' && <CustomisationPage />}
      {current === 'sipTrace' && <SipTracePage />}
    </section>
  );
};
