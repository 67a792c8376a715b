import { useI18n, type Translate } from '../../../i18n/i18n.js';
import { KEPT_SECRET } from '../provider-form.js';
import type { ProviderProblem } from '../provider-form.js';
import type { SipField, SipForm } from '../sip-form.js';

interface Props {
  sip: SipForm;
  problems: ProviderProblem[];
  onChange: (p: Partial<SipForm>) => void;
}

type SipText = 'listenHost' | 'listenPort' | 'mediaHost' | 'realm' | 'trunkHost' | 'trunkPort' | 'trunkPrefix' | 'defaultDevice' | 'trunkUsername';

const LABELS: Record<SipText, Parameters<Translate>[0]> = {
  listenHost: 'sipListenHost', listenPort: 'sipListenPort', mediaHost: 'sipMediaHost', realm: 'sipRealm', trunkHost: 'sipTrunkHost',
  trunkPort: 'sipTrunkPort', trunkPrefix: 'sipTrunkPrefix', defaultDevice: 'sipDefaultDevice', trunkUsername: 'sipTrunkUsername',
};

/**
 * The built-in SIP server's settings (docs/sip.md): where it listens, the realm (changing
 * it means setting every SIP password again), the trunk with its DID table, and how each
 * device's phone is answered from the page (R6.7).
 */
export const SipSettingsFields = ({ sip, problems, onChange }: Props) => {
  const { t } = useI18n();
  const problemOf = (field: SipField) => problems.find((p) => p.field === field);
  const problemText = (field: SipField): string | null => {
    const p = problemOf(field);
    if (!p) return null;
    if (p.problem === 'port') return t('badPort');
    if (p.problem === 'required') return t('required');
    return 'line' in p && p.line !== undefined ? t('sipBadLine', { line: p.line }) : t('sipInvalid');
  };
  const text = (field: SipText, extra: { type?: string; help?: string } = {}) => {
    const problem = field === 'mediaHost' || field === 'defaultDevice' || field === 'trunkUsername' ? null : problemText(field);
    return (
      <label>
        {t(LABELS[field])}
        <input name={`sip-${field}`} type={extra.type ?? 'text'} value={sip[field]} aria-invalid={problem ? true : undefined} onChange={(e) => onChange({ [field]: e.target.value })} />
        {extra.help && <span className="muted small">{extra.help}</span>}
        {problem && <span className="field-error">{problem}</span>}
      </label>
    );
  };
  const transportsProblem = problemText('transports');
  const didsProblem = problemText('dids');
  const autoAnswerProblem = problemText('autoAnswer');
  return (
    <div className="sip-settings" data-testid="sip-settings">
      <div className="grid2">
        {text('listenHost')}
        {text('listenPort', { type: 'number' })}
        <fieldset>
          <legend>{t('sipTransports')}</legend>
          <label className="check"><input type="checkbox" name="sip-udp" checked={sip.udp} onChange={(e) => onChange({ udp: e.target.checked })} />UDP</label>
          <label className="check"><input type="checkbox" name="sip-tcp" checked={sip.tcp} onChange={(e) => onChange({ tcp: e.target.checked })} />TCP</label>
          {transportsProblem && <span className="field-error">{transportsProblem}</span>}
        </fieldset>
        {text('mediaHost', { help: t('sipMediaHostHelp') })}
        {text('realm', { help: t('sipRealmHelp') })}
      </div>
      <label>
        {t('sipAutoAnswer')}
        <textarea name="sip-autoAnswer" rows={3} value={sip.autoAnswer} placeholder="1001 always" aria-invalid={autoAnswerProblem ? true : undefined} onChange={(e) => onChange({ autoAnswer: e.target.value })} />
        <span className="muted small">{t('sipAutoAnswerHelp')}</span>
        {autoAnswerProblem && <span className="field-error">{autoAnswerProblem}</span>}
      </label>
      <label className="check"><input type="checkbox" name="sip-trunk" checked={sip.trunk} onChange={(e) => onChange({ trunk: e.target.checked })} />{t('sipTrunk')}</label>
      {sip.trunk && (
        <fieldset>
          <legend>{t('sipTrunk')}</legend>
          <div className="grid2">
            {text('trunkHost')}
            {text('trunkPort', { type: 'number' })}
            {text('trunkPrefix', { help: t('sipTrunkPrefixHelp') })}
            {text('defaultDevice')}
            {text('trunkUsername')}
            <label>
              {t('sipTrunkPassword')}
              <input name="sip-trunkPassword" type="password" autoComplete="new-password" value={sip.trunkPassword} onChange={(e) => onChange({ trunkPassword: e.target.value })} />
              {sip.trunkPassword === KEPT_SECRET && <span className="muted small">{t('secretKept')}</span>}
            </label>
          </div>
          <label>
            {t('sipDids')}
            <textarea name="sip-dids" rows={3} value={sip.dids} placeholder="2125551001 1001" aria-invalid={didsProblem ? true : undefined} onChange={(e) => onChange({ dids: e.target.value })} />
            <span className="muted small">{t('sipDidsHelp')}</span>
            {didsProblem && <span className="field-error">{didsProblem}</span>}
          </label>
        </fieldset>
      )}
    </div>
  );
};
