import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { useAsync } from '../../../lib/useAsync.js';
import type { User } from '../../auth/api/auth-api.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { listUsers } from '../api/admin-api.js';
import { UserForm } from './UserForm.js';

/** Users (R4.1–R4.6): pick one on the left, edit on the right. */
export const UsersPage = () => {
  const { t } = useI18n();
  const session = useSession();
  const users = useAsync(listUsers, []);
  const [selected, setSelected] = useState<User | 'new' | null>(null);
  const [notice, setNotice] = useState('');

  return (
    <div className="split">
      <section className="card" aria-label={t('users')}>
        <div className="page-head">
          <h2>{t('users')}</h2>
          <button type="button" className="primary" onClick={() => { setNotice(''); setSelected('new'); }}>{t('newUser')}</button>
        </div>
        {users.error && <p role="alert" className="error">{users.error}</p>}
        <table className="table">
          <thead>
            <tr><th>{t('name')}</th><th>{t('loginField')}</th><th>{t('extension')}</th><th>CTI</th></tr>
          </thead>
          <tbody>
            {(users.data?.items ?? []).map((u) => (
              <tr key={u.id} className={selected !== 'new' && selected?.id === u.id ? 'selected' : undefined}>
                <td><button type="button" className="link" onClick={() => { setNotice(''); setSelected(u); }}>{u.name}</button></td>
                <td>{u.login}</td>
                <td>{u.extension}</td>
                <td>{u.ctiEnabled ? `✓ ${u.ctiDevice ?? ''}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
        </div>
      )}
    </div>
  );
};
