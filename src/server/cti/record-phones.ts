/** "Dial a record's phone field" (R6.4): the stored value of a person's, company's or user's phone. */
import type { RecordPhones, RecordRef } from '../../cti/ports.js';
import type { RecordService } from '../../crm/records.js';
import type { UserService } from '../../crm/users.js';

export class CrmRecordPhones implements RecordPhones {
  constructor(private readonly records: RecordService, private readonly users: UserService) {}

  async phoneOf(ref: RecordRef): Promise<string | undefined> {
    if (ref.type === 'user') {
      const u = await this.users.get(ref.id);
      return ref.field === 'extension' ? u.extension ?? undefined : ref.field === 'phone' ? u.phone ?? undefined : undefined;
    }
    const record = await this.records.get(ref.type === 'person' ? 'persons' : 'companies', ref.id);
    // `phone:<kind>` or the phone's id picks one of the phone list; otherwise a custom phone field.
    const phones = record.phones as Array<{ id: number; kind: string; value: string }>;
    if (ref.field === 'phones' || ref.field === 'phone') return phones[0]?.value;
    if (ref.field.startsWith('phone:')) {
      const which = ref.field.slice('phone:'.length);
      return phones.find((p) => p.kind === which || String(p.id) === which)?.value;
    }
    // Own fields only: `constructor`, `__proto__`, `toString` are the object's, not the record's (issue 12).
    const custom = record.custom as Record<string, unknown>;
    const value = Object.hasOwn(custom, ref.field) ? custom[ref.field] : undefined;
    return typeof value === 'string' ? value : undefined;
  }
}
