/**
 * Database errors caused by the request's values, as catalogue codes (issue 12): a value
 * the column cannot hold (PostgreSQL class 22: an id over 2^31, text where a number is
 * due) is the request's fault, 400; a link to a missing row 422; a duplicate 409. Routes
 * check what they can first, with a message naming the field; this is the net under them,
 * so bad input is never a 500. Pure: unit-tested against both drivers' error codes.
 */
import type { ErrorCode } from '../domain/errors.js';

/** PostgreSQL SQLSTATE (Appendix A) and better-sqlite3 extended result codes. */
const BY_CODE: Record<string, ErrorCode> = {
  '22001': 'validation-failed', // string_data_right_truncation
  '22003': 'validation-failed', // numeric_value_out_of_range
  '22007': 'validation-failed', // invalid_datetime_format
  '22008': 'validation-failed', // datetime_field_overflow
  '22021': 'validation-failed', // character_not_in_repertoire (NUL in text)
  '22P02': 'validation-failed', // invalid_text_representation
  '23503': 'unprocessable', // foreign_key_violation
  '23505': 'conflict', // unique_violation
  'SQLITE_CONSTRAINT_FOREIGNKEY': 'unprocessable',
  'SQLITE_CONSTRAINT_UNIQUE': 'conflict',
  'SQLITE_CONSTRAINT_PRIMARYKEY': 'conflict',
  'SQLITE_MISMATCH': 'validation-failed',
  'SQLITE_TOOBIG': 'validation-failed',
};

/** The catalogue code for a database error the request's values caused, or null for any other error. */
export function databaseErrorCode(err: unknown): ErrorCode | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, name } = err as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && code in BY_CODE) {
    // pg errors are DatabaseError; better-sqlite3's are SqliteError. Node's own errors never use these codes.
    if (name === 'error' || name === 'DatabaseError' || name === 'SqliteError') return BY_CODE[code] ?? null;
  }
  return null;
}
