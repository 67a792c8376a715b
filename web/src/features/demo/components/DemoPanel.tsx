import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage, get } from '../../../lib/http.js';
import { useAsync } from '../../../lib/useAsync.js';
import { listSimDevices, simDial, simHandset, simIncoming, type SimDevice } from '../../calls/api/calls-api.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/**
 * The simulated phone system's demo panel: plays the desk phone of each device
 * (ringing light, lift, hang up, keypad dial) and the outside world (an incoming
 * call), so one person can act out both ends of a call in the browser.
 */
export const DemoPanel = () => {
  const { t } = useI18n();
  const devices = useAsync(listSimDevices, []);
  const [error, setError] = useState('');
  const [from, setFrom] = useState('+1 212 736 4440');
  const [to, setTo] = useState('');
  const [showAll, setShowAll] = useState(false);
  // The first few desk phones, the CTI users' ones and any phone in a call; the rest on request.
  const users = useAsync(() => get<{ items: Array<{ ctiDevice: string | null }> }>('/api/users').catch(() => ({ items: [] })), []);
  const assigned = new Set((users.data?.items ?? []).map((u) => u.ctiDevice).filter((d): d is string => Boolean(d)));
  const all = devices.data ?? [];
  const shown = showAll ? all : all.filter((d, i) => i < 4 || assigned.has(d.name) || d.state !== 'idle');

  // The desk phones change on their own (calls arrive): poll gently while shown.
  useEffect(() => {
    const timer = setInterval(devices.reload, 1000);
    return () => clearInterval(timer);
  }, [devices.reload]);

  const act = async (fn: () => Promise<unknown>): Promise<void> => {
    setError('');
    try {
      await fn();
      devices.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const incoming = (e: FormEvent): void => {
    e.preventDefault();
    void act(() => simIncoming(from, to));
  };

  return (
    <section>
      <h1>{t('demo')}</h1>
      <p className="muted">{t('demoIntro')}</p>
      <form className="card row wrap" onSubmit={incoming} aria-label={t('simulateCall')}>
        <label>{t('incomingFrom')} <input name="from" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
        <label>{t('to')} <input name="to" value={to} onChange={(e) => setTo(e.target.value)} list="demo-devices" required /></label>
        <datalist id="demo-devices">{(devices.data ?? []).map((d) => <option key={d.name} value={d.name} />)}</datalist>
        <button type="submit" className="primary">{t('simulateCall')}</button>
      </form>
      {(error || devices.error) && <p role="alert" className="error">{error || devices.error}</p>}
      <div className="desk-phones">
        {shown.map((d) => <DeskPhone key={d.name} device={d} act={act} />)}
      </div>
      {all.length > shown.length || showAll ? (
        <p>
          <button type="button" className="link" onClick={() => setShowAll(!showAll)}>
            {showAll ? t('showFewer') : t('showAllDevices', { count: all.length })}
          </button>
        </p>
      ) : null}
    </section>
  );
};

const DeskPhone = ({ device, act }: { device: SimDevice; act: (fn: () => Promise<unknown>) => Promise<void> }) => {
  const { t } = useI18n();
  const [digits, setDigits] = useState('');
  const ringing = device.state === 'ringing';
  return (
    <article className={`card desk-phone state-${device.state}`} aria-label={`${t('phone')} ${device.name}`} data-device={device.name}>
      <header className="row">
        <span className={`ring-light${ringing ? ' on' : ''}`} role="img" aria-label={ringing ? t('ringing') : device.state} />
        <strong>{device.name}</strong>
        <span className="muted small">{t('deviceState')}: {device.state}</span>
      </header>
      <div className="row">
        <button type="button" className="success" onClick={() => void act(() => simHandset(device.name, 'lift'))}>{t('lift')}</button>
        <button type="button" className="danger" onClick={() => void act(() => simHandset(device.name, 'hangup'))}>{t('hangup')}</button>
      </div>
      <output className="display" aria-label={t('number')}>{digits || '\u00a0'}</output>
      <div className="keypad" role="group" aria-label={t('keypad')}>
        {KEYS.map((k) => (
          <button key={k} type="button" onClick={() => setDigits(digits + k)}>{k}</button>
        ))}
      </div>
      <div className="row">
        <button type="button" className="icon" aria-label="Clear" onClick={() => setDigits('')}>⌫</button>
        <button type="button" className="primary" disabled={!digits} onClick={() => void act(() => simDial(device.name, digits)).then(() => setDigits(''))}>{t('dial')}</button>
      </div>
    </article>
  );
};
