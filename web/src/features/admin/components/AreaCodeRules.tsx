import type { AreaCodeRule } from '../api/admin-api.js';

/** Area-code rules (R3.4), as in the TAPI dialling-rules model: add, edit, remove. */
export const AreaCodeRules = ({ rules, onChange }: { rules: readonly AreaCodeRule[]; onChange: (r: AreaCodeRule[]) => void }) => {
  const set = (i: number, p: Partial<AreaCodeRule>): void => onChange(rules.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <div>
      <h3>Area-code rules</h3>
      <table className="table">
        <thead>
          <tr><th>Area code</th><th>Dial area code</th><th>Dial national prefix</th><th>Local prefixes</th><th><span className="sr-only">Remove</span></th></tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={i}>
              <td><input aria-label={`Rule ${i + 1} area code`} className="narrow" value={r.areaCode} onChange={(e) => set(i, { areaCode: e.target.value })} /></td>
              <td><input aria-label={`Rule ${i + 1} dial area code`} type="checkbox" checked={r.dialAreaCode} onChange={(e) => set(i, { dialAreaCode: e.target.checked })} /></td>
              <td><input aria-label={`Rule ${i + 1} dial national prefix`} type="checkbox" checked={r.dialNationalPrefix} onChange={(e) => set(i, { dialNationalPrefix: e.target.checked })} /></td>
              <td>
                <input
                  aria-label={`Rule ${i + 1} local prefixes`}
                  value={(r.localPrefixes ?? []).join(', ')}
                  onChange={(e) => set(i, { localPrefixes: e.target.value.split(/[\s,]+/).filter(Boolean) })}
                  placeholder="all"
                />
              </td>
              <td><button type="button" className="icon" aria-label={`Remove rule ${i + 1}`} onClick={() => onChange(rules.filter((_, j) => j !== i))}>✕</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="small" onClick={() => onChange([...rules, { areaCode: '', dialAreaCode: true, dialNationalPrefix: true }])}>+ Area-code rule</button>
    </div>
  );
};
