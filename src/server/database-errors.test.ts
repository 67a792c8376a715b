import { describe, expect, it } from 'vitest';
import { databaseErrorCode } from './database-errors.js';

const pg = (code: string) => Object.assign(new Error('pg'), { name: 'error', code });
const sqlite = (code: string) => Object.assign(new Error('sqlite'), { name: 'SqliteError', code });

describe('database errors the request caused are catalogue codes, never 500s (issue 12)', () => {
  it.each([
    [pg('22003'), 'validation-failed'], [pg('22P02'), 'validation-failed'], [pg('22001'), 'validation-failed'],
    [pg('23503'), 'unprocessable'], [pg('23505'), 'conflict'],
    [sqlite('SQLITE_CONSTRAINT_FOREIGNKEY'), 'unprocessable'], [sqlite('SQLITE_CONSTRAINT_UNIQUE'), 'conflict'],
  ])('%s → %s', (err, code) => {
    expect(databaseErrorCode(err)).toBe(code);
  });

  it('leaves every other error alone (a lost connection, a bug) so it is logged as a 500', () => {
    for (const err of [pg('57P01'), pg('08006'), sqlite('SQLITE_BUSY'), new TypeError('x'), Object.assign(new Error('fs'), { code: '22003' }), null, 'text']) {
      expect(databaseErrorCode(err)).toBeNull();
    }
  });
});
