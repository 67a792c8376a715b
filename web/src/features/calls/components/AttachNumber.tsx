import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage } from '../../../lib/http.js';
import { usePhoneFormat } from '../../../lib/usePhoneFormat.js';
import { listRecords, recordTitle } from '../../records/api/records-api.js';
import { attachNumber, type AttachKind } from '../api/calls-api.js';

interface Found {
  type: 'person' | 'company';
  id: number;
  name: string;
}

const KINDS: readonly AttachKind[] = ['mobile', 'direct', 'business', 'home', 'switchboard', 'fax', 'other'];

/** Persons first (a new mobile is usually someone's), then companies. */
const search = async (q: string): Promise<Found[]> => {
  const [persons, companies] = await Promise.all([listRecords('persons', { q, limit: 5 }), listRecords('companies', { q, limit: 5 })]);
  return [
    ...persons.items.map((r) => ({ type: 'person' as const, id: r.id, name: recordTitle(r) })),
    ...companies.items.map((r) => ({ type: 'company' as const, id: r.id, name: recordTitle(r) })),
  ];
};

/**
 * "This is Arthur's new mobile": on a call (or a logged call) nobody matched, find a
 * person or company and add the number to its phones, so the next call from it pops
 * the record (`POST /api/phone/attach`).
 */
export const AttachNumber = ({ number }: { number: string }) => {
  const { t, messages } = useI18n();
  const format = usePhoneFormat();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<AttachKind>('mobile');
  const [found, setFound] = useState<Found[] | null>(null);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');

  const find = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError('');
    try {
      setFound(await search(q.trim()));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const attach = async (r: Found): Promise<void> => {
    setError('');
    try {
      await attachNumber({ number, type: r.type, id: r.id, kind });
      setDone(t('attached', { number: format(number), name: r.name }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  if (done) return <p role="status" className="ok small" data-testid="attached">{done}</p>;
  return (
    <details className="attach">
      <summary>{t('attachNumber', { number: format(number) })}</summary>
      <form className="row wrap" onSubmit={(e) => void find(e)}>
        <input type="search" aria-label={t('attachSearch')} placeholder={t('attachSearch')} value={q} onChange={(e) => setQ(e.target.value)} />
        <label className="inline">
          {t('attachAs')}
          <select value={kind} onChange={(e) => setKind(e.target.value as AttachKind)}>
            {KINDS.map((k) => <option key={k} value={k}>{messages.phoneKinds[k]}</option>)}
          </select>
        </label>
        <button type="submit" disabled={!q.trim()}>{t('search')}</button>
      </form>
      {found && found.length === 0 && <p className="muted small">{t('noResults')}</p>}
      {found && found.length > 0 && (
        <ul className="plain attach-results">
          {found.map((r) => (
            <li key={`${r.type}-${r.id}`} className="row">
              <span className="kind">{r.type === 'person' ? t('person') : t('company')}</span>
              <span>{r.name}</span>
              <button type="button" className="small" aria-label={t('attachTo', { number, name: r.name })} onClick={() => void attach(r)}>{t('attach')}</button>
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert" className="error small">{error}</p>}
    </details>
  );
};
