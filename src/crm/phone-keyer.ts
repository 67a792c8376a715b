/**
 * How the CRM turns a phone value, as typed, into what it stores for search and
 * caller-ID matching. The number logic itself is `src/phone` (pure); this port lets the
 * CRM layer be tested and reconfigured (default country changed → new keyer + reindex).
 */
export interface PhoneKeys {
  e164: string | null;
  /**
   * Caller-ID index keys: E.164 digits without '+'; `block` = a number block's stem;
   * `prefix` = a longer caller ID can start with it (a block, or a number its plan
   * allows to be longer: the database computes the same flag when it labels a row).
   */
  keys: Array<{ key: string; block: boolean; prefix: boolean }>;
}

export interface PhoneKeyer {
  keys(raw: string): PhoneKeys;
}

export const digitsOf = (raw: string): string => raw.replace(/\D+/g, '');
export const reversed = (s: string): string => [...s].reverse().join('');
