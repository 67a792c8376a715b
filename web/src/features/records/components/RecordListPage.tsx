import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { useAsync } from '../../../lib/useAsync.js';
import { ENTITY_NAME, fieldValue, listRecords, recordTitle, type EntityPath, type RenderedField } from '../api/records-api.js';
import { useScreen } from '../hooks/useScreen.js';
import { FieldValue } from './FieldValue.js';

const PAGE = 20;

/** A list with search (name, phone digits) and paging; columns from the list screen, else the summary screen. */
export const RecordListPage = ({ entity }: { entity: EntityPath }) => {
  const { t } = useI18n();
  const name = ENTITY_NAME[entity];
  const [q, setQ] = useState('');
  const [phone, setPhone] = useState('');
  const [applied, setApplied] = useState({ q: '', phone: '' });
  const [offset, setOffset] = useState(0);
  const screen = useScreen(name, ['list', 'summary']);
  const list = useAsync(() => listRecords(entity, { q: applied.q, phone: applied.phone, limit: PAGE, offset }), [entity, applied, offset]);

  const columns: RenderedField[] = (screen.data?.fields ?? []).slice(0, 6);
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const page = Math.floor(offset / PAGE) + 1;

  const search = (e: FormEvent): void => {
    e.preventDefault();
    setOffset(0);
    setApplied({ q: q.trim(), phone: phone.replace(/\D/g, '') });
  };

  return (
    <section>
      <div className="page-head">
        <h1>{t(entity)}</h1>
        <a className="button primary" href={`#/${entity}/new`}>{t('newRecord')}</a>
      </div>
      <form className="search" role="search" onSubmit={search}>
        <input aria-label={t('name')} placeholder={t('name')} value={q} onChange={(e) => setQ(e.target.value)} />
        <input aria-label={t('phone')} placeholder={t('phone')} inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        <button type="submit">{t('search')}</button>
      </form>
      {list.error && <p role="alert" className="error">{list.error}</p>}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('name')}</th>
              {columns.filter((c) => c.name !== 'name').map((c) => <th key={c.name}>{c.caption}</th>)}
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((r) => (
              <tr key={r.id}>
                <td><a href={`#/${entity}/${r.id}`}>{recordTitle(r)}</a></td>
                {columns.filter((c) => c.name !== 'name').map((c) => (
                  <td key={c.name}><FieldValue type={c.type} value={fieldValue(r, c.name)} name={c.name} entity={name} recordId={r.id} /></td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && total === 0 && <p className="muted">{t('noRecords')}</p>}
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('previous')}</button>
        <span>{t('pageOf', { page, pages })} · {t('total', { total })}</span>
        <button type="button" disabled={page >= pages} onClick={() => setOffset(offset + PAGE)}>{t('next')}</button>
      </nav>
    </section>
  );
};
