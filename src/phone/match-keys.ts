/**
 * The keys of the caller-ID index (R6.6). The index maps keys to CRM phone values; one
 * query `WHERE key IN (candidateKeys…)` finds every candidate for a caller ID.
 *
 * Keys are digit strings:
 * - `number`: the E.164 digits of a stored value, without `+` (`442075550123`). Every
 *   number key also serves as a prefix key: a stored switchboard number that is a
 *   leading part of a longer caller ID finds its direct-dial lines;
 * - `block`: the stem of a value typed as a number block — ending in `-0`, `/0`, `x…`,
 *   `...` or `…` (`0211 12345-0` → `4921112345`, `+1 212 555 01xx` → `121255501`), or
 *   written without a marker, one to four digits short of a number of its plan
 *   (`+1 (415) 555-01` → `141555501`): it is only ever hit as a prefix of a caller ID;
 * - `extension`: `x` and the digits of a value that is exactly `internalLength` digits
 *   (a colleague's extension, R4.4), e.g. `x1234`.
 *
 * The caller side (`candidateKeys`) is the hot path of every incoming call, so it uses
 * no number parser: only string work and numbering-plan facts cached per country
 * (IDD pattern, trunk prefix, possible lengths). Readings:
 * - exact: the unambiguous forms: `+…`, IDD prefix + …, trunk prefix + national number,
 *   or a national number of the default country's length (`2125550100` in the US);
 * - variants: the other plausible readings: a local number in the default area
 *   (`5550100` in US/202), an international number without `+` (`442075550123`) and
 *   one after another country's international prefix (`0044…` in the US);
 * - prefixes: every leading part of the exact key (or, with no exact reading, of each
 *   variant) from its length − 1 down to `MIN_PREFIX_DIGITS`.
 *
 * Most stored numbers can never be a prefix of a caller ID: a NANP number has all its
 * 10 digits, so no longer US number starts with it. Only number blocks and numbers of
 * plans with longer possible lengths (DE, AT, IT…) can (`canBePrefix`). The index marks
 * those rows, so the prefix keys of a caller ID are looked up among them alone — a
 * small index — instead of all rows: `lookupKeys` says which keys may be. A prefix key
 * that cannot itself be a prefix (an over-long caller ID's full-length part) is looked
 * up among all rows, so the result is the same as looking every key up everywhere.
 */
import { planOf } from './context.js';
import type { PhoneContext } from './context.js';
import { extractNumber } from './extract.js';
import type { NumberText } from './extract.js';
import { callingCodeAt, foreignIddPrefixes, isPossibleLength, maxNationalLength } from './metadata.js';
import type { CountryPlan } from './metadata.js';
import { e164Of, normalise } from './parse.js';

export type IndexKeyKind = 'number' | 'block' | 'extension';

export interface IndexKey {
  readonly key: string;
  readonly kind: IndexKeyKind;
}

export interface CandidateKeys {
  readonly exact: readonly string[];
  readonly variants: readonly string[];
  readonly prefixes: readonly string[];
  /** A caller ID of `internalLength` digits: the call comes from an extension. */
  readonly extension: boolean;
}

/** Shortest prefix key tried: below this a prefix says nothing about who calls. */
export const MIN_PREFIX_DIGITS = 6;
/** ITU-T E.164: an international number has at most 15 digits. */
const MAX_E164_DIGITS = 15;
/** Caller IDs may come as long SIP name-addrs; bounded all the same. */
const MAX_CALLER_ID_LENGTH = 512;

const EMPTY: CandidateKeys = Object.freeze({ exact: [], variants: [], prefixes: [], extension: false });

export const extensionKey = (digits: string): string => `x${digits}`;

/** A possible national-number length of the context's own country. */
const national = (plan: CountryPlan, length: number): boolean => plan.nationalLengths.includes(length);

