/**
 * Numbers as the CRM uses them: the dialling preview of a typed number (R6.5, R3.3),
 * caller-ID matching against the index (R6.6), attaching an unmatched number to a
 * record, and rebuilding the index after the default country changes.
 */
import { AppError } from '../domain/errors.js';
import type { Db } from '../db/database.js';
import {
  describeTranslation, formatCanonical, formatNational, matchCallerId, matchCallerIdAsync, translate, validateTypedNumber,
  type CallerIdResult, type CallKind,
} from '../phone/index.js';
import type { PhoneKind } from './entities.js';
import { phoneIndexLookup, type PhoneIndexLookup } from './phone-index.js';
import { locationOf, phoneContextOf } from './phone-settings.js';
import type { RecordOut, RecordService } from './records.js';
import type { SettingsService } from './settings.js';

export interface NumberPreview {
  e164: string | null;
  canonical: string | null;
  national: string | null;
  dialable: string;
  kind: CallKind;
  /** e.g. `will dial 9 011 44 161 5527789 (international)`. */
  preview: string;
}

export class PhoneService {
  /** The caller-ID index lookup, one per database (the CTI's matcher uses it too). */
  readonly lookup: PhoneIndexLookup;

  constructor(private readonly db: Db, private readonly settings: SettingsService, private readonly records: RecordService) {
    this.lookup = phoneIndexLookup(db);
  }

  /** A number typed in the call screen (R6.5) → what will be dialled, or 422 with the reason. */
  preview(input: string): NumberPreview {
    const s = this.settings.get();
    const typed = validateTypedNumber(input, phoneContextOf(s));
    if (!typed.ok) {
      throw new AppError('invalid-phone-number', typed.message, { reason: typed.reason, ...(typed.offending ? { char: typed.offending.char, position: typed.offending.index + 1 } : {}) });
    }
    return this.translateOrThrow(input, typed.kind === 'number' ? typed.e164 : null, typed.kind === 'number' ? typed.canonical : null);
  }

  /** Any stored phone value (R5.4: any format) → what will be dialled. */
  dialPlanOf(raw: string): NumberPreview {
    return this.translateOrThrow(raw, null, null);
  }

  private translateOrThrow(input: string, e164: string | null, canonical: string | null): NumberPreview {
    const t = translate(input, locationOf(this.settings.get()));
    if (!t.ok) throw new AppError('invalid-phone-number', `Cannot dial ${JSON.stringify(input)}: ${t.reason}`, { reason: t.reason });
    const number = e164 ?? t.e164 ?? null;
    return {
      e164: number,
      canonical: canonical ?? (number ? formatCanonical(number) : null),
      national: number ? formatNational(number) : null,
      dialable: t.dialable,
      kind: t.kind,
      preview: describeTranslation(t),
    };
  }

  /** Who is calling (R6.6): synchronous on SQLite, one query on PostgreSQL. */
  /** Whether the caller-ID lookup runs at full speed yet (SQLite builds a filter at start-up). */
  lookupWarm(): boolean {
    return this.lookup.filterReady?.() ?? true;
  }

  match(callerId: string): Promise<CallerIdResult> {
    const ctx = phoneContextOf(this.settings.get());
    if (this.lookup.sync) return Promise.resolve(matchCallerId(callerId, ctx, this.lookup.sync));
    return matchCallerIdAsync(callerId, ctx, this.lookup.async);
  }

  /** "This is Arthur's new mobile": adds the number to a person's or company's phones. */
  async attach(number: string, type: 'person' | 'company', id: number, kind: PhoneKind = 'other'): Promise<RecordOut> {
    const entity = type === 'person' ? 'persons' : 'companies';
    const record = await this.records.get(entity, id);
    const phones = (record.phones as Array<{ kind: string; value: string }>).map((p) => ({ kind: p.kind, value: p.value }));
    if (!phones.some((p) => p.value === number)) phones.push({ kind, value: number });
    return this.records.update(entity, id, { phones });
  }
}
