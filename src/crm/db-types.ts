/**
 * A loosely typed view of the database for the generic record service, whose tables
 * and columns come from the entity specs (static names, never user input).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

export type LooseRow = Record<string, unknown>;
export type LooseDb = Kysely<Record<string, LooseRow>>;
export type Executor = Kysely<Database> | Transaction<Database>;

export const loose = (db: Executor): LooseDb => db as unknown as LooseDb;
