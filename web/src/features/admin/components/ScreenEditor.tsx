import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage } from '../../../lib/http.js';
import { useAsync } from '../../../lib/useAsync.js';
import { move } from '../screen-order.js';
import { getScreen, listScreens, saveScreen, type CustomisableEntity, type FieldDef } from '../../records/api/records-api.js';

/** Screen definitions (R5.3): add a field to a screen, reorder, remove, save. */
export const ScreenEditor = ({ entity, fields }: { entity: CustomisableEntity; fields: readonly FieldDef[] }) => {
  const { t } = useI18n();
  const screens = useAsync(() => listScreens(entity), [entity]);
  const [screenId, setScreenId] = useState<string>('');
  const [order, setOrder] = useState<string[]>([]);
  const [toAdd, setToAdd] = useState('');
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    const first = screens.data?.[0];
    setScreenId(first ? String(first.id) : '');
  }, [screens.data]);

  const screen = useAsync(() => (screenId ? getScreen(screenId) : Promise.resolve(null)), [screenId]);
  useEffect(() => setOrder(screen.data?.fields ?? []), [screen.data]);

  const caption = (name: string): string => fields.find((f) => f.name === name)?.caption ?? name;
  const available = fields.filter((f) => !order.includes(f.name));

  const save = async (): Promise<void> => {
    setError('');
    setMessage('');
    try {
      const saved = await saveScreen(screenId, order);
      setOrder(saved.fields ?? order);
      setMessage(t('saved'));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="card" aria-label={t('screens')}>
      <h2>{t('screens')}</h2>
      <label className="inline">
        {t('screens')}{' '}
        <select name="screen" value={screenId} onChange={(e) => setScreenId(e.target.value)}>
          {(screens.data ?? []).map((s) => <option key={s.id} value={String(s.id)}>{s.caption} ({s.name})</option>)}
        </select>
      </label>
      <ol className="screen-fields">
        {order.map((name, i) => (
          <li key={name} data-field={name}>
            <span>{caption(name)} <code className="muted small">{name}</code></span>
            <span className="row">
              <button type="button" className="icon" aria-label={t('moveUp', { field: caption(name) })} disabled={i === 0} onClick={() => setOrder(move(order, i, -1))}>↑</button>
              <button type="button" className="icon" aria-label={t('moveDown', { field: caption(name) })} disabled={i === order.length - 1} onClick={() => setOrder(move(order, i, 1))}>↓</button>
              <button type="button" className="icon" aria-label={t('remove', { field: caption(name) })} onClick={() => setOrder(order.filter((n) => n !== name))}>✕</button>
            </span>
          </li>
        ))}
      </ol>
      <div className="row">
        <select aria-label={t('chooseField')} name="add-field" value={toAdd} onChange={(e) => setToAdd(e.target.value)}>
          <option value="">{t('chooseField')}</option>
          {available.map((f) => <option key={f.name} value={f.name}>{f.caption} ({f.name})</option>)}
        </select>
        <button type="button" disabled={!toAdd} onClick={() => { setOrder([...order, toAdd]); setToAdd(''); }}>{t('addToScreen')}</button>
        <button type="button" className="primary" disabled={!screenId} onClick={() => void save()}>{t('save')}</button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {message && <p role="status" className="ok">{message}</p>}
    </section>
  );
};
