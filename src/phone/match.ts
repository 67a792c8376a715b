/**
 * Caller-ID matching (R6.6, R4.4) as a pure algorithm: the caller ID gives candidate
 * keys (match-keys.ts), an injected lookup returns the index rows for them — one
 * indexed query, prefix keys among prefix rows only; this module knows no SQL — and the
 * rows are ranked:
 *
 * 1. `exact`: the stored number is the caller's number;
 * 2. `variant`: it is the caller's number under another reading (national vs
 *    international, local in the default area);
 * 3. `prefix`: a stored switchboard number or number block is a leading part of the
 *    caller's number (longest prefix first): a direct-dial line finds its company.
 *
 * Users (colleagues) hit on their phone or extension at tiers 1–2 are listed with the
 * reason `internal` and make the call internal; a prefix hit on a user's phone is not a
 * call from that user and is left out. Every person on a number is listed (R6.6's
 * table); a value reached by several keys is listed once, at its best tier. Withheld
 * caller IDs produce no keys, so the lookup is not even called.
 */
import type { CallerMatch, MatchReason } from '../domain/call.js';
import type { PhoneContext } from './context.js';
import { candidateKeys, lookupKeys } from './match-keys.js';
import type { CandidateKeys } from './match-keys.js';

/** One hit of the index lookup. */
export interface IndexRow {
  readonly key: string;
  readonly ownerType: 'person' | 'company' | 'user';
  readonly ownerId: number;
  readonly name: string;
  readonly companyId?: number;
  readonly companyName?: string;
  /** The phone value as typed in the CRM. */
  readonly phone: string;
  /** The field it came from, e.g. `phone:mobile` or a custom column name. */
  readonly field: string;
}

/**
 * Index rows whose key is one of `keys`; `keys[prefixOnlyFrom…]` need only be looked up
 * among prefix rows (see `lookupKeys`): a lookup may ignore that and search everywhere.
 */
export type IndexLookup = (keys: string[], prefixOnlyFrom: number) => readonly IndexRow[];
export type AsyncIndexLookup = (keys: string[], prefixOnlyFrom: number) => Promise<readonly IndexRow[]>;

export interface CallerIdResult {
  /** The call comes from a colleague: an extension caller ID or a user's number. */
  readonly internal: boolean;
  readonly matches: CallerMatch[];
  /** The caller's number as read: `+E.164`, or the extension digits. */
  readonly normalised?: string;
}

type Tier = 0 | 1 | 2;

interface Ranked {
  match: CallerMatch;
  tier: Tier;
  keyLength: number;
}

const REASON: Readonly<Record<Tier, MatchReason>> = { 0: 'exact', 1: 'variant', 2: 'prefix' };

function tierOf(c: CandidateKeys, key: string): Tier | undefined {
  if (c.exact.includes(key)) return 0;
  if (c.variants.includes(key)) return 1;
  if (c.prefixes.includes(key)) return 2;
  return undefined;
}

function toMatch(row: IndexRow, reason: MatchReason): CallerMatch {
  const match: CallerMatch = { type: row.ownerType, id: row.ownerId, name: row.name, phone: row.phone, field: row.field, reason };
  if (row.companyId !== undefined && row.companyName !== undefined) match.company = { id: row.companyId, name: row.companyName };
  return match;
}

const better = (a: Ranked, b: Ranked): boolean => a.tier < b.tier || (a.tier === b.tier && a.keyLength > b.keyLength);

/** Ranks index rows for candidate keys already computed (shared by every entry point). */
export function rankRows(c: CandidateKeys, rows: readonly IndexRow[]): CallerMatch[] {
  const best = new Map<string, Ranked>();
  for (const row of rows) {
    const tier = tierOf(c, row.key);
    if (tier === undefined) continue;
    if (row.ownerType === 'user' && tier === 2) continue;
    const reason: MatchReason = row.ownerType === 'user' ? 'internal' : REASON[tier];
    const ranked: Ranked = { match: toMatch(row, reason), tier, keyLength: row.key.length };
    const id = `${row.ownerType}:${row.ownerId}:${row.field}:${row.phone}`;
    const seen = best.get(id);
    if (!seen || better(ranked, seen)) best.set(id, ranked);
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        a.tier - b.tier ||
        b.keyLength - a.keyLength ||
        a.match.name.localeCompare(b.match.name) ||
        a.match.type.localeCompare(b.match.type) ||
        a.match.id - b.match.id,
    )
    .map((r) => r.match);
}

/** Index rows → caller matches, best first. */
export const rankMatches = (callerId: string, ctx: PhoneContext, rows: readonly IndexRow[]): CallerMatch[] =>
  rankRows(candidateKeys(callerId, ctx), rows);

function resultOf(c: CandidateKeys, rows: readonly IndexRow[]): CallerIdResult {
  const matches = rankRows(c, rows);
  const internal = c.extension || matches.some((m) => m.reason === 'internal');
  const first = c.exact[0];
  const normalised = first === undefined ? undefined : c.extension ? first.slice(1) : `+${first}`;
  return normalised === undefined ? { internal, matches } : { internal, matches, normalised };
}

/** Matches a caller ID with a synchronous lookup (better-sqlite3). */
export function matchCallerId(callerId: string, ctx: PhoneContext, lookup: IndexLookup): CallerIdResult {
  const c = candidateKeys(callerId, ctx);
  const { keys, prefixOnlyFrom } = lookupKeys(c);
  return resultOf(c, keys.length === 0 ? [] : lookup(keys, prefixOnlyFrom));
}

/** Matches a caller ID with an asynchronous lookup (PostgreSQL); same logic. */
export async function matchCallerIdAsync(callerId: string, ctx: PhoneContext, lookup: AsyncIndexLookup): Promise<CallerIdResult> {
  const c = candidateKeys(callerId, ctx);
  const { keys, prefixOnlyFrom } = lookupKeys(c);
  return resultOf(c, keys.length === 0 ? [] : await lookup(keys, prefixOnlyFrom));
}