/** `variants` and the readings after another country's international prefix (`00 61 …` where `0011` is the own). */
function foreignIddReadings(digits: string, plan: CountryPlan, exact: readonly string[], variants: string[]): string[] {
  for (const p of foreignIddPrefixes(digits, plan)) {
    const rest = digits.slice(p.length);
    const code = callingCodeAt(rest);
    if (code !== undefined && isPossibleLength(code, rest.length - code.length) && !exact.includes(rest) && !variants.includes(rest)) variants.push(rest);
  }
  return variants;
}

/** Plausible E.164 digit readings of a number's digits, without a number parser. */
function readings(text: NumberText, ctx: PhoneContext): { exact: string[]; variants: string[] } {
  const { digits } = text;
  if (text.plus) return { exact: [digits], variants: [] };
  const plan = planOf(ctx);
  const idd = plan.iddPattern.exec(digits);
  if (idd && idd[0].length > 0 && digits.length > idd[0].length) {
    const exact = [digits.slice(idd[0].length)];
    return { exact, variants: foreignIddReadings(digits, plan, exact, []) };
  }
  const cc = plan.callingCode;
  const exact: string[] = [];
  const variants: string[] = [];
  const trunk = plan.trunkPattern?.exec(digits)?.[0] ?? '';
  if (plan.trunkTransform) {
    // Rare plans that rewrite numbers (AR, BR, NANP islands…): the parser (cached) reads them.
    const n = normalise(digits, ctx);
    if (n.ok && n.reading !== 'international-without-plus') exact.push(n.e164.slice(1));
  } else if (trunk !== '' && national(plan, digits.length - trunk.length)) {
    exact.push(cc + digits.slice(trunk.length));
  } else if (national(plan, digits.length)) {
    exact.push(cc + digits);
  }
  if (ctx.defaultAreaCode !== '' && trunk === '' && national(plan, ctx.defaultAreaCode.length + digits.length)) {
    const local = cc + ctx.defaultAreaCode + digits;
    if (!exact.includes(local)) variants.push(local);
  }
  const foreign = callingCodeAt(digits);
  if (foreign !== undefined && isPossibleLength(foreign, digits.length - foreign.length) && !exact.includes(digits)) variants.push(digits);
  return { exact, variants: foreignIddReadings(digits, plan, exact, variants) };
}

/**
 * The E.164 digits of a block stem. A stem is shorter than a number by nature, so no
 * length check: `+` / IDD / trunk prefix are read as usual, bare digits as national.
 */
function stemReading(stem: string, plus: boolean, ctx: PhoneContext): string {
  if (plus) return stem;
  const plan = planOf(ctx);
  const idd = plan.iddPattern.exec(stem);
  if (idd && idd[0].length > 0 && stem.length > idd[0].length) return stem.slice(idd[0].length);
  const trunk = plan.trunkPattern?.exec(stem)?.[0] ?? '';
  return plan.callingCode + stem.slice(trunk.length);
}

/** At most this many digits missing from an unmarked block stem (`555-01` for `555-01xx`). */
const MAX_BLOCK_DIGITS = 4;

/**
 * A number block written without a marker, with whatever punctuation: `+1 (415) 555-01`
 * for the lines 555-0100 to 555-0199. It is one to four digits short of the longest
 * number of its plan, so every caller ID that starts with it is in the
 * block (its value is no number, so `e164Of` gave none). `undefined` for anything else.
 */
function unmarkedStem(stem: string): string | undefined {
  const cc = callingCodeAt(stem);
  if (cc === undefined || stem.length < MIN_PREFIX_DIGITS) return undefined;
  const national = stem.length - cc.length;
  const max = maxNationalLength(cc);
  return national < max && national >= max - MAX_BLOCK_DIGITS ? stem : undefined;
}

function prefixesOf(keys: readonly string[], skip: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const key of keys) {
    for (let n = key.length - 1; n >= MIN_PREFIX_DIGITS; n--) {
      const p = key.slice(0, n);
      if (!skip.has(p) && !out.includes(p)) out.push(p);
    }
  }
  return out;
}

