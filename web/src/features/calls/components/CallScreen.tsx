import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { usePhoneFormat } from '../../../lib/usePhoneFormat.js';
import { updateMe } from '../../auth/api/auth-api.js';
import { useUser } from '../../auth/hooks/useSession.js';
import { dial, sendCommand } from '../api/calls-api.js';
import { commandErrorText } from '../command-error.js';
import { isActive, shortcutTarget, type CallButton } from '../call-actions.js';
import { displayNumber } from '../call-link.js';
import { isSnapshot, type CallView } from '../call-types.js';
import { onMessage, openChannel, post } from '../cti-window.js';
import { useCallStream } from '../hooks/useCallStream.js';
import { useNumberPreview } from '../hooks/useNumberPreview.js';
import { ActiveCall } from './ActiveCall.js';
import { ProviderDownBanner } from './ProviderDownBanner.js';

const ALWAYS_SHOW_KEY = 'sb.alwaysShowCallScreen';

/** Opens a record in the main window (R6.1, R6.8); a new one when the pop-up has no opener. */
const openInMain = (hash: string): void => {
  const opener = window.opener as Window | null;
  if (opener && !opener.closed) {
    opener.location.hash = hash;
    opener.focus();
  } else {
    window.open(`${window.location.pathname}${hash}`, 'switchboard-main');
  }
};

/**
 * The CTI call screen (R6.2–R6.10), rendered alone in the named pop-up at `#/cti`.
 * While it is open this browser is the user's CTI client: it tells the server
 * `cti online` over the WebSocket; closing it warns and turns CTI off (R6.3).
 */
export const CallScreen = () => {
  const user = useUser();
  const { t, locale, messages } = useI18n();
  const format = usePhoneFormat('international');
  const stream = useCallStream(user.ctiEnabled);
  const [number, setNumber] = useState('');
  const [error, setError] = useState('');
  const [alwaysShow, setAlwaysShow] = useState(() => {
    const v = window.localStorage.getItem(ALWAYS_SHOW_KEY);
    return v === null ? user.alwaysShowCallScreen : v === '1';
  });
  const preview = useNumberPreview(number);
  const calls = stream.calls;
  const active = calls.filter(isActive);
  const hadCalls = useRef(false);

  // Tell the main window we are online, so its click-to-dial can go ahead.
  useEffect(() => {
    const ch = openChannel();
    onMessage(ch, (msg) => {
      if (msg.type === 'ping' && stream.connected) post(ch, { type: 'online' });
    });
    if (stream.connected) post(ch, { type: 'online' });
    return () => ch.close();
  }, [stream.connected]);

  // R6.3: closing warns; when it really closes, CTI goes off.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent): string => {
      e.preventDefault();
      e.returnValue = t('closeWarning');
      return t('closeWarning');
    };
    const leave = (): void => stream.goOffline();
    window.addEventListener('beforeunload', warn);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.removeEventListener('pagehide', leave);
    };
  }, [t, stream.goOffline]);

  // An incoming call pops the screen; in the background, a notification too.
  useEffect(() => {
    stream.setOnRinging((call: CallView) => {
      window.focus();
      if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
        const who = call.matches.map((m) => `${m.name} (${messages.matchReasons[m.reason]})`).join(', ');
        const n = new Notification(t('incomingCall'), { body: `${displayNumber(call, format)} ${call.label[locale]}${who ? ' · ' + who : ''}`, tag: call.id });
        n.onclick = () => window.focus();
      }
    });
    return () => stream.setOnRinging(null);
  }, [stream.setOnRinging, t, locale, messages, format]);

  // R6.4: unless "always show", the screen steps back when the last call ends.
  useEffect(() => {
    if (active.length > 0) hadCalls.current = true;
    else if (hadCalls.current) {
      hadCalls.current = false;
      if (!alwaysShow) window.blur();
    }
  }, [active.length, alwaysShow]);

  const run = useCallback(
    async (call: CallView, button: CallButton) => {
      setError('');
      try {
        const to = button === 'transfer' || button === 'consult' ? number.trim() : undefined;
        const result = await sendCommand(call.id, button, to);
        if (isSnapshot(result)) stream.apply(result);
      } catch (e) {
        setError(commandErrorText(e, t, messages));
      }
    },
    [number, stream.apply, t],
  );

  const dialTyped = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (!number.trim() || !stream.providerUp) return;
    setError('');
    try {
      const placed = await dial({ number: number.trim() });
      if (isSnapshot(placed)) stream.apply(placed);
    } catch (err) {
      setError(commandErrorText(err, t, messages));
    }
  };

  // Keyboard: Alt+A answers, Alt+H hangs up (Enter dials, in the form).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey) return;
      const key = e.key.toLowerCase();
      const button = key === 'a' ? 'answer' : key === 'h' ? 'hangup' : null;
      if (!button) return;
      const call = shortcutTarget(button, calls);
      if (call) {
        e.preventDefault();
        void run(call, button);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [calls, run]);

  if (!user.ctiEnabled) return <main className="cti"><p role="alert" className="error">{t('ctiNotEnabled')}</p></main>;

  return (
    <main className={`cti${active.length === 0 ? ' idle' : ''}`} aria-label={t('ctiTitle')}>
      <header className="cti-head">
        <h1>☎ {t('ctiTitle')}</h1>
        <span className={`badge ${stream.connected ? 'ok' : 'warn'}`} data-testid="cti-status">{stream.connected ? t('ctiOnline') : t('ctiOffline')}</span>
      </header>
      {!stream.providerUp && <ProviderDownBanner />}
      <form className="dial-form" onSubmit={(e) => void dialTyped(e)}>
        <label htmlFor="cti-number">{t('numberLabel')}</label>
        <div className="row">
          <input
            id="cti-number"
            name="number"
            type="tel"
            autoComplete="off"
            placeholder={t('numberPlaceholder')}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            aria-invalid={preview.error ? true : undefined}
            aria-describedby="cti-number-help"
          />
          <button type="submit" className="success" disabled={!number.trim() || Boolean(preview.error) || !stream.providerUp}>{t('dial')}</button>
        </div>
        <div id="cti-number-help" className="small" aria-live="polite">
          {preview.error ? <span className="error" role="alert" data-testid="number-error">{preview.error}</span>
            : preview.preview?.dialable ? <span className="muted" data-testid="will-dial">{t('willDial', { dialable: preview.preview.dialable })}{preview.preview.e164 ? ` · ${format(preview.preview.e164)}` : ''}</span>
            : null}
        </div>
      </form>
      {error && <p role="alert" className="error" data-testid="command-error">{error}</p>}
      <section aria-label={t('activeCalls')}>
        <h2>{t('activeCalls')}</h2>
        {active.length === 0 ? (
          <p className="muted">{t('noActiveCalls')}</p>
        ) : (
          <ul className="active-calls">
            {active.map((c) => (
              <ActiveCall key={c.id} call={c} calls={calls} callScreen={user.ctiCallScreen} target={number} onCommand={(call, b) => void run(call, b)} onOpen={openInMain} />
            ))}
          </ul>
        )}
      </section>
      <footer className="cti-foot">
        <label className="check">
          <input
            type="checkbox"
            checked={alwaysShow}
            onChange={(e) => {
              setAlwaysShow(e.target.checked);
              window.localStorage.setItem(ALWAYS_SHOW_KEY, e.target.checked ? '1' : '0');
              void updateMe({ alwaysShowCallScreen: e.target.checked }).catch(() => undefined);
            }}
          />
          {t('alwaysShow')}
        </label>
        <span className="muted small">{t('shortcuts')}</span>
      </footer>
    </main>
  );
};
