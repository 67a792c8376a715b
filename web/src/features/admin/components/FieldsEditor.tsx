import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage } from '../../../lib/http.js';
import { addField, FIELD_TYPES, updateField, type CustomisableEntity, type FieldDef, type FieldType } from '../../records/api/records-api.js';

interface Props {
  entity: CustomisableEntity;
  fields: readonly FieldDef[];
  onChanged: () => void;
}

type Draft = { name: string; caption: string; type: FieldType; maxLength: string; width: string; default: string };

const numberOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s));

const toDraft = (f: FieldDef): Draft => ({
  name: f.name,
  caption: f.caption,
  type: f.type,
  maxLength: f.maxLength == null ? '' : String(f.maxLength),
  width: f.width == null ? '' : String(f.width),
  default: f.default ?? '',
});

const fromDraft = (d: Draft): Partial<FieldDef> => ({
  caption: d.caption,
  type: d.type,
  maxLength: numberOrNull(d.maxLength),
  width: numberOrNull(d.width),
  default: d.default,
});

/**
 * An entity's fields (R5.2): add a field, or change one — e.g. a text field's entry
 * type to Phone number, with caption, max length, width and default. The column name
 * is fixed once created (it is the database column).
 */
export const FieldsEditor = ({ entity, fields, onChanged }: Props) => {
  const { t } = useI18n();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [fresh, setFresh] = useState<Draft>({ name: '', caption: '', type: 'text', maxLength: '', width: '', default: '' });
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');

  const draftOf = (f: FieldDef): Draft => drafts[f.name] ?? toDraft(f);
  const edit = (f: FieldDef, p: Partial<Draft>): void => setDrafts((d) => ({ ...d, [f.name]: { ...draftOf(f), ...p } }));

  const saveRow = async (f: FieldDef): Promise<void> => {
    setError('');
    setMessage('');
    try {
      await updateField(entity, f.name, fromDraft(draftOf(f)));
      setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== f.name)));
      setMessage(`${t('saved')}: ${f.name}`);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const add = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError('');
    setMessage('');
    try {
      await addField(entity, { name: fresh.name.trim(), ...fromDraft(fresh) });
      setMessage(`${t('saved')}: ${fresh.name}`);
      setFresh({ name: '', caption: '', type: 'text', maxLength: '', width: '', default: '' });
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="card" aria-label={t('fields')}>
      <h2>{t('fields')}</h2>
      <div className="table-wrap">
        <table className="table fields-table">
          <thead>
            <tr>
              <th>{t('columnName')}</th><th>{t('caption')}</th><th>{t('type')}</th><th>{t('maxLength')}</th><th>{t('width')}</th><th>{t('defaultValue')}</th><th><span className="sr-only">{t('save')}</span></th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => {
              const d = draftOf(f);
              const dirty = f.name in drafts;
              return (
                <tr key={f.name} data-field={f.name}>
                  <td><code>{f.name}</code>{f.builtIn && <span className="muted small"> · {t('builtIn')}</span>}</td>
                  <td><input aria-label={`${f.name} ${t('caption')}`} value={d.caption} onChange={(e) => edit(f, { caption: e.target.value })} /></td>
                  <td>
                    <select aria-label={`${f.name} ${t('type')}`} value={d.type} onChange={(e) => edit(f, { type: e.target.value as FieldType })}>
                      {FIELD_TYPES.map((x) => <option key={x} value={x}>{x}</option>)}
                    </select>
                  </td>
                  <td><input aria-label={`${f.name} ${t('maxLength')}`} className="narrow" inputMode="numeric" value={d.maxLength} onChange={(e) => edit(f, { maxLength: e.target.value })} /></td>
                  <td><input aria-label={`${f.name} ${t('width')}`} className="narrow" inputMode="numeric" value={d.width} onChange={(e) => edit(f, { width: e.target.value })} /></td>
                  <td><input aria-label={`${f.name} ${t('defaultValue')}`} value={d.default} onChange={(e) => edit(f, { default: e.target.value })} /></td>
                  <td><button type="button" disabled={!dirty} onClick={() => void saveRow(f)} aria-label={`${t('save')} ${f.name}`}>{t('save')}</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <form className="add-field" onSubmit={(e) => void add(e)} aria-label={t('addField')}>
        <h3>{t('addField')}</h3>
        <div className="grid3">
          <label>{t('columnName')}<input name="new-name" value={fresh.name} onChange={(e) => setFresh({ ...fresh, name: e.target.value })} pattern="[a-z][a-z0-9_]*" required /></label>
          <label>{t('caption')}<input name="new-caption" value={fresh.caption} onChange={(e) => setFresh({ ...fresh, caption: e.target.value })} required /></label>
          <label>
            {t('type')}
            <select name="new-type" value={fresh.type} onChange={(e) => setFresh({ ...fresh, type: e.target.value as FieldType })}>
              {FIELD_TYPES.map((x) => <option key={x} value={x}>{x}</option>)}
            </select>
          </label>
          <label>{t('maxLength')}<input name="new-maxLength" inputMode="numeric" value={fresh.maxLength} onChange={(e) => setFresh({ ...fresh, maxLength: e.target.value })} /></label>
          <label>{t('width')}<input name="new-width" inputMode="numeric" value={fresh.width} onChange={(e) => setFresh({ ...fresh, width: e.target.value })} /></label>
          <label>{t('defaultValue')}<input name="new-default" value={fresh.default} onChange={(e) => setFresh({ ...fresh, default: e.target.value })} /></label>
        </div>
        <button type="submit" className="primary">{t('addField')}</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {message && <p role="status" className="ok">{message}</p>}
    </section>
  );
};
