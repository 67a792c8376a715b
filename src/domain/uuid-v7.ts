/**
 * UUIDv7 (RFC 9562 §5.7): 48 bits of Unix time in milliseconds, then version, 12 bits of
 * a per-millisecond counter seeded at random, variant, and 62 random bits. Time-ordered (good
 * for indexes) and unique for ever: the ids of calls, legs and conversations never repeat
 * across restarts, unlike a phone system's own refs (issue 12). Node 20's crypto has
 * randomUUID (v4) only; this needs the global Web Crypto `getRandomValues` and nothing else.
 */
let lastMs = -1;
let counter = 0;

export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  // Monotonic within one millisecond (RFC 9562 §6.2, method 1: a 12-bit counter in rand_a).
  let ms = Math.max(now, lastMs);
  if (ms === lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      ms += 1;
      counter = (bytes[6] ?? 0) & 0x7f;
    }
  } else {
    counter = (((bytes[6] ?? 0) & 0x07) << 8) | (bytes[7] ?? 0);
  }
  lastMs = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
