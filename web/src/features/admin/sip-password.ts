/**
 * A user's SIP password as the admin page shows it (docs/sip.md): the server only says
 * whether one is stored and whether it was made for another realm or device name (then
 * it must be set again); the password itself is write-only.
 */
import type { AdminUser } from './api/admin-api.js';

export type SipPasswordState = 'set' | 'not-set' | 'stale';

export const sipPasswordState = (u: Pick<AdminUser, 'sipPasswordSet' | 'sipPasswordStale'>): SipPasswordState =>
  u.sipPasswordStale ? 'stale' : u.sipPasswordSet ? 'set' : 'not-set';

export const MIN_SIP_PASSWORD_LENGTH = 8;

/** What keeps the password from being sent, checked again by the server. */
export const sipPasswordProblem = (password: string, savedDevice: string | null): 'needs-device' | 'too-short' | null => {
  if (!savedDevice) return 'needs-device';
  return password.length < MIN_SIP_PASSWORD_LENGTH ? 'too-short' : null;
};
