import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import type { AreaCodeRule } from '../api/admin-api.js';

/** Area-code rules (R3.4), as in the TAPI dialling-rules model: add, edit, remove. */
export const AreaCodeRules = ({ rules, onChange }: { rules: readonly AreaCodeRule[]; onChange: (r: AreaCodeRule[]) => void }) => {
  const { t } = useI18n();
  const set = (i: number, p: Partial<AreaCodeRule>): void => onChange(rules.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const label = (i: number, field: string): string => t('ruleField', { n: i + 1, field });
  return (
    <div>
      <h3>{t('areaCodeRules')}</h3>
      {rules.length > 0 && (
        <table className="table">
          <thead>
            <tr><th>{t('ruleAreaCode')}</th><th>{t('dialAreaCode')}</th><th>{t('dialNationalPrefix')}</th><th>{t('localPrefixes')}</th><th><span className="sr-only">{t('delete')}</span></th></tr>
          </thead>
          <tbody>
            {rules.map((r, i) => (
              <tr key={i}>
                <td><input aria-label={label(i, t('ruleAreaCode'))} className="narrow" inputMode="numeric" value={r.areaCode} onChange={(e) => set(i, { areaCode: e.target.value })} /></td>
                <td><input aria-label={label(i, t('dialAreaCode'))} type="checkbox" checked={r.dialAreaCode} onChange={(e) => set(i, { dialAreaCode: e.target.checked })} /></td>
                <td><input aria-label={label(i, t('dialNationalPrefix'))} type="checkbox" checked={r.dialNationalPrefix} onChange={(e) => set(i, { dialNationalPrefix: e.target.checked })} /></td>
                <td>
                  <PrefixesInput
                    // Rows have no id: after an add or remove, each input starts again from its rule.
                    key={rules.length}
                    label={label(i, t('localPrefixes'))}
                    placeholder={t('allPrefixes')}
                    value={r.localPrefixes ?? []}
                    onChange={(localPrefixes) => {
                      // No prefixes means "all": the field is left out rather than sent empty.
                      const { localPrefixes: _old, ...rest } = r;
                      onChange(rules.map((x, j) => (j === i ? (localPrefixes.length ? { ...rest, localPrefixes } : rest) : x)));
                    }}
                  />
                </td>
                <td><button type="button" className="icon" aria-label={t('removeRule', { n: i + 1 })} onClick={() => onChange(rules.filter((_, j) => j !== i))}>✕</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="small" onClick={() => onChange([...rules, { areaCode: '', dialAreaCode: true, dialNationalPrefix: true }])}>+ {t('addAreaCodeRule')}</button>
    </div>
  );
};

/** Prefixes typed as "734, 735": the text is kept as typed, so a comma or space can be typed before the next one. */
const PrefixesInput = ({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: readonly string[]; onChange: (v: string[]) => void }) => {
  const [text, setText] = useState(value.join(', '));
  return (
    <input
      aria-label={label}
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.split(/[\s,]+/).filter(Boolean));
      }}
    />
  );
};
