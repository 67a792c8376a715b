import { useI18n } from '../../../i18n/i18n.js';
import { usePhoneFormat } from '../../../lib/usePhoneFormat.js';
import { matchHash } from '../call-link.js';
import type { CallerMatch } from '../call-types.js';
import { matchWhy } from '../match-reason.js';

/**
 * Who the caller is, and why each record matched (R6.6): "same number", "same number,
 * other format", "company switchboard / number block", "colleague", then the field and
 * the number (as its country writes it), so the agent sees at a glance how sure the match is.
 */
export const MatchList = ({ matches, onOpen }: { matches: readonly CallerMatch[]; onOpen: (hash: string) => void }) => {
  const { t, messages } = useI18n();
  const format = usePhoneFormat();
  return (
    <ul className="matches" aria-label={t('matches')}>
      {matches.map((m) => {
        const h = matchHash(m);
        const why = matchWhy(m, messages, format);
        return (
          <li key={`${m.type}-${m.id}`} data-match={`${m.type}-${m.id}`}>
            {h ? <a href={h} onClick={(e) => { e.preventDefault(); onOpen(h); }}>{m.name}</a> : <span>{m.name}</span>}
            {m.company && m.type === 'person' && <span className="muted"> · {m.company.name}</span>}
            <div className="why-line">
              <span className={`why why-${m.reason}`} data-testid="match-reason" title={t('whyMatched', { reason: why.reason })}>{why.reason}</span>
              <span className="muted small where">{why.where}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
};
