import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage } from '../../../lib/http.js';
import { saveSettings, type ProviderKind, type ProviderSettings } from '../api/admin-api.js';
import { formProblems, KEPT_SECRET, switchKind, toForm, toProvider, type ProviderField, type ProviderForm } from '../provider-form.js';
import { SipSettingsFields } from './SipSettingsFields.js';

interface Props {
  provider: ProviderSettings;
  onSaved: (p: ProviderSettings) => void;
}

type TextField = ProviderField | 'transferContext' | 'holdContext' | 'agentDevicePattern';

/**
 * The connector's configuration (issue 7). Saving sends only `{ provider }`: the server
 * tests the connection live first and answers 422 with the reason when it fails; the
 * reason is shown here and nothing is saved. The secret is write-only.
 */
export const ProviderSettingsForm = ({ provider, onSaved }: Props) => {
  const { t, messages } = useI18n();
  const [f, setF] = useState<ProviderForm>(() => toForm(provider));
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const problems = shown ? formProblems(f) : [];
  const problemOf = (field: ProviderField) => problems.find((p) => p.field === field);
  const sipProblems = f.kind === 'sip' ? problems : [];
  const set = (p: Partial<ProviderForm>): void => {
    setMessage('');
    setF({ ...f, ...p });
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setShown(true);
    setMessage('');
    setError('');
    const next = toProvider(f);
    if (!next) return;
    setBusy(true);
    try {
      const saved = (await saveSettings({ provider: next })).provider;
      setF(toForm(saved));
      setShown(false);
      setMessage(t('providerSaved'));
      onSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const text = (field: TextField, extra: { type?: string; required?: boolean } = {}) => {
    const problem = field === 'host' || field === 'port' || field === 'username' || field === 'originateContext' ? problemOf(field) : undefined;
    return (
      <label>
        {t(field)}
        <input name={field} type={extra.type ?? 'text'} value={f[field]} required={extra.required} aria-invalid={problem ? true : undefined} onChange={(e) => set({ [field]: e.target.value })} />
        {problem && <span className="field-error">{problem.problem === 'port' ? t('badPort') : t('required')}</span>}
      </label>
    );
  };

  const kinds: ProviderKind[] = ['sim', 'asterisk', 'sip'];
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={t('provider')} noValidate>
      <h2>{t('provider')}</h2>
      <label className="inline">
        {t('provider')}
        <select name="provider" value={f.kind} onChange={(e) => set(switchKind(f, e.target.value as ProviderKind))}>
          {kinds.map((k) => <option key={k} value={k}>{messages.providerKinds[k]}</option>)}
        </select>
      </label>
      {f.kind === 'sim' && (
        <label className="check"><input type="checkbox" name="demoCalls" checked={f.demoCalls} onChange={(e) => set({ demoCalls: e.target.checked })} />{t('demoCalls')}</label>
      )}
      {f.kind === 'asterisk' && (
        <div className="grid2">
          {text('host', { required: true })}
          {text('port', { type: 'number', required: true })}
          {text('username', { required: true })}
          <label>
            {t('secret')}
            <input name="secret" type="password" autoComplete="new-password" value={f.secret} onChange={(e) => set({ secret: e.target.value })} aria-describedby="secret-help" />
            {f.secret === KEPT_SECRET && <span id="secret-help" className="muted small">{t('secretKept')}</span>}
          </label>
          {text('originateContext', { required: true })}
          {text('transferContext')}
          {text('holdContext')}
          {text('agentDevicePattern')}
          <label className="check"><input type="checkbox" name="tls" checked={f.tls} onChange={(e) => set({ tls: e.target.checked })} />{t('tls')}</label>
        </div>
      )}
      {f.kind === 'sip' && <SipSettingsFields sip={f.sip} problems={sipProblems} onChange={(sip) => set({ sip: { ...f.sip, ...sip } })} />}
      {error && <p role="alert" className="error" data-testid="provider-error">{error}</p>}
      {message && <p role="status" className="ok">{message}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('testingProvider') : t('saveProvider')}</button>
      </div>
    </form>
  );
};
