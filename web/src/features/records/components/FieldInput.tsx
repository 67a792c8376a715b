import type { PhoneEntry, PhoneKind, RenderedField } from '../api/records-api.js';
import { ReferenceInput } from './ReferenceInput.js';

const PHONE_KINDS: readonly PhoneKind[] = ['business', 'direct', 'mobile', 'home', 'fax', 'switchboard', 'other'];

interface Props {
  field: RenderedField;
  value: unknown;
  onChange: (v: unknown) => void;
}

const asPhones = (v: unknown): PhoneEntry[] => (Array.isArray(v) ? (v as PhoneEntry[]) : []);
const asEmails = (v: unknown): Array<{ kind: string; value: string }> => (Array.isArray(v) ? (v as Array<{ kind: string; value: string }>) : []);
const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? String((v as { id?: unknown }).id ?? '') : String(v));

/** One field's editor, by entry type; numbers are stored as typed (R5.4). */
export const FieldInput = ({ field, value, onChange }: Props) => {
  const common = { id: `f-${field.name}`, name: field.name, disabled: field.readOnly === true };
  const size = field.width ?? undefined;
  const maxLength = field.maxLength ?? undefined;
  switch (field.type) {
    case 'textarea':
      return <textarea {...common} value={text(value)} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} rows={3} />;
    case 'number':
      return <input {...common} type="number" value={text(value)} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} />;
    case 'date':
      return <input {...common} type="date" value={text(value).slice(0, 10)} onChange={(e) => onChange(e.target.value)} />;
    case 'select':
      return (
        <select {...common} value={text(value)} onChange={(e) => onChange(e.target.value)}>
          <option value="" />
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      );
    case 'reference':
      return <ReferenceInput field={field} value={value} onChange={onChange} />;
    case 'phone-list': {
      const phones = asPhones(value);
      const set = (i: number, p: Partial<PhoneEntry>): void => onChange(phones.map((x, j) => (j === i ? { ...x, ...p } : x)));
      return (
        <div className="multi" id={common.id}>
          {phones.map((p, i) => (
            <div key={i} className="row">
              <select aria-label={`${field.caption} ${i + 1} kind`} value={p.kind} onChange={(e) => set(i, { kind: e.target.value as PhoneKind })} disabled={common.disabled}>
                {PHONE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
              <input aria-label={`${field.caption} ${i + 1}`} type="tel" value={p.value} onChange={(e) => set(i, { value: e.target.value })} disabled={common.disabled} />
              <button type="button" className="icon" aria-label={`Remove ${field.caption} ${i + 1}`} onClick={() => onChange(phones.filter((_, j) => j !== i))}>✕</button>
            </div>
          ))}
          <button type="button" className="small" onClick={() => onChange([...phones, { kind: 'business', value: '' }])}>+ {field.caption}</button>
        </div>
      );
    }
    case 'email-list': {
      const emails = asEmails(value);
      return (
        <div className="multi" id={common.id}>
          {emails.map((m, i) => (
            <div key={i} className="row">
              <input aria-label={`${field.caption} ${i + 1}`} type="email" value={m.value} onChange={(e) => onChange(emails.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
              <button type="button" className="icon" aria-label={`Remove ${field.caption} ${i + 1}`} onClick={() => onChange(emails.filter((_, j) => j !== i))}>✕</button>
            </div>
          ))}
          <button type="button" className="small" onClick={() => onChange([...emails, { kind: 'business', value: '' }])}>+ {field.caption}</button>
        </div>
      );
    }
    default:
      return (
        <input
          {...common}
          type={field.type === 'email' ? 'email' : field.type === 'phone' ? 'tel' : 'text'}
          value={text(value)}
          maxLength={maxLength}
          size={size}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
};
