import { useI18n } from '../../../i18n/i18n.js';
import { get } from '../../../lib/http.js';
import { useAsync } from '../../../lib/useAsync.js';
import { differenceWords, type DiallingCheck } from '../dialling-check.js';

/**
 * The R3.4 check: what is wrong with the dialling rules, and where they differ from
 * what the phone system reports ("The phone system dials 0 for an outside line,
 * Switchboard 9"). `version` changes after each save, to check again.
 */
export const DiallingCheckPanel = ({ version }: { version: number }) => {
  const { t, messages } = useI18n();
  const check = useAsync(() => get<DiallingCheck>('/api/settings/dialling-check'), [version]);
  const c = check.data;
  return (
    <section className="card" aria-label={t('diallingCheck')} data-testid="dialling-check">
      <div className="page-head">
        <h2>{t('diallingCheck')}</h2>
        <button type="button" className="small" onClick={check.reload}>{t('recheck')}</button>
      </div>
      {check.error && <p role="alert" className="error">{check.error}</p>}
      {c && (
        <>
          {c.problems.length === 0 ? (
            <p className="ok">✓ {t('noProblems')}</p>
          ) : (
            <>
              <h3>{t('problems')}</h3>
              <ul className="check-list error">{c.problems.map((p, i) => <li key={i}><code>{p.field}</code>: {p.message}</li>)}</ul>
            </>
          )}
          {c.differences === null ? (
            <p className="muted">{t('notReported', { provider: c.provider })}</p>
          ) : c.differences.length === 0 ? (
            <p className="ok">✓ {t('sameAsProvider')}</p>
          ) : (
            <>
              <h3>{t('differences')}</h3>
              <ul className="check-list warn-text" data-testid="dialling-differences">
                {c.differences.map((d, i) => <li key={i}>{differenceWords(d, messages)}</li>)}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
};
