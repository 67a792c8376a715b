import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { useAsync } from '../../../lib/useAsync.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { getPublicSettings, listUsers, type AdminUser } from '../api/admin-api.js';
import { SipPasswordPanel } from './SipPasswordPanel.js';
import { UserForm } from './UserForm.js';

/** Users (R4.1–R4.6): search and pick one on the left (CTI, device, extension at a glance), edit on the right. */
export const UsersPage = () => {
  const { t } = useI18n();
  const session = useSession();
  const [q, setQ] = useState('');
  const users = useAsync(() => listUsers(q.trim() || undefined), [q]);
  const [selected, setSelected] = useState<AdminUser | 'new' | null>(null);
  // The SIP password is asked for only while the built-in SIP server is the provider.
  const publicSettings = useAsync(() => getPublicSettings(), []);
  const sip = publicSettings.data?.provider === 'sip';
  const [notice, setNotice] = useState('');
  const items = users.data?.items ?? [];
  const open = (u: AdminUser | 'new'): void => {
    setNotice('');
    setSelected(u);
  };

  return (
    <div className="split">
      <section className="card" aria-label={t('users')}>
        <div className="page-head">
          <h2>{t('users')}</h2>
          <button type="button" className="primary" onClick={() => open('new')}>{t('newUser')}</button>
        </div>
        <input type="search" aria-label={t('searchUsers')} placeholder={t('searchUsers')} value={q} onChange={(e) => setQ(e.target.value)} />
        {users.error && <p role="alert" className="error">{users.error}</p>}
        <table className="table" data-testid="users-table">
          <thead>
            <tr><th>{t('name')}</th><th>{t('loginField')}</th><th>{t('extension')}</th><th>{t('ctiEnabled')}</th><th>{t('device')}</th></tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr key={u.id} className={selected !== 'new' && selected?.id === u.id ? 'selected' : undefined}>
                <td><button type="button" className="link" onClick={() => open(u)}>{u.name}</button></td>
                <td>{u.login}</td>
                <td>{u.extension}</td>
                <td>{u.ctiEnabled ? <span className="badge ok">{t('yes')}</span> : <span className="muted">{t('no')}</span>}</td>
                <td>{u.ctiDevice}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!users.loading && items.length === 0 && <p className="muted">{t('noUsers')}</p>}
      </section>
      {selected && (
        <div>
          {notice && <p role="status" className="ok">{notice}</p>}
          <UserForm
            key={selected === 'new' ? 'new' : selected.id}
            user={selected === 'new' ? null : selected}
            onSaved={(u) => {
              setNotice(`${t('saved')}: ${u.name}`);
              setSelected(u);
              users.reload();
              if (session.user?.id === u.id) void session.refresh();
            }}
          />
          {sip && selected !== 'new' && selected.ctiEnabled && <SipPasswordPanel key={`sip-${selected.id}-${selected.ctiDevice ?? ''}`} user={selected} />}
        </div>
      )}
    </div>
  );
};
