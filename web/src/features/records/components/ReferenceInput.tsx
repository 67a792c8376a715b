import { useAsync } from '../../../lib/useAsync.js';
import { get } from '../../../lib/http.js';
import { getRecord, listRecords, recordTitle, type CrmRecord, type EntityPath, type RenderedField } from '../api/records-api.js';

/** Which entity a reference field points to, by its API name (companyId, personId, assignedUserId). */
export const referencedEntity = (fieldName: string): EntityPath | null =>
  /company/i.test(fieldName) ? 'companies' : /person|contact/i.test(fieldName) ? 'persons' : /user/i.test(fieldName) ? 'users' : null;

const loadOptions = async (entity: EntityPath, current: number | null): Promise<CrmRecord[]> => {
  const items = entity === 'users'
    ? (await get<{ items: CrmRecord[] }>('/api/users')).items
    : (await listRecords(entity, { limit: 200 })).items;
  if (current !== null && !items.some((r) => r.id === current)) {
    const one = await getRecord(entity, current).catch(() => null);
    if (one) items.unshift(one);
  }
  return items;
};

/** A pick-list of the referenced records, so a pre-filled company or person shows by name (R6.8). */
export const ReferenceInput = ({ field, value, onChange }: { field: RenderedField; value: unknown; onChange: (v: unknown) => void }) => {
  const entity = referencedEntity(field.name);
  const current = typeof value === 'number' ? value : value === null || value === undefined || value === '' ? null : Number(value);
  const options = useAsync(() => (entity ? loadOptions(entity, current) : Promise.resolve([])), [entity, current]);
  return (
    <select
      id={`f-${field.name}`}
      name={field.name}
      disabled={field.readOnly === true}
      value={current === null ? '' : String(current)}
      onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
    >
      <option value="">—</option>
      {current !== null && !options.data?.some((r) => r.id === current) && <option value={String(current)}>#{current}</option>}
      {(options.data ?? []).map((r) => (
        <option key={r.id} value={String(r.id)}>{recordTitle(r)}</option>
      ))}
    </select>
  );
};
