import { useI18n } from '../../../i18n/i18n.js';
import { get } from '../../../lib/http.js';
import { useAsync } from '../../../lib/useAsync.js';

interface ProviderLink { name: string; state: 'up' | 'pending' | 'down'; detail: string }
interface TelephonyStatus { kind: string; up: boolean; links: ProviderLink[] }

const MARK: Record<ProviderLink['state'], string> = { up: '✓', pending: '…', down: '✗' };
const CLASS: Record<ProviderLink['state'], string> = { up: 'ok', pending: 'muted', down: 'error' };

/**
 * The provider's state for the admin: connected or not, and its links to other systems
 * (a SIP trunk's registration, with the reason and the next try when it failed).
 * `version` changes after each save, to look again.
 */
export const TelephonyStatusPanel = ({ version }: { version: number }) => {
  const { t, messages } = useI18n();
  const status = useAsync(() => get<TelephonyStatus>('/api/telephony/status'), [version]);
  const s = status.data;
  const kind = s ? (messages.providerKinds as Record<string, string>)[s.kind] ?? s.kind : '';
  return (
    <section className="card" aria-label={t('telephonyStatus')} data-testid="telephony-status">
      <div className="page-head">
        <h2>{t('telephonyStatus')}</h2>
        <button type="button" className="small" onClick={status.reload}>{t('recheck')}</button>
      </div>
      {status.error && <p role="alert" className="error">{status.error}</p>}
      {s && (
        <>
          <p className={s.up ? 'ok' : 'error'}>{s.up ? `✓ ${t('providerConnected', { provider: kind })}` : `✗ ${t('providerNotConnected', { provider: kind })}`}</p>
          {s.links.length > 0 && (
            <ul className="check-list" data-testid="provider-links">
              {s.links.map((l) => <li key={l.name} className={CLASS[l.state]}>{MARK[l.state]} {l.name}: {l.detail}</li>)}
            </ul>
          )}
        </>
      )}
    </section>
  );
};
