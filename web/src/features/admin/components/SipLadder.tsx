import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { ladderOf, type TracedMessage } from '../sip-ladder.js';

/**
 * A traced call as a ladder diagram (issue 17): a column per party, an arrow per message
 * in time order; clicking an arrow shows the whole message (secrets masked by the server).
 * Every value is text that React escapes.
 */
export const SipLadder = ({ messages }: { messages: TracedMessage[] }) => {
  const { t } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  const { columns, rows } = ladderOf(messages, t('switchboardColumn'));
  const shown = rows.find((r) => r.message.seq === open)?.message;
  // Each party has two tracks: its lifeline is the line between them, where arrows start and end.
  const grid = { gridTemplateColumns: `6rem repeat(${columns.length * 2}, minmax(3.5rem, 1fr))` };
  return (
    <div className="sip-ladder-wrap">
      <div className="sip-ladder" style={grid} role="table" aria-label={t('sipLadder')}>
        <div role="row" className="sip-ladder-row" style={grid}>
          <span role="columnheader">{t('traceTime')}</span>
          {columns.map((c) => (
            <span key={c.key} role="columnheader" className="sip-ladder-party" style={{ gridColumn: 'span 2' }} title={c.address}>{c.label}{c.address && c.address !== c.label ? <small> {c.address}</small> : null}</span>
          ))}
        </div>
        {rows.map((r) => {
          const left = Math.min(r.from, r.to);
          const right = Math.max(r.from, r.to);
          const rightward = r.to > r.from;
          return (
            <div role="row" key={r.message.seq} className="sip-ladder-row" style={grid} data-testid="sip-ladder-arrow">
              <span role="cell" className="muted">{new Date(r.message.at).toISOString().slice(11, 23)}</span>
              <span role="cell" className="sip-arrow-cell" style={{ gridColumn: `${2 * left + 3} / ${2 * right + 3}` }}>
                <button
                  type="button" className={`sip-arrow ${rightward ? 'right' : 'left'}`}
                  aria-pressed={open === r.message.seq}
                  onClick={() => setOpen(open === r.message.seq ? null : r.message.seq)}
                >
                  {rightward ? `${r.label} →` : `← ${r.label}`}
                </button>
              </span>
            </div>
          );
        })}
      </div>
      {shown && (
        <section aria-label={t('traceMessage')} className="card">
          <h3>{shown.firstLine}</h3>
          <pre className="sip-message" data-testid="sip-message-text">{shown.text}</pre>
        </section>
      )}
    </div>
  );
};
