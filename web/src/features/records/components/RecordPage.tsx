import { useI18n } from '../../../i18n/i18n.js';
import { navigate } from '../../../lib/router.js';
import { errorMessage } from '../../../lib/http.js';
import { deleteRecord, ENTITY_NAME, getRecord, type EntityPath } from '../api/records-api.js';
import { useAsync } from '../../../lib/useAsync.js';
import { useScreen } from '../hooks/useScreen.js';
import { ActivityHistory } from './ActivityHistory.js';
import { ContextHeader } from './ContextHeader.js';
import { FieldValue } from './FieldValue.js';

/** A record's summary page, from its summary screen (else its entry screen, read-only). */
export const RecordPage = ({ entity, id }: { entity: EntityPath; id: number }) => {
  const { t } = useI18n();
  const name = ENTITY_NAME[entity];
  const record = useAsync(() => getRecord(entity, id), [entity, id]);
  const screen = useScreen(name, ['summary', 'entry'], id);
  const withHistory = name === 'company' || name === 'person';

  const remove = async (): Promise<void> => {
    if (!window.confirm(t('confirmDelete'))) return;
    try {
      await deleteRecord(entity, id);
      navigate(`/${entity}`);
    } catch (e) {
      window.alert(errorMessage(e));
    }
  };

  if (record.error) return <p role="alert" className="error">{record.error}</p>;
  if (!record.data) return <p className="muted">{t('loading')}</p>;
  const r = record.data;

  return (
    <section>
      {withHistory ? <ContextHeader record={r} entity={name} /> : <h1>{screen.data?.screen.caption ?? name} #{r.id}</h1>}
      <div className="card">
        <div className="page-head">
          <h2>{screen.data?.screen.caption ?? ''}</h2>
          <div className="actions">
            <a className="button" href={`#/${entity}/${id}/edit`}>{t('edit')}</a>
            <button type="button" className="danger" onClick={() => void remove()}>{t('delete')}</button>
          </div>
        </div>
        {screen.error && <p role="alert" className="error">{screen.error}</p>}
        <dl className="fields">
          {(screen.data?.fields ?? []).map((f) => (
            <div key={f.name} className="field" data-field={f.name}>
              <dt>{f.caption}</dt>
              <dd><FieldValue type={f.type} value={f.value} name={f.name} entity={name} recordId={r.id} /></dd>
            </div>
          ))}
        </dl>
      </div>
      {name === 'company' && <ActivityHistory companyId={r.id} />}
      {name === 'person' && <ActivityHistory personId={r.id} />}
    </section>
  );
};
