import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage } from '../../../lib/http.js';
import { useAsync } from '../../../lib/useAsync.js';
import { useNumberPreview } from '../../calls/hooks/useNumberPreview.js';
import { getSettings, saveSettings, type AreaCodeRule, type ProviderSettings, type Settings, type SettingsPatch } from '../api/admin-api.js';
import { AreaCodeRules } from './AreaCodeRules.js';

const PROVIDER_DEFAULTS: Record<ProviderSettings['kind'], ProviderSettings> = {
  sim: { kind: 'sim', demoCalls: false },
  sip: { kind: 'sip', listenHost: '127.0.0.1', listenPort: 5060, trunk: null },
  asterisk: { kind: 'asterisk', host: '127.0.0.1', port: 5038, username: '', secret: '', context: 'from-internal', tls: false },
};

/** The editable part of the settings; the provider is sent only when the admin changed it. */
const toPatch = (s: Settings, providerChanged: boolean): SettingsPatch => {
  const { setupDone: _d, countryCallingCode: _c, provider, ...rest } = s;
  return providerChanged ? { ...rest, provider } : rest;
};

/**
 * System behaviour (R3.2–R3.4): the dialling fields of R3.3 (outside-line prefix,
 * country, area code, internal number length), the dialling rules (prefixes and
 * area-code rules), the provider, and a "will dial" preview of a typed number.
 */
export const SystemBehaviourPage = () => {
  const { t } = useI18n();
  const loaded = useAsync(getSettings, []);
  const [s, setS] = useState<Settings | null>(null);
  const [providerChanged, setProviderChanged] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [tryNumber, setTryNumber] = useState('');
  const [previewKey, setPreviewKey] = useState(0);
  const preview = useNumberPreview(tryNumber, 200, previewKey);

  useEffect(() => {
    if (loaded.data) setS(loaded.data);
  }, [loaded.data]);

  if (loaded.error) return <p role="alert" className="error">{loaded.error}</p>;
  if (!s) return <p className="muted">{t('loading')}</p>;

  const set = (p: Partial<Settings>): void => setS({ ...s, ...p });
  const setProvider = (p: ProviderSettings): void => {
    setProviderChanged(true);
    setS({ ...s, provider: p });
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setMessage('');
    setError('');
    try {
      setS(await saveSettings(toPatch(s, providerChanged)));
      setProviderChanged(false);
      setMessage(t('saved'));
      setPreviewKey((k) => k + 1);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const p = s.provider;
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={t('system')}>
      <h2>{t('system')}</h2>
      <fieldset>
        <legend>CTI</legend>
        <div className="grid2">
          <label>{t('outsidePrefix')}<input name="outsidePrefix" value={s.outsidePrefix} onChange={(e) => set({ outsidePrefix: e.target.value })} /></label>
          <label>{t('country')}<input name="country" value={s.country} maxLength={2} onChange={(e) => set({ country: e.target.value.toUpperCase() })} /></label>
          <label>{t('countryCallingCode')}<input name="countryCallingCode" value={s.countryCallingCode} readOnly aria-readonly="true" /></label>
          <label>{t('areaCode')}<input name="areaCode" value={s.areaCode} onChange={(e) => set({ areaCode: e.target.value })} /></label>
          <label>{t('internalLength')}<input name="internalLength" type="number" min={2} max={8} value={s.internalLength} onChange={(e) => set({ internalLength: Number(e.target.value) })} /></label>
          <label>Client version<input name="clientVersion" value={s.clientVersion} onChange={(e) => set({ clientVersion: e.target.value })} /></label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('diallingRules')}</legend>
        <div className="grid2">
          <label>Long-distance prefix<input name="outsidePrefixLongDistance" value={s.outsidePrefixLongDistance} onChange={(e) => set({ outsidePrefixLongDistance: e.target.value })} /></label>
          <label>National prefix<input name="nationalPrefix" value={s.nationalPrefix ?? ''} onChange={(e) => set({ nationalPrefix: e.target.value || null })} placeholder="(country default)" /></label>
          <label>International prefix<input name="internationalPrefix" value={s.internationalPrefix ?? ''} onChange={(e) => set({ internationalPrefix: e.target.value || null })} placeholder="(country default)" /></label>
        </div>
        <AreaCodeRules rules={s.areaCodeRules} onChange={(areaCodeRules: AreaCodeRule[]) => set({ areaCodeRules })} />
      </fieldset>
      <fieldset>
        <legend>{t('provider')}</legend>
        <label className="inline">
          {t('provider')}
          <select name="provider" value={p.kind} onChange={(e) => setProvider(PROVIDER_DEFAULTS[e.target.value as ProviderSettings['kind']])}>
            <option value="sim">Simulated phone system</option>
            <option value="sip">Built-in SIP PBX</option>
            <option value="asterisk">Asterisk (AMI)</option>
          </select>
        </label>
        <div className="grid2">
          {p.kind === 'sim' && (
            <label className="check"><input type="checkbox" checked={p.demoCalls} onChange={(e) => setProvider({ ...p, demoCalls: e.target.checked })} />Demo calls</label>
          )}
          {p.kind === 'sip' && (
            <>
              <label>Listen host<input value={p.listenHost} onChange={(e) => setProvider({ ...p, listenHost: e.target.value })} /></label>
              <label>Listen port<input type="number" value={p.listenPort} onChange={(e) => setProvider({ ...p, listenPort: Number(e.target.value) })} /></label>
            </>
          )}
          {p.kind === 'asterisk' && (
            <>
              <label>Host<input value={p.host} onChange={(e) => setProvider({ ...p, host: e.target.value })} /></label>
              <label>Port<input type="number" value={p.port} onChange={(e) => setProvider({ ...p, port: Number(e.target.value) })} /></label>
              <label>Username<input value={p.username} onChange={(e) => setProvider({ ...p, username: e.target.value })} /></label>
              <label>Secret<input type="password" value={p.secret} onChange={(e) => setProvider({ ...p, secret: e.target.value })} /></label>
              <label>Context<input value={p.context} onChange={(e) => setProvider({ ...p, context: e.target.value })} /></label>
              <label className="check"><input type="checkbox" checked={p.tls} onChange={(e) => setProvider({ ...p, tls: e.target.checked })} />TLS</label>
            </>
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('previewNumber')}</legend>
        <input aria-label={t('previewNumber')} name="tryNumber" value={tryNumber} onChange={(e) => setTryNumber(e.target.value)} placeholder="+ 44 (161) 5527789" />
        <div className="small" aria-live="polite">
          {preview.error && <span className="error" role="alert">{preview.error}</span>}
          {preview.preview && (
            <span data-testid="settings-will-dial">
              {t('willDial', { dialable: preview.preview.dialable ?? '—' })} · {preview.preview.canonical} · {preview.preview.kind}
            </span>
          )}
        </div>
      </fieldset>
      {error && <p role="alert" className="error">{error}</p>}
      {message && <p role="status" className="ok">{message}</p>}
      <div className="actions"><button type="submit" className="primary">{t('save')}</button></div>
    </form>
  );
};
