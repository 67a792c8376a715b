/**
 * Display formats (R5.4, R6.4):
 * - TAPI canonical address `+CC (AREA) SUBSCRIBER`, e.g. `+44 (161) 5527789`: country
 *   code, the area code in brackets where the country has one (rule in area.ts), then
 *   the subscriber digits without separators; `+45 32123456` in a closed plan.
 * - the national format of the number's own country (`0161 552 7789`, `(212) 736-4440`).
 * Both take an E.164 string (`+` and digits) and return `null` for anything else.
 */
import { parseWith, partsOf } from './parse.js';
import type { PhoneNumberParts } from './parse.js';

const E164 = /^\+[1-9][0-9]{3,14}$/;
const CACHE_LIMIT = 2000;
const cache = new Map<string, PhoneNumberParts | null>();

/** The parts of an E.164 number (cached), or `null` when it is not one. */
export function partsOfE164(e164: string): PhoneNumberParts | null {
  if (typeof e164 !== 'string' || !E164.test(e164)) return null;
  const hit = cache.get(e164);
  if (hit !== undefined) return hit;
  const pn = parseWith(e164);
  const parts = pn && pn.isPossible() ? (partsOf(pn, 'international') ?? null) : null;
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(e164, parts);
  return parts;
}

/** The canonical form of parts already at hand. */
export const canonicalOf = (parts: Pick<PhoneNumberParts, 'callingCode' | 'areaCode' | 'subscriber'>): string =>
  parts.areaCode === undefined
    ? `+${parts.callingCode} ${parts.subscriber}`
    : `+${parts.callingCode} (${parts.areaCode}) ${parts.subscriber}`;

/** `+441615527789` → `+44 (161) 5527789`. */
export function formatCanonical(e164: string): string | null {
  const parts = partsOfE164(e164);
  return parts ? canonicalOf(parts) : null;
}

/** `+441615527789` → `0161 552 7789` (the number's own country's national format). */
export function formatNational(e164: string): string | null {
  if (partsOfE164(e164) === null) return null;
  const pn = parseWith(e164);
  return pn ? pn.formatNational() : null;
}
