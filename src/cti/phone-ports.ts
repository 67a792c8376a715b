/**
 * The CTI ports backed by the real phone-number module (src/phone): the dialling rules of
 * the site's location (R3.3, R3.4, R6.5) as a `NumberPlan`, and the caller-ID matcher
 * (R6.6) over an injected index lookup (one indexed query in the database) as a
 * `CallerIdMatcher`. Both read their settings through a function at every call, so an
 * admin's change applies to the next call without a restart (R3.2).
 */
import {
  contextOfLocation, formatCanonical, matchCallerIdAsync, normalise, translate, validateTypedNumber,
  type AsyncIndexLookup, type CallKind, type Location,
} from '../phone/index.js';
import type { CallerIdMatcher, NumberKind, NumberParse, NumberPlan } from './ports.js';

const KIND: Readonly<Record<CallKind, NumberKind>> = {
  internal: 'extension',
  local: 'local',
  national: 'national',
  international: 'international',
  emergency: 'local',
};

const viaRules = (input: string, loc: Location): NumberParse => {
  const t = translate(input, loc);
  if (!t.ok) return { ok: false, reason: t.reason };
  const e164 = t.e164 ?? null;
  const canonical = e164 === null ? (t.kind === 'internal' ? t.dialable : null) : formatCanonical(e164);
  return { ok: true, e164, canonical, dialable: t.dialable, kind: KIND[t.kind] };
};

export const createPhoneNumberPlan = (location: () => Location): NumberPlan => ({
  parse(input) {
    const loc = location();
    // R6.5: the call screen takes digits and spaces, or the canonical form; nothing else.
    const typed = validateTypedNumber(input, contextOfLocation(loc));
    if (!typed.ok) return { ok: false, reason: typed.reason };
    return viaRules(input, loc);
  },
  parseStored(value) {
    // R5.4: a value stored on a record may be in any format; dialling ignores the rest.
    return viaRules(value, location());
  },
  fromNetwork(raw) {
    const loc = location();
    const ctx = contextOfLocation(loc);
    const digits = raw.replace(/\D/g, '');
    if (!raw.trim().startsWith('+')) {
      if (digits.length === loc.internalLength) return viaRules(digits, loc);
      // Where the outside line is the international prefix's first digit (0 and 00 in
      // Germany), `0044 …` is either a caller ID after the international prefix or an
      // echoed dial string (`0` + `044 …`). The dial string wins when it is a valid
      // number (`0 0151 …`, a German mobile, is no American `+1 51 …`); else the caller ID.
      const asIs = normalise(raw, ctx);
      const international = asIs.ok && asIs.reading === 'idd' ? asIs : undefined;
      // A dialled string as the phone system echoes it: drop the outside-line prefix.
      for (const prefix of [loc.outsidePrefixLongDistance, loc.outsidePrefixLocal]) {
        if (prefix !== '' && digits.startsWith(prefix) && digits.length > loc.internalLength + prefix.length) {
          const rest = digits.slice(prefix.length);
          const idd = loc.internationalPrefix;
          const dialled = idd !== '' && rest.startsWith(idd) ? `+${rest.slice(idd.length)}` : rest;
          const read = normalise(dialled, ctx);
          if (international !== undefined && !(read.ok && read.valid) && (international.valid || !read.ok)) return viaRules(international.e164, loc);
          return this.fromNetwork(dialled);
        }
      }
    }
    const n = normalise(raw, ctx);
    if (!n.ok) return { ok: false, reason: n.reason };
    return viaRules(n.e164, loc);
  },
});

export const createCallerIdMatcher = (location: () => Location, lookup: AsyncIndexLookup): CallerIdMatcher => ({
  async match(callerId) {
    const r = await matchCallerIdAsync(callerId, contextOfLocation(location()), lookup);
    return { internal: r.internal, matches: r.matches };
  },
});
