import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage } from '../../../lib/http.js';
import { useAsync } from '../../../lib/useAsync.js';
import { useNumberPreview } from '../../calls/hooks/useNumberPreview.js';
import { getSettings, saveSettings, type AreaCodeRule, type Settings, type SettingsPatch } from '../api/admin-api.js';
import { AreaCodeRules } from './AreaCodeRules.js';
import { DiallingCheckPanel } from './DiallingCheckPanel.js';
import { TelephonyStatusPanel } from './TelephonyStatusPanel.js';
import { ProviderSettingsForm } from './ProviderSettingsForm.js';

/** The dialling part of the settings: the provider is saved by its own form (it is tested live first). */
const toPatch = (s: Settings): SettingsPatch => {
  const { setupDone: _d, countryCallingCode: _c, provider: _p, ...rest } = s;
  return rest;
};

/**
 * System behaviour (R3.2–R3.4): the dialling fields of R3.3 (outside-line prefix,
 * country, area code, internal number length), the dialling rules (prefixes and
 * area-code rules) with their check against the phone system, a "will dial" preview,
 * and the telephony provider (issue 7).
 */
export const SystemBehaviourPage = () => {
  const { t } = useI18n();
  const loaded = useAsync(getSettings, []);
  const [s, setS] = useState<Settings | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [tryNumber, setTryNumber] = useState('');
  const [version, setVersion] = useState(0);
  const preview = useNumberPreview(tryNumber, 200, version);

  useEffect(() => {
    if (loaded.data) setS(loaded.data);
  }, [loaded.data]);

  if (loaded.error) return <p role="alert" className="error">{loaded.error}</p>;
  if (!s) return <p className="muted">{t('loading')}</p>;

  const set = (p: Partial<Settings>): void => setS({ ...s, ...p });

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setMessage('');
    setError('');
    try {
      setS(await saveSettings(toPatch(s)));
      setMessage(t('saved'));
      setVersion((k) => k + 1);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="stack">
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
            <label>{t('clientVersion')}<input name="clientVersion" value={s.clientVersion} onChange={(e) => set({ clientVersion: e.target.value })} /></label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('diallingRules')}</legend>
          <div className="grid2">
            <label>{t('longDistancePrefix')}<input name="outsidePrefixLongDistance" value={s.outsidePrefixLongDistance} onChange={(e) => set({ outsidePrefixLongDistance: e.target.value })} /></label>
            <label>{t('nationalPrefix')}<input name="nationalPrefix" value={s.nationalPrefix ?? ''} onChange={(e) => set({ nationalPrefix: e.target.value || null })} placeholder={t('countryDefault')} /></label>
            <label>{t('internationalPrefix')}<input name="internationalPrefix" value={s.internationalPrefix ?? ''} onChange={(e) => set({ internationalPrefix: e.target.value || null })} placeholder={t('countryDefault')} /></label>
          </div>
          <AreaCodeRules rules={s.areaCodeRules} onChange={(areaCodeRules: AreaCodeRule[]) => set({ areaCodeRules })} />
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
      <TelephonyStatusPanel version={version} />
      <DiallingCheckPanel version={version} />
      <ProviderSettingsForm provider={s.provider} onSaved={(provider) => { setS({ ...s, provider }); setVersion((k) => k + 1); }} />
    </div>
  );
};
