import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { ApiError, errorMessage } from '../../../lib/http.js';
import { navigate } from '../../../lib/router.js';
import { useAsync } from '../../../lib/useAsync.js';
import { createRecord, ENTITY_NAME, listFields, updateRecord, type EntityPath, type RenderedField } from '../api/records-api.js';
import { toBody } from '../record-body.js';
import { useScreen } from '../hooks/useScreen.js';
import { FieldInput } from './FieldInput.js';

interface Props {
  entity: EntityPath;
  id?: number;
  /** Pre-filled values, e.g. the call's company and person (R6.8). */
  prefill?: URLSearchParams;
}

/** Which reference field a `companyId` / `personId` pre-fill lands in. */
const prefillFor = (field: RenderedField, prefill: URLSearchParams): unknown => {
  const direct = prefill.get(field.name);
  if (direct !== null) return field.type === 'reference' || field.type === 'number' ? Number(direct) : direct;
  if (field.type !== 'reference') return undefined;
  const key = /company/i.test(field.name) ? 'companyId' : /person|contact/i.test(field.name) ? 'personId' : null;
  const v = key ? prefill.get(key) : null;
  return v === null ? undefined : Number(v);
};

/** New/edit form from the entity's entry screen: every field on it, in its order. */
export const RecordFormPage = ({ entity, id, prefill }: Props) => {
  const { t } = useI18n();
  const name = ENTITY_NAME[entity];
  const screen = useScreen(name, 'entry', id);
  const defs = useAsync(() => (entity === 'users' ? Promise.resolve([]) : listFields(entity)), [entity]);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [error, setError] = useState('');
  const [errorField, setErrorField] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const fields = screen.data?.fields;
    if (!fields) return;
    const initial: Record<string, unknown> = {};
    for (const f of fields) {
      const p = prefill ? prefillFor(f, prefill) : undefined;
      initial[f.name] = p !== undefined ? p : f.value;
    }
    setValues(initial);
    // Pre-filled values are sent even though the user did not touch them.
    setTouched(new Set(prefill ? fields.filter((f) => prefillFor(f, prefill) !== undefined).map((f) => f.name) : []));
  }, [screen.data, prefill?.toString()]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setErrorField('');
    const fields = (screen.data?.fields ?? []).filter((f) => !f.readOnly && (id === undefined || touched.has(f.name)));
    try {
      const body = toBody(fields, values, defs.data ?? []);
      const saved = id === undefined ? await createRecord(entity, body) : await updateRecord(entity, id, body);
      navigate(`/${entity}/${saved.id ?? id}`);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) {
        const f = err.details.field;
        if (typeof f === 'string') setErrorField(f);
        const reason = err.details.reason;
        if (typeof reason === 'string') setError(`${err.message} (${reason})`);
      }
    } finally {
      setBusy(false);
    }
  };

  if (screen.error) return <p role="alert" className="error">{screen.error}</p>;
  if (!screen.data) return <p className="muted">{screen.loading ? t('loading') : t('notFound')}</p>;

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={screen.data.screen.caption}>
      <h1>{screen.data.screen.caption}</h1>
      {screen.data.fields.map((f) => (
        <div key={f.name} className={`form-row${errorField === f.name ? ' invalid' : ''}`}>
          <label htmlFor={`f-${f.name}`}>{f.caption}</label>
          <FieldInput
            field={f}
            value={values[f.name]}
            onChange={(v) => {
              setValues((old) => ({ ...old, [f.name]: v }));
              setTouched((old) => new Set(old).add(f.name));
            }}
          />
        </div>
      ))}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{t('save')}</button>
        <a className="button" href={id === undefined ? `#/${entity}` : `#/${entity}/${id}`}>{t('cancel')}</a>
      </div>
    </form>
  );
};
