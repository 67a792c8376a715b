import { PhoneLink } from '../../calls/components/PhoneLink.js';
import { ReferenceValue } from './ReferenceValue.js';
import type { EmailEntry, EntityName, FieldType, PhoneEntry } from '../api/records-api.js';

interface Props {
  type: FieldType;
  value: unknown;
  name: string;
  entity: EntityName;
  recordId: number | undefined;
}

const isPhoneEntry = (v: unknown): v is PhoneEntry => typeof v === 'object' && v !== null && 'value' in v && 'kind' in v;
const isEmailEntry = (v: unknown): v is EmailEntry => typeof v === 'object' && v !== null && 'value' in v;

/** A reference value may arrive as an id, or as `{ id, name }`. */
const referenceText = (v: unknown): string => {
  if (typeof v === 'object' && v !== null) {
    const o = v as { name?: unknown; id?: unknown };
    return typeof o.name === 'string' ? o.name : String(o.id ?? '');
  }
  return v === null || v === undefined ? '' : String(v);
};

/**
 * One field's value, read-only, by entry type. Every `phone` / `phone-list` value is a
 * click-to-dial link for CTI users (R5.1): on every screen, list and header alike.
 */
export const FieldValue = ({ type, value, name, entity, recordId }: Props) => {
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  switch (type) {
    case 'phone':
      return (
        <PhoneLink
          value={String(value)}
          target={recordId !== undefined && (entity === 'company' || entity === 'person' || entity === 'user') ? { record: { type: entity, id: recordId, field: name } } : { number: String(value) }}
        />
      );
    case 'phone-list':
      return Array.isArray(value) ? (
        <ul className="plain">
          {value.filter(isPhoneEntry).map((p, i) => (
            <li key={p.id ?? i}>
              <span className="kind">{p.kind}</span> <PhoneLink value={p.value} target={{ number: p.value }} />
            </li>
          ))}
        </ul>
      ) : null;
    case 'email':
      return <a href={`mailto:${String(value)}`}>{String(value)}</a>;
    case 'email-list':
      return Array.isArray(value) ? (
        <ul className="plain">
          {value.filter(isEmailEntry).map((e, i) => (
            <li key={i}>
              <a href={`mailto:${e.value}`}>{e.value}</a>
            </li>
          ))}
        </ul>
      ) : null;
    case 'reference':
      return typeof value === 'number' ? <ReferenceValue fieldName={name} id={value} /> : <span>{referenceText(value)}</span>;
    case 'textarea':
      return <span className="pre">{String(value)}</span>;
    case 'date':
      return <span>{String(value).slice(0, 10)}</span>;
    default:
      return <span>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</span>;
  }
};
