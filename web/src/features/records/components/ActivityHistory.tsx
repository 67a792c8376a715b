import { useI18n } from '../../../i18n/i18n.js';
import { useAsync } from '../../../lib/useAsync.js';
import { AttachNumber } from '../../calls/components/AttachNumber.js';
import { PhoneLink } from '../../calls/components/PhoneLink.js';
import { listCommunications } from '../api/records-api.js';
import { groupConversations, outcomeKey } from '../conversations.js';

interface Props {
  personId?: number;
  companyId?: number;
}

/**
 * The communications (calls logged by the CTI core) of a company or person, newest
 * first; a number logged without a person can be attached to one.
 */
export const ActivityHistory = ({ personId, companyId }: Props) => {
  const { t, locale } = useI18n();
  const { data, error, loading } = useAsync(() => listCommunications({ personId, companyId, limit: 50 }), [personId, companyId]);
  const items = data?.items ?? [];
  return (
    <section className="card" aria-label={t('activity')}>
      <h2>{t('activity')}</h2>
      {loading && <p className="muted">{t('loading')}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {!loading && !error && items.length === 0 && <p className="muted">{t('noActivity')}</p>}
      {items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('when')}</th>
              <th>{t('direction')}</th>
              <th>{t('number')}</th>
              <th>{t('outcome')}</th>
              <th>{t('notes')}</th>
              <th><span className="sr-only">{t('callBack')}</span></th>
            </tr>
          </thead>
          <tbody>
            {/* A conversation's later legs (consult, transfer) show inside it. */}
            {groupConversations(items).flatMap((g) => [{ c: g.first, leg: false }, ...g.legs.map((c) => ({ c, leg: true }))]).map(({ c, leg }) => {
              const missed = c.outcome === 'missed' || c.callback;
              const words = outcomeKey(c.outcome);
              return (
                <tr key={c.id} className={[missed ? 'missed' : '', leg ? 'leg' : ''].join(' ').trim() || undefined}>
                  <td>{leg && <span className="muted" title={t('conversationLeg')}>↳ </span>}{new Date(c.startedAt).toLocaleString(locale)}</td>
                  <td>{c.direction === 'outbound' ? t('outbound') : c.direction === 'internal' ? t('internal') : t('inbound')}</td>
                  <td>
                    <PhoneLink value={c.displayNumber ?? c.number} target={{ number: c.number }} />
                    {/* Logged without a person: the number may be someone's new line. */}
                    {c.personId === null && c.direction !== 'internal' && <AttachNumber number={c.number} />}
                  </td>
                  <td>{missed ? <strong className="badge warn">{t('missed')}</strong> : words === null ? c.outcome : t(words)}</td>
                  <td>{c.notes}</td>
                  <td>{missed && <CallBack number={c.number} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
};

/** The call-back action of a missed call: a button for CTI users, nothing for others. */
const CallBack = ({ number }: { number: string }) => {
  const { t } = useI18n();
  return <PhoneLink value={number} target={{ number }} label={t('callBack')} />;
};