/** The keys to look up for a caller ID: exact, variant and prefix tiers (R6.6). */
export function candidateKeys(callerId: string, ctx: PhoneContext): CandidateKeys {
  const extracted = extractNumber(callerId, MAX_CALLER_ID_LENGTH);
  if (!extracted.ok) return EMPTY;
  const text = extracted.value;
  if (text.starHash || text.digits.length > MAX_E164_DIGITS + 4) return EMPTY;
  if (!text.plus && text.digits.length === ctx.internalLength) {
    return { exact: [extensionKey(text.digits)], variants: [], prefixes: [], extension: true };
  }
  const { exact, variants } = readings(text, ctx);
  const keep = (k: string): boolean => k.length <= MAX_E164_DIGITS && k.length > MIN_PREFIX_DIGITS - 1;
  const e = exact.filter(keep);
  const v = variants.filter(keep);
  const prefixes = prefixesOf(e.length > 0 ? e : v, new Set([...e, ...v]));
  return { exact: e, variants: v, prefixes, extension: false };
}

/** Every key of one lookup, exact first: what goes in `WHERE key IN (…)`. */
export const allKeys = (c: CandidateKeys): string[] => [...c.exact, ...c.variants, ...c.prefixes];

/**
 * Whether a stored key can be a proper prefix of a longer caller ID: true for a number
 * shorter than the longest its plan allows (and for an unknown calling code, to be
 * safe); false for extensions and full-length numbers. Block keys are always prefixes
 * and are marked so by their kind, not by this.
 */
export function canBePrefix(key: string): boolean {
  if (key.startsWith('x')) return false;
  const cc = callingCodeAt(key);
  if (cc === undefined) return true;
  const max = maxNationalLength(cc);
  return max === 0 || key.length - cc.length < max;
}

/** The index flag of a stored key: matched by prefix keys of longer caller IDs. */
export const isPrefixRow = (k: IndexKey): boolean => k.kind === 'block' || (k.kind === 'number' && canBePrefix(k.key));

/**
 * One lookup's keys in order — exact, variants, prefixes that any row may match — and
 * from `prefixOnlyFrom` on, the prefix keys that only prefix rows (`isPrefixRow`) can
 * match, so a lookup may search them in the small index of those rows.
 */
export function lookupKeys(c: CandidateKeys): { keys: string[]; prefixOnlyFrom: number } {
  const keys = [...c.exact, ...c.variants];
  const prefixOnly: string[] = [];
  for (const p of c.prefixes) (canBePrefix(p) ? prefixOnly : keys).push(p);
  const prefixOnlyFrom = keys.length;
  keys.push(...prefixOnly);
  return { keys, prefixOnlyFrom };
}

/** The keys stored in the index for one CRM phone value (see the module comment). */
export function indexKeysFor(raw: string, ctx: PhoneContext): IndexKey[] {
  const extracted = extractNumber(raw);
  if (!extracted.ok) return [];
  const text = extracted.value;
  if (!text.plus && !text.starHash && text.blockStem === undefined && text.digits.length === ctx.internalLength) {
    return [{ key: extensionKey(text.digits), kind: 'extension' }];
  }
  const keys: IndexKey[] = [];
  const e164 = e164Of(raw, ctx);
  const stem = text.blockStem !== undefined ? stemReading(text.blockStem, text.plus, ctx)
    : e164 === null ? unmarkedStem(stemReading(text.digits, text.plus, ctx)) : undefined;
  if (e164 !== null && e164.slice(1) !== stem) keys.push({ key: e164.slice(1), kind: 'number' });
  if (stem !== undefined && stem.length >= MIN_PREFIX_DIGITS && stem.length < MAX_E164_DIGITS) keys.push({ key: stem, kind: 'block' });
  return keys;
}
