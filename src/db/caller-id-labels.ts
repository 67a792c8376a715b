/**
 * The SQL that keeps the caller-ID index self-sufficient (migration 005): each
 * `phone_index` row carries its owner's label (name; a person's company) and whether it
 * is a prefix row (a number block, or a number its plan allows to be longer: see
 * `canBePrefix` in src/phone/match-keys.ts). A caller-ID lookup then reads index rows
 * and no record, and looks prefix keys up in the partial index of prefix rows. The
 * database keeps the labels (triggers on insert and on every rename), so no writer can
 * forget them; `calling_code_lengths` is its copy of the numbering plans'
 * longest national lengths, refreshed at start-up (src/crm/phone-plan-sync.ts).
 *
 * Only fixed SQL here: the one variable part is which column holds the key.
 */
import { sql, type RawBuilder } from 'kysely';

/** 1 when a row with this key (and block flag) can match a prefix of a longer caller ID. */
export const prefixFlagSql = (key: 'key' | 'NEW.key', block: 'block' | 'NEW.block'): RawBuilder<number> => sql<number>`CASE
  WHEN ${sql.raw(block)} = 1 THEN 1
  WHEN substr(${sql.raw(key)}, 1, 1) = 'x' THEN 0
  ELSE COALESCE((SELECT CASE WHEN l.max_national_length = 0 OR length(${sql.raw(key)}) - length(l.calling_code) < l.max_national_length THEN 1 ELSE 0 END
                   FROM calling_code_lengths l
                  WHERE l.calling_code IN (substr(${sql.raw(key)}, 1, 1), substr(${sql.raw(key)}, 1, 2), substr(${sql.raw(key)}, 1, 3))), 1)
END`;
