import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage } from '../../../lib/http.js';
import { useAsync } from '../../../lib/useAsync.js';
import { getSipTrace, getSipTraceMessages, setSipTrace, type SipTraceState } from '../api/admin-api.js';
import { SipLadder } from './SipLadder.js';

/**
 * The SIP trace (issue 17): turn it on for a device or a call, pick a traced call, see its
 * messages as a ladder. Only while the built-in SIP server runs (the server says otherwise).
 */
export const SipTracePage = () => {
  const { t } = useI18n();
  const [state, setState] = useState<SipTraceState | undefined>();
  const loaded = useAsync(async () => {
    const s = await getSipTrace();
    setState(s);
    return s;
  }, []);
  const [selected, setSelected] = useState<string | null>(null);
  const trace = useAsync(() => (selected ? getSipTraceMessages(selected) : Promise.resolve(null)), [selected]);
  const [error, setError] = useState('');
  const s = state ?? loaded.data;

  const toggle = async (kind: 'device' | 'call', id: string, on: boolean): Promise<void> => {
    setError('');
    try {
      setState(await setSipTrace(kind, id, on));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const refresh = async (): Promise<void> => {
    try {
      setState(await getSipTrace());
      trace.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section aria-label={t('sipTrace')}>
      {loaded.error && <p role="alert" className="error">{loaded.error}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {s && (
        <>
          <p className="muted">{t('traceKept', { keep: String(s.keep) })}</p>
          <div className="card">
            <TraceForm label={t('traceDevice')} field={t('deviceName')} onAdd={(id) => void toggle('device', id, true)} />
            <TracedList label={t('tracedDevices')} items={s.devices} onStop={(id) => void toggle('device', id, false)} />
            <TraceForm label={t('traceCall')} field={t('callIdField')} onAdd={(id) => void toggle('call', id, true)} />
            <TracedList label={t('tracedCalls')} items={s.calls} onStop={(id) => void toggle('call', id, false)} />
          </div>
          <div className="card">
            <div className="page-head">
              <h2>{t('tracedCallsKept')}</h2>
              <button type="button" className="small" onClick={() => void refresh()}>{t('recheck')}</button>
            </div>
            {s.recent.length === 0 && <p className="muted">{t('traceNone')}</p>}
            <ul className="trace-calls" aria-label={t('tracedCallsKept')}>
              {s.recent.map((c) => (
                <li key={c.id}>
                  <button type="button" className="link" aria-pressed={selected === c.id} onClick={() => setSelected(c.id)}>
                    {new Date(c.startedAt).toLocaleString()} · {c.peers.join(', ')} · {t('traceMessages', { count: String(c.messages) })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
          {trace.error && <p role="alert" className="error">{trace.error}</p>}
          {trace.data && <SipLadder messages={trace.data.messages} />}
        </>
      )}
    </section>
  );
};

const TraceForm = ({ label, field, onAdd }: { label: string; field: string; onAdd: (id: string) => void }) => {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (value.trim() === '') return;
    onAdd(value.trim());
    setValue('');
  };
  return (
    <form aria-label={label} onSubmit={submit} className="inline-form">
      <label>{field} <input value={value} maxLength={200} onChange={(e) => setValue(e.target.value)} /></label>
      <button type="submit">{t('traceOn')}</button>
    </form>
  );
};

const TracedList = ({ label, items, onStop }: { label: string; items: string[]; onStop: (id: string) => void }) => {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <ul aria-label={label} className="check-list">
      {items.map((id) => (
        <li key={id}>{id} <button type="button" className="small" onClick={() => onStop(id)}>{t('traceOff')}</button></li>
      ))}
    </ul>
  );
};
