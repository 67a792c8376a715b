/**
 * Identifiers: branch (RFC 3261 §8.1.1.7: unique across space and time, with the magic
 * cookie), tags (§19.3: at least 32 bits of randomness), Call-IDs (§8.1.1.4).
 * Drawn from a CSPRNG in batches, 96 bits each: not guessable, no collisions.
 */
import { randomBytes } from 'node:crypto';
import { MAGIC_COOKIE } from './sip-message.js';

const POOL_IDS = 512;
const BYTES = 12;
let pool = Buffer.alloc(0);
let offset = 0;

const randomId = (): string => {
  if (offset + BYTES > pool.length) {
    pool = randomBytes(POOL_IDS * BYTES);
    offset = 0;
  }
  const s = pool.toString('base64url', offset, offset + BYTES);
  offset += BYTES;
  return s;
};

export const newBranch = (): string => `${MAGIC_COOKIE}${randomId()}`;
export const newTag = (): string => randomId();
export const newCallId = (): string => randomId();
