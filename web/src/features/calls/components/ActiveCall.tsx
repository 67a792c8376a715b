import { useI18n } from '../../../i18n/i18n.js';
import { usePhoneFormat } from '../../../lib/usePhoneFormat.js';
import type { CtiCallScreen } from '../../auth/api/auth-api.js';
import { callButtons, needsTarget, type CallButton } from '../call-actions.js';
import { callScreenHash, displayNumber } from '../call-link.js';
import type { CallView } from '../call-types.js';
import { AttachNumber } from './AttachNumber.js';
import { MatchList } from './MatchList.js';

interface Props {
  call: CallView;
  calls: readonly CallView[];
  callScreen: CtiCallScreen;
  target: string;
  onCommand: (call: CallView, button: CallButton) => void;
  onOpen: (hash: string) => void;
}

/**
 * One line of Active calls (R6.10): the full number, the state's words from the server
 * (`label`, never re-derived here), the matched persons/companies (all of them, R6.6),
 * why each matched, "internal" for colleagues, attaching an unknown number, the call link (R6.8) and the buttons the state allows (R6.9).
 */
export const ActiveCall = ({ call, calls, callScreen, target, onCommand, onOpen }: Props) => {
  const { t, locale, messages } = useI18n();
  const buttons = callButtons(call, calls);
  const hash = callScreenHash(callScreen, call);
  const format = usePhoneFormat('international');
  const number = displayNumber(call, format);
  return (
    <li className={`active-call state-${call.state}`} data-call-id={call.id} data-state={call.state} aria-label={`${number} ${call.label[locale]}`}>
      <div className="call-line">
        {hash ? (
          <a
            className="call-number"
            href={hash}
            title={t('openRecord', { screen: messages.screenNames[callScreen] })}
            onClick={(e) => {
              e.preventDefault();
              onOpen(hash);
            }}
          >
            {number}
          </a>
        ) : (
          <span className="call-number">{number}</span>
        )}
        <span className="call-state" data-testid="call-state">{call.label[locale]}</span>
        {/* The server's words already say "(internal)"; the badge only when they do not (R6.6). */}
        {call.internal && !call.label[locale].includes(t('internal')) && <span className="badge">{t('internal')}</span>}
      </div>
      {call.mediaWarning && (
        <div role="status" className="error small" data-testid="media-warning">
          {t('noAudioFrom', { party: silentParty(call.mediaWarning.noAudioFrom, call, number) })}
        </div>
      )}
      {call.direction === 'outbound' && call.number.dialable && call.number.dialable !== number && <div className="muted small">{t('willDial', { dialable: call.number.dialable })}</div>}
      {call.matches.length > 0 ? (
        <MatchList matches={call.matches} onOpen={onOpen} />
      ) : (
        !call.internal && call.direction !== 'outbound' && (
          <div className="muted small">
            {/* No record matches: the name the caller's network sent is all we know (issue 12 §5). */}
            {call.callerName ? (
              <>
                <strong className="caller-name" data-testid="caller-name">{call.callerName}</strong> · {t('callerNameNoRecord')}
              </>
            ) : t('noMatch')}
            {!call.number.withheld && <AttachNumber number={call.number.e164 ?? call.number.raw} />}
          </div>
        )
      )}
      {buttons.length > 0 && (
        <div className="call-buttons">
          {buttons.map((b) => (
            <button
              key={b}
              type="button"
              className={b === 'hangup' ? 'danger' : b === 'answer' ? 'success' : undefined}
              disabled={needsTarget(b) && !target.trim()}
              onClick={() => onCommand(call, b)}
            >
              {t(b)}
            </button>
          ))}
        </div>
      )}
    </li>
  );
};

/** The silent party (issue 17): the far party as its number is shown, or a device name as is. */
const silentParty = (party: string, call: CallView, shown: string): string =>
  party === call.number.raw || party === call.number.e164 || party === call.number.dialable ? shown : party;
