/**
 * In-memory implementations of the CTI core's ports that the database provides in the
 * product: the call log, the device directory, and the phone index the caller-ID matcher
 * queries (`WHERE key IN (...)`). Number plan and matching themselves are the real ones
 * from src/phone (see src/cti/phone-ports.ts).
 */
import type { CallLogRecord, CallLogStore, DeviceDirectory, DeviceUser } from '../../../src/cti/ports.js';
import { indexKeysFor, type IndexRow, type PhoneContext } from '../../../src/phone/index.js';

export interface IndexedPhone {
  ownerType: IndexRow['ownerType'];
  ownerId: number;
  name: string;
  phone: string;
  field?: string;
  company?: { id: number; name: string };
}

/** The phone index as a map from key to rows, filled with `indexKeysFor` like the database's. */
export class InMemoryPhoneIndex {
  private readonly rows = new Map<string, IndexRow[]>();
  /** The keys of every lookup, in order: shows matching ran once per call. */
  readonly lookups: string[][] = [];

  constructor(private readonly ctx: PhoneContext) {}

  add(p: IndexedPhone): void {
    for (const { key } of indexKeysFor(p.phone, this.ctx)) {
      const row: IndexRow = {
        key, ownerType: p.ownerType, ownerId: p.ownerId, name: p.name, phone: p.phone, field: p.field ?? 'phone',
        ...(p.company === undefined ? {} : { companyId: p.company.id, companyName: p.company.name }),
      };
      this.rows.set(key, [...(this.rows.get(key) ?? []), row]);
    }
  }

  readonly lookup = async (keys: string[]): Promise<IndexRow[]> => {
    this.lookups.push(keys);
    return keys.flatMap((k) => this.rows.get(k) ?? []);
  };
}

export class InMemoryCallLog implements CallLogStore {
  readonly records = new Map<string, CallLogRecord>();
  /** Every write, in order: shows the record was opened at start and closed at the end. */
  readonly writes: CallLogRecord[] = [];

  async upsert(record: CallLogRecord): Promise<void> {
    this.records.set(record.key, structuredClone(record));
    this.writes.push(structuredClone(record));
  }

  async listOpen(): Promise<CallLogRecord[]> {
    return [...this.records.values()].filter((r) => r.endedAt === undefined).map((r) => structuredClone(r));
  }

  forCall(callId: string): CallLogRecord[] {
    return [...this.records.values()].filter((r) => r.callId === callId);
  }
}

export class InMemoryDirectory implements DeviceDirectory {
  private readonly users = new Map<number, DeviceUser>();

  constructor(users: DeviceUser[]) {
    for (const u of users) this.users.set(u.userId, u);
  }

  set(user: DeviceUser): void {
    this.users.set(user.userId, user);
  }

  byDevice(device: string): DeviceUser | undefined {
    return [...this.users.values()].find((u) => u.device === device);
  }

  byUser(userId: number): DeviceUser | undefined {
    return this.users.get(userId);
  }
}
