import type { CrmRecord, EntityName } from '../api/records-api.js';
import { recordTitle } from '../api/records-api.js';
import { PhoneLink } from '../../calls/components/PhoneLink.js';

/** The main phone: switchboard, then business, then the first one. */
export const mainPhone = (r: CrmRecord): string | undefined => {
  const phones = r.phones ?? [];
  return (phones.find((p) => p.kind === 'switchboard') ?? phones.find((p) => p.kind === 'business') ?? phones[0])?.value;
};

/** Name and main phone at the top of company and person pages; the phone dials (R6.4). */
export const ContextHeader = ({ record, entity }: { record: CrmRecord; entity: EntityName }) => {
  const phone = mainPhone(record);
  return (
    <header className="context-header" aria-label="Context">
      <div>
        <div className="entity-kind">{entity}</div>
        <h1>{recordTitle(record)}</h1>
        {entity === 'person' && record.companyName && record.companyId ? (
          <a href={`#/companies/${record.companyId}`}>{record.companyName}</a>
        ) : null}
      </div>
      {phone && (
        <div className="context-phone">
          <PhoneLink value={phone} target={{ number: phone }} />
        </div>
      )}
    </header>
  );
};
