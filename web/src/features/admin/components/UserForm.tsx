import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { errorMessage } from '../../../lib/http.js';
import { useAsync } from '../../../lib/useAsync.js';
import { CTI_CALL_SCREENS, type CtiCallScreen, type User } from '../../auth/api/auth-api.js';
import { checkDevice, createUser, listDevices, updateUser, type UserInput } from '../api/admin-api.js';

interface Props {
  user: User | null;
  onSaved: (u: User) => void;
}

/** A device's registration in words (R2.6): `available` means the phone system can reach it. */
const DEVICE_STATUS_WORD = { available: 'deviceRegistered', unavailable: 'deviceNotRegistered', unknown: 'deviceStateUnknown' } as const;

const blank: UserInput = { login: '', name: '', role: 'agent', phone: '', extension: '', locale: 'en', ctiEnabled: false, ctiDevice: '', ctiCallScreen: 'new-case', alwaysShowCallScreen: false };

/**
 * One user. Ticking *CTI enabled* reveals *CTI device name* (with a pick-list of the
 * provider's devices, R2.6) and *CTI call screen* (R4.1–R4.3); saving takes effect at
 * once (R4.5); *Check device* says clearly whether the device is reachable (R4.6).
 */
export const UserForm = ({ user, onSaved }: Props) => {
  const { t, messages } = useI18n();
  const [u, setU] = useState<UserInput>(user ? { ...user } : { ...blank });
  const [error, setError] = useState('');
  const [check, setCheck] = useState<{ ok: boolean; message: string } | null>(null);
  const devices = useAsync(() => (u.ctiEnabled ? listDevices() : Promise.resolve([])), [u.ctiEnabled]);
  const set = (p: Partial<UserInput>): void => setU((old) => ({ ...old, ...p }));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError('');
    try {
      const { id: _id, ...rest } = u as UserInput & { id?: number };
      const body: UserInput = { ...rest, ctiDevice: rest.ctiDevice || null, phone: rest.phone || null, extension: rest.extension || null };
      if (!body.password) delete body.password;
      const saved = user ? await updateUser(user.id, body) : await createUser(body);
      onSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const runCheck = async (): Promise<void> => {
    setCheck(null);
    try {
      setCheck(await checkDevice(u.ctiDevice ?? ''));
    } catch (err) {
      setCheck({ ok: false, message: errorMessage(err) });
    }
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={user ? user.name : t('newUser')}>
      <h2>{user ? user.name : t('newUser')}</h2>
      <div className="grid2">
        <label>{t('loginField')}<input name="login" value={u.login ?? ''} onChange={(e) => set({ login: e.target.value })} required /></label>
        <label>{t('name')}<input name="name" value={u.name ?? ''} onChange={(e) => set({ name: e.target.value })} required /></label>
        <label>{t('password')}<input name="password" type="password" autoComplete="new-password" value={u.password ?? ''} onChange={(e) => set({ password: e.target.value })} required={!user} /></label>
        <label>
          {t('role')}
          <select name="role" value={u.role} onChange={(e) => set({ role: e.target.value as User['role'] })}>
            <option value="agent">agent</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <label>{t('phone')}<input name="phone" type="tel" value={u.phone ?? ''} onChange={(e) => set({ phone: e.target.value })} /></label>
        <label>{t('extension')}<input name="extension" value={u.extension ?? ''} onChange={(e) => set({ extension: e.target.value })} /></label>
        <label>
          {t('locale')}
          <select name="locale" value={u.locale} onChange={(e) => set({ locale: e.target.value as User['locale'] })}>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
      </div>
      <label className="check">
        <input type="checkbox" name="ctiEnabled" checked={u.ctiEnabled ?? false} onChange={(e) => set({ ctiEnabled: e.target.checked })} />
        {t('ctiEnabled')}
      </label>
      {u.ctiEnabled && (
        <fieldset>
          <legend>CTI</legend>
          <div className="grid2">
            <div className="field-group">
              <label htmlFor="cti-device">{t('ctiDevice')}</label>
              <span className="row">
                <input id="cti-device" name="ctiDevice" list="cti-devices" value={u.ctiDevice ?? ''} onChange={(e) => setU((old) => ({ ...old, ctiDevice: e.target.value }))} />
                <button type="button" onClick={() => void runCheck()} disabled={!u.ctiDevice}>{t('checkDevice')}</button>
              </span>
              {devices.error && <span className="muted small">{devices.error}</span>}
              <datalist id="cti-devices">
                {(devices.data ?? []).map((d) => <option key={d.name} value={d.name}>{t(DEVICE_STATUS_WORD[d.status])}</option>)}
              </datalist>
            </div>
            {(devices.data ?? []).length > 0 && (
              <label>
                {t('ctiDevice')} (list)
                <select aria-label={`${t('ctiDevice')} list`} value={u.ctiDevice ?? ''} onChange={(e) => set({ ctiDevice: e.target.value })}>
                  <option value="" />
                  {(devices.data ?? []).map((d) => <option key={d.name} value={d.name}>{d.name} · {t(DEVICE_STATUS_WORD[d.status])}</option>)}
                </select>
              </label>
            )}
            <label>
              {t('ctiCallScreen')}
              <select name="ctiCallScreen" value={u.ctiCallScreen} onChange={(e) => set({ ctiCallScreen: e.target.value as CtiCallScreen })}>
                {CTI_CALL_SCREENS.map((s) => <option key={s} value={s}>{messages.screenNames[s]}</option>)}
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={u.alwaysShowCallScreen ?? false} onChange={(e) => set({ alwaysShowCallScreen: e.target.checked })} />
              {t('alwaysShow')}
            </label>
          </div>
          {check && <p role="status" className={check.ok ? 'ok' : 'error'} data-testid="device-check">{check.ok ? '✓ ' : '✗ '}{check.message}</p>}
        </fieldset>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="actions"><button type="submit" className="primary">{t('save')}</button></div>
    </form>
  );
};
