import { useEffect, useMemo, useState } from 'react';
import { DICTIONARIES, I18nContext, isLocale, makeTranslate, storedLocale, storeLocale, type I18n, type Locale } from './i18n/i18n.js';
import { useRoute, type Route } from './lib/router.js';
import { LoginPage } from './features/auth/components/LoginPage.js';
import { PasswordPage } from './features/auth/components/PasswordPage.js';
import { SessionContext, useSessionState } from './features/auth/hooks/useSession.js';
import { updateMe, type User } from './features/auth/api/auth-api.js';
import { CallScreen } from './features/calls/components/CallScreen.js';
import { EnableCtiPrompt } from './features/calls/components/EnableCtiPrompt.js';
import { ProviderStatus } from './features/calls/components/ProviderStatus.js';
import { TopMenu } from './features/shell/components/TopMenu.js';
import { isEntityPath } from './features/records/api/records-api.js';
import { RecordListPage } from './features/records/components/RecordListPage.js';
import { RecordPage } from './features/records/components/RecordPage.js';
import { RecordFormPage } from './features/records/components/RecordFormPage.js';
import { AdminPage } from './features/admin/components/AdminPage.js';
import { SetupGate } from './features/admin/components/SetupGate.js';
import { DemoPanel } from './features/demo/components/DemoPanel.js';

const Pages = ({ route, user }: { route: Route; user: User }) => {
  const [first, second, third] = route.segments;
  if (first === 'admin' && user.role === 'admin') return <AdminPage tab={second} />;
  if (first === 'demo') return <DemoPanel />;
  if (first === 'password') return <PasswordPage />;
  const entity = first ?? 'companies';
  if (!isEntityPath(entity)) return <p className="muted">Not found</p>;
  if (second === undefined) return <RecordListPage key={entity} entity={entity} />;
  if (second === 'new') return <RecordFormPage key={`${entity}-new-${route.params.toString()}`} entity={entity} prefill={route.params} />;
  const id = Number(second);
  if (!Number.isInteger(id)) return <p className="muted">Not found</p>;
  if (third === 'edit') return <RecordFormPage key={`${entity}-${id}-edit`} entity={entity} id={id} />;
  return <RecordPage key={`${entity}-${id}`} entity={entity} id={id} />;
};

const MainContent = ({ route, user }: { route: Route; user: User }) => {
  const content = (
    <>
      {user.ctiEnabled && <EnableCtiPrompt />}
      <main className="content">
        <Pages route={route} user={user} />
      </main>
    </>
  );
  // Those who dial, and the admin who fixes the link, see when the phone system is down.
  return user.ctiEnabled || user.role === 'admin' ? <ProviderStatus>{content}</ProviderStatus> : content;
};

export const App = () => {
  const session = useSessionState();
  const route = useRoute();
  const [locale, setLocaleState] = useState<Locale>(() => storedLocale() ?? 'en');

  // The user's own locale applies unless this browser chose one.
  useEffect(() => {
    const userLocale = session.user?.locale;
    if (!storedLocale() && isLocale(userLocale)) setLocaleState(userLocale);
  }, [session.user]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // Another window (pop-up or main) switched language: follow it.
  useEffect(() => {
    const onStorage = (e: StorageEvent): void => {
      if (e.key === 'sb.locale' && isLocale(e.newValue)) setLocaleState(e.newValue);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const i18n = useMemo<I18n>(
    () => ({
      locale,
      t: makeTranslate(locale),
      messages: DICTIONARIES[locale],
      setLocale: (l) => {
        storeLocale(l);
        setLocaleState(l);
        // Stored for the user too, so the next browser starts in it.
        if (session.user) void updateMe({ locale: l }).catch(() => undefined);
      },
    }),
    [locale, session.user],
  );

  const isCti = route.segments[0] === 'cti';

  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={session}>
        {session.loading ? (
          <p className="muted center">{i18n.t('loading')}</p>
        ) : !session.user ? (
          <LoginPage />
        ) : isCti ? (
          <CallScreen />
        ) : (
          <SetupGate user={session.user}>
            <TopMenu current={route.segments[0] ?? 'companies'} />
            <MainContent route={route} user={session.user} />
          </SetupGate>
        )}
      </SessionContext.Provider>
    </I18nContext.Provider>
  );
};
